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
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

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
    from alembic import command

    log.info("upgrading %s to %s", engine.url.database or engine.url, target)
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), target)
    except Exception:
        log.exception("the upgrade to %s failed (its transaction was rolled back)", target)
        raise
    log.info("upgrade to %s done", target)
