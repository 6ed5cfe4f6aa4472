"""A clone stands alone: its tests and the README's demo command need nothing beside it.

The checkout's files (what `git ls-files` lists, so uncommitted new files count too) are
copied into an empty folder with no siblings; a fixture-reading test and the demo command
then run there in real subprocesses, importing the copy's own modules.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.fixture_paths import REPO_ROOT

FIXTURE_TEST = "tests/importers/test_paper_reading.py::test_fixture_counts"
# Written into the copy only: checks, inside the child pytest, where the code came from.
WHERE_FROM = """
from pathlib import Path

from tests import fixture_paths
import importers
import models


def test_the_copy_is_what_runs() -> None:
    here = Path.cwd().resolve()
    for module in (models, importers, fixture_paths):
        assert Path(module.__file__).resolve().is_relative_to(here), module.__file__
"""


def tracked_files(repo: Path) -> list[str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed: cannot list the checkout's files")
    listed = subprocess.run(
        ["git", "-C", str(repo), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        text=True,
    )
    if listed.returncode != 0:
        pytest.skip(f"{repo} is not a git checkout: {listed.stderr.strip()}")
    return [name for name in listed.stdout.split("\0") if name]


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The checkout's files alone in a folder: no `shared` (or anything else) beside them."""
    target = tmp_path_factory.mktemp("alone") / "threepass"
    for name in tracked_files(REPO_ROOT):
        source = REPO_ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is not copied
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    assert [p.name for p in target.parent.iterdir()] == ["threepass"]
    return target


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTEST_ADDOPTS")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def test_the_copy_has_its_fixtures_and_their_licences(clone: Path) -> None:
    assert not (clone.parent / "shared").exists()
    fixtures = clone / "tests" / "fixtures"
    for name in (
        "paper-reading/README.md",
        "paper-reading/LICENSE",
        "paper-reading/FIXTURE.md",
        "course-fast-ai/index.html",
        "course-fast-ai/Lessons/lesson1.html",
        "course-fast-ai/expected-lessons.json",
        "course-fast-ai/LICENSE",
        "notes/study-notes.md",
        "notes/README.md",
    ):
        assert (fixtures / name).is_file(), f"{name} is not tracked (ignored by .gitignore?)"
    assert (clone / "LICENSE").is_file()
    assert (clone / "NOTICE").is_file()


def test_a_fixture_test_passes_in_the_copy(clone: Path) -> None:
    probe = clone / "tests" / "importers" / "test_where_from.py"
    probe.write_text(WHERE_FROM, encoding="utf-8")
    try:
        tests = [FIXTURE_TEST, str(probe.relative_to(clone))]
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
            capture_output=True,
            text=True,
            cwd=clone,
            env=child_env(),
            timeout=300,
        )
    finally:
        probe.unlink()
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 passed" in run.stdout, run.stdout


def test_the_readme_demo_command_works_in_the_copy(clone: Path, tmp_path: Path) -> None:
    data = tmp_path / "demo"
    run = subprocess.run(
        [sys.executable, "scripts/demo_data.py", str(data), "--today", "2026-03-02"],
        capture_output=True,
        text=True,
        cwd=clone,
        env=child_env(),
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert (data / "threepass.sqlite3").is_file()
    listed = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data), "list", "--json"],
        capture_output=True,
        text=True,
        cwd=clone,
        env=child_env(),
        timeout=120,
    )
    assert listed.returncode == 0, listed.stderr
    sources = Counter(item["source"] for item in json.loads(listed.stdout))
    assert sources["fastai"] == 28  # the 26 lesson pages and the two YouTube-only bonuses
    assert sources["paper-reading"] > 0
    assert sources["notes"] > 0
