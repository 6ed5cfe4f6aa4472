"""A database left at an older schema revision with rows in it, and the indexes a file has:
what the tests of each revision's upgrade need. Importable from any test folder."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import text

from models import migrate
from models.db import make_engine
from models.paths import DB_FILENAME


def database_at(directory: Path, revision: str, statements: Iterable[str]) -> Path:
    """The data folder's database, migrated up to `revision` only, then `statements` run
    (rows written as that revision's schema holds them)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / DB_FILENAME
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, revision)
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()
    return path


def index_names(path: Path) -> set[tuple[str, str]]:
    """(table, index) of every index in the file."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'index'")
        return {(r[0], r[1]) for r in rows}
    finally:
        conn.close()
