"""Revision 0015 on a library made at 0014, and the tables a sync carries."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from models import migrate
from models.db import open_database
from models.paths import resolve_location
from models.schema import Base
from models.services.dto import ItemInput
from models.services.library import LibraryService
from models.sync.ids import BLOCK_SIZE
from models.sync.schema import sync_applied, sync_conflicts, sync_device, sync_tombstones
from models.sync.tables import STAMPED_BY_0015, STAMPS, SYNCED, is_local_table
from tests.migration_support import STAMP, database_at, library_rows


def test_0015_upgrades_a_0014_library(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = database_at(data, "0014", library_rows(5, "0014"))
    db = open_database(resolve_location(data_dir=data))
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        # block 0 until the library joins a sync: a new row takes the next id, as before
        assert LibraryService(db).create_item(ItemInput(kind="paper", title="new")) == 6
        LibraryService(db).delete_item(1)
    finally:
        db.close()
    conn = sqlite3.connect(path)
    try:
        for table in STAMPED_BY_0015:
            nulls = conn.execute(f"SELECT count(*) FROM {table} WHERE updated_at IS NULL")
            assert nulls.fetchone() == (0,), table
        # rows that had a created_at keep it as their first stamp
        assert conn.execute("SELECT DISTINCT updated_at FROM questions").fetchall() == [(STAMP,)]
        # a delete, cascades included, leaves a tombstone per row
        tombstones = conn.execute(
            "SELECT table_name, row_key FROM sync_tombstones ORDER BY 1, 2"
        ).fetchall()
        assert ("items", "[1]") in tombstones
        assert {t for t, _ in tombstones} >= {"items", "passes", "notes"}
    finally:
        conn.close()


def test_every_table_is_synced_or_local_on_purpose() -> None:
    tables = set(Base.metadata.tables)
    assert set(SYNCED) <= tables
    assert {t for t in tables if not is_local_table(t)} == set(SYNCED)
    assert {sync_device.name, sync_applied.name, sync_tombstones.name, sync_conflicts.name} <= {
        t for t in tables if is_local_table(t)
    }
    for table, column in STAMPS.items():
        assert column in Base.metadata.tables[table].c, (table, column)


def test_a_device_of_block_one_allocates_from_its_block(tmp_path: Path) -> None:
    db = open_database(resolve_location(data_dir=tmp_path / "data"), new=True)
    try:
        with db.transaction() as s:
            s.execute(sync_device.insert().values(id=1, name="desktop", block=1))
        lib = LibraryService(db)
        first = lib.create_item(ItemInput(kind="paper", title="one"))
        second = lib.create_item(ItemInput(kind="paper", title="two"))
        assert (first, second) == (BLOCK_SIZE + 1, BLOCK_SIZE + 2)
    finally:
        db.close()
    conn = sqlite3.connect(tmp_path / "data" / "threepass.sqlite3")
    try:
        passes = [r[0] for r in conn.execute("SELECT id FROM passes WHERE item_id = ?", (first,))]
    finally:
        conn.close()
    assert passes == [BLOCK_SIZE + 1, BLOCK_SIZE + 2, BLOCK_SIZE + 3]
