"""A database already at the newest schema opens and is read without SQLAlchemy.

The desktop's first screen relies on it (models/db.py): the engine, its pool and the ORM are
made with the first Session, which then reuses the sqlite3 connections opened before.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from models.db import PooledConnection, open_database
from models.errors import DatabaseBusyError
from models.paths import resolve_location
from models.services.dto import ItemFilter, ItemInput
from models.services.library import LibraryService
from models.services.library_read import LibraryReader

REPO = Path(__file__).resolve().parents[2]


def _seed(data_dir: Path) -> int:
    db = open_database(resolve_location(data_dir=data_dir))
    try:
        service = LibraryService(db)
        item = service.create_item(ItemInput(kind="paper", title="注意力机制", tags=["NLP"]))
        service.save_note(item, 1, "多头 [[注意力机制]]")
        return item
    finally:
        db.close()


def test_reads_at_the_head_schema_import_no_sqlalchemy(tmp_path: Path) -> None:
    item = _seed(tmp_path / "data")
    script = (
        "import json, sys\n"
        "from models.db import open_database\n"
        "from models.paths import resolve_location\n"
        "from models.services.library_read import LibraryReader\n"
        "from models.services.link_read import LinkReader\n"
        "from models.services.settings import SettingsService\n"
        "db = open_database(resolve_location(data_dir=sys.argv[1]))\n"
        "reader = LibraryReader(db)\n"
        "rows = reader.all_rows()\n"
        f"detail = reader.item_detail({item})\n"
        f"backlinks = LinkReader(db).backlinks('item', {item})\n"
        "speeds = SettingsService(db).get('pass_speeds')\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy')\n"
        "print(json.dumps([loaded, len(rows), detail.title, detail.notes[1],\n"
        "                  [b.where for b in backlinks], speeds]))\n"
        "db.close()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "HOME": str(tmp_path / "home")},
    )
    assert done.returncode == 0, done.stderr
    loaded, rows, title, note, where, speeds = json.loads(done.stdout.splitlines()[-1])
    assert loaded == []
    assert (rows, title, note) == (1, "注意力机制", "多头 [[注意力机制]]")
    assert where == ["pass 1 notes"]
    assert speeds == [1.0, 1.25, 1.5]


def test_the_engine_takes_over_the_connections_opened_before_it(data_dir: Path) -> None:
    """Same sqlite3 connection, same `info`: the rows read at start-up serve the first search
    instead of being read again when the first Session arrives."""
    _seed(data_dir)
    db = open_database(resolve_location(data_dir=data_dir))
    try:
        assert db._engine is None  # opened at the head schema: no engine yet
        reader = LibraryReader(db)
        with db.connect() as first:
            assert isinstance(first, PooledConnection)
            pooled: object = first
        reader.all_rows()
        reads: list[int] = []
        real = LibraryReader.read_rows

        def counting(self: LibraryReader, *args: object) -> object:
            reads.append(1)
            return real(self, *args)  # type: ignore[arg-type]

        LibraryReader.read_rows = counting  # type: ignore[assignment,method-assign]
        try:
            service = LibraryService(db, reader=reader)
            assert [r[2] for r in service.table_rows(ItemFilter(text="注意"))] == ["注意力机制"]
            with db.read() as s:
                assert s.connection().connection.dbapi_connection is pooled
        finally:
            LibraryReader.read_rows = real  # type: ignore[method-assign]
        assert reads == []  # the kept rows were filtered, not read again
    finally:
        db.close()


def test_sqlite_errors_on_the_fast_path_are_explained(data_dir: Path) -> None:
    """Reading without the engine gives the same one-sentence errors as with it."""
    _seed(data_dir)
    db = open_database(resolve_location(data_dir=data_dir))
    blocker = PooledConnection(str(data_dir / "threepass.sqlite3"))
    try:
        blocker.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        busy = pytest.raises(DatabaseBusyError, match="locked by another ThreePass")
        with busy, db.connect() as conn:
            assert isinstance(conn, PooledConnection)
            conn.execute("PRAGMA busy_timeout = 1")
            conn.execute("BEGIN IMMEDIATE")
        with db.connect() as conn:  # the connection went back unharmed, nothing left open
            assert isinstance(conn, PooledConnection)
            assert not conn.in_transaction
            assert conn.execute("SELECT count(*) FROM items").fetchone() == (1,)
    finally:
        blocker.rollback()
        blocker.close()
        db.close()


def test_item_columns_read_without_the_orm_are_the_models() -> None:
    """library_read.py lists the item pane's columns by hand (it runs before SQLAlchemy is
    imported); they must be the model's columns that ItemDetail carries."""
    from dataclasses import fields

    from models.library import Item
    from models.services.dto import ItemDetail
    from models.services.library_read import ITEM_COLUMNS

    detail = {f.name for f in fields(ItemDetail)}
    expected = tuple(
        c.key for c in Item.__table__.columns if c.key in detail or c.key.startswith("link_")
    )
    assert sorted(ITEM_COLUMNS) == sorted(expected)
