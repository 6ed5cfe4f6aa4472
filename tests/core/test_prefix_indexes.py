"""Revision 0010 drops three single-column indexes that composite ones begin with.

Upgrade from a 0009 file with rows, downgrade, upgrade again; an index already gone does
not stop the upgrade; and every statement the services run plans the same without them
(the composite twin in the dropped index's place), while the two kept prefixes are the
ones whose absence would add a sort.
"""

from __future__ import annotations

import importlib
import re
import shutil
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from alembic import command
from sqlalchemy import event

from models import migrate
from models.db import Database, make_engine, open_database
from models.paths import DB_FILENAME, resolve_location
from models.services.career import CareerService
from models.services.dto import ItemFilter
from models.services.library import LibraryService
from models.services.library_read import LibraryReader
from models.services.link_read import LinkReader
from models.services.planner import PlannerService
from models.services.review import QuestionService
from models.services.stats import StatsService
from models.services.timer import TimerService
from models.services.transfer import TransferService
from tests.migration_support import database_at, index_names, library_rows, revision_of, row_counts

MIGRATION = importlib.import_module("models.migrations.versions.0010_drop_prefix_indexes")
DROPPED = {(table, index) for index, table, _column in MIGRATION.DROPPED}
KEPT = {("items", "ix_items_source"), ("notes", "ix_notes_item_id")}
ITEMS = 20


def test_the_three_indexes_are_the_ones_the_issue_names_minus_the_kept_two() -> None:
    assert {i for _t, i in DROPPED | KEPT} == {
        "ix_passes_status",
        "ix_passes_item_id",
        "ix_items_source",
        "ix_notes_item_id",
        "ix_study_sessions_started_at",
    }


def test_a_0009_library_upgrades_keeps_its_rows_and_cascades_deletes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = database_at(data, "0009", library_rows(ITEMS, "0009"))
    assert index_names(path) >= DROPPED | KEPT
    counts = row_counts(path)
    db = open_database(resolve_location(data_dir=data))
    try:
        assert revision_of(path) == migrate.head_revision()
        assert DROPPED.isdisjoint(index_names(path))
        assert index_names(path) >= KEPT
        assert row_counts(path, counts) == counts
        item = LibraryService(db).get_item(3)
        assert item.title == "paper 3 论文精读 第3篇"
        assert item.notes[1] == "## 不懂 3\n- attention 矩阵求导 3"
        # passes.item_id's foreign key now rests on the unique (item_id, number) alone
        LibraryService(db).delete_item(3)
    finally:
        db.close()
    after = row_counts(path, ["items", "passes", "notes", "study_sessions"])
    assert after == {
        "items": ITEMS - 1,
        "passes": 3 * (ITEMS - 1),
        "notes": ITEMS - 1,
        "study_sessions": ITEMS - 1,
    }


def test_0010_is_idempotent_and_downgrades(tmp_path: Path) -> None:
    path = database_at(tmp_path, "0009", library_rows(ITEMS, "0009"))
    with sqlite3.connect(path) as conn:  # one of them gone already: the upgrade still runs
        conn.execute("DROP INDEX ix_passes_status")
    conn.close()
    engine = make_engine(f"sqlite:///{path}")
    try:
        migrate.upgrade(engine, "0010")
        assert DROPPED.isdisjoint(index_names(path))
        with engine.begin() as conn_:
            command.downgrade(migrate.alembic_config(conn_), "0009")
        assert index_names(path) >= DROPPED | KEPT
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    assert DROPPED.isdisjoint(index_names(path))
    assert row_counts(path, ["passes", "study_sessions"]) == {
        "passes": 3 * ITEMS,
        "study_sessions": ITEMS,
    }


# ---- the plans ---------------------------------------------------------------------------

_DML = re.compile(r"^\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
# statements SQLite runs inside triggers (the trace shows only the trigger's name), and the
# import's digest of a source's items (ImportService, which needs a fetched page)
EXTRA = [
    "SELECT group_concat(body, '') FROM notes WHERE item_id = 1",
    "SELECT id, external_key, kind, title FROM items WHERE source = 'd2l' ORDER BY id",
]


def run_the_services(db: Database, statements: list[str]) -> None:
    """Record every statement (values inlined) while the services do their usual work."""

    def trace(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.set_trace_callback(statements.append)

    event.listen(db.engine, "connect", trace)
    db.engine.dispose()  # the pooled connections reconnect, traced
    library = LibraryService(db)
    reader = LibraryReader(db)
    reader.all_rows()
    for item_id in library.items_with_notes(3):
        reader.item_detail(item_id)
        LinkReader(db).item_links(item_id)
    for state in ("0", "1", "3", "in_progress", "not_started"):
        library.table_rows(ItemFilter(pass_state=state))
    library.table_rows(ItemFilter(text="线性"))
    PlannerService(db).plan_day(date(2026, 3, 3))
    PlannerService(db).plan_week(date(2026, 3, 2))
    StatsService(db).compute()
    TimerService(db).running()
    CareerService(db).list_companies()
    QuestionService(db).due_questions()
    TransferService(db).export_document()
    event.remove(db.engine, "connect", trace)


def plan_shapes(path: Path, statements: list[str]) -> dict[str, str]:
    """Each statement's plan with the index names left out: the same shape is the same
    search, scan, covering or not, and the same temporary B-trees."""
    conn = sqlite3.connect(path)
    try:
        shapes = {}
        for sql in statements:
            try:
                plan = conn.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
            except sqlite3.Error:
                continue  # a temporary object of its connection
            lines = [re.sub(r"INDEX \S+", "INDEX", str(row[3])) for row in plan]
            shapes[sql] = " | ".join(lines)
        return shapes
    finally:
        conn.close()


def test_the_services_plan_the_same_without_the_dropped_indexes(
    data_dir: Path, filled_db: Database
) -> None:
    statements: list[str] = []
    run_the_services(filled_db, statements)
    filled_db.close()
    wanted = sorted({s for s in statements if _DML.match(s)} | set(EXTRA))
    assert any("FROM study_sessions" in s for s in wanted)
    assert any("p.item_id = c.id" in s for s in wanted)  # the planner's course order
    head = data_dir / DB_FILENAME
    # the newest schema with only 0010's indexes put back (what its downgrade recreates):
    # later revisions' tables stay, so every statement of today's services plans on both
    old = data_dir.parent / "with-prefix-indexes.sqlite3"
    shutil.copy(head, old)
    with sqlite3.connect(old) as conn:
        for index, table, column in MIGRATION.DROPPED:
            conn.execute(f"CREATE INDEX {index} ON {table} ({column})")
    conn.close()
    assert index_names(old) >= DROPPED
    assert DROPPED.isdisjoint(index_names(head))

    before, after = plan_shapes(old, wanted), plan_shapes(head, wanted)
    assert len(after) > 50
    differ = {sql: (before[sql], after[sql]) for sql in after if before[sql] != after[sql]}
    assert differ == {}
    # what the two kept prefixes are for: the rowid order of one item's notes, one source's
    # items (a twin would sort them in a temporary B-tree)
    assert "TEMP B-TREE" not in after[EXTRA[1]]
    detail = next(s for s in after if s.startswith("SELECT pass_number, body FROM notes"))
    assert "TEMP B-TREE" not in after[detail]
