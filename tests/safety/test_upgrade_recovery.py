"""Getting out of a library an older ThreePass left half-upgraded, and the pre-upgrade copies.

Before upgrades ran in one transaction, a kill during one left the next revision's first
index under the old revision number: every start failed with "index … already exists",
each failed start added a pre-upgrade copy of that file, and "Move aside and restore
newest backup" restored that copy, failed again, and added another, on every click.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from desktop.safety.startup import Choice, recover_at_startup
from models import migrate
from models.clock import FixedClock
from models.db import backup_before_upgrade, open_database
from models.errors import CorruptDatabaseError, ThreePassError
from models.paths import DB_FILENAME, resolve_location
from models.services.backup import (
    KEEP_PRE_UPGRADE,
    PRE_UPGRADE,
    BackupInfo,
    BackupService,
    pre_upgrade_name,
)
from models.services.library import LibraryService
from tests.migration_support import database_at, library_rows, revision_of, row_counts

HEAD = migrate.head_revision()


def half_upgraded(directory: Path) -> Path:
    """A 0001 library whose upgrade cannot succeed: a table holds the name of 0002's first
    index. (What a kill left with the old upgrade, 0002's first index itself, now upgrades
    in place: tests/safety/test_half_upgraded_files.py.)"""
    path = database_at(directory, "0001", library_rows(30, "0001"))
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE ix_item_tags_tag_id (stray INTEGER)")
    conn.close()
    return path


def test_restore_newest_backup_does_not_loop_on_a_copy_that_cannot_open(
    tmp_path: Path, clock: FixedClock
) -> None:
    data = tmp_path / "data"
    good = database_at(tmp_path / "good", HEAD, library_rows(5, HEAD))
    backups = data / "backups"
    backups.mkdir(parents=True)
    shutil.copy(good, backups / "threepass-20260101-080000.sqlite3")
    path = half_upgraded(data)
    # the copy an older version made of the half-upgraded file before failing: the newest
    shutil.copy(path, backups / pre_upgrade_name("0001", datetime(2026, 3, 1, 9)))
    location = resolve_location(data_dir=data)
    with pytest.raises(CorruptDatabaseError, match="already a table named") as caught:
        open_database(location)
    offered: list[Path | None] = []

    def restore_while_offered(
        _err: ThreePassError, backup: BackupInfo | None, recoverable: bool
    ) -> Choice:
        offered.append(backup.path if backup else None)
        if backup is None or len(offered) > 5:
            return Choice.QUIT
        return Choice.RESTORE

    db = recover_at_startup(caught.value, location, clock, ask=restore_while_offered)
    assert db is not None, f"gave up after offering {offered}"
    try:
        assert LibraryService(db).count() == 5  # the good backup's library
    finally:
        db.close()
    assert [p.name if p else None for p in offered] == [
        "pre-upgrade-0001-20260301-090000.sqlite3",  # tried once: it cannot be upgraded
        "threepass-20260101-080000.sqlite3",
    ]
    assert len(list(backups.glob("*.sqlite3"))) == 2, "a copy added by the failed attempt"
    assert len(list(data.glob(f"{DB_FILENAME}.damaged-*"))) == 2  # kept, never deleted


def test_a_failed_upgrade_reuses_its_pre_upgrade_copy(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = half_upgraded(data)
    location = resolve_location(data_dir=data)
    for _start in range(3):
        with pytest.raises(CorruptDatabaseError):
            open_database(location)
    copies = list((data / "backups").glob(f"{PRE_UPGRADE}-*"))
    assert len(copies) == 1  # one per revision step, not one per failed start
    assert revision_of(path) == "0001"
    assert row_counts(path)["items"] == 30


def test_pre_upgrade_copies_are_rotated_and_never_written_over(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = database_at(data, "0007", library_rows(3, "0007"))
    backups = data / "backups"
    backups.mkdir()
    at = datetime(2026, 3, 1, 9)
    for day, revision in enumerate(("0003", "0004", "0005", "0006"), start=1):
        shutil.copy(path, backups / pre_upgrade_name(revision, at.replace(day=day)))
    # a damaged file under the name the new copy would take: kept as it is, never replaced
    clock = FixedClock(datetime(2026, 3, 9, 9))
    taken = backups / pre_upgrade_name("0007", clock.now())
    taken.write_bytes(b"not a database")
    made = BackupService(path, clock).before_upgrade("0007")
    assert made.path.name == pre_upgrade_name("0007", clock.now(), 2)
    assert taken.read_bytes() == b"not a database"
    left = {p.name for p in backups.glob(f"{PRE_UPGRADE}-*.sqlite3")}
    newest_older = pre_upgrade_name("0006", at.replace(day=4))
    assert left == {made.path.name, taken.name, newest_older}
    assert len(left) == KEEP_PRE_UPGRADE
    # the next attempt at the same step reuses the healthy copy
    assert backup_before_upgrade(path, "0007") == made.path
