"""Revision 0013 on a library made at 0012: each question's FSRS state, replayed from its
review history, is the state grading the same reviews through the service gives."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from alembic import command

from models import migrate
from models.clock import FixedClock
from models.db import make_engine, open_database
from models.paths import resolve_location
from models.services.review import QuestionInput, QuestionService
from models.services.review_schedule import machine_offset
from tests.migration_support import database_at, revision_of

# (reviewed_at, grade) per question, out of order on purpose: the replay sorts by time
HISTORY: dict[int, list[tuple[str, int]]] = {
    1: [("2026-01-05 08:00:00.000000", 4), ("2026-01-07 21:30:00.000000", 5)],
    2: [
        ("2026-01-09 08:00:00.000000", 3),
        ("2026-01-05 08:00:00.000000", 0),
        ("2026-01-06 08:00:00.000000", 2),
        ("2026-01-20 08:00:00.000000", 4),
    ],
    3: [],  # never reviewed: stays new
}
STATE = (
    "fsrs_state, fsrs_step, stability, difficulty, last_reviewed_at, interval_days, "
    "repetitions, due_on"
)


def library_at_0012(directory: Path) -> Path:
    rows = [
        "INSERT INTO questions (id, text, detail, tags, answer, confidence, source, ease, "
        "interval_days, repetitions, due_on, created_at) VALUES "
        + ", ".join(
            # SM-2's schedule where there are reviews; FSRS recomputes it from them
            f"({q}, '问题 {q}', '', '', '', 2, 'manual', 2.36, "
            + ("6, 2, '2026-02-01'" if HISTORY[q] else "0, 0, NULL")
            + ", '2026-01-01 00:00:00.000000')"
            for q in HISTORY
        )
    ]
    rows += [
        "INSERT INTO question_reviews (question_id, reviewed_at, rating) VALUES "
        f"({q}, '{at}', {grade})"
        for q, reviews in HISTORY.items()
        for at, grade in reviews
    ]
    return database_at(directory, "0012", rows)


def states(path: Path) -> dict[int, tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return {int(r[0]): tuple(r[1:]) for r in conn.execute(f"SELECT id, {STATE} FROM questions")}
    finally:
        conn.close()


def graded_through_the_service(directory: Path) -> dict[int, tuple[Any, ...]]:
    """The same questions graded at the same moments on the app's own clock."""
    db = open_database(resolve_location(data_dir=directory))
    try:
        for q, reviews in HISTORY.items():
            clock = FixedClock(datetime(2026, 1, 1))
            bank = QuestionService(db, clock)
            assert bank.add_question(QuestionInput(text=f"问题 {q}")) == q
            for at, grade in sorted(reviews):
                moment = datetime.fromisoformat(at)
                clock = FixedClock(moment, offset=machine_offset(moment))
                QuestionService(db, clock).review(q, grade)
        path = db.path
    finally:
        db.close()
    assert path is not None
    return states(path)


def test_0013_replays_the_history_into_the_state_grading_gives(tmp_path: Path) -> None:
    path = library_at_0012(tmp_path / "old")
    engine = make_engine(f"sqlite:///{path}")
    try:
        migrate.upgrade(engine, "0013")
    finally:
        engine.dispose()
    assert revision_of(path) == "0013"
    migrated = states(path)
    expected = graded_through_the_service(tmp_path / "new")
    assert migrated == expected
    assert migrated[3] == (None, None, None, None, None, 0, 0, None)  # new stays new
    assert migrated[2][0] == 2  # a card in review
    assert migrated[2][6] == 2  # Hard then Good after the last Again: two in a row
    assert migrated[1][2] > migrated[2][2]  # remembered at once: more stable


def test_0013_downgrades_to_the_0012_columns_keeping_the_rows(tmp_path: Path) -> None:
    path = library_at_0012(tmp_path / "old")
    engine = make_engine(f"sqlite:///{path}")
    try:
        migrate.upgrade(engine, "0013")
        with engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), "0012")
    finally:
        engine.dispose()
    file = sqlite3.connect(path)
    try:
        columns = {r[1] for r in file.execute("PRAGMA table_info(questions)")}
        reviews = file.execute("SELECT count(*) FROM question_reviews").fetchone()
    finally:
        file.close()
    assert not columns & {"fsrs_state", "stability", "difficulty", "last_reviewed_at"}
    assert reviews == (sum(len(r) for r in HISTORY.values()),)
