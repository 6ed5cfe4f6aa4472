"""Two processes on one data folder: waits, retries, a clear error, never corruption."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from models import db as dbmod
from models.errors import DatabaseBusyError
from models.paths import resolve_location
from models.services import backup as backup_module
from models.services.backup import BackupService
from models.services.dto import ItemInput
from models.services.library import LibraryService
from tests.safety.safety_helpers import WRITER, LineReader, db_file, integrity, start_python

HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
conn.execute("INSERT INTO tags (name) VALUES ('held by the other process')")
print("locked", flush=True)
if sys.argv[2] == "wait":
    sys.stdin.readline()
else:
    time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
print("released", flush=True)
"""


def test_a_lock_held_too_long_gives_a_clear_error_and_no_damage(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 300)  # the app waits 5 s; the test less
    monkeypatch.setattr(backup_module, "RETRY_PAUSE_S", 0.0)
    db = dbmod.open_database(resolve_location(data_dir=data_dir))
    library = LibraryService(db)
    kept = library.create_item(ItemInput(kind="paper", title="Attention Is All You Need"))
    holder = start_python("-c", HOLDER, str(db_file(data_dir)), "wait")
    assert holder.stdout is not None
    assert holder.stdin is not None
    out = LineReader(holder.stdout)
    try:
        assert out.readline() == "locked"
        with pytest.raises(DatabaseBusyError) as caught:
            library.create_item(ItemInput(kind="paper", title="BERT"))
        message = str(caught.value)
        assert "locked by another ThreePass window or command" in message
        assert message.count(". ") == 0
        assert message.endswith(".")
        with pytest.raises(DatabaseBusyError):
            library.save_note(kept, 1, "第二遍笔记")
        # Reading still works while the other process writes (WAL).
        assert [r.title for r in library.list_items()] == ["Attention Is All You Need"]
        # A restore cannot take the file either, and says so instead of hanging.
        backup = BackupService.for_database(db).create()
        with pytest.raises(DatabaseBusyError):
            BackupService.for_database(db).restore(backup.path)
    finally:
        holder.stdin.write(b"go\n")
        holder.stdin.close()
        holder.wait(timeout=20)
    assert out.readline() == "released"
    assert [r.title for r in library.list_items()] == ["Attention Is All You Need"]
    assert library.get_item(kept).notes == {}
    library.create_item(ItemInput(kind="paper", title="BERT"))  # the lock is gone: works
    db.close()
    assert integrity(db_file(data_dir)) == "ok"


def test_a_short_lock_is_waited_out(data_dir: Path) -> None:
    db = dbmod.open_database(resolve_location(data_dir=data_dir))
    library = LibraryService(db)
    holder = start_python("-c", HOLDER, str(db_file(data_dir)), "0.3")
    assert holder.stdout is not None
    out = LineReader(holder.stdout)
    assert out.readline() == "locked"
    item = library.create_item(ItemInput(kind="paper", title="GPT-3 论文精读"))
    assert holder.wait(timeout=20) == 0
    assert out.readline() == "released"
    assert library.get_item(item).title == "GPT-3 论文精读"
    with sqlite3.connect(db_file(data_dir)) as conn:
        assert conn.execute("SELECT count(*) FROM tags").fetchone()[0] == 1
    db.close()


def test_two_writer_processes_at_once_both_complete(data_dir: Path) -> None:
    dbmod.open_database(resolve_location(data_dir=data_dir)).close()  # schema first
    twins = start_python(str(WRITER), "twins", str(data_dir), "40")
    out, err = twins.communicate(timeout=60)
    assert twins.returncode == 0, err.decode()
    assert out.decode().count("pass ") == 80
    assert integrity(db_file(data_dir)) == "ok"
    with sqlite3.connect(db_file(data_dir)) as conn:
        titles = {row[0] for row in conn.execute("SELECT title FROM items")}
    assert titles == {f"kill w{n}-{i} 第{i}次" for n in (1, 2) for i in range(1, 41)}
