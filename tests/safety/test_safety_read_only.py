"""A library in a folder that cannot be written is still read; a FIFO is not a database.

A read-only data folder (a read-only mount, or another user's folder) used to refuse even
`list`, `stats` and `export`. Those commands now open it read-only and say so in one line on
stderr; commands that write are refused in one sentence, and nothing in the folder changes.
A FIFO given as the database was reported as a disk that "may be full"; it is refused as
what it is, without blocking on it.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.db import open_database
from models.errors import DataDirError
from models.paths import DB_FILENAME, resolve_location
from models.services.dto import ItemInput
from models.services.library import LibraryService
from tests.safety.safety_helpers import REPO, child_env, mount_tmpfs, remount, unmount


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=REPO,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def folder_digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def read_only_library(tmp_path: Path) -> Iterator[Path]:
    """A data folder holding a library with one item, then made read-only: a read-only
    tmpfs as root (chmod does not stop root), the folder's mode otherwise."""
    as_root = os.geteuid() == 0
    top = tmp_path / "disk"
    if as_root and not mount_tmpfs(top, "size=8m"):
        pytest.skip("mounting a tmpfs is not permitted here (as root, chmod stops nothing)")
    data = top / "ThreePass"
    try:
        db = open_database(resolve_location(data_dir=data))
        library = LibraryService(db)
        item = library.create_item(ItemInput(kind="paper", title="Attention Is All You Need"))
        library.save_note(item, 1, "只读也能看")
        db.close()
        if as_root:
            remount(top, "ro")
        else:
            data.chmod(0o555)
        yield data
    finally:
        if as_root:
            unmount(top)
        elif data.exists():
            data.chmod(0o755)


def test_read_commands_open_a_read_only_folder_and_say_so(read_only_library: Path) -> None:
    data = read_only_library
    before = folder_digest(data)
    listed = run_cli("--data-dir", str(data), "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [row["title"] for row in json.loads(listed.stdout)] == ["Attention Is All You Need"]
    assert listed.stderr.strip().splitlines() == [
        f"threepass: {data} cannot be written: the library was opened read-only."
    ]
    stats = run_cli("--data-dir", str(data), "stats")
    assert stats.returncode == 0, stats.stderr
    exported = run_cli("--data-dir", str(data), "export", "--json", "-")
    assert exported.returncode == 0, exported.stderr
    assert "只读也能看" in exported.stdout
    # a command that writes is refused in one sentence, before anything is changed
    changed = run_cli("--data-dir", str(data), "pass", "1", "1", "done")
    assert changed.returncode == 2
    assert len(changed.stderr.strip().splitlines()) == 1
    assert "not writable" in changed.stderr
    assert folder_digest(data) == before


def test_a_write_through_a_read_only_open_fails_in_one_sentence(read_only_library: Path) -> None:
    from models.db import open_read_only

    db = open_read_only(resolve_location(data_dir=read_only_library))
    try:
        library = LibraryService(db)
        assert [row.title for row in library.list_items()] == ["Attention Is All You Need"]
        with pytest.raises(DataDirError, match="read-only disk or folder; this change was not"):
            library.create_item(ItemInput(kind="paper", title="lost"))
    finally:
        db.close()


def test_a_fifo_given_as_the_database_is_refused_as_a_fifo(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    os.mkfifo(data / DB_FILENAME)
    with pytest.raises(DataDirError, match="is a named pipe, not a regular file"):
        open_database(resolve_location(data_dir=data))
    done = run_cli("--data-dir", str(data), "list")  # must not block on the pipe
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"threepass: The database {data / DB_FILENAME} is a named pipe, not a regular file; "
        "give the path of a ThreePass database file (or a data folder)."
    ]
