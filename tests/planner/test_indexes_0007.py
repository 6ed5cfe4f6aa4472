"""Revision 0007 (planner and stats indexes): upgrade from 0006 with data, downgrade, and the
planner's and stats' statements read those indexes instead of scanning tables."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from alembic import command
from sqlalchemy import text

from models import migrate
from models.clock import FixedClock
from models.db import Database, make_engine, open_database
from models.paths import resolve_location
from models.services import plan_queries, stats
from models.services.planner import PlannerService
from models.services.stats import StatsService
from tests.migration_support import database_at, index_names
from tests.planner.planner_helpers import add_item

INDEXES_0007 = {
    ("passes", "ix_passes_due_order"),
    ("passes", "ix_passes_done_by_number"),
    ("passes", "ix_passes_status_item"),
    ("passes", "ix_passes_number_speed"),
    ("passes", "ix_passes_minutes_spent"),
    ("study_sessions", "ix_study_sessions_started_minutes"),
}

# Rows as the 0006 schema holds them: one video with pass 1 done a week ago (pass 2 due),
# pass 2 at another speed, and the session of pass 1; a paper with a CJK title.
ROWS_0006 = [
    "INSERT INTO items (id, kind, title, source, position, duration_seconds, category, "
    "created_at, updated_at) VALUES "
    "(1, 'course_video', '多头注意力 Multi-head attention', 'd2l', 1, 3600, '注意力', "
    "'2026-02-01 08:00:00.000000', '2026-02-01 08:00:00.000000'), "
    "(2, 'paper', '残差网络 ResNet', 'paper-reading', NULL, NULL, NULL, "
    "'2026-02-01 08:00:00.000000', '2026-02-01 08:00:00.000000')",
    "INSERT INTO passes (item_id, number, speed, status, started_at, finished_at, "
    "minutes_spent) VALUES "
    "(1, 1, 1.0, 'done', '2026-02-22 08:00:00.000000', '2026-02-22 09:00:00.000000', 60.0), "
    "(1, 2, 2.0, 'todo', NULL, NULL, 0.0), (1, 3, 1.5, 'todo', NULL, NULL, 0.0), "
    "(2, 1, 1.0, 'todo', NULL, NULL, 0.0), (2, 2, 1.0, 'todo', NULL, NULL, 0.0), "
    "(2, 3, 1.0, 'todo', NULL, NULL, 0.0)",
    "INSERT INTO study_sessions (pass_id, started_at, ended_at, minutes, manual) VALUES "
    "(1, '2026-02-22 08:00:00.000000', '2026-02-22 09:00:00.000000', 60.0, 0)",
]


def check_plan_and_stats(db: Database) -> None:
    clock = FixedClock(datetime(2026, 3, 2, 9, 0))
    plan = PlannerService(db, clock).plan_day(budget_minutes=600)
    first = plan.entries[0]
    # pass 2 was due the day after pass 1; 60 minutes at that pass's own speed 2.0
    assert (first.item_id, first.pass_number, first.due, first.minutes) == (
        1,
        2,
        date(2026, 2, 23),
        30.0,
    )
    numbers = StatsService(db, clock).compute()
    assert numbers.minutes_by_day == {date(2026, 2, 22): 60.0}
    assert numbers.hours_studied == 1.0
    assert [(r.label, r.counts) for r in numbers.progress_by_category] == [
        ("注意力", (0, 1, 0, 0)),
        (None, (1, 0, 0, 0)),
    ]


def test_a_0006_database_with_data_upgrades_and_keeps_its_rows(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = database_at(data, "0006", ROWS_0006)
    assert INDEXES_0007.isdisjoint(index_names(path))
    db = open_database(resolve_location(data_dir=data))
    try:
        assert index_names(path) >= INDEXES_0007
        check_plan_and_stats(db)
    finally:
        db.close()


def test_0007_downgrades_and_upgrades_again(tmp_path: Path) -> None:
    path = database_at(tmp_path / "data", "0006", ROWS_0006)
    engine = make_engine(f"sqlite:///{path}")
    try:
        migrate.upgrade(engine, "0007")
        assert index_names(path) >= INDEXES_0007
        with engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), "0006")
        assert migrate.current_revision(engine) == "0006"
        assert INDEXES_0007.isdisjoint(index_names(path))
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM passes")).scalar() == 6
            assert conn.execute(text("SELECT title FROM items WHERE id = 2")).scalar() == (
                "残差网络 ResNet"
            )
        migrate.upgrade(engine, "0007")
        assert index_names(path) >= INDEXES_0007
    finally:
        engine.dispose()
    db = open_database(resolve_location(data_dir=tmp_path / "data"))
    try:
        check_plan_and_stats(db)
    finally:
        db.close()


def statements() -> list[tuple[str, dict[str, Any]]]:
    """Every fixed statement of the planner and stats with plausible parameters."""
    cut = {"cut": "2026-03-02 00:00:00.000000", "bound": "2026-03-02 00:00:00.000000"}
    due = {"k": 1, "next": 2, "pool": 100, "nth": 99, "spacing": 1, **cut}
    cuts = {"cut1": cut["cut"], "cut2": cut["cut"]}
    day = '[["2026-03-02", "2026-03-02 00:00:00.000000", "2026-03-03 00:00:00.000000"]]'
    speeds = {"s1": 1.0, "s2": 1.25, "s3": 1.5, "default": 30.0}
    return [
        (plan_queries.DUE_UNFINISHED, due),
        (plan_queries.DUE_NTH_FINISH, due),
        (plan_queries.DUE_FIRST, due),
        (plan_queries.DUE_DONE_COUNT, cuts),
        (plan_queries.IN_PROGRESS, {"pool": 30}),
        (plan_queries.SCHEDULED, {"last": "2026-03-02"}),
        (plan_queries.QUEUED, {}),
        (plan_queries.FIRST_LESSONS, {"sources": '["d2l"]', "count": 8}),
        (plan_queries.COURSE_POSITIONED, {"source": "d2l", "count": 8, "skip": 0}),
        (plan_queries.ITEM_STATES, {"ids": "[1, 2]"}),
        (stats.MINUTES_BY_DAY, {"days": day, "later": cut["cut"], "shift": "+0 seconds"}),
        (stats.PASSES_BY_WEEK, {"weeks": day}),
        (stats.STUDY_DAYS, {"shift": "+0 seconds", "unshift": "+0 seconds"}),
        (stats.DONE_ITEMS, speeds),
        (stats.SPEED_CORRECTIONS, speeds),
        (stats.ITEM_SUMS, {}),
        (stats.CATEGORY_COUNTS, {}),
        (stats.STUDIED, {}),
    ]


def test_statements_read_indexes_not_whole_tables(db: Database, clock: FixedClock) -> None:
    """A plain "SCAN passes" (every row of a 300k-row table at 100k items) would be a
    regression; covering-index scans and index searches are what the indexes are for."""
    add_item(db, "注意力 1", source="d2l", position=1, done={1: datetime(2026, 2, 20)})
    # a table read row by row shows as "SCAN <table or alias>" with no index named
    tables = {"passes", "items", "study_sessions", "p", "n", "i", "c"}
    plain_scan = re.compile(r"^SCAN (\w+)$")
    with db.read() as s:
        conn = s.connection()
        for sql, params in statements():
            conn.exec_driver_sql(sql, params).all()  # runs
            plan = [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params)]
            scans = [m.group(1) for m in map(plain_scan.match, plan) if m]
            assert not set(scans) & tables, (sql, plan)
