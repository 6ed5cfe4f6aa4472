"""What earlier runs leave in the data folder: pre-import copies and killed copies' temp files.

Copies made before `import json --replace` are backups like the others: listed (kind
pre-import, "Before an import" in the window) and rotated to the newest five, the import's
summary naming the ones it deleted. A backup killed mid-copy leaves its `.partial` temp file:
the next backup deletes such leftovers, never one that another process is still writing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.app import main
from desktop.main_window import MainWindow
from desktop.safety.backups_model import kind_label
from models.clock import FixedClock
from models.db import Database
from models.services.backup import KEEP_PRE_IMPORT, PRE_IMPORT, BackupService
from models.services.dto import ItemInput
from models.services.library import LibraryService
from models.services.transfer import TransferService
from tests.safety.conftest import controller_of
from tests.safety.safety_helpers import LineReader


def test_pre_import_copies_are_listed_and_rotated(
    db: Database, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    LibraryService(db, clock).create_item(ItemInput(kind="paper", title="Attention"))
    service = BackupService.for_database(db, clock)
    transfer = TransferService(db, clock)
    doc = transfer.export_document()
    service.backup_dir.mkdir()
    # a copy named as earlier versions named them (microseconds in the stamp)
    legacy = service.backup_dir / "pre-import-20260301-080000-123456.sqlite3"
    shutil.copyfile(service.db_path, legacy)
    made = []
    summaries = []
    for _ in range(KEEP_PRE_IMPORT + 1):
        summary = transfer.import_document(doc, replace=True)
        assert summary.backup is not None
        made.append(summary.backup)
        summaries.append(summary)
        clock.advance(minutes=1)
    listed = [b for b in service.list_backups() if b.kind == PRE_IMPORT]
    assert [b.path for b in listed] == made[::-1][:KEEP_PRE_IMPORT]
    # the 5th import's copy made six: the legacy one went; the 6th's made the 1st go
    assert summaries[4].rotated == (legacy,)
    assert summaries[5].rotated == (made[0],)
    assert f"were deleted: {made[0].name}." in summaries[5].describe()
    assert not legacy.exists()
    assert not made[0].exists()
    assert kind_label(PRE_IMPORT) == "Before an import"

    capsys.readouterr()
    assert main(["--data-dir", str(service.db_path.parent), "backup", "--list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["path"] for row in rows if row["kind"] == PRE_IMPORT] == [
        str(p) for p in made[::-1][:KEEP_PRE_IMPORT]
    ]


def partial(folder: Path, name: str, age_s: float) -> Path:
    """A temp file as models/atomic.py names them, last written `age_s` seconds ago."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f".{name}.x1y2z3{'.partial'}"
    path.write_bytes(b"SQLite format 3\x00" + b"\0" * 4080)
    stamp = time.time() - age_s
    os.utime(path, (stamp, stamp))
    return path


def hold_lock(path: Path) -> subprocess.Popen[bytes]:
    """Another process holding the lock a running copy holds on its temp file."""
    code = (
        "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDONLY); "
        "fcntl.flock(fd, fcntl.LOCK_EX); os.write(1, b'locked\\n'); sys.stdin.read()"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert child.stdout is not None
    assert LineReader(child.stdout).readline() == "locked"
    return child


@pytest.mark.skipif(sys.platform == "win32", reason="flock: the lock test is POSIX only")
def test_next_backup_deletes_leftover_partials_but_not_one_being_written(
    db: Database, clock: FixedClock
) -> None:
    service = BackupService.for_database(db, clock)
    backups, data = service.backup_dir, service.db_path.parent
    killed = partial(backups, "threepass-20260301-090000.sqlite3", age_s=3600)
    killed_restore = partial(data, "threepass.sqlite3", age_s=3600)
    just_started = partial(backups, "threepass-20260302-085959.sqlite3", age_s=1)
    in_progress = partial(backups, "pre-upgrade-0008-20260302-085000.sqlite3", age_s=3600)
    writer = hold_lock(in_progress)
    try:
        info = service.create()
        assert not killed.exists()
        assert not killed_restore.exists()
        assert just_started.exists()
        assert in_progress.exists()
    finally:
        assert writer.stdin is not None
        writer.stdin.close()
        writer.wait(timeout=30)
    assert info.path.exists()
    # once its writer is gone (killed), the next backup cleans it up as well
    clock.advance(days=1)
    service.create()
    assert not in_progress.exists()
    assert just_started.exists()


def test_the_app_cleans_leftovers_at_its_first_check(
    db: Database, make_window: Callable[[Database], MainWindow], qtbot: QtBot
) -> None:
    """The first check after start (a minute in) deletes leftovers before any backup."""
    service = BackupService.for_database(db)
    killed = partial(service.backup_dir, "threepass-20260301-090000.sqlite3", age_s=3600)
    window = make_window(db)
    controller = controller_of(window)
    controller._first_check.setInterval(0)  # a minute in the app: now in the test
    controller._first_check.start()
    qtbot.waitUntil(lambda: not killed.exists())
    controller.wait()
