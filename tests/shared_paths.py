"""Where the shared fixtures are: ../shared beside the repository, or THREEPASS_SHARED_DIR."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("THREEPASS_SHARED_DIR") or REPO_ROOT.parent / "shared")
