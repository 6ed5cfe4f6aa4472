"""Files an older ThreePass left half-upgraded open, upgraded in place, with every row.

Before upgrades ran in one transaction, pysqlite committed each DDL statement that came
before the first INSERT/UPDATE/DELETE of a revision on its own, so a kill during an upgrade
could leave some of the next revision's indexes, tables, virtual tables or triggers under
the old revision number ("index … already exists" on every later start). For each older
revision R, this builds a library at R, applies by hand (autocommit) each prefix of the
leading DDL statements of the revision after R, as those starts left them, and opens the
file with the app: it must reach the newest revision with every row, the same search
index as a clean upgrade and the same schema as a fresh database.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from models import migrate
from models.db import make_engine, open_database
from models.paths import resolve_location
from models.services.library import LibraryService
from tests.migration_support import (
    database_at,
    library_rows,
    normalised_schema,
    revision_of,
    row_counts,
)
from tests.safety.safety_helpers import db_file, integrity

ITEMS = 40
HEAD = migrate.head_revision()
ORDER = sorted(migrate.known_revisions())
# Upgrades run in one transaction since revision 0009 was the newest (0010 and 0011 were still
# written to upgrade half-done files in place); a revision after LAST_HALF_DONE only ever ran
# inside that transaction, so no ThreePass can have left it half done.
LAST_HALF_DONE = "0011"
STEPS = [(old, new) for old, new in itertools.pairwise(ORDER) if new <= LAST_HALF_DONE]
_DML = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
_DDL = re.compile(r"^\s*(CREATE|DROP)\b", re.IGNORECASE)
_IF_NOT_EXISTS = re.compile(r"\bIF (NOT )?EXISTS\s+", re.IGNORECASE)
# notes parked in the settings table before journal_notes existed: what 0004 copies
PARKED = {
    "interview-1": {"title": "面经 一面", "markdown": "## transformer\n- attention"},
    "interview-2": {"title": "二面", "markdown": "RLHF", "category": "面经"},
}


def rows_at(revision: str) -> list[str]:
    rows = library_rows(ITEMS, revision)
    if revision < "0004":
        value = json.dumps(PARKED, ensure_ascii=False).replace("'", "''")
        rows.append(f"INSERT INTO settings (key, value) VALUES ('imported_notes', '{value}')")
    return rows


def leading_ddl(template: Path, old: str, new: str, scratch: Path) -> list[str]:
    """The CREATE and DROP statements the upgrade old→new sends before its first write of
    a row: those the old driver committed one by one. Sent as an older ThreePass wrote them
    (without `IF NOT EXISTS`, which SQLite leaves out of the stored schema anyway, or
    `IF EXISTS`)."""
    shutil.copytree(template, scratch)
    engine = make_engine(f"sqlite:///{db_file(scratch)}")
    sent: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _record(*args: Any) -> None:
        sent.append(args[2])

    migrate.upgrade(engine, new)
    engine.dispose()
    shutil.rmtree(scratch)
    leading: list[str] = []
    for statement in sent:
        if _DML.match(statement):
            break
        if _DDL.match(statement):
            leading.append(_IF_NOT_EXISTS.sub("", statement, count=1))
    assert leading, f"revision {new} starts with no DDL: nothing to leave half done"
    return leading


def search_state(path: Path) -> dict[str, Any]:
    """What the search objects hold: matches per query, the letter masks."""
    conn = sqlite3.connect(path)
    try:
        found: dict[str, Any] = {}
        for query in ("paper 1", "论文精读", "第3篇"):
            phrase = '"' + query + '"'
            found[f"titles {query}"] = [
                r[0]
                for r in conn.execute(
                    "SELECT rowid FROM search_titles WHERE search_titles MATCH ? ORDER BY rowid",
                    (phrase,),
                )
            ]
        found["notes 矩阵求导"] = [
            r[0]
            for r in conn.execute(
                "SELECT rowid FROM search_notes WHERE search_notes MATCH '\"矩阵求导\"' "
                "ORDER BY rowid"
            )
        ]
        found["letters"] = conn.execute(
            "SELECT item_id, mask FROM search_letters ORDER BY item_id"
        ).fetchall()
        found["journal"] = conn.execute(
            "SELECT source, external_key, title, body FROM journal_notes ORDER BY external_key"
        ).fetchall()
        return found
    finally:
        conn.close()


def open_with_the_app(data: Path) -> int:
    db = open_database(resolve_location(data_dir=data))
    try:
        return LibraryService(db).count()
    finally:
        db.close()


@pytest.fixture(scope="module")
def fresh_head(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str, str, str]]:
    path = database_at(tmp_path_factory.mktemp("fresh"), HEAD, [])
    return normalised_schema(path)


@pytest.mark.parametrize(("old", "new"), STEPS, ids=[f"{o}-{n}" for o, n in STEPS])
def test_a_file_left_half_upgraded_by_an_older_version_upgrades_in_place(
    old: str, new: str, tmp_path: Path, fresh_head: set[tuple[str, str, str, str]]
) -> None:
    template = database_at(tmp_path / "template", old, rows_at(old)).parent
    statements = leading_ddl(template, old, new, tmp_path / "scratch")
    clean = tmp_path / "clean"  # the same library upgraded by a start that was not killed
    shutil.copytree(template, clean)
    assert open_with_the_app(clean) == ITEMS
    expected_search = search_state(db_file(clean))
    counts = row_counts(db_file(clean))  # the template's rows (0004 moves parked notes)
    assert counts["items"] == ITEMS
    assert counts["notes"] == ITEMS
    if old < "0004":
        assert len(expected_search["journal"]) == len(PARKED)  # copied by 0004
    refused: list[str] = []
    for done in range(1, len(statements) + 1):
        work = tmp_path / f"half-{done}"
        shutil.copytree(template, work)
        conn = sqlite3.connect(db_file(work), isolation_level=None)  # autocommit, as before
        for statement in statements[:done]:
            conn.execute(statement)
        conn.close()
        assert revision_of(db_file(work)) == old
        try:
            assert open_with_the_app(work) == ITEMS
        except Exception as err:  # collected: the message says which prefixes failed
            refused.append(f"{done} of {len(statements)}: {err}")
            continue
        path = db_file(work)
        assert revision_of(path) == HEAD
        assert integrity(path) == "ok"
        assert row_counts(path, counts) == counts
        assert normalised_schema(path) == fresh_head
        assert search_state(path) == expected_search
    assert not refused, f"{old}->{new}: half-upgraded files refused: {refused}"
    print(f"\n{old}->{new}: {len(statements)} half-upgraded files upgraded in place")
