"""An interrupted schema upgrade leaves the old revision or the new one, never a file that
every later start refuses.

A child process (upgrade_child.py) opens a library at each older revision, or restores an
old-schema backup, and SIGKILLs itself at a tick of SQLite's progress handler spread over
the whole run (the open checks, the pre-upgrade copy, every migration statement, the
commit). After each kill the file must hold exactly one revision's schema (no index or
table of the next revision under the old number) and every row; the app's next open must
succeed, upgraded, with every row and one pre-upgrade copy. A full disk during the upgrade
must leave the old revision, say so in one sentence and let the next start retry.
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from models import db as dbmod
from models import migrate
from models.db import open_database
from models.errors import DiskFullError, StorageError
from models.paths import resolve_location
from models.services.backup import PRE_UPGRADE, BackupService, inspect_database
from models.services.library import LibraryService
from tests.migration_support import (
    database_at,
    library_rows,
    revision_of,
    row_counts,
    schema_objects,
)
from tests.safety.safety_helpers import (
    HERE,
    LineReader,
    db_file,
    integrity,
    mount_tmpfs,
    start_python,
    unmount,
)

CHILD = HERE / "upgrade_child.py"
ITEMS = 120
KILLS_ANYWHERE = 4  # per revision, spread over the whole child process
KILLS_IN_UPGRADE = 8  # per revision, spread between its BEGIN IMMEDIATE and COMMIT
RESTORE_KILLS = 12
HEAD = migrate.head_revision()
OLDER = sorted(set(migrate.known_revisions()) - {HEAD})


@dataclass
class Server:
    """The fork server: one child per request, reporting its pid and how it ended."""

    out: LineReader
    proc: Any

    def run(self, request: str) -> tuple[int, list[int]]:
        """(exit code, [ticks, tick at BEGIN, tick at COMMIT]) of one child; -9 when it
        killed itself (then no ticks)."""
        self.proc.stdin.write(f"{request}\n".encode())
        self.proc.stdin.flush()
        ticks: list[int] = []
        pid_line = self.out.readline(timeout=60)
        assert pid_line.startswith("pid "), pid_line
        while True:
            line = self.out.readline(timeout=120)
            if line.startswith("ticks "):
                ticks = [int(word) for word in line.split()[1:]]
            elif line.startswith("reaped "):
                return int(line.split()[2]), ticks


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    proc = start_python(str(CHILD))
    assert proc.stdin is not None
    assert proc.stdout is not None
    yield Server(LineReader(proc.stdout), proc)
    proc.stdin.close()
    proc.wait(timeout=30)


@dataclass
class Tally:
    kills: int = 0
    states: dict[str, int] = field(default_factory=dict)


def spread(first: int, last: int, count: int, rng: random.Random) -> list[int]:
    """One random tick in each of `count` equal slices of first..last."""
    edges = [first + ((last + 1 - first) * k) // count for k in range(count + 1)]
    points = [rng.randint(edges[k], max(edges[k], edges[k + 1] - 1)) for k in range(count)]
    return points


def pre_upgrade_copies(data: Path) -> list[Path]:
    return sorted((data / "backups").glob(f"{PRE_UPGRADE}-*.sqlite3"))


def check_killed_file(
    path: Path, old: str, objects: dict[str, set[tuple[str, str]]], counts: dict[str, int]
) -> str:
    """The file after a kill: exactly the old revision's or the head's schema, every row."""
    assert integrity(path) == "ok"
    revision = revision_of(path)
    assert revision in (old, HEAD), f"killed at an unknown revision {revision}"
    assert revision is not None
    assert schema_objects(path) == objects[revision], (
        f"a half-upgraded file: revision {revision} with the schema objects "
        f"{sorted(schema_objects(path) ^ objects[revision])} differing"
    )
    assert row_counts(path, counts) == counts
    return revision


def check_next_start(data: Path, old: str, counts: dict[str, int]) -> None:
    """What the next start does with the killed file: opens it, upgraded, every row kept,
    one pre-upgrade copy (of the old revision, with the same rows)."""
    db = open_database(resolve_location(data_dir=data))
    try:
        assert LibraryService(db).count() == counts["items"]
    finally:
        db.close()
    path = db_file(data)
    assert revision_of(path) == HEAD
    assert row_counts(path, counts) == counts
    copies = pre_upgrade_copies(data)
    assert len(copies) == 1, copies
    assert inspect_database(copies[0]) == old
    assert row_counts(copies[0], counts) == counts


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A data folder per older revision, holding ITEMS items and rows in every table."""
    root = tmp_path_factory.mktemp("templates")
    return {rev: database_at(root / rev, rev, library_rows(ITEMS, rev)).parent for rev in OLDER}


@pytest.mark.slow
@pytest.mark.parametrize("old", OLDER)
def test_sigkill_anywhere_in_an_upgrade_leaves_one_revision_and_every_row(
    old: str, server: Server, templates: dict[str, Path], tmp_path: Path
) -> None:
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    template = templates[old]
    counts = row_counts(db_file(template))
    objects = {old: schema_objects(db_file(template))}
    work = tmp_path / "data"
    shutil.copytree(template, work)
    code, ticks = server.run(f"open {work} 0")  # a run to the end: how many ticks it takes
    assert code == 0, "the upgrade child failed; see its stderr"
    assert ticks, "the upgrade child reported no ticks"
    total, begin, commit = ticks
    assert 0 < begin < commit, "the upgrade ran outside one BEGIN IMMEDIATE ... COMMIT"
    objects[HEAD] = schema_objects(db_file(work))
    shutil.rmtree(work)
    shutil.copytree(template, work)
    tally = Tally()
    # several kills on the same file in a row, as a user restarting after each would
    kill_points = spread(1, total, KILLS_ANYWHERE, rng)
    kill_points += spread(begin, commit, KILLS_IN_UPGRADE, rng)
    rng.shuffle(kill_points)
    for kill_at in kill_points:
        code, _ = server.run(f"open {work} {kill_at}")
        tally.kills += code == -9
        state = check_killed_file(db_file(work), old, objects, counts)
        tally.states[state] = tally.states.get(state, 0) + 1
        assert len(pre_upgrade_copies(work)) <= 1, "a pre-upgrade copy per attempt"
        if state == HEAD:  # past the commit: the next kills would upgrade nothing
            check_next_start(work, old, counts)
            shutil.rmtree(work)
            shutil.copytree(template, work)
    check_next_start(work, old, counts)
    print(
        f"\n{old}->{HEAD}: {tally.kills} kills ({KILLS_IN_UPGRADE} aimed inside the upgrade, "
        f"ticks {begin}-{commit} of {total}), states after the kills {tally.states}"
    )


@pytest.mark.slow
def test_sigkill_while_restoring_an_old_schema_backup(
    server: Server, templates: dict[str, Path], tmp_path: Path
) -> None:
    """The restore copies an old backup in, then upgrades it: a kill at any moment leaves the
    library that was there or the backup's (at its revision or upgraded), never a mix."""
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    old = OLDER[0]
    backup = tmp_path / "threepass-20260101-080000.sqlite3"
    shutil.copy(db_file(templates[old]), backup)
    backup_counts = row_counts(backup)
    objects = {old: schema_objects(backup)}
    live = tmp_path / "live"
    database_at(live, HEAD, library_rows(ITEMS // 3, HEAD))
    live_counts = row_counts(db_file(live))
    objects[HEAD] = schema_objects(db_file(live))
    work = tmp_path / "data"
    shutil.copytree(live, work)
    code, ticks = server.run(f"restore {work} {backup} 0")
    assert code == 0, "the restore child failed; see its stderr"
    assert ticks, "the restore child reported no ticks"
    total, begin, commit = ticks
    assert row_counts(db_file(work), backup_counts) == backup_counts
    states: dict[str, int] = {}
    kill_points = spread(1, total, RESTORE_KILLS // 2, rng)
    kill_points += spread(begin, commit, RESTORE_KILLS // 2, rng)
    for kill_at in kill_points:
        shutil.rmtree(work)
        shutil.copytree(live, work)
        code, _ = server.run(f"restore {work} {backup} {kill_at}")
        path = db_file(work)
        assert integrity(path) == "ok"
        revision = revision_of(path)
        assert revision in (old, HEAD)
        assert schema_objects(path) == objects[revision]
        restored = row_counts(path, backup_counts) == backup_counts
        assert restored or row_counts(path, live_counts) == live_counts
        state = f"{'backup' if restored else 'live'}@{revision}"
        states[state] = states.get(state, 0) + 1
        db = open_database(resolve_location(data_dir=work))  # the next start
        try:
            want = backup_counts if restored else live_counts
            assert LibraryService(db).count() == want["items"]
        finally:
            db.close()
        assert revision_of(path) == HEAD
        assert row_counts(path, want) == want
        assert len(pre_upgrade_copies(work)) <= 1
    print(
        f"\nrestore {old} backup: {len(kill_points)} kills (upgrade at ticks {begin}-{commit} "
        f"of {total}), states {states}"
    )


def one_sentence(err: Exception) -> str:
    message = str(err)
    assert message.endswith("."), message
    assert ". " not in message, message
    assert "\n" not in message, message
    return message


def test_a_full_disk_during_the_upgrade_keeps_the_old_revision_and_retries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's page limit makes the upgrade's connection hit SQLITE_FULL (as a full disk
    does) on its first new page; the pre-upgrade copy, made by another connection, fits."""
    data = tmp_path / "data"
    path = database_at(data, OLDER[0], library_rows(ITEMS, OLDER[0]))
    counts, objects = row_counts(path), schema_objects(path)
    pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]
    real = dbmod._set_sqlite_pragmas

    def full_disk(conn: Any, record: Any) -> None:
        real(conn, record)
        conn.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(dbmod, "_set_sqlite_pragmas", full_disk)
    for _attempt in range(2):  # the next start with the disk still full: the same
        with pytest.raises(DiskFullError) as caught:
            open_database(resolve_location(data_dir=data))
        message = one_sentence(caught.value)
        assert "full" in message
        assert "next start tries again" in message
        assert revision_of(path) == OLDER[0]
        assert schema_objects(path) == objects
        assert row_counts(path, counts) == counts
        assert integrity(path) == "ok"
        assert len(pre_upgrade_copies(data)) == 1  # made once, reused by the retry
    print(f"\nfull disk during the upgrade: {message}")
    monkeypatch.undo()
    check_next_start(data, OLDER[0], counts)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    mounts: list[Path] = []

    def mount(size: str) -> Path:
        target = tmp_path / f"disk{len(mounts)}"
        if not mount_tmpfs(target, f"size={size}"):
            pytest.skip("mounting a tmpfs is not permitted here (the page-limit test covers it)")
        mounts.append(target)
        return target

    yield mount
    for target in mounts:
        unmount(target)


@pytest.mark.parametrize("short_of", ["the copy", "the upgrade"])
def test_a_really_full_disk_during_the_upgrade(
    small_disk: Callable[[str], Path], short_of: str
) -> None:
    """A real full tmpfs, filled up to less than the pre-upgrade copy needs, or to a little
    more (the upgrade's write-ahead log then runs out of space); then space is freed."""
    disk = small_disk("8m")
    data = disk / "ThreePass"
    path = database_at(data, OLDER[0], library_rows(ITEMS, OLDER[0]))
    counts, objects = row_counts(path), schema_objects(path)
    size = path.stat().st_size
    room = size // 2 if short_of == "the copy" else size + 160 * 1024  # WAL: ~250 KiB
    free = os.statvfs(disk)
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        left = free.f_bavail * free.f_frsize - room
        while left > 0:
            left -= os.write(fd, b"\0" * min(left, 1 << 16))
    except OSError as err:
        if err.errno != errno.ENOSPC:
            raise
    finally:
        os.close(fd)
    with pytest.raises((DiskFullError, StorageError)) as caught:
        open_database(resolve_location(data_dir=data))
    message = one_sentence(caught.value)
    assert "unchanged and the next start tries again" in message
    print(f"\nfull tmpfs, short of {short_of}: {type(caught.value).__name__}: {message}")
    assert revision_of(path) == OLDER[0]
    assert schema_objects(path) == objects
    assert row_counts(path, counts) == counts
    assert integrity(path) == "ok"
    copies = pre_upgrade_copies(data)
    assert len(copies) == (0 if short_of == "the copy" else 1)
    for copy in copies:  # only whole, healthy copies ever carry the name
        assert inspect_database(copy) == OLDER[0]
    filler.unlink()
    check_next_start(data, OLDER[0], counts)
    assert len(BackupService(path).list_backups()) == 1
