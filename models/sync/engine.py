"""One sync: send this library's changes, apply the other devices', in one transaction.

Runs through apsw (SQLite's session extension), in a process that has no other handle on
the library file: two SQLite copies in one process break each other's locks
(sqlite.org/howtocorrupt.html §2.2.1), so `threepass sync` is that process and
`check_not_open_here` refuses to start otherwise.

Under one BEGIN IMMEDIATE of the live library (no other write falls in between):
1. diff the live library against the snapshot of the last sync (`Session.diff`) and write
   it as this device's next changeset;
2. apply the other devices' changesets not applied yet (`sync_applied`), through
   resolve.Resolver, with foreign keys off (each changeset carries its origin's cascades
   row by row); then settle rows whose parent was deleted (orphans) and send the rows a
   newer edit kept over a delete again, whole;
3. bring a copy of the snapshot to the new state (the diff of live against the old
   snapshot, applied to the copy); commit; the copy replaces the snapshot.
A kill at any point before the commit leaves the library and the snapshot as they were
(a changeset already written is sent again by the next sync: applying it twice changes
nothing). A kill between the commit and the rename sends the applied changes back once,
which changes nothing either.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import apsw

from models import migrate
from models.errors import ThreePassError, ValidationError
from models.paths import DB_FILENAME
from models.sync import files
from models.sync.clash import Merged, Merger
from models.sync.config import SNAPSHOT_FILENAME, SyncConfig, record_sync, sync_settings
from models.sync.ids import renumber
from models.sync.resolve import Conflict, Resolver, canonical_key, row_key, stamp
from models.sync.tables import (
    RESTORED_WITH,
    STAMPS,
    SYNCED,
    is_local_setting,
)

log = logging.getLogger(__name__)
PAUSE_ENV = "THREEPASS_SYNC_TEST_PAUSE"  # tests: the stage to wait at inside the transaction
CONTENT_TABLES = ("items", "journal_notes", "companies", "questions")
TOMBSTONE_DAYS = 366  # tombstones older than this are forgotten


class SyncRefusedError(ThreePassError):
    """Nothing was sent or applied; `str(err)` says why and what to do."""


@dataclass(frozen=True)
class SyncReport:
    device: str
    sent: int  # rows in the changeset written (0: none written)
    applied: dict[str, int]  # device -> changes applied from its changesets
    resolved: int  # conflicts decided (the same row changed, or made, on both sides)
    conflicts: tuple[Conflict, ...]  # text that lost, kept in sync_conflicts
    skipped: int = 0  # changes that broke another rule (not null, check)
    resent: int = 0  # rows sent again because a newer edit kept them over a delete
    compacted: int = 0  # own changeset files folded into one
    refused: tuple[str, ...] = ()
    merged: tuple[Merged, ...] = ()  # rows made on both sides with one unique key, merged
    renumbered: int = 0  # rows given ids of this device's new block on joining


@dataclass
class _Pending:
    device: str
    file: files.ChangesetFile


@dataclass
class _Run:
    conn: apsw.Connection
    config: SyncConfig
    revision: str
    now: str
    columns: dict[str, list[str]] = field(default_factory=dict)
    pks: dict[str, list[str]] = field(default_factory=dict)


def _now() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def check_not_open_here(path: Path) -> None:
    """Refuse when this process still has the library (or its WAL) open (Linux: /proc)."""
    fd_dir = Path("/proc/self/fd")
    if not fd_dir.is_dir():
        return
    names = {os.path.realpath(str(path) + suffix) for suffix in ("", "-wal", "-shm")}
    for fd in fd_dir.iterdir():
        with contextlib.suppress(OSError):
            if os.readlink(fd) in names:
                raise RuntimeError(f"{path} is still open in this process; sync needs it closed")


def _connect(path: Path, *, uri: bool = False) -> apsw.Connection:
    flags = apsw.SQLITE_OPEN_READWRITE | (apsw.SQLITE_OPEN_URI if uri else 0)
    conn = apsw.Connection(str(path), flags=flags)
    conn.set_busy_timeout(5000)
    return conn


def _revision(conn: apsw.Connection, schema: str = "main") -> str:
    row = conn.execute(f"SELECT version_num FROM {schema}.alembic_version").fetchone()
    return str(row[0]) if row else ""


def _refusal(device: str, name: str, theirs: str, ours: str) -> str:
    try:
        newer_there = int(theirs) > int(ours)
    except ValueError:
        newer_there = True
    if newer_there:
        return (
            f"The changeset {device}/{name} needs a newer ThreePass (library format "
            f"{theirs}, this one reads {ours}): update ThreePass on this device first."
        )
    return (
        f"The changeset {device}/{name} was written by an older ThreePass (library format "
        f"{theirs}, this one is {ours}): update ThreePass on {device} first, let it sync, "
        "then sync here."
    )


def _make_snapshot(conn: apsw.Connection, target: Path) -> None:
    """An empty snapshot: the live schema with no synced rows (the first sync sends all)."""
    tmp = target.with_name(target.name + ".new")
    tmp.unlink(missing_ok=True)
    dest = apsw.Connection(str(tmp))
    try:
        with dest.backup("main", conn, "main") as backup:
            backup.step()
        dest.execute("PRAGMA journal_mode = DELETE")
        dest.execute("BEGIN")
        for table in SYNCED:
            dest.execute(f"DELETE FROM {table}")
        dest.execute("DELETE FROM sync_tombstones; DELETE FROM sync_applied")
        dest.execute("DELETE FROM sync_conflicts; DELETE FROM sync_device")
        dest.execute("COMMIT")
    finally:
        dest.close()
    os.replace(tmp, target)


def _copy_db(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    src = apsw.Connection(str(source), flags=apsw.SQLITE_OPEN_READONLY)
    dest = apsw.Connection(str(target))
    try:
        with dest.backup("main", src, "main") as backup:
            backup.step()
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
        src.close()


def _builder() -> apsw.ChangesetBuilder:
    return apsw.ChangesetBuilder()  # type: ignore[no-untyped-call]  # stub lacks "-> None"


def _diff(run: _Run) -> bytes:
    session = apsw.Session(run.conn, "main")
    try:
        for table in SYNCED:
            session.attach(table)
            session.diff("snap", table)
        return session.changeset()
    finally:
        session.close()


def _wanted(change: apsw.TableChange) -> bool:
    """Settings that describe this machine never leave it nor arrive."""
    if change.name != "settings":
        return True
    row = change.new if change.new is not None else change.old
    return row is None or not is_local_setting(row[0])


def _filtered(changeset: bytes) -> tuple[bytes, int]:
    builder = _builder()
    count = 0
    for change in apsw.Changeset.iter(changeset):
        if _wanted(change):
            builder.add_change(change)
            count += 1
    return (builder.output() if count else b""), count


def _table_info(run: _Run) -> None:
    for table in SYNCED:
        rows = run.conn.execute(f"PRAGMA main.table_info({table})").fetchall()
        run.columns[table] = [str(r[1]) for r in rows]
        run.pks[table] = [
            str(r[1]) for r in sorted((r for r in rows if r[5]), key=lambda r: int(r[5] or 0))
        ]


def _deletions(run: _Run, changeset: bytes) -> dict[str, dict[str, str]]:
    """When each row this changeset deletes was deleted (the tombstones), for the header."""
    local = _tombstones(run.conn)
    found: dict[str, dict[str, str]] = {}
    for change in apsw.Changeset.iter(changeset):
        if change.op == "DELETE" and change.old is not None:
            key = row_key([change.old[i] for i in sorted(change.pk_columns)])
            found.setdefault(change.name, {})[key] = local.get((change.name, key), run.now)
    return found


def _tombstones(conn: apsw.Connection) -> dict[tuple[str, str], str]:
    return {
        (str(t), canonical_key(str(k))): stamp(at)
        for t, k, at in conn.execute("SELECT table_name, row_key, deleted_at FROM sync_tombstones")
    }


def _pause(stage: str) -> None:
    """Tests: hold the transaction open at `stage` so a kill lands inside it."""
    if os.environ.get(PAUSE_ENV) == stage:
        sys.stderr.write(f"sync paused: {stage}\n")
        sys.stderr.flush()
        time.sleep(600)


def _where(columns: list[str]) -> str:
    return " AND ".join(f"{c} = ?" for c in columns)


def _row(run: _Run, schema: str, table: str, key: list[Any]) -> tuple[Any, ...] | None:
    pk = run.pks[table]
    found = run.conn.execute(f"SELECT * FROM {schema}.{table} WHERE {_where(pk)}", key).fetchone()
    return tuple(found) if found is not None else None


def _insert(run: _Run, table: str, values: tuple[Any, ...]) -> None:
    marks = ", ".join("?" for _ in values)
    run.conn.execute(f"INSERT OR IGNORE INTO main.{table} VALUES ({marks})", values)


class _Apply:
    """Step 2: the other devices' changesets, then orphans and resends."""

    def __init__(self, run: _Run) -> None:
        self.run = run
        self.applied: dict[str, int] = {}
        self.resolved = 0
        self.skipped = 0
        self.copies: list[Conflict] = []
        self.resend: set[tuple[str, str]] = set()
        self.deleted: dict[tuple[str, str], str] = _tombstones(run.conn)
        self.merger = Merger(run.conn, run.columns, run.pks, run.now)

    def changeset(self, pending: _Pending) -> None:
        run = self.run
        header = pending.file.header
        remote_deletions = {
            (table, canonical_key(key)): stamp(at)
            for table, keys in header.deletions.items()
            for key, at in keys.items()
        }
        resolver = Resolver(
            columns=run.columns,
            local=run.config.device,
            remote=pending.device,
            remote_deletions=remote_deletions,
            local_deletions=dict(self.deleted),
            fallback_at=stamp(header.created),
        )
        data = files.read_changeset(pending.file.path)
        count = sum(1 for c in apsw.Changeset.iter(data) if _wanted(c))
        apsw.Changeset.apply(
            data,
            run.conn,
            filter_change=_wanted,
            conflict=resolver,
        )
        for table, where, values in resolver.fixups:
            sets = ", ".join(f"{c} = ?" for c in values)
            run.conn.execute(
                f"UPDATE main.{table} SET {sets} WHERE {_where(list(where))}",
                [*values.values(), *where.values()],
            )
        for table, new in resolver.clashes:
            if self.merger.clash(table, new, pending.device, run.config.device):
                self.resolved += 1
            else:
                self.skipped += 1
        for (table, key), at in remote_deletions.items():
            run.conn.execute(
                "INSERT OR REPLACE INTO sync_tombstones (table_name, row_key, deleted_at) "
                "VALUES (?, ?, ?)",
                (table, key, at),
            )
        self.deleted.update(remote_deletions)
        self.applied[pending.device] = self.applied.get(pending.device, 0) + count
        self.resolved += resolver.resolved
        self.skipped += resolver.skipped
        self.copies.extend(resolver.copies)
        self.resend |= resolver.resend
        run.conn.execute(
            "INSERT INTO sync_applied (device, seq) VALUES (?, ?) ON CONFLICT (device) "
            "DO UPDATE SET seq = max(seq, excluded.seq)",
            (pending.device, header.seq),
        )

    def orphans(self) -> None:
        """Rows whose parent is gone: the parent comes back (from the snapshot) when the
        row is newer than the parent's deletion, else the row follows its foreign key's
        ON DELETE (removed or set to NULL), as it would have on the device that deleted."""
        run = self.run
        for _ in range(8):
            found = [
                r
                for r in run.conn.execute("PRAGMA main.foreign_key_check")
                if not str(r[0]).startswith("sync_")
            ]
            if not found:
                return
            for table, rowid, parent, fkid in found:
                self._orphan(str(table), int(rowid), str(parent), int(fkid))
        log.warning("sync: orphans left after 8 rounds")

    def _orphan(self, table: str, rowid: int, parent: str, fkid: int) -> None:
        run = self.run
        links = [
            r for r in run.conn.execute(f"PRAGMA main.foreign_key_list({table})") if r[0] == fkid
        ]
        if not links:
            return
        on_delete = str(links[0][6]).upper()
        child_cols = [str(r[3]) for r in links]
        if table not in SYNCED:  # this machine's own rows (a downloaded video's path)
            self._follow(table, rowid, on_delete, child_cols)
            return
        parent_cols = [
            str(r[4]) if r[4] is not None else run.pks[parent][n] for n, r in enumerate(links)
        ]
        row = run.conn.execute(f"SELECT * FROM main.{table} WHERE rowid = ?", (rowid,)).fetchone()
        if row is None:
            return
        cols = run.columns[table]
        key_values = [row[cols.index(c)] for c in child_cols]
        if (
            len(child_cols) == 1
            and parent_cols == run.pks[parent]
            and self.merger.follow(table, rowid, child_cols[0], parent, key_values)
        ):
            return  # the parent was merged into another row: the row follows it
        deleted_at = self.deleted.get((parent, row_key(key_values)))
        stamp_col = STAMPS.get(table)
        child_at = stamp(row[cols.index(stamp_col)]) if stamp_col in cols else ""
        if (
            deleted_at is not None
            and parent_cols == run.pks[parent]
            and child_at > deleted_at
            and self._restore(parent, key_values)
        ):
            self.resend.add((table, row_key([row[cols.index(c)] for c in run.pks[table]])))
            return
        self._follow(table, rowid, on_delete, child_cols)

    def _follow(self, table: str, rowid: int, on_delete: str, child_cols: list[str]) -> None:
        """What ON DELETE would have done to the row had the parent gone here."""
        if on_delete == "SET NULL":
            sets = ", ".join(f"{c} = NULL" for c in child_cols)
            self.run.conn.execute(f"UPDATE main.{table} SET {sets} WHERE rowid = ?", (rowid,))
        else:
            self.run.conn.execute(f"DELETE FROM main.{table} WHERE rowid = ?", (rowid,))

    def _restore(self, table: str, key: list[Any]) -> bool:
        run = self.run
        values = _row(run, "snap", table, key)
        if values is None:
            return False
        _insert(run, table, values)
        self.resend.add((table, row_key(key)))
        for child, column in RESTORED_WITH.get(table, ()):
            for values in run.conn.execute(
                f"SELECT * FROM snap.{child} WHERE {column} = ?", (key[0],)
            ).fetchall():
                child_key = [values[run.columns[child].index(c)] for c in run.pks[child]]
                if _row(run, "main", child, child_key) is None:
                    _insert(run, child, tuple(values))
                    self.resend.add((child, row_key(child_key)))
        return True

    def resend_changeset(self) -> tuple[bytes, int]:
        """The kept rows as inserts, in table order (parents first)."""
        run = self.run
        builder = _builder()
        builder.schema(run.conn, "main")
        count = 0
        order = {t: n for n, t in enumerate(SYNCED)}
        for table, key in sorted(self.resend, key=lambda tk: (order[tk[0]], str(tk[1]))):
            values = _row(run, "main", table, json.loads(key))
            if values is not None:
                builder.add_insert(table, False, values)
                count += 1
        return (builder.output() if count else b""), count


def _pending(run: _Run, folder: Path) -> list[_Pending]:
    applied = {str(d): int(s) for d, s in run.conn.execute("SELECT device, seq FROM sync_applied")}
    found: list[_Pending] = []
    for device, path in files.device_dirs(folder).items():
        if device == run.config.device:
            continue
        done = applied.get(device, 0)
        found.extend(
            _Pending(device, f) for f in files.changeset_files(path) if f.header.seq > done
        )
    found.sort(key=lambda p: (p.file.header.created, p.device, p.file.header.seq))
    return found


def _join(run: _Run, folder: Path) -> tuple[int, dict[str, Any] | None]:
    """Give this device its id block on its first sync into the folder (models/sync/ids.py).

    - First sync ever: the next free block (0 for the first device). A library with
      content joining after others renumbers its rows into that block (ids.renumber)
      before its first changeset, so the two libraries mix without a shared id.
    - A device that synced elsewhere (a new folder after the old one was lost, `sync
      --folder` changed): it keeps its block unless a device of this folder holds it,
      else it takes the next free one and renumbers its rows; `_run` has already reset
      the snapshot, so it sends its whole library here, and what it applied from devices
      of the old folder is forgotten (their numbering starts again here).
    Returns the number of rows renumbered and the `device.json` to write once the
    transaction commits (None: already there): written earlier, a refusal's rollback would
    leave it naming a block the library does not have.
    """
    conn, config = run.conn, run.config
    mine = folder / config.device / files.DEVICE_FILE
    others = {
        name: files.read_json(path / files.DEVICE_FILE)
        for name, path in files.device_dirs(folder).items()
        if name != config.device
    }
    taken = {int(o.get("block", 0)) for o in others.values()}
    info = files.read_json(mine)
    if info and info.get("device_id") not in (None, config.device_id):
        raise SyncRefusedError(
            f"Another device already syncs as {config.device!r} in {folder}: give this one "
            "another name with `threepass sync --device NAME`."
        )
    row = conn.execute("SELECT block FROM sync_device WHERE id = 1").fetchone()
    renumbered = 0
    if info and "block" in info:
        block = int(info["block"])
        clash = [name for name, o in others.items() if int(o.get("block", -1)) == block]
        if clash:
            raise SyncRefusedError(
                f"This device and {clash[0]} joined {folder} at the same time and got the "
                f"same id block: on the device that has less data, remove its folder "
                f"{folder / config.device} (or {folder / clash[0]}) and sync it again."
            )
    else:
        old = int(row[0]) if row is not None else 0
        block = old if row is not None and old not in taken else max(taken, default=-1) + 1
        if block != old:
            renumbered = renumber(conn, run.pks, old, block)
        if row is not None:  # synced in another folder: this folder's devices start anew
            conn.execute("DELETE FROM sync_applied")
        if renumbered:
            conn.execute("DELETE FROM sync_tombstones")  # keys of ids that no longer exist
    if row is None or int(row[0]) != block:
        conn.execute(
            "INSERT OR REPLACE INTO sync_device (id, name, block) VALUES (1, ?, ?)",
            (config.device, block),
        )
    if info:
        return renumbered, None
    return renumbered, {"device": config.device, "device_id": config.device_id, "block": block}


def _compact(folder: Path, device: str) -> int:
    """Fold this device's changesets every known device has applied into one file."""
    others = [
        files.read_json(path / files.APPLIED_FILE)
        for name, path in files.device_dirs(folder).items()
        if name != device
    ]
    if not others:
        return 0
    upto = min(int(o.get(device, 0)) for o in others)
    own = [f for f in files.changeset_files(folder / device) if f.header.seq <= upto]
    revision = own[-1].header.revision if own else ""
    own = [f for f in own if f.header.revision == revision]
    if len(own) < 2:
        return 0
    builder = _builder()
    deletions: dict[str, dict[str, str]] = {}
    for f in own:
        builder.add(files.read_changeset(f.path))
        for table, keys in f.header.deletions.items():
            deletions.setdefault(table, {}).update(keys)
    last = own[-1].header
    header = files.Header(device, own[0].header.first, last.seq, revision, last.created, deletions)
    files.write_changeset(folder / device, header, builder.output())
    for f in own[:-1]:
        f.path.unlink(missing_ok=True)
    return len(own)


def run_sync(data_dir: Path, db_path: Path | None = None) -> SyncReport:
    """One sync of the library in `data_dir` with its configured folder.

    Must run in a process without another open handle on the library (see the module
    docstring). Raises SyncRefused (nothing sent or applied) or ThreePassError.
    """
    config = sync_settings(data_dir)
    if config is None:
        raise ValidationError(
            "This library does not sync yet: run `threepass sync --folder DIR` once."
        )
    folder = config.folder
    if not folder.is_dir():
        raise ValidationError(
            f"The sync folder {folder} is missing (a drive not connected?); connect it or "
            "choose another with `threepass sync --folder DIR`."
        )
    path = db_path or data_dir / DB_FILENAME
    check_not_open_here(path)
    with _one_sync_at_a_time(data_dir):
        return _run(data_dir, config, path)


@contextlib.contextmanager
def _one_sync_at_a_time(data_dir: Path) -> Iterator[None]:
    """Two syncs of one library at once would each refresh the snapshot from their own."""
    lock = data_dir / "sync.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:
            pass
        except OSError as err:
            raise SyncRefusedError(
                "Another sync of this library is running; try again later."
            ) from err
        yield
    finally:
        os.close(fd)


def _run(data_dir: Path, config: SyncConfig, path: Path) -> SyncReport:
    folder = config.folder
    snapshot = data_dir / SNAPSHOT_FILENAME
    conn = _connect(path, uri=True)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")  # changesets carry their cascades
        conn.execute("PRAGMA synchronous = FULL")
        revision = _revision(conn)
        head = migrate.head_revision()
        if revision != head:
            raise SyncRefusedError(
                f"The library is at format {revision}, this ThreePass at {head}: open it "
                "with this ThreePass once before syncing."
            )
        if _moved(conn, folder, config):  # synced in another folder: send everything here
            snapshot.unlink(missing_ok=True)
        if not snapshot.exists():
            _make_snapshot(conn, snapshot)
        with _scratch_copy(snapshot) as next_snapshot:
            report = _transaction(
                _Run(conn, config, revision, _now()), folder, snapshot, next_snapshot
            )
            conn.execute("DETACH snap")
            if not report.refused:
                os.replace(next_snapshot, snapshot)
    finally:
        conn.close()
    if report.refused:
        return report
    _publish_applied(folder, config.device, path)
    compacted = _compact(folder, config.device)
    record_sync(data_dir, config, datetime.now(UTC).replace(tzinfo=None))
    return dataclasses.replace(report, compacted=compacted)


def _moved(conn: apsw.Connection, folder: Path, config: SyncConfig) -> bool:
    """This library has synced (it has a block) but not in this folder."""
    synced = conn.execute("SELECT 1 FROM sync_device WHERE id = 1").fetchone() is not None
    return synced and not (folder / config.device / files.DEVICE_FILE).is_file()


@contextlib.contextmanager
def _scratch_copy(snapshot: Path) -> Iterator[Path]:
    scratch = snapshot.with_name(snapshot.name + ".next")
    _copy_db(snapshot, scratch)
    try:
        yield scratch
    finally:
        scratch.unlink(missing_ok=True)
        for suffix in ("-journal", "-wal", "-shm"):
            Path(str(scratch) + suffix).unlink(missing_ok=True)


def _transaction(run: _Run, folder: Path, snapshot: Path, next_snapshot: Path) -> SyncReport:
    conn, config = run.conn, run.config
    uri = "file:" + str(snapshot).replace("?", "%3f").replace("#", "%23") + "?mode=ro"
    conn.execute("ATTACH ? AS snap", (uri,))
    conn.execute("BEGIN IMMEDIATE")
    try:
        if _revision(conn, "snap") != run.revision:
            raise SyncRefusedError(
                f"The sync snapshot {snapshot} is at another library format: sync it with "
                "the ThreePass that made it, or remove it to send the whole library again."
            )
        _table_info(run)
        renumbered, joined = _join(run, folder)
        pending = _pending(run, folder)
        refused = tuple(
            _refusal(p.device, p.file.path.name, p.file.header.revision, run.revision)
            for p in pending
            if p.file.header.revision != run.revision
        )
        if refused:
            conn.execute("ROLLBACK")
            return SyncReport(config.device, 0, {}, 0, (), refused=refused)
        device_dir = folder / config.device
        changeset, sent = _filtered(_diff(run))
        seq = files.last_seq(device_dir)
        if sent:
            seq += 1
            header = files.Header(
                config.device, seq, seq, run.revision, run.now, _deletions(run, changeset)
            )
            files.write_changeset(device_dir, header, changeset)
        _pause("sent")
        work = _Apply(run)
        for item in pending:
            work.changeset(item)
        work.orphans()
        work.resend |= work.merger.resend
        work.copies.extend(work.merger.copies)
        resend, resent = work.resend_changeset()
        if resent:
            seq += 1
            files.write_changeset(
                device_dir, files.Header(config.device, seq, seq, run.revision, _now()), resend
            )
        for copy in work.copies:
            conn.execute(
                "INSERT INTO sync_conflicts (table_name, row_key, column_name, kept_text, "
                "lost_text, lost_device, resolved_at, seen) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
                (
                    copy.table,
                    copy.row_key,
                    copy.column,
                    copy.kept_text,
                    copy.lost_text,
                    copy.lost_device,
                    run.now,
                ),
            )
        conn.execute(
            "DELETE FROM sync_tombstones WHERE deleted_at < datetime('now', ?)",
            (f"-{TOMBSTONE_DAYS} days",),
        )
        _pause("applied")
        _refresh_snapshot(run, next_snapshot)
        conn.execute("COMMIT")
        if joined is not None:
            files.write_json(device_dir / files.DEVICE_FILE, joined)
    except BaseException:
        if not conn.in_transaction:
            raise
        conn.execute("ROLLBACK")
        raise
    return SyncReport(
        device=config.device,
        sent=sent,
        applied=work.applied,
        resolved=work.resolved,
        conflicts=tuple(work.copies),
        skipped=work.skipped,
        resent=resent,
        merged=tuple(work.merger.merged),
        renumbered=renumbered,
    )


def _refresh_snapshot(run: _Run, next_snapshot: Path) -> None:
    """The copy of the snapshot takes every change since the old one: the library's state."""
    changes = _diff(run)
    if not changes:
        return
    dest = apsw.Connection(str(next_snapshot))
    try:
        failed: list[str] = []

        def conflict(_reason: int, change: apsw.TableChange) -> int:
            failed.append(change.name)
            return apsw.SQLITE_CHANGESET_ABORT

        apsw.Changeset.apply(changes, dest, conflict=conflict)
        if failed:
            raise ThreePassError(f"The sync snapshot did not take the changes ({failed[0]}).")
    finally:
        dest.close()


def _publish_applied(folder: Path, device: str, path: Path) -> None:
    """`DEVICE/applied.json`: what this device applied of each other, for compaction."""
    conn = _connect(path)
    try:
        applied = {str(d): int(s) for d, s in conn.execute("SELECT device, seq FROM sync_applied")}
    finally:
        conn.close()
    files.write_json(folder / device / files.APPLIED_FILE, applied)
