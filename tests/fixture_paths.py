"""Where the test fixtures live: in the repository, so a bare clone runs every test."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = REPO_ROOT / "tests" / "fixtures"

PAPER_README = FIXTURES / "paper-reading" / "README.md"
PAPER_HISTORY = FIXTURES / "paper-reading" / "history"
FASTAI_SITE = FIXTURES / "course-fast-ai"
STUDY_NOTES = FIXTURES / "notes" / "study-notes.md"


def require(path: Path) -> Path:
    """A missing fixture fails the test with its path (never a skip: it belongs to the repo)."""
    assert path.exists(), f"fixture missing from the repository: {path.relative_to(REPO_ROOT)}"
    return path
