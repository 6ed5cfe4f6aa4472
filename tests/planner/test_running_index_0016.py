"""Revision 0016: the running timer is found through a partial index of the sessions not
ended, not by walking every study session (~89k at 100k items); a 0015 file upgrades."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event

from models.clock import FixedClock
from models.db import Database, open_database
from models.paths import resolve_location
from models.services.timer import TimerService
from tests.migration_support import database_at, index_names, library_rows

RUNNING_INDEX = ("study_sessions", "ix_study_sessions_running")
STARTED = "2026-03-02 08:30:00.000000"


def running_statement(db: Database) -> tuple[str, Any]:
    """The SQL TimerService.running() sends, with its parameters."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: object, _cursor: object, statement: str, params: Any, *_rest: object) -> None:
        if "study_sessions" in statement:
            seen.append((statement, params))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        TimerService(db).running()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert len(seen) == 1
    return seen[0]


def plan_of(path: Path, statement: str, params: Any) -> str:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("EXPLAIN QUERY PLAN " + statement, params).fetchall()
        return " | ".join(str(r[-1]) for r in rows)
    finally:
        conn.close()


def test_a_0015_database_upgrades_and_finds_its_running_timer(tmp_path: Path) -> None:
    data = tmp_path / "data"
    rows = library_rows(3, "0015")
    # one more session on pass 1, still running (ended_at NULL): a timer left on
    rows.append(
        "INSERT INTO study_sessions (pass_id, started_at, ended_at, minutes, manual) "
        f"VALUES (1, '{STARTED}', NULL, 0.0, 0)"
    )
    path = database_at(data, "0015", rows)
    assert RUNNING_INDEX not in index_names(path)
    db = open_database(resolve_location(data_dir=data))
    try:
        assert RUNNING_INDEX in index_names(path)
        running = TimerService(db, FixedClock(datetime(2026, 3, 2, 9, 0))).running()
        assert running is not None
        assert running.started_at == datetime(2026, 3, 2, 8, 30)
        statement, params = running_statement(db)
        plan = plan_of(path, statement, params)
        assert "ix_study_sessions_running" in plan, plan
        assert "ix_study_sessions_started_minutes" not in plan, plan
    finally:
        db.close()
