"""Backups and restore on real files: the service, the rotation on disk and the CLI."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop.app import main
from models import migrate
from models.clock import FixedClock
from models.db import Database, make_engine, open_database
from models.errors import CorruptDatabaseError, DatabaseTooNewError, ValidationError
from models.paths import resolve_location
from models.services.backup import AUTOMATIC, PRE_RESTORE, BackupService, inspect_database
from models.services.dto import ItemInput
from models.services.library import LibraryService
from models.services.settings import SettingsService
from tests.safety.safety_helpers import db_file, integrity


def titles_in(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT title FROM items ORDER BY id")]
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add(db: Database, title: str) -> int:
    return LibraryService(db).create_item(ItemInput(kind="course_video", title=title))


def test_backup_is_a_consistent_self_contained_copy(db: Database, clock: FixedClock) -> None:
    add(db, "Transformer 论文逐段精读")
    service = BackupService.for_database(db, clock)
    # Another connection is in the middle of a write: the backup holds only committed data.
    other = sqlite3.connect(db_file(service.db_path.parent), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO tags (name) VALUES ('uncommitted')")
    info = service.create()
    other.execute("ROLLBACK")
    other.close()
    assert info.path == service.backup_dir / "threepass-20260302-090000.sqlite3"
    assert info.kind == AUTOMATIC
    assert info.size == info.path.stat().st_size > 0
    assert titles_in(info.path) == ["Transformer 论文逐段精读"]
    with sqlite3.connect(info.path) as copy:
        assert copy.execute("SELECT count(*) FROM tags").fetchone()[0] == 0
    assert integrity(info.path) == "ok"
    conn = sqlite3.connect(info.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file, no WAL
    conn.close()
    assert not list(service.backup_dir.glob("*.partial"))
    assert inspect_database(info.path) == migrate.head_revision()


def test_daily_backups_over_forty_days_are_rotated(db: Database, clock: FixedClock) -> None:
    add(db, "ResNet")
    service = BackupService.for_database(db, clock)
    made = 0
    for _ in range(40):
        if service.is_due():
            service.create()
            made += 1
        clock.advance(hours=8)  # three checks a day, one backup
        if service.is_due():
            service.create()
            made += 1
        clock.advance(hours=16)
    assert made == 40
    kept = service.list_backups()
    assert all(b.kind == AUTOMATIC for b in kept)
    days = sorted({b.created.date() for b in kept})
    assert len(days) == len(kept)  # at most one per day
    newest = clock.now().date() - timedelta(days=1)
    assert days[-7:] == [newest - timedelta(days=n) for n in range(6, -1, -1)]
    # Backups ran Mar 2 .. Apr 10 (a Friday): the dailies cover Apr 4-10, the weeklies add
    # the newest of ISO weeks 13 and 12 (weeks 15 and 14 end inside the dailies).
    assert days[:-7] == [date(2026, 3, 22), date(2026, 3, 29)]
    assert service.is_due()  # a day after the last one
    service.create()
    assert not service.is_due()


def test_backup_to_a_file_refuses_to_overwrite(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    add(db, "GPT")
    service = BackupService.for_database(db, clock)
    target = tmp_path / "copy.sqlite3"
    service.create(target)
    assert titles_in(target) == ["GPT"]
    with pytest.raises(ValidationError, match="already exists"):
        service.create(target)
    assert service.list_backups() == []  # a chosen file is not part of the rotation


def test_restore_backs_up_first_then_replaces(db: Database, clock: FixedClock) -> None:
    add(db, "BERT")
    service = BackupService.for_database(db, clock)
    backup = service.create()
    add(db, "written after the backup")
    clock.advance(minutes=5)
    result = service.restore(Path(backup.path.name))  # a bare name from backups/ works
    assert result.restored_from == backup.path
    assert result.moved_aside is None
    assert result.safety_copy is not None
    assert titles_in(result.safety_copy) == ["BERT", "written after the backup"]
    assert [b.kind for b in service.list_backups()] == [PRE_RESTORE, AUTOMATIC]
    # The open app sees the restored data on its next query (no reopen needed).
    assert [r.title for r in LibraryService(db).list_items()] == ["BERT"]
    assert integrity(service.db_path) == "ok"


def test_restore_upgrades_an_older_backup(db: Database, clock: FixedClock, tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{old}")
    migrate.upgrade(engine, "0001")
    engine.dispose()
    assert inspect_database(old) == "0001"
    BackupService.for_database(db, clock).restore(old)
    assert inspect_database(db_file(db.path.parent)) == migrate.head_revision()  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("content", "error", "words"),
    [
        (b"just some notes\n", CorruptDatabaseError, "not an SQLite file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(4000), CorruptDatabaseError, "not an SQLite file"),
        ("foreign", CorruptDatabaseError, "not a ThreePass one"),
        ("newer", DatabaseTooNewError, "newer version"),
        ("damaged", CorruptDatabaseError, "damaged"),
    ],
)
def test_restore_refuses_files_that_are_not_threepass_databases(
    db: Database, clock: FixedClock, tmp_path: Path, content: object, error: type, words: str
) -> None:
    add(db, "kept as it was")
    source = tmp_path / "candidate.sqlite3"
    if isinstance(content, bytes):
        source.write_bytes(content)
    elif content == "foreign":
        conn = sqlite3.connect(source)
        conn.execute("CREATE TABLE bookmarks (url TEXT)")
        conn.commit()
        conn.close()
    else:
        BackupService.for_database(db, clock).create(source)
        conn = sqlite3.connect(source)
        if content == "newer":
            conn.execute("UPDATE alembic_version SET version_num = '9999'")
            conn.commit()
            conn.close()
        else:
            conn.close()
            data = bytearray(source.read_bytes())
            data[4096:] = bytes(range(256)) * ((len(data) - 4096) // 256)
            source.write_bytes(bytes(data))
    live = db_file(db.path.parent)  # type: ignore[union-attr]
    before = digest(live)
    service = BackupService.for_database(db, clock)
    with pytest.raises(error, match=words) as caught:
        service.restore(source)
    assert str(caught.value).endswith(".")
    assert digest(live) == before
    assert service.list_backups() == []  # refused before anything was written


def test_cli_backup_list_and_restore(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = open_database(resolve_location(data_dir=data_dir))
    add(db, "动手学深度学习")
    db.close()
    base = ["--data-dir", str(data_dir)]
    assert main([*base, "backup"]) == 0
    made = capsys.readouterr().out
    assert "Backed up" in made
    assert "backups" in made
    backup = BackupService(db_file(data_dir)).list_backups()[0].path
    assert main([*base, "backup", "--list"]) == 0
    listing = capsys.readouterr().out
    assert backup.name in listing
    assert "automatic" in listing
    db = open_database(resolve_location(data_dir=data_dir))
    add(db, "later")
    db.close()
    assert main([*base, "restore", str(backup)]) == 0
    said = capsys.readouterr().out
    assert "Restored" in said
    assert "pre-restore-" in said
    assert titles_in(db_file(data_dir)) == ["动手学深度学习"]
    garbage = data_dir / "garbage.sqlite3"
    garbage.write_text("not a database")
    assert main([*base, "restore", str(garbage)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("threepass: ")
    assert "not a ThreePass database" in err
    assert main([*base, "backup", str(data_dir / "out.sqlite3")]) == 0
    assert main([*base, "backup", str(data_dir / "out.sqlite3")]) == 2
    assert "already exists" in capsys.readouterr().err


def test_rotation_follows_the_backup_preferences(db: Database, clock: FixedClock) -> None:
    add(db, "Transformer")
    SettingsService(db).set_many({"backup_keep_daily": 3, "backup_keep_weekly": 1})
    service = BackupService.for_database(db, clock)
    assert service.keep_counts() == (3, 1)
    for _ in range(20):
        service.create()
        clock.advance(days=1)
    days = sorted(b.created.date() for b in service.list_backups())
    newest = clock.now().date() - timedelta(days=1)
    # three dailies; the one weekly (the newest ISO week) is already among them
    assert days == [newest - timedelta(days=n) for n in (2, 1, 0)]
