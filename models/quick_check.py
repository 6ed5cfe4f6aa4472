"""`PRAGMA quick_check` of the database file, started early so opening does not wait for it.

Opening refuses a damaged file before anything writes to it (docs/data-safety.md): the
check reads the whole file (~0.05 s at 10k items, ~0.5 s at 100k) and used to run on the
start-up path. The desktop app starts it in a thread (`start`) before it imports Qt and
SQLAlchemy (~0.4 s, the GIL is released while SQLite reads), and `models.db` takes the
result (`take`) before its engine connects, so the promise is unchanged: no connection
that could write is made before the check passed. Only this module, `sqlite3` and
`models.paths` are imported, so it can run first. Never imports SQLAlchemy.

A clean file is not read again (~0.6 s of a 100k library's start): when a process that
opened the file after a passing check closes it, the file's identity (device, inode, size,
modification time, its WAL's too) is kept in the user's cache folder (`trust_on_close`).
The next open skips the check if the file still has that identity and the last real check
is under TRUST_DAYS old, as a file system skips its fsck after a clean unmount: any write
since, by any program, a crash with changes in the WAL, a restored or synced copy moves the
identity and the check runs again. A damaged file SQLite reports meanwhile is dropped from
the record (`distrust`).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

FileKey = tuple[tuple[int, int, int, int] | None, ...]

TRUST_DAYS = 7  # a file skips the check at most this long after its last real check
# File times come from a coarse clock (one kernel tick, 1-10 ms): a write within the tick of
# the last one could keep the same time. The identity is recorded once this has passed.
_TICK_S = 0.025
_RECORD = "checked-files.json"


def run(path: Path) -> str | None:
    """The first row of `PRAGMA quick_check` ("ok" when healthy), read-only; raises
    sqlite3.DatabaseError when SQLite cannot even read the file."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("PRAGMA quick_check").fetchone()
    finally:
        conn.close()
    return str(row[0]) if row else None


def _file_key(path: Path) -> FileKey:
    """Identity of the database file and its WAL: a change in either means a new check.

    An empty WAL counts as none: the read-only check itself creates one (and the -shm).
    """
    key: list[tuple[int, int, int, int] | None] = []
    for candidate in (path, path.with_name(path.name + "-wal")):
        try:
            st = candidate.stat()
        except OSError:
            key.append(None)
            continue
        empty_wal = candidate is not path and st.st_size == 0
        key.append(None if empty_wal else (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns))
    return tuple(key)


@dataclass
class _Check:
    key: FileKey
    thread: threading.Thread | None = None
    result: str | None = None
    checked_at: float | None = None  # a trusted file: when it was last really checked
    error: sqlite3.DatabaseError | None = None
    done: threading.Event = field(default_factory=threading.Event)

    def work(self, path: Path) -> None:
        try:
            self.result = run(path)
        except sqlite3.DatabaseError as err:
            self.error = err
        except Exception:  # anything else: `take` runs the check itself
            self.key = ()
        finally:
            self.done.set()


_checks: dict[Path, _Check] = {}
_lock = threading.Lock()
# files opened after a passing check in this process: path -> when it was really checked
_verified: dict[Path, float] = {}


def _record_file() -> Path:
    import platformdirs

    from models.paths import APP_NAME

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / _RECORD


def _read_record() -> dict[str, dict[str, object]]:
    try:
        found = json.loads(_record_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _write_record(record: dict[str, dict[str, object]]) -> None:
    """Best effort: without the record the next open only checks the file again."""
    from models.atomic import write_atomically

    target = _record_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, json.dumps(record, indent=1))
    except OSError:
        pass


def _key_json(key: FileKey) -> list[list[int] | None]:
    return [None if part is None else list(part) for part in key]


def trusted(path: Path) -> float | None:
    """When `path` was last really checked, if it is unchanged since a process that had
    checked it closed it, and that check is under TRUST_DAYS old; else None."""
    entry = _read_record().get(str(path.absolute()))
    if not isinstance(entry, dict):
        return None
    checked = entry.get("checked_at")
    if not isinstance(checked, int | float) or time.time() - checked > TRUST_DAYS * 86400:
        return None
    if entry.get("key") != _key_json(_file_key(path.absolute())):
        return None
    return float(checked)


def passed(path: Path, checked_at: float | None = None) -> None:
    """The open of `path` found it healthy (checked now, or trusted: its check's time)."""
    _verified[path.absolute()] = time.time() if checked_at is None else checked_at


def trust_on_close(path: Path) -> None:
    """After the last connection of this process closed `path`: remember its identity, if
    it was checked when opened (see the module's docstring)."""
    path = path.absolute()
    checked = _verified.pop(path, None)
    if checked is None:
        return
    try:
        age = time.time() - path.stat().st_mtime
    except OSError:
        return
    if 0 <= age < _TICK_S:
        time.sleep(_TICK_S - age)  # a later write then gets a later time
    record = _read_record()
    record[str(path)] = {"key": _key_json(_file_key(path)), "checked_at": checked}
    _write_record(record)


def distrust(path: Path) -> None:
    """SQLite found `path` damaged: check it at the next open, whatever its identity."""
    path = path.absolute()
    _verified.pop(path, None)
    record = _read_record()
    if record.pop(str(path), None) is not None:
        _write_record(record)


def start(path: Path) -> None:
    """Begin checking `path` in a daemon thread (nothing to check, or a trusted file: no
    thread)."""
    path = path.absolute()
    try:
        if path.stat().st_size == 0:
            return
    except OSError:
        return
    check = _Check(_file_key(path))
    checked_at = trusted(path)
    if checked_at is not None:
        check.result, check.checked_at = "ok", checked_at
        check.done.set()
    with _lock:
        if path in _checks:
            return
        _checks[path] = check
    if checked_at is not None:
        return
    check.thread = threading.Thread(
        target=check.work, args=(path,), name="threepass-quick-check", daemon=True
    )
    check.thread.start()


def take(path: Path) -> tuple[str | None, float | None]:
    """The check's answer for `path`, and for a trusted file when it was really checked
    (None: checked now): the early answer when the file did not change since it began
    (waiting for it to finish), else a check run now (or skipped: trusted). Raises
    sqlite3.DatabaseError."""
    path = path.absolute()
    with _lock:
        check = _checks.pop(path, None)
    if check is not None:
        check.done.wait()
        if check.key and check.key == _file_key(path):
            if check.error is not None:
                raise check.error
            return check.result, check.checked_at
    checked_at = trusted(path)
    if checked_at is not None:
        return "ok", checked_at
    return run(path), None
