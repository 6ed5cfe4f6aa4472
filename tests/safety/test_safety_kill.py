"""SIGKILL the app's write path at random moments: nothing committed may ever be lost.

A fork server (writer_child.py serve) imports the app once and forks one writer per run, so
50 kills take seconds instead of 50 interpreter starts. Each writer streams service calls
(create_item, save_note, set_pass: one transaction each) and prints a line after each commit.
After every kill the file must pass PRAGMA integrity_check and hold every reported write.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from models.db import open_database
from models.paths import resolve_location
from models.services.library import LibraryService
from tests.safety.safety_helpers import WRITER, LineReader, db_file, integrity, start_python
from tests.safety.writer_child import note_body

pytestmark = pytest.mark.slow  # a kill loop: seconds per test, `-m 'not slow'` skips it

KILLS = 50


def check_reported(
    path: Path, items: dict[int, tuple[str, int]], notes: dict[int, str], passes: set[int]
) -> int:
    """Assert every reported write is in the file; return how many items exist in total."""
    conn = sqlite3.connect(path)
    try:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
        if "items" not in tables:
            # killed while the first open was still creating the schema (one transaction):
            # nothing can have been reported yet, and the next open creates it again
            assert not items, "reported writes but the schema is gone"
            assert not notes, "reported writes but the schema is gone"
            assert not passes, "reported writes but the schema is gone"
            return 0
        titles = dict(conn.execute("SELECT id, title FROM items"))
        bodies = dict(conn.execute("SELECT item_id, body FROM notes WHERE pass_number = 1"))
        done = {
            row[0]
            for row in conn.execute(
                "SELECT item_id FROM passes WHERE number = 1 AND status = 'done'"
            )
        }
    finally:
        conn.close()
    for item_id, (run, i) in items.items():
        assert titles.get(item_id) == f"kill {run}-{i} 第{i}次", f"lost item {item_id}"
    for item_id, body in notes.items():
        assert bodies.get(item_id) == body, f"lost note of item {item_id}"
    assert passes <= done, f"lost pass updates {sorted(passes - done)}"
    return len(titles)


def test_sigkill_during_writes_loses_nothing_committed(data_dir: Path) -> None:
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    server = start_python(str(WRITER), "serve")
    assert server.stdin is not None
    assert server.stdout is not None
    out = LineReader(server.stdout)
    items: dict[int, tuple[str, int]] = {}
    notes: dict[int, str] = {}
    passes: set[int] = set()
    kills = 0
    unreported_commits = 0
    started = time.monotonic()
    try:
        for run in range(KILLS):
            server.stdin.write(f"run {data_dir} r{run}\n".encode())
            server.stdin.flush()
            want = rng.randint(0, 30)  # writes to see before the kill (0: kill while opening)
            pid = None
            seen = 0
            while pid is None or seen < want:
                line = out.readline()
                if line.startswith("pid "):
                    pid = int(line.split()[1])
                else:
                    seen += 1
                    record(line, items, notes, passes)
            time.sleep(rng.random() * 0.004)  # land anywhere inside the next transaction
            os.kill(pid, signal.SIGKILL)
            kills += 1
            while (line := out.readline()) != f"reaped {pid}":
                record(line, items, notes, passes)  # printed before the kill: committed
            assert integrity(db_file(data_dir)) == "ok"
            total = check_reported(db_file(data_dir), items, notes, passes)
            unreported_commits = total - len(items)  # committed, killed before printing
    finally:
        server.stdin.close()
        server.wait(timeout=20)
    elapsed = time.monotonic() - started
    assert kills == KILLS
    # The app itself opens the killed file normally and reads what was reported.
    db = open_database(resolve_location(data_dir=data_dir))
    try:
        library = LibraryService(db)
        assert library.count() >= len(items)
        sample = rng.choice(sorted(notes))
        assert library.get_item(sample).notes[1] == notes[sample]
    finally:
        db.close()
    print(
        f"\nkill test: {kills} SIGKILLs, {len(items)} items / {len(notes)} notes / "
        f"{len(passes)} pass updates reported committed, 0 lost, integrity ok after each; "
        f"{unreported_commits} items committed but killed before reporting; {elapsed:.1f} s"
    )


def record(
    line: str, items: dict[int, tuple[str, int]], notes: dict[int, str], passes: set[int]
) -> None:
    kind, *rest = line.split()
    if kind == "item":
        items[int(rest[0])] = (rest[1], int(rest[2]))
    elif kind == "note":
        notes[int(rest[0])] = note_body(rest[1], int(rest[2]))
    elif kind == "pass":
        passes.add(int(rest[0]))
    else:
        raise AssertionError(f"the writer stopped by itself ({line!r}); see its stderr")
