"""`PRAGMA quick_check` of the database file, started early so opening does not wait for it.

Opening refuses a damaged file before anything writes to it (docs/data-safety.md): the
check reads the whole file (~0.05 s at 10k items, ~0.5 s at 100k) and used to run on the
start-up path. The desktop app starts it in a thread (`start`) before it imports Qt and
SQLAlchemy (~0.4 s, the GIL is released while SQLite reads), and `models.db` takes the
result (`take`) before its engine connects, so the promise is unchanged: no connection
that could write is made before the check passed. Only this module and `sqlite3` are
imported, so it can run first. Never imports SQLAlchemy.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

FileKey = tuple[tuple[int, int, int, int] | None, ...]


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


def start(path: Path) -> None:
    """Begin checking `path` in a daemon thread (nothing to check: no-op)."""
    path = path.absolute()
    try:
        if path.stat().st_size == 0:
            return
    except OSError:
        return
    check = _Check(_file_key(path))
    with _lock:
        if path in _checks:
            return
        _checks[path] = check
    check.thread = threading.Thread(
        target=check.work, args=(path,), name="threepass-quick-check", daemon=True
    )
    check.thread.start()


def take(path: Path) -> str | None:
    """The check's answer for `path`: the early one when the file did not change since it
    began (waiting for it to finish), else a check run now. Raises sqlite3.DatabaseError."""
    path = path.absolute()
    with _lock:
        check = _checks.pop(path, None)
    if check is not None:
        check.done.wait()
        if check.key and check.key == _file_key(path):
            if check.error is not None:
                raise check.error
            return check.result
    return run(path)
