"""SIGKILL `threepass` commands at random moments: what a command reported done is there.

A fork server (cli_child.py) imports the app once and forks one worker per run, so dozens of
kills take seconds. A worker runs commands through `desktop.app.main` as `threepass` does
(company add, question add, apply, link, pass, timer start/stop, import notes, import
paper-reading, backup) and prints a line after each one that exited 0; others run
`import json --replace` or `restore`. After every kill the app opens the file (with its
quick check) and every reported command's change is in it; a replace or a restore is whole
or absent, never half done.

A power cut cannot be simulated here: it needs a block device that drops unflushed writes
(dm-flakey, a FUSE layer), root-only tools. What is tested instead: the connections the app
makes flush the write-ahead log at each commit (synchronous=FULL, which fails with OFF
or NORMAL), and, with a copy of the main file alone after a kill, that the newest commits
live only in the write-ahead log until a checkpoint: exactly the file that flush covers.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from desktop.app import main
from models import quick_check
from models.db import open_database
from models.paths import resolve_location
from models.services.library import LibraryService
from tests.fixture_paths import PAPER_README, STUDY_NOTES, require
from tests.safety.safety_helpers import HERE, WRITER, LineReader, db_file, integrity, start_python

pytestmark = pytest.mark.slow  # a kill loop: seconds per test, `-m 'not slow'` skips it

CHILD = HERE / "cli_child.py"
MIX_KILLS = 24
WHOLE_KILLS = 12  # per replace and per restore
NOTES_IMPORTED = 19  # journal notes of the sample notes file


@dataclass
class Reported:
    """What the workers said they did (printed after the command returned 0)."""

    companies: set[str] = field(default_factory=set)
    questions: dict[int, str] = field(default_factory=dict)
    applications: dict[int, str] = field(default_factory=dict)
    links: set[tuple[int, str]] = field(default_factory=set)
    passes: set[int] = field(default_factory=set)
    timers: set[int] = field(default_factory=set)
    backups: list[tuple[int, Path]] = field(default_factory=list)  # (mtime_ns, path)
    notes: bool = False
    paper_reading: bool = False
    count: int = 0

    def record(self, line: str) -> None:
        words = line.split(" ")
        if words[0] != "ok":
            raise AssertionError(f"the worker stopped by itself ({line!r}); see its stderr")
        kind, rest = words[3], words[4:]
        self.count += 1
        if kind == "company":
            self.companies.add(" ".join(rest))
        elif kind == "question":
            self.questions[int(rest[0])] = " ".join(rest[1:])
        elif kind == "apply":
            self.applications[int(rest[0])] = " ".join(rest[1:])
        elif kind == "link":
            self.links.add((int(rest[0]), " ".join(rest[1:])))
        elif kind == "pass":
            self.passes.add(int(rest[0]))
        elif kind == "timer":
            self.timers.add(int(rest[0]))
        elif kind == "backup":
            self.backups.append((int(rest[0]), Path(" ".join(rest[1:]))))
        elif kind == "notes":
            self.notes = True
        elif kind == "paper-reading":
            self.paper_reading = True


def rows(conn: sqlite3.Connection, sql: str) -> list[tuple[Any, ...]]:
    return conn.execute(sql).fetchall()


def check_reported(path: Path, done: Reported) -> list[str]:
    """Every reported change that is missing from the file (empty: none lost)."""
    conn = sqlite3.connect(path)
    try:
        companies = {r[0] for r in rows(conn, "SELECT name FROM companies")}
        questions = dict(rows(conn, "SELECT id, text FROM questions"))
        applications = dict(rows(conn, "SELECT id, role FROM applications"))
        links = set(
            rows(
                conn,
                "SELECT ic.item_id, c.name FROM item_companies ic "
                "JOIN companies c ON c.id = ic.company_id",
            )
        )
        passes = {
            r[0]
            for r in rows(conn, "SELECT item_id FROM passes WHERE number = 1 AND status = 'done'")
        }
        timed = {
            r[0]
            for r in rows(
                conn,
                "SELECT p.item_id FROM study_sessions s JOIN passes p ON p.id = s.pass_id "
                "WHERE p.number = 3",
            )
        }
        items = rows(conn, "SELECT count(*) FROM items")[0][0]
        journal = rows(conn, "SELECT count(*) FROM journal_notes")[0][0]
    finally:
        conn.close()
    lost = [f"company {n}" for n in done.companies - companies]
    lost += [f"question {q}" for q, t in done.questions.items() if questions.get(q) != t]
    lost += [f"application {a}" for a, r in done.applications.items() if applications.get(a) != r]
    lost += [f"link {link}" for link in done.links - links]
    lost += [f"pass 1 of item {i}" for i in done.passes - passes]
    lost += [f"timer of item {i}" for i in done.timers - timed]
    if done.paper_reading and items < 160:
        lost.append(f"paper-reading import ({items} items)")
    if done.notes and journal < NOTES_IMPORTED:
        lost.append(f"notes import ({journal} notes)")
    if done.backups:  # the newest is kept; rotation (same day) deletes the ones before it
        written, reported = done.backups[-1]
        kept = [p for p in reported.parent.glob("threepass-*.sqlite3")]
        newest = max(kept, key=lambda p: p.stat().st_mtime_ns, default=None)
        if newest is None or newest.stat().st_mtime_ns < written:
            lost.append(f"backup {reported}")
        elif quick_check.run(newest) != "ok":
            lost.append(f"backup {newest} (damaged)")
    return lost


def app_reopens(data: Path) -> int:
    """The next start: the app's open (with its quick check) succeeds; how many items."""
    path = db_file(data)
    assert quick_check.run(path) == "ok"
    db = open_database(resolve_location(data_dir=data))
    try:
        return LibraryService(db).count()
    finally:
        db.close()


@dataclass
class Server:
    proc: object
    out: LineReader

    def send(self, request: str) -> int:
        stdin = self.proc.stdin  # type: ignore[attr-defined]
        stdin.write(f"{request}\n".encode())
        stdin.flush()
        line = self.out.readline(timeout=60)
        assert line.startswith("pid "), line
        return int(line.split()[1])

    def kill_after(self, pid: int, lines: int, delay_s: float, seen: list[str]) -> None:
        """Read `lines` report lines (fewer if the worker ends), wait, SIGKILL, and read
        what it printed before it died."""
        while len(seen) < lines:
            line = self.out.readline(timeout=120)
            if line == f"reaped {pid}":
                return
            seen.append(line)
        time.sleep(delay_s)
        with contextlib.suppress(ProcessLookupError):  # it finished first
            os.kill(pid, signal.SIGKILL)
        while (line := self.out.readline(timeout=120)) != f"reaped {pid}":
            seen.append(line)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    proc = start_python(str(CHILD), "serve", str(require(PAPER_README)), str(STUDY_NOTES))
    assert proc.stdout is not None
    assert proc.stdin is not None
    yield Server(proc, LineReader(proc.stdout))
    proc.stdin.close()
    proc.wait(timeout=30)


def seeded(data: Path) -> None:
    assert (
        main(["--data-dir", str(data), "import", "paper-reading", "--from", str(PAPER_README)]) == 0
    )


def test_sigkill_during_cli_commands_loses_nothing_reported(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    data = tmp_path / "data"
    seeded(data)
    capsys.readouterr()
    done = Reported()
    started = time.monotonic()
    for run in range(MIX_KILLS):
        pid = server.send(f"mix {data} r{run}")
        seen: list[str] = []
        # after 0-12 commands, 0-60 ms into the next one (an import takes ~100 ms)
        server.kill_after(pid, rng.randint(0, 12), rng.random() * 0.06, seen)
        for line in seen:
            done.record(line)
        assert integrity(db_file(data)) == "ok"
        assert check_reported(db_file(data), done) == [], f"after kill {run + 1}"
        assert app_reopens(data) >= 160
    elapsed = time.monotonic() - started
    print(
        f"\nCLI kill test: {MIX_KILLS} SIGKILLs, {done.count} commands reported done "
        f"({len(done.companies)} companies, {len(done.questions)} questions, "
        f"{len(done.applications)} applications, {len(done.links)} links, "
        f"{len(done.passes)} passes, {len(done.timers)} timers, {len(done.backups)} backups), "
        f"0 lost; {elapsed:.1f} s"
    )


def library_state(path: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(path)
    try:
        return (
            rows(conn, "SELECT count(*) FROM items")[0][0],
            rows(conn, "SELECT count(*) FROM companies")[0][0],
            rows(conn, "SELECT count(*) FROM passes WHERE status = 'done'")[0][0],
        )
    finally:
        conn.close()


@pytest.mark.parametrize("command", ["replace", "restore"])
def test_sigkill_during_a_replace_or_a_restore_leaves_one_library_whole(
    server: Server, tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The library before, or the new one whole: never a mix; the new one when reported."""
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    template = tmp_path / "template"
    seeded(template)
    t = str(template)
    for item in range(1, 40):
        assert main(["--data-dir", t, "pass", str(item), "1", "done"]) == 0
    assert main(["--data-dir", t, "company", "add", "旧公司"]) == 0
    # the replacement: a smaller library, as a document and as a backup
    other = tmp_path / "other"
    seeded(other)
    assert main(["--data-dir", str(other), "import", "notes", str(STUDY_NOTES)]) == 0
    doc = tmp_path / "doc.json"
    assert main(["--data-dir", str(other), "export", "--json", str(doc)]) == 0
    backup = tmp_path / "threepass-20260301-080000.sqlite3"
    assert main(["--data-dir", str(other), "backup", str(backup)]) == 0
    capsys.readouterr()
    before, after = library_state(db_file(template)), library_state(db_file(other))
    assert before != after
    source = doc if command == "replace" else backup
    data = tmp_path / "data"
    states: dict[str, int] = {}
    took = 0.0
    for kill in range(WHOLE_KILLS + 1):
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(template, data)
        started = time.monotonic()
        pid = server.send(f"{command} {data} {source}")
        seen: list[str] = []
        if kill == 0:  # the first one runs to the end: how long the others may take
            server.kill_after(pid, 1, 0, seen)
            took = time.monotonic() - started
            assert seen == [f"ok {command}"], seen
        else:  # killed anywhere in that time
            server.kill_after(pid, 0, rng.random() * took, seen)
        assert integrity(db_file(data)) == "ok"
        app_reopens(data)
        state = library_state(db_file(data))
        assert state in (before, after), f"a mix of two libraries: {state}"
        if seen == [f"ok {command}"]:
            assert state == after, "reported done, but the old library is there"
        name = "new" if state == after else "old"
        states[name] = states.get(name, 0) + 1
    print(
        f"\n{command}: 1 full run ({took:.2f} s) + {WHOLE_KILLS} SIGKILLs within it, "
        f"libraries after them {states}"
    )


def test_connections_flush_the_log_at_every_commit(tmp_path: Path) -> None:
    """synchronous=FULL in WAL mode: SQLite syncs the write-ahead log at each commit, so
    what was reported saved survives a power cut (NORMAL syncs only at checkpoints; OFF
    never). Fails with OFF or NORMAL."""
    db = open_database(resolve_location(data_dir=tmp_path / "data"))
    try:
        with db.connect() as raw:
            assert isinstance(raw, sqlite3.Connection)  # the app's own pooled connection
            assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert raw.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        with db.engine.connect() as conn:  # the ORM's connections too
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
    finally:
        db.close()


def test_the_newest_commits_live_in_the_write_ahead_log_until_a_checkpoint(
    tmp_path: Path,
) -> None:
    """A writer that keeps the library open (as the window does) is killed after 40
    reported writes. The main file alone (what a power cut leaves if the log never reached
    the disk) is a consistent, older library that lacks the newest of them; with its log
    the file has them all. So the log is what must be flushed at each commit."""
    data = tmp_path / "data"
    writer = start_python(str(WRITER), "serve")
    assert writer.stdin is not None
    assert writer.stdout is not None
    out = LineReader(writer.stdout)
    try:
        writer.stdin.write(f"run {data} w\n".encode())
        writer.stdin.flush()
        pid = int(out.readline().split()[1])
        reported = [out.readline() for _ in range(120)]  # 40 items, notes, passes
        os.kill(pid, signal.SIGKILL)
        while out.readline() != f"reaped {pid}":
            pass
    finally:
        writer.stdin.close()
        writer.wait(timeout=20)
    items = {int(line.split()[1]) for line in reported if line.startswith("item ")}
    assert len(items) == 40
    alone = tmp_path / "main-file-only"
    alone.mkdir()
    shutil.copy(db_file(data), db_file(alone))
    assert Path(f"{db_file(data)}-wal").stat().st_size > 0
    assert integrity(db_file(alone)) == "ok"  # consistent: an older state
    conn = sqlite3.connect(db_file(alone))
    try:
        in_main = {r[0] for r in conn.execute("SELECT id FROM items")}
    finally:
        conn.close()
    assert items - in_main, "every reported write already in the main file: no log to lose"
    conn = sqlite3.connect(db_file(data))
    try:
        with_log = {r[0] for r in conn.execute("SELECT id FROM items")}
    finally:
        conn.close()
    assert items <= with_log
    print(
        f"\nafter a kill: {len(items - in_main)} of {len(items)} reported items only in the "
        "write-ahead log; the main file alone is an older, consistent library"
    )
