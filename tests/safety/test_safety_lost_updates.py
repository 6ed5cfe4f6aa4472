"""Two processes racing read-modify-write service calls on one file: every call counts.

Each child (counter_child.py) adds 1 minute to a pass, adds a 1-minute manual session to
another pass through the timer, and grades a question (SM-2 repetitions + 1), COUNT times, at
the same moment as the other. A write that read its starting value before the other process
committed would overwrite the other's increment: the totals would fall short.
"""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

from models.clock import FixedClock
from models.db import Database
from models.services.dto import ItemInput
from models.services.library import LibraryService
from models.services.review import QuestionInput, QuestionService
from tests.safety.safety_helpers import HERE, LineReader, db_file, integrity, start_python

COUNT = 150
CHILD = HERE / "counter_child.py"


def expect(reader: LineReader, child: subprocess.Popen[bytes], line: str, timeout: float) -> None:
    """The child's next line is `line`; else fail with what it wrote to stderr."""
    try:
        got = reader.readline(timeout=timeout)
    except EOFError:
        child.wait(timeout=60)
        assert child.stderr is not None
        raise AssertionError(child.stderr.read().decode()) from None
    assert got == line


def test_two_processes_incrementing_lose_no_update(
    db: Database, data_dir: Path, clock: FixedClock, tmp_path: Path
) -> None:
    item_id = LibraryService(db, clock).create_item(ItemInput(kind="paper", title="race"))
    question_id = QuestionService(db, clock).add_question(QuestionInput(text="What is a race?"))
    db.close()
    go = tmp_path / "go"
    children = [
        start_python(str(CHILD), str(data_dir), str(item_id), str(question_id), str(COUNT), str(go))
        for _ in range(2)
    ]
    try:
        readers = [(LineReader(child.stdout), child) for child in children]
        for reader, child in readers:
            expect(reader, child, "ready", 60)
        go.touch()
        for reader, child in readers:
            expect(reader, child, "done", 300)
            assert child.wait(timeout=60) == 0
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    path = db_file(data_dir)
    assert integrity(path) == "ok"
    conn = sqlite3.connect(path)
    try:
        minutes = dict(
            conn.execute("SELECT number, minutes_spent FROM passes WHERE item_id = ?", (item_id,))
        )
        sessions = conn.execute("SELECT count(*), sum(minutes) FROM study_sessions").fetchone()
        repetitions, reviews = conn.execute(
            "SELECT repetitions, (SELECT count(*) FROM question_reviews) FROM questions "
            "WHERE id = ?",
            (question_id,),
        ).fetchone()
    finally:
        conn.close()
    assert sessions == (2 * COUNT, 2 * COUNT)
    assert reviews == 2 * COUNT
    assert minutes[1] == 2 * COUNT, "LibraryService.add_minutes lost increments"
    assert minutes[2] == 2 * COUNT, "TimerService.add_manual lost increments"
    assert repetitions == 2 * COUNT, "QuestionService.review lost reviews"
