"""scripts/demo_data.py: when a step fails the user sees why, in one line, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.fixture_paths import REPO_ROOT

DEMO = REPO_ROOT / "scripts" / "demo_data.py"


def run_demo(target: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(DEMO), str(target)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=300,
    )


def test_a_failing_import_shows_the_childs_message_and_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    target = blocker / "demo"  # the child cannot create its data folder inside a file

    run = run_demo(target)

    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    # The child's own explanation reaches the user ...
    assert any(line.startswith("threepass: ") and str(target) in line for line in lines), lines
    # ... followed by one line that says which step failed.
    assert lines[-1].startswith(f"demo_data: could not build the demo library in {target}: ")
    assert "import paper-reading" in lines[-1]
    assert "exit code 2" in lines[-1]
    assert not target.exists()


def test_a_folder_that_already_has_a_library_is_refused(tmp_path: Path) -> None:
    (tmp_path / "threepass.sqlite3").write_bytes(b"")

    run = run_demo(tmp_path)

    assert run.returncode == 2
    assert "already has a library" in run.stderr
    assert (tmp_path / "threepass.sqlite3").read_bytes() == b""
