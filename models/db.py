"""Opening the database: checks, backup-before-upgrade, pragmas, the one sessionmaker.

Opening a database that is already at the newest schema needs no SQLAlchemy: the checks,
the stored revision and the first screen's reads (`Database.connect`) use sqlite3, and the
engine, its pool and the ORM are made with the first Session or migration. The desktop
thus shows its first rows before SQLAlchemy (~0.15 s of imports) is loaded
(docs/benchmarks.md, "Start to first rows visible"). Every connection, opened before the
engine or by its pool, is a `PooledConnection` with the same pragmas; the engine's pool
takes over the ones opened before it existed.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import stat
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from models import migrate, quick_check
from models.errors import (
    CorruptDatabaseError,
    DatabaseBusyError,
    DatabaseError,
    DatabaseTooNewError,
    DataDirError,
    DiskFullError,
    LibraryGoneError,
    MissingDatabaseError,
    StorageError,
    ThreePassError,
)
from models.paths import DataLocation, default_data_dir, sqlite_path

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.orm import Session, sessionmaker

# what Database.connect yields: sqlite3 for SQLite files, a SQLAlchemy Core connection else
Connectable: TypeAlias = "sqlite3.Connection | Connection"
log = logging.getLogger(__name__)
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
BUSY_MESSAGE = (
    "The database is locked by another ThreePass window or command (waited {seconds:g} s); "
    "close the other one or try again in a moment."
)


def sqlite_error_name(err: BaseException) -> str:
    """SQLITE_BUSY, SQLITE_FULL... from an sqlite3 error or a SQLAlchemy wrapper of one."""
    orig = getattr(err, "orig", None) or err
    return str(getattr(orig, "sqlite_errorname", "") or "")


def explain_sqlite_error(
    err: BaseException, path: Path | None, *, writing: bool
) -> ThreePassError | None:
    """The one-sentence error for an SQLite failure; None when it is a bug to re-raise as is.

    Classified by result code so a full or read-only disk is never mistaken for a damaged
    file (which the app would offer to move aside).
    """
    name = sqlite_error_name(err)
    text = str(getattr(err, "orig", None) or err)
    where = str(path) if path is not None else "the database"
    lost = "; this change was not saved" if writing else ""
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or (
        not name and ("locked" in text or "busy" in text)
    ):
        return DatabaseBusyError(BUSY_MESSAGE.format(seconds=BUSY_TIMEOUT_MS / 1000))
    if name == "SQLITE_FULL":
        return DiskFullError(f"The disk holding {where} is full: free some space{lost}.")
    if name.startswith("SQLITE_READONLY") or (not name and "readonly" in text.replace(" ", "")):
        return DataDirError(f"The database {where} is on a read-only disk or folder{lost}.")
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")):
        return StorageError(
            f"Cannot read or write {where} ({text}): its disk may be full, failing or "
            f"disconnected{lost}."
        )
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        if path is not None:
            quick_check.distrust(path)  # checked again at the next open, unchanged or not
        return CorruptDatabaseError(
            f"The database {where} is damaged ({text}){lost}; "
            "restart ThreePass to restore it from a backup."
        )
    return None


def _set_sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    # FULL, not WAL's usual NORMAL: the WAL is flushed to disk at every commit, so a change
    # ThreePass reported saved survives a power cut too, for ~0.25 ms per commit (measured
    # on a virtual disk; an fsync of a spinning disk is ~10 ms): docs/data-safety.md.
    cur.execute("PRAGMA synchronous = FULL")
    cur.close()


@contextmanager
def explaining_errors(path: Path | None, *, writing: bool) -> Iterator[None]:
    """SQLite failures inside, raw sqlite3 ones or wrapped by SQLAlchemy (DBAPIError), become
    explain_sqlite_error's one sentence; a failure it cannot explain (a bug) and any other
    exception pass unchanged."""
    try:
        yield
    except Exception as err:
        if not isinstance(err, sqlite3.Error) and getattr(err, "orig", None) is None:
            raise
        explained = explain_sqlite_error(err, path, writing=writing)
        if explained is None:
            raise
        raise explained from err


FileIdentity: TypeAlias = tuple[int, int]
FileState: TypeAlias = Literal["same", "replaced", "missing"]


def file_identity(path: Path) -> FileIdentity | None:
    """(st_dev, st_ino) of the file at `path`, None when there is none: an open connection
    keeps the file it opened, so a file replaced at the path (a restore by another process,
    a sync tool) or removed is only seen by comparing this with what was opened."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


class PooledConnection(sqlite3.Connection):
    """An sqlite3 connection with a dict of its own (`info`): write tokens and search state
    stay with the connection whichever pool hands it out (ours before the engine exists,
    SQLAlchemy's after)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.info: dict[Any, Any] = {}


def connect_sqlite(path: Path, *, create: bool = True) -> PooledConnection:
    """A connection as ThreePass uses every one: busy timeout, foreign keys, WAL,
    synchronous=FULL; handed between threads by a pool (one user at a time), as
    SQLAlchemy's pysqlite dialect does for a file. Without `create`, a missing file is an
    error (SQLITE_CANTOPEN) rather than a new empty library."""
    conn = sqlite3.connect(
        str(path) if create else f"file:{urllib.parse.quote(str(path))}?mode=rw",
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,
        factory=PooledConnection,
        uri=not create,
    )
    try:
        _set_sqlite_pragmas(conn, None)
    except BaseException:
        conn.close()
        raise
    return conn


def shown_url(url: str) -> str:
    """The URL as it may appear in a message: never with its password."""
    from sqlalchemy import exc, make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except exc.ArgumentError:
        return url


def make_engine(url: str, creator: Callable[[], Any] | None = None) -> Engine:
    """Raises DatabaseError (one sentence) for a URL SQLAlchemy cannot use, not a traceback.

    `creator` makes the pool's SQLite connections (Database hands over its own).
    """
    from sqlalchemy import event, exc

    try:
        engine = _create_engine(url, creator)
    except exc.NoSuchModuleError as err:
        scheme = url.split("://", 1)[0]
        raise DatabaseError(
            f"Cannot use the database URL {shown_url(url)}: no driver for '{scheme}'."
        ) from err
    except exc.ArgumentError as err:
        raise DatabaseError(
            f"Cannot use the database URL {shown_url(url)}: it is not a database URL "
            "(expected e.g. sqlite:////path/to/threepass.sqlite3)."
        ) from err
    except ImportError as err:
        raise DatabaseError(
            f"Cannot use the database URL {shown_url(url)}: its driver module "
            f"'{err.name or err}' is not installed."
        ) from err
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def _create_engine(url: str, creator: Callable[[], Any] | None) -> Engine:
    """SQLite only: the schema (NOCASE collations, FTS5, triggers) and the tuned SQL are
    SQLite's, and a server database would fail at the first migration (docs/sync.md says
    how to use one library on several machines instead)."""
    from sqlalchemy import create_engine, make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        raise DatabaseError(
            f"Cannot use the database URL {shown_url(url)}: ThreePass works with SQLite "
            "files only (sqlite:////path/to/threepass.sqlite3); to use one library on "
            "several machines, sync it (threepass sync, docs/sync.md)."
        )
    if creator is not None:
        return create_engine(url, creator=creator)
    return create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})


def check_data_dir(directory: Path) -> None:
    """Create the data dir if needed and prove it is writable, before any database work.

    Only the default folder is created with its parents: a chosen folder whose parent is
    missing is most likely on a drive that is not connected, and recreating it on the system
    disk would silently show an empty library.
    """
    if (
        not directory.exists()
        and not directory.parent.exists()
        and directory.absolute() != default_data_dir().absolute()
    ):
        raise DataDirError(
            f"The data folder {directory} is missing and so is {directory.parent}; "
            "connect the drive it is on, or create the folder first."
        )
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise DataDirError(
            f"Cannot create the data folder {directory}: {err.strerror or err}."
        ) from err
    if not directory.is_dir():
        raise DataDirError(f"The data location {directory} is not a folder.")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise DataDirError(f"The data folder {directory} is not writable.")


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not a healthy SQLite database, without writing to it."""
    if not path.exists():
        return
    check_regular_file(path)
    if path.stat().st_size == 0:
        if any((path.parent / "backups").glob("*.sqlite3")):
            raise CorruptDatabaseError(
                f"The database {path} is empty (0 bytes) although backups exist, "
                "so it was probably truncated."
            )
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_MAGIC))
    except OSError as err:
        raise CorruptDatabaseError(f"Cannot read the database {path}: {err.strerror}.") from err
    if header != SQLITE_MAGIC:
        raise CorruptDatabaseError(f"{path} is not a ThreePass database (not an SQLite file).")
    try:
        # started early by the desktop app, else run now; skipped for a file unchanged since
        # a process that had checked it closed it (models/quick_check.py)
        result, checked_at = quick_check.take(path)
    except sqlite3.DatabaseError as err:
        explained = explain_sqlite_error(err, path, writing=False)
        if explained is not None and not isinstance(explained, CorruptDatabaseError):
            raise explained from err
        raise CorruptDatabaseError(f"The database {path} is damaged ({err}).") from err
    if result != "ok":
        quick_check.distrust(path)
        detail = result or "no answer"
        raise CorruptDatabaseError(f"The database {path} is damaged ({detail}).")
    quick_check.passed(path, checked_at)


def check_schema_owner(path: Path) -> None:
    """Refuse another program's SQLite file or a newer ThreePass schema, read-only.

    Must run before the engine connects: its `journal_mode = WAL` pragma rewrites the file
    header, which would change a file we are about to refuse.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    except sqlite3.DatabaseError:
        return  # left to the normal open path, which explains SQLite errors
    finally:
        conn.close()
    if revision is None and tables - {"alembic_version"}:
        raise CorruptDatabaseError(
            f"{path} is an SQLite database of another program, not a ThreePass database."
        )
    if revision is not None and revision not in migrate.known_revisions():
        raise DatabaseTooNewError(
            "This database was written by a newer version of ThreePass "
            f"(schema {revision}); update ThreePass to open it (nothing was changed)."
        )


def check_regular_file(path: Path) -> None:
    """Refuse a FIFO, device, socket or folder given as the database: SQLite would block on
    a FIFO or fail with an I/O error explained as a full or failing disk."""
    mode = path.stat().st_mode
    if stat.S_ISREG(mode):
        return
    what = "a folder" if stat.S_ISDIR(mode) else "a named pipe" if stat.S_ISFIFO(mode) else None
    what = what or ("a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file")
    raise DataDirError(
        f"The database {path} is {what}, not a regular file; give the path of a "
        "ThreePass database file (or a data folder)."
    )


def folder_is_read_only(path: Path) -> bool:
    """Whether the database file exists but this process cannot write it or its folder (a
    read-only mount, another user's folder): such a library can still be read."""
    return path.is_file() and not (
        os.access(path.parent, os.W_OK | os.X_OK) and os.access(path, os.W_OK)
    )


def connect_read_only(path: Path) -> PooledConnection:
    """A connection that never writes, for a library in a folder ThreePass cannot write.

    `mode=ro` reads a write-ahead log left there, but needs its -shm file to exist or be
    creatable; without one, `immutable=1` (no process can write there either). A non-empty
    -wal that only `immutable` could open is refused: its changes would be skipped."""
    from urllib.parse import quote

    base = f"file:{quote(str(path))}?mode=ro"
    wal = path.with_name(path.name + "-wal")
    failure: sqlite3.Error | None = None
    for uri in (base, base + "&immutable=1"):
        if failure is not None and wal.exists() and wal.stat().st_size > 0:
            raise DataDirError(
                f"The database {path} has changes in {wal.name} that cannot be read from a "
                "read-only folder; open it once where it can be written."
            ) from failure
        try:
            conn = sqlite3.connect(
                uri,
                uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000,
                check_same_thread=False,
                factory=PooledConnection,
            )
        except sqlite3.Error as err:
            failure = err
            continue
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the file
        except sqlite3.Error as err:
            conn.close()
            failure = err
            continue
        return conn
    assert failure is not None
    raise _cannot_open(failure, path) from failure


def open_read_only(location: DataLocation) -> Database:
    """Open a library whose folder cannot be written (see `folder_is_read_only`) to read it:
    list, stats, export. Every write then fails with explain_sqlite_error's read-only
    sentence. A schema that needs an upgrade is refused (it cannot be written)."""
    path = sqlite_path(location.url)
    if path is None or not path.is_file():
        raise DataDirError(f"There is no database file to open read-only at {path}.")
    check_regular_file(path)
    conn = connect_read_only(path)
    try:
        check = conn.execute("PRAGMA quick_check").fetchone()
        stored = migrate.stored_revision(conn)
    except sqlite3.Error as err:
        raise _cannot_open(err, path) from err
    finally:
        conn.close()
    if not check or check[0] != "ok":
        raise CorruptDatabaseError(f"The database {path} is damaged ({check[0] if check else ''}).")
    if stored is None or stored not in migrate.known_revisions():
        check_schema_owner(path)  # the sentence for another program's file or a newer schema
        raise CorruptDatabaseError(f"{path} is not a ThreePass database.")
    if stored != migrate.head_revision():
        raise DataDirError(
            f"The database {path} (schema {stored}) needs an upgrade, which its read-only "
            "folder cannot take; open it once where it can be written."
        )
    log.info("opened %s read-only: its folder cannot be written", path)
    return Database(location, make_engine(location.url, creator=lambda: connect_read_only(path)))


class Database:
    """Owns the engine and the single sessionmaker; services open one Session per action.

    The engine (SQLAlchemy, ~0.15 s to import) is made with the first Session for a
    database opened at the newest schema, and the ORM (~0.1 s more) with it: the desktop's
    first screen reads through `connect` (plain sqlite3), so both load after the first
    paint. The connections `connect` opened before the engine existed go to its pool.
    """

    def __init__(self, location: DataLocation, engine: Engine | None = None) -> None:
        self.location = location
        self._engine = engine
        self._factory: sessionmaker[Session] | None = None
        self._lock = threading.Lock()
        self._idle: list[PooledConnection] = []  # opened by `connect`, not in use
        self._closed = False
        self._generation = 0  # reset_connections: connections of an older one are closed
        path = self.path
        # the file the connections have open: see file_state()
        self._identity = None if path is None else file_identity(path)
        self.commits = 0  # transactions committed by this process: not an outside write
        self.reopened = 0  # times the file at the path was found replaced and followed
        self._probe: sqlite3.Connection | None = None  # data_version(): never writes

    @property
    def generation(self) -> int:
        """Moves on every reset_connections: what was read before may be another file's."""
        return self._generation

    def file_state(self) -> FileState:
        """Whether the file at the path is still the one the connections opened: "replaced"
        (another process restored a backup by moving the file aside, a sync tool swapped
        it) or "missing" (its folder deleted, its drive gone). One stat(): cheap enough
        for every write and a timer."""
        path = self.path
        if path is None:
            return "same"
        now = file_identity(path)
        if self._identity is None:  # nothing opened yet: a new file is simply the library
            if now is not None:
                self._identity = now
            return "same"
        if now is None:
            return "missing"
        return "same" if now == self._identity else "replaced"

    def follow_replaced_file(self) -> None:
        """Reopen on the file now at the path (writes would go to the replaced one)."""
        log.warning("the database %s was replaced by another program: reopening it", self.path)
        self.reset_connections()
        self.reopened += 1

    def check_file_before_write(self) -> None:
        """Refuse a write when the library file is gone; follow a replaced one first."""
        state = self.file_state()
        if state == "missing":
            raise LibraryGoneError(
                f"The library file {self.path} is gone (its data folder was removed, renamed "
                "or disconnected); this change was not saved."
            )
        if state == "replaced":
            self.follow_replaced_file()

    def data_version(self) -> int | None:
        """SQLite's `PRAGMA data_version` on a connection of its own that never writes: it
        moves when any other connection commits (another process, or this one's pool).
        None when it cannot be read (no file database, an unreadable file)."""
        path = self.path
        if path is None:
            return None
        with self._lock:
            try:
                if self._probe is None:
                    self._probe = sqlite3.connect(
                        f"file:{urllib.parse.quote(str(path))}?mode=ro",
                        uri=True,
                        check_same_thread=False,
                    )
                return int(self._probe.execute("PRAGMA data_version").fetchone()[0])
            except sqlite3.Error:
                self._close_probe()
                return None

    def _close_probe(self) -> None:
        """Called with the lock held."""
        if self._probe is not None:
            self._probe.close()
            self._probe = None

    def save_copy(self, target: Path) -> None:
        """Copy the library as the open connections see it to `target` (SQLite's backup
        API): what is left to save when the file at the path was removed under the app."""
        from models import atomic  # the temp file is named and cleaned like every other

        with self.connect() as conn:
            if not isinstance(conn, sqlite3.Connection):
                raise DatabaseError("Only a database file can be copied.")

            def fill(partial: Path) -> None:
                dst = sqlite3.connect(partial)
                try:
                    conn.backup(dst)
                finally:
                    dst.close()

            try:
                atomic.write_database_with(target, fill)
            except (OSError, sqlite3.Error) as err:
                reason = getattr(err, "strerror", None) or err
                raise StorageError(f"Cannot write the copy {target} ({reason}).") from err

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.location.url)

    @property
    def engine(self) -> Engine:
        engine = self._engine
        if engine is None:
            # imported before taking the lock, which connect() on the GUI thread also takes
            import sqlalchemy.dialects.sqlite  # noqa: F401

            with self._lock:
                if self._engine is None:
                    self._engine = make_engine(self.location.url, creator=self._hand_over)
                engine = self._engine
        return engine

    def _hand_over(self) -> PooledConnection:
        """A connection for the engine's pool: one `connect` opened, else a new one."""
        with self._lock:
            if self._idle:
                return self._idle.pop()
        path = self.path
        assert path is not None  # only SQLite file databases are opened without an engine
        return connect_sqlite(path, create=self._identity is None)  # never a ghost file

    def _sessions(self) -> Session:
        factory = self._factory
        if factory is None:
            engine = self.engine
            from sqlalchemy.orm import sessionmaker  # not under the lock: connect() takes it

            with self._lock:  # the first Session may be opened by two threads
                if self._factory is None:
                    made = sessionmaker(engine, expire_on_commit=False)
                    from sqlalchemy import event

                    event.listen(made, "after_begin", _take_write_lock)
                    self._factory = made
                factory = self._factory
        return factory()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: commit on success, roll back on any error.

        On SQLite it holds the write lock from its first statement (`_take_write_lock`), so
        a read-modify-write (minutes + 5, an SM-2 step, "one running timer") never works
        from a value another process changes before this one commits: a lost update. A
        transaction that runs no statement takes no connection and no lock.
        """
        from sqlalchemy import exc

        self.check_file_before_write()
        session = self._sessions()
        if self.path is not None:
            session.info[WRITE_LOCK] = True
        try:
            yield session
            session.commit()
            self.commits += 1
        except exc.DBAPIError as err:
            session.rollback()
            explained = explain_sqlite_error(err, self.path, writing=True)
            if explained is not None:
                raise explained from err
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (nothing is committed)."""
        from sqlalchemy import exc

        session = self._sessions()
        try:
            yield session
        except exc.DBAPIError as err:
            explained = explain_sqlite_error(err, self.path, writing=False)
            if explained is not None:
                raise explained from err
            raise
        finally:
            session.close()

    @contextmanager
    def connect(self) -> Iterator[Connectable]:
        """A connection for plain-SQL reads (`query`), without SQLAlchemy for SQLite.

        The sqlite3 connection comes from the engine's pool once the engine exists, else
        from connections kept here (which the engine's pool takes over later). Another
        database gives a SQLAlchemy Core connection. Nothing is committed; SQLite errors
        become the same one-sentence errors as in `read`.
        """
        path = self.path
        with explaining_errors(path, writing=False):
            if path is None:
                with self.engine.connect() as connection:
                    yield connection
            elif self._engine is not None:
                pooled = self._engine.raw_connection()
                try:
                    raw = pooled.driver_connection
                    assert isinstance(raw, sqlite3.Connection)
                    yield raw
                finally:
                    pooled.close()  # back to the pool, rolled back
            else:
                with self._lock:
                    conn = self._idle.pop() if self._idle else None
                    generation = self._generation
                if conn is None:
                    conn = connect_sqlite(path, create=self._identity is None)
                try:
                    yield conn
                finally:
                    if conn.in_transaction:
                        conn.rollback()
                    with self._lock:
                        keep = not self._closed and generation == self._generation
                        if keep:
                            self._idle.append(conn)
                    if not keep:
                        conn.close()

    def reset_connections(self) -> None:
        """Close the connections not in use (the engine's pool and those kept here; the ones
        in use are closed when they come back), so the next read opens the file now at the
        path. After a restore moved a damaged file aside, they would still read, and write
        to, the moved file."""
        if self._engine is not None:
            self._engine.dispose()
        with self._lock:
            idle, self._idle = self._idle, []
            self._generation += 1
            self._close_probe()
            path = self.path
            self._identity = None if path is None else file_identity(path)
        for conn in idle:
            conn.close()

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        with self._lock:
            idle, self._idle = self._idle, []
            self._closed = True
            self._close_probe()
        for conn in idle:
            conn.close()
        path = self.path
        if path is not None:
            quick_check.trust_on_close(path)


WRITE_LOCK = "threepass.write_lock"  # Session.info key: transaction() sessions lock first


def _take_write_lock(session: Session, _transaction: object, connection: Connection) -> None:
    """Start a `transaction()` session's SQLite transaction as BEGIN IMMEDIATE (waiting up
    to the busy timeout for another writer), not pysqlite's deferred BEGIN before the first
    write: reads made before that write would come from a snapshot another process may
    already have changed. In a transaction something else began, a write that changes
    nothing takes the lock (before any read of it, so its snapshot is the newest).

    The Session's "after_begin" event runs it when the session first takes its connection,
    so a transaction that runs no statement checks out no connection (a second pooled
    connection would cost the library's row cache a full reload: data_version).
    """
    if not session.info.get(WRITE_LOCK):
        return
    raw = connection.connection.dbapi_connection
    if isinstance(raw, sqlite3.Connection) and not raw.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = version_num WHERE 0")


def query(conn: Connectable, sql: str, params: dict[str, Any] | None = None) -> list[Any]:
    """The rows of a plain-SQL read (`:name` parameters) on either kind of `connect`ion."""
    if isinstance(conn, sqlite3.Connection):
        return conn.execute(sql, params or {}).fetchall()
    from sqlalchemy import text

    return [tuple(row) for row in conn.execute(text(sql), params or {})]


def backup_before_upgrade(path: Path, revision: str | None) -> Path:
    """A copy of the file at `revision` before it is upgraded, once per revision step
    (BackupService.before_upgrade: reused after a failed attempt, rotated). When it cannot
    be written the upgrade does not start, and the sentence says the library is unchanged."""
    from models.services.backup import BackupService  # the backup module imports this one

    try:
        return BackupService(path).before_upgrade(revision or "none").path
    except DiskFullError as err:
        raise DiskFullError(
            f"The disk holding {path.parent} is full, so the copy kept before upgrading the "
            "library to this version's format could not be written: free some space; the "
            "library is unchanged and the next start tries again."
        ) from err
    except StorageError as err:
        cause = err.__cause__ or err
        raise StorageError(
            f"Cannot write the copy kept before upgrading the library in "
            f"{path.parent / 'backups'} ({getattr(cause, 'strerror', None) or cause}); "
            "the library is unchanged and the next start tries again."
        ) from err


def restore_hint(path: Path) -> str:
    """How to get back to work from the command line after a damaged database was found."""
    backups = sorted((path.parent / "backups").glob("*.sqlite3"), key=lambda p: p.stat().st_mtime)
    if backups:
        return f"restore a backup with `threepass restore {backups[-1]}`"
    return "there is no backup yet, so move the file away to start an empty library"


def open_database(location: DataLocation, *, upgrade: bool = True, new: bool = False) -> Database:
    """Open (creating or upgrading) the database; raise ThreePassError with one clear sentence.

    A missing file is created only where no library was before (models/lost_library.py),
    or with `new` (the user chose to start an empty library there).
    """
    try:
        return _open_database(location, upgrade=upgrade, new=new)
    except MissingDatabaseError:
        raise
    except CorruptDatabaseError as err:
        path = sqlite_path(location.url)
        if path is None:
            raise
        raise CorruptDatabaseError(f"{str(err).rstrip('.')}; {restore_hint(path)}.") from err


def _open_database(location: DataLocation, *, upgrade: bool, new: bool) -> Database:
    path = sqlite_path(location.url)
    if path is not None:
        if not path.exists():  # before check_data_dir, which would create its folder
            from models import lost_library  # only when the file is missing

            if new:
                lost_library.forget(path)
            else:
                lost_library.refuse_if_lost(path)
        check_data_dir(path.parent)
        check_sqlite_file(path)
        check_schema_owner(path)
        if path.exists():
            opened = _open_at_head(location, path)
            if opened is not None:
                return opened
    from sqlalchemy import exc

    # SQLite connections are PooledConnections here too (their `info` keeps write tokens)
    engine = make_engine(location.url, creator=None if path is None else _connector(path))
    try:
        current = migrate.current_revision(engine)
        head = migrate.head_revision()
        if current is not None and current not in migrate.known_revisions():
            raise DatabaseTooNewError(
                "This database was written by a newer version of ThreePass "
                f"(schema {current}); update ThreePass to open it (nothing was changed)."
            )
        if current != head and upgrade:
            if path is not None and current is not None:
                backup_before_upgrade(path, current)
            _upgrade(engine, path, current)
    except ThreePassError:
        engine.dispose()
        raise
    except exc.DBAPIError as err:
        engine.dispose()
        explained = explain_sqlite_error(err, path, writing=False)
        if explained is not None and not isinstance(explained, CorruptDatabaseError):
            raise explained from err
        if path is None:  # a database server: refused, unknown host, bad login...
            reason = str(err.orig).strip().splitlines()[0] if str(err.orig).strip() else ""
            raise DatabaseError(
                f"Cannot connect to the database {shown_url(location.url)} ({reason})."
            ) from err
        raise CorruptDatabaseError(f"Cannot open the database {path} ({err.orig}).") from err
    return Database(location, engine)


def _upgrade(engine: Engine, path: Path | None, current: str | None) -> None:
    """migrate.upgrade (one transaction); a full disk or a failing drive is said to leave
    the library as it was, to be upgraded again at the next start."""
    from sqlalchemy import exc

    try:
        migrate.upgrade(engine)
    except exc.DBAPIError as err:
        explained = explain_sqlite_error(err, path, writing=False)
        if current is None or explained is None or isinstance(explained, CorruptDatabaseError):
            raise
        raise type(explained)(
            f"{str(explained).rstrip('.')}; the upgrade of the library to this version's "
            "format was rolled back, so it is unchanged and the next start tries again."
        ) from err


def _connector(path: Path) -> Callable[[], PooledConnection]:
    return lambda: connect_sqlite(path)


def _open_at_head(location: DataLocation, path: Path) -> Database | None:
    """The usual start: a file already at the newest schema opens without SQLAlchemy (one
    sqlite3 connection, which the Database keeps). None when the schema must be created or
    upgraded: the caller does that through the engine and Alembic."""
    try:
        conn = connect_sqlite(path)
    except sqlite3.Error as err:
        raise _cannot_open(err, path) from err
    try:
        stored = migrate.stored_revision(conn)
    except sqlite3.Error as err:
        conn.close()
        raise _cannot_open(err, path) from err
    if stored != migrate.head_revision():
        conn.close()
        return None
    db = Database(location)
    db._idle.append(conn)
    return db


def _cannot_open(err: sqlite3.Error, path: Path) -> ThreePassError:
    """The one sentence for a file SQLite cannot open or read (as the engine path says it)."""
    explained = explain_sqlite_error(err, path, writing=False)
    if explained is not None and not isinstance(explained, CorruptDatabaseError):
        return explained
    return CorruptDatabaseError(f"Cannot open the database {path} ({err}).")


def move_aside(path: Path) -> Path:
    """Rename a damaged database (and its WAL files) so nothing ever overwrites it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 1
    while target.exists():  # never rename over an earlier damaged copy
        counter += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
    shutil.move(path, target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            shutil.move(side, target.with_name(target.name + suffix))
    log.warning("damaged database %s moved aside to %s", path, target)
    return target


def configure_models() -> None:
    """Set the ORM mappers up now (the app: idle time after the first paint) rather than in
    the first service call that uses them, which may be an import worker holding the GIL
    for ~35 ms while the GUI thread waits."""
    from sqlalchemy.orm import configure_mappers

    import models.career
    import models.library  # noqa: F401

    configure_mappers()


WriteToken = tuple[int, int, int]  # data_version, total_changes, schema_version


def write_token(
    s: Session | Connection | sqlite3.Connection,
) -> tuple[sqlite3.Connection, dict[Any, Any], WriteToken] | None:
    """What has been written, as this session's (or connection's) pooled SQLite connection
    sees it: its raw connection, its `info` dict (per connection, so never shared between
    threads) and a token that moves on any write — `PRAGMA data_version` when another
    connection commits, `total_changes` on this connection's own writes (rolled-back ones
    included: a needless refresh, never a stale answer), `schema_version` on a migration
    (`total_changes` ignores DDL). None when not on SQLite: callers then cache nothing."""
    if isinstance(s, sqlite3.Connection):
        raw: object = s
        info = getattr(s, "info", None)
    else:
        from sqlalchemy import Connection as CoreConnection  # loaded: s is one of its objects

        connection = s if isinstance(s, CoreConnection) else s.connection()
        raw = connection.connection.dbapi_connection
        info = getattr(raw, "info", None)
        if not isinstance(info, dict):  # an engine made elsewhere: SQLAlchemy's own dict
            info = connection.info
    if not isinstance(raw, sqlite3.Connection) or not isinstance(info, dict):
        return None
    version, schema = raw.execute(
        "SELECT data_version, schema_version FROM pragma_data_version, pragma_schema_version"
    ).fetchone()
    return raw, info, (int(version), raw.total_changes, int(schema))
