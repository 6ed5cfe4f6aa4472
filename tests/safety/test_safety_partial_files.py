"""Temp files of copies have one name, `.NAME.RANDOM.partial`, and one cleanup.

Every copy of the library (a backup, a pre-upgrade or pre-import copy, the rescue copy of a
library removed under the window) is written to such a temp file beside its target, with
the journal, WAL and shared-memory files SQLite makes beside it. A failure (a full disk)
removes all of them at once; a kill leaves them to the next backup's cleanup, which takes
the SQLite files with their temp file.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from models import atomic
from models.clock import FixedClock
from models.db import Database, open_database
from models.errors import StorageError, ThreePassError
from models.paths import resolve_location
from models.services.backup import BackupService, stale_partials
from models.services.dto import ItemInput
from models.services.library import LibraryService
from tests.safety.safety_helpers import mount_tmpfs, unmount


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".partial" in p.name)


def full_disk_connect(
    monkeypatch: pytest.MonkeyPatch, opened: list[Path]
) -> Callable[..., sqlite3.Connection]:
    """sqlite3.connect, except that a temp file's connection has room for one page only:
    SQLITE_FULL, as a full disk gives, on its first write."""
    real = sqlite3.connect

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn: sqlite3.Connection = real(database, *args, **kwargs)
        if str(database).endswith(".partial"):
            opened.append(Path(database))
            conn.execute("PRAGMA max_page_count = 1")
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    return connect


def some_items(db: Database, count: int = 30) -> None:
    library = LibraryService(db)
    for i in range(count):
        library.create_item(ItemInput(kind="paper", title=f"paper {i} " + "论文" * 200))


def test_the_rescue_copy_is_a_temp_file_like_the_others_and_leaves_nothing(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Database.save_copy (the window's "save a copy" when the library file was removed)
    wrote `NAME.partial`, which the cleanup (dot files only) never saw."""
    some_items(db)
    rescue = tmp_path / "rescue" / "threepass-rescued.sqlite3"
    rescue.parent.mkdir()
    opened: list[Path] = []
    full_disk_connect(monkeypatch, opened)
    with pytest.raises(StorageError) as caught:
        db.save_copy(rescue)
    assert "Cannot write the copy" in str(caught.value)
    assert len(opened) == 1
    assert opened[0].parent == rescue.parent
    assert opened[0].name.startswith(f".{rescue.name}.")  # the one naming: cleanable
    assert leftovers(rescue.parent) == []
    assert not rescue.exists()
    monkeypatch.undo()
    db.save_copy(rescue)
    assert leftovers(rescue.parent) == []
    assert sqlite3.connect(rescue).execute("SELECT count(*) FROM items").fetchone()[0] == 30


def test_a_backup_that_fails_for_a_full_disk_leaves_nothing_in_backups(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    some_items(db)
    service = BackupService.for_database(db)
    opened: list[Path] = []
    full_disk_connect(monkeypatch, opened)
    with pytest.raises(ThreePassError):
        service.create()
    assert opened
    assert all(p.parent == service.backup_dir for p in opened)
    assert not service.backup_dir.exists() or leftovers(service.backup_dir) == []


def test_a_temp_database_fill_that_fails_takes_its_sqlite_files_with_it(tmp_path: Path) -> None:
    """What a real full disk does after the pages are copied: the switch out of WAL mode
    creates `-wal` and `-shm` beside the temp file, then fails."""
    made: list[Path] = []

    def fill(partial: Path) -> None:
        for suffix in atomic.SQLITE_SIDECARS:
            Path(f"{partial}{suffix}").write_bytes(b"\0" * 512)
        made.append(partial)
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError, match="No space left on device"):
        atomic.write_database_with(tmp_path / "copy.sqlite3", fill)
    assert made
    assert leftovers(tmp_path) == []


def aged(path: Path, age_s: float = 3600) -> Path:
    path.write_bytes(b"\0" * 512)
    stamp = time.time() - age_s
    os.utime(path, (stamp, stamp))
    return path


def test_the_cleanup_takes_sqlite_files_with_their_temp_file_and_spares_a_running_copy(
    tmp_path: Path,
) -> None:
    """A killed copy leaves `.X.partial` and maybe `-journal`, `-wal`, `-shm` beside it, or
    those alone (its temp file already removed): all stale, all cleaned. The files of a
    temp file still being written (locked) or just started are kept."""
    killed = aged(tmp_path / ".threepass-20260301-090000.sqlite3.a1b2.partial")
    killed_wal = aged(Path(f"{killed}-wal"))
    killed_shm = aged(Path(f"{killed}-shm"))
    orphan = aged(tmp_path / ".threepass-20260228-090000.sqlite3.c3d4.partial-journal")
    running = aged(tmp_path / ".pre-upgrade-0008-20260302.sqlite3.e5f6.partial")
    running_wal = aged(Path(f"{running}-wal"))
    young = aged(tmp_path / ".threepass-20260302-085959.sqlite3.g7h8.partial", age_s=1)
    young_journal = aged(Path(f"{young}-journal"))
    other = aged(tmp_path / ".notes.partial-backup")  # not a temp file of ours
    with atomic.held_while_written(running):
        found = stale_partials(tmp_path)
    assert sorted(found) == sorted([killed, killed_wal, killed_shm, orphan])
    assert running_wal not in found
    assert young_journal not in found
    assert other not in found


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    target = tmp_path / "disk"
    if not mount_tmpfs(target, "size=8m"):
        pytest.skip("mounting a tmpfs is not permitted here (the page-limit tests cover it)")
    yield target
    unmount(target)


def test_a_backup_on_a_really_full_disk_leaves_no_partial_files(
    tiny_disk: Path, clock: FixedClock
) -> None:
    """A real 8 MB tmpfs: the library fits, its backup does not, at several fill levels
    (short of the pages, or of the WAL and shared memory the copy opens after them)."""
    data = tiny_disk / "ThreePass"
    db = open_database(resolve_location(data_dir=data))
    try:
        some_items(db, 120)
    finally:
        db.close()
    size = (data / "threepass.sqlite3").stat().st_size
    service = BackupService.for_location(resolve_location(data_dir=data), clock)
    service.backup_dir.mkdir()
    seen: list[str] = []
    for room in (size // 2, size - 4096, size + 4096, size + 40 * 1024):
        filler = tiny_disk / "filler"
        free = os.statvfs(tiny_disk)
        left = free.f_bavail * free.f_frsize - room
        with open(filler, "wb") as fh:
            try:
                while left > 0:
                    left -= fh.write(b"\0" * min(left, 1 << 16))
                    fh.flush()
            except OSError as err:
                if err.errno != errno.ENOSPC:
                    raise
        try:
            service.create()
        except ThreePassError as err:
            seen.append(type(err).__name__)
        else:
            seen.append("written")
        assert leftovers(service.backup_dir) == [], f"room {room}: {seen}"
        assert leftovers(data) == []
        filler.unlink()
        for backup in service.backup_dir.iterdir():
            backup.unlink()
    assert seen[0] != "written", seen
    print(f"\nbackups on a full tmpfs (library {size} bytes): {seen}")
