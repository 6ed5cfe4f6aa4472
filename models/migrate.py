"""Schema upgrades through Alembic, driven from code so users never run a migration tool.

Importing Alembic (with Mako) costs ~0.15 s, and almost every start finds the schema
already at the head. So the head and the known revisions are read from the revision files'
`revision = "..."` / `down_revision = ...` lines (`scan_revisions`), the stored revision
with a plain query, and Alembic is imported only to migrate.
`tests/core/test_migrations.py` checks the scan against Alembic's own revision map.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSIONS_DIR = MIGRATIONS_DIR / "versions"
VERSION_TABLE = "alembic_version"

log = logging.getLogger(__name__)

_QUOTED = r"""['"]([^'"]+)['"]"""
_REVISION = re.compile(rf"^revision(?:\s*:[^=\n]+)?\s*=\s*{_QUOTED}", re.MULTILINE)
_DOWN = re.compile(r"^down_revision(?:\s*:[^=\n]+)?\s*=\s*(.+)$", re.MULTILINE)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@cache
def scan_revisions() -> dict[str, tuple[str, ...]]:
    """revision id → the ids it revises, read from the files in versions/ (no Alembic)."""
    found: dict[str, tuple[str, ...]] = {}
    for path in sorted(VERSIONS_DIR.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        revision = _REVISION.search(source)
        if revision is None:
            continue  # __init__.py, helpers
        down = _DOWN.search(source)
        found[revision.group(1)] = tuple(re.findall(_QUOTED, down.group(1))) if down else ()
    return found


def head_revision() -> str:
    """The one revision no other revision revises (the newest schema)."""
    revisions = scan_revisions()
    revised = {parent for parents in revisions.values() for parent in parents}
    heads = sorted(set(revisions) - revised)
    if len(heads) != 1:
        raise RuntimeError(f"expected one head revision in {VERSIONS_DIR}, found {heads}")
    return heads[0]


def known_revisions() -> set[str]:
    return set(scan_revisions())


def stored_revision(conn: sqlite3.Connection) -> str | None:
    """current_revision on a plain sqlite3 connection (opening without SQLAlchemy)."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (VERSION_TABLE,)
    ).fetchone()
    if found is None:
        return None
    rows = [row[0] for row in conn.execute(f"SELECT version_num FROM {VERSION_TABLE}")]
    if len(rows) > 1:
        return ",".join(sorted(rows))
    return rows[0] if rows else None


def current_revision(engine: Engine) -> str | None:
    """The revision stored in the database (None: empty database), by a plain query."""
    from sqlalchemy import inspect, text

    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        rows = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(rows) > 1:  # several heads: never written by ThreePass (one linear history)
        return ",".join(sorted(rows))
    return rows[0] if rows else None


def upgrade(engine: Engine, target: str = "head") -> None:
    """Every revision up to target in one transaction: a kill, a full disk or a failing
    step at any moment leaves the file at its old revision, never between two.

    On SQLite that takes more than `engine.begin()`: pysqlite sends no BEGIN before DDL, so
    each CREATE INDEX / CREATE TABLE that came before the first INSERT or UPDATE committed
    on its own, and a kill left objects of the next revision under the old revision number
    ("index … already exists" on every later start). `_sqlite_transaction` sends the BEGIN.
    """
    from alembic import command

    log.info("upgrading %s to %s", engine.url.database or engine.url, target)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                with _sqlite_transaction(conn):
                    command.upgrade(alembic_config(conn), target)
            else:
                with conn.begin():
                    command.upgrade(alembic_config(conn), target)
    except Exception:
        log.exception("the upgrade to %s failed (its transaction was rolled back)", target)
        raise
    log.info("upgrade to %s done", target)


@contextmanager
def _sqlite_transaction(conn: Connection) -> Iterator[None]:
    """One `BEGIN IMMEDIATE` … `COMMIT` around the whole upgrade, sent by us.

    The driver is put in autocommit mode (`isolation_level = None`) so it neither begins
    nor commits anything by itself; SQLAlchemy's transaction is opened first so that
    Alembic, seeing one, opens none of its own per revision. Foreign keys are switched off
    for the upgrade as SQLite's procedure for schema changes asks (the pragma is a no-op
    inside a transaction, so it is set before BEGIN): a table rebuilt by batch_alter_table
    is dropped and recreated, and with them on, dropping a parent table would cascade-delete
    its children. `PRAGMA foreign_key_check` then refuses an upgrade that left rows
    pointing nowhere (beyond any the file already had).
    """
    raw = conn.connection.driver_connection
    if not isinstance(raw, sqlite3.Connection):
        raise RuntimeError("the SQLite upgrade needs a sqlite3 connection")
    if raw.in_transaction:  # setting isolation_level to None would commit it
        raw.rollback()
    saved = raw.isolation_level
    raw.isolation_level = None
    try:
        raw.execute("PRAGMA foreign_keys = OFF")
        with conn.begin():
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock now, not at first write
            dangling = _dangling_references(raw)
            yield
            if not raw.in_transaction:
                raise RuntimeError("a migration ended the upgrade's transaction early")
            now_dangling = _dangling_references(raw)
            if now_dangling > dangling:
                raise RuntimeError(
                    f"the upgrade left {now_dangling - dangling} rows whose foreign keys "
                    "point nowhere; it was rolled back"
                )
    finally:
        with suppress(sqlite3.Error):  # a connection that failed is discarded anyway
            raw.execute("PRAGMA foreign_keys = ON")
        raw.isolation_level = saved


def _dangling_references(raw: sqlite3.Connection) -> int:
    return len(raw.execute("PRAGMA foreign_key_check").fetchall())
