"""Revision 0009 (name-key indexes for [[wiki links]]): upgrade from 0008 with data,
downgrade, and wiki-link resolution reading the indexes instead of every title."""

from __future__ import annotations

import importlib
import sqlite3
from pathlib import Path

from alembic import command

from models import migrate
from models.db import make_engine, open_database
from models.paths import DB_FILENAME, resolve_location
from models.services import link_read
from models.services.link_read import LinkReader, WikiTarget
from tests.migration_support import database_at, index_names

MIGRATION = importlib.import_module("models.migrations.versions.0009_wiki_name_keys")
INDEXES = {(table, index) for index, table, _column in MIGRATION.NAME_KEYS}

ROWS_0008 = [
    "INSERT INTO items (id, kind, title, source, created_at, updated_at) VALUES "
    "(1, 'paper', '  残差网络  ResNet ', 'manual', '2026-02-01 08:00:00', '2026-02-01 08:00:00'), "
    "(2, 'article', 'Attention Is All You Need', 'manual', '2026-02-01 08:00:00', "
    "'2026-02-01 08:00:00')",
    "INSERT INTO companies (id, name, priority, tags, notes, created_at) VALUES "
    "(1, 'Moonshot 月之暗面', 2, '', '', '2026-02-01 08:00:00')",
]


def resolved(data: Path) -> dict[str, WikiTarget]:
    db = open_database(resolve_location(data_dir=data))
    try:
        return LinkReader(db).resolve(["残差网络 resnet", "moonshot 月之暗面", "attention is all"])
    finally:
        db.close()


def test_a_0008_database_upgrades_keeps_its_rows_and_resolves_the_same(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = database_at(data, "0008", ROWS_0008)
    assert INDEXES.isdisjoint(index_names(path))
    found = resolved(data)  # opening upgrades
    assert index_names(path) >= INDEXES
    assert found == {
        "残差网络 resnet": WikiTarget("item", 1, "  残差网络  ResNet "),
        "moonshot 月之暗面": WikiTarget("company", 1, "Moonshot 月之暗面"),
    }


def test_0009_downgrades_and_upgrades_again(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = database_at(data, "0008", ROWS_0008)
    engine = make_engine(f"sqlite:///{path}")
    try:
        migrate.upgrade(engine, "0009")
        assert index_names(path) >= INDEXES
        with engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), "0008")
        assert INDEXES.isdisjoint(index_names(path))
        migrate.upgrade(engine, "head")
    finally:
        engine.dispose()
    assert index_names(path) >= INDEXES
    assert set(resolved(data)) == {"残差网络 resnet", "moonshot 月之暗面"}


def test_resolution_reads_the_indexes(tmp_path: Path) -> None:
    """SQLite uses an expression index only for the very same expression: the queries'
    name key and the migration's must not drift apart."""
    data = tmp_path / "data"
    open_database(resolve_location(data_dir=data)).close()
    with sqlite3.connect(data / DB_FILENAME) as conn:
        for index, table, column in MIGRATION.NAME_KEYS:
            assert link_read._sql_name_key(column) == MIGRATION.name_key_sql(column)
            sql = link_read._resolve_sql(table, column).format(keys=":k0")
            plan = " ".join(
                str(row[3]) for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", {"k0": "x"})
            )
            assert f"USING INDEX {index}" in plan, plan
    conn.close()
