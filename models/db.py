"""Opening the database: checks, backup-before-upgrade, pragmas, the one sessionmaker."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.orm import Session, sessionmaker

from models import migrate
from models.errors import (
    CorruptDatabaseError,
    DatabaseBusyError,
    DatabaseTooNewError,
    DataDirError,
    ThreePassError,
)
from models.paths import DataLocation, sqlite_path

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def _set_sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def make_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def check_data_dir(directory: Path) -> None:
    """Create the data dir if needed and prove it is writable, before any database work."""
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
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_MAGIC))
    except OSError as err:
        raise CorruptDatabaseError(f"Cannot read the database {path}: {err.strerror}.") from err
    if header != SQLITE_MAGIC:
        raise CorruptDatabaseError(f"{path} is not a ThreePass database (not an SQLite file).")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        raise CorruptDatabaseError(f"The database {path} is damaged: {err}.") from err
    if not result or result[0] != "ok":
        raise CorruptDatabaseError(f"The database {path} is damaged: {result[0] if result else ''}.")


class Database:
    """Owns the engine and the single sessionmaker; services open one Session per action."""

    def __init__(self, location: DataLocation, engine: Engine) -> None:
        self.location = location
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.location.url)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: commit on success, roll back on any error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except exc.OperationalError as err:
            session.rollback()
            if "locked" in str(err) or "busy" in str(err):
                raise DatabaseBusyError(
                    "The database is busy: another ThreePass window or command is writing; "
                    "try again in a moment."
                ) from err
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (nothing is committed)."""
        session = self._sessions()
        try:
            yield session
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def backup_before_upgrade(path: Path, revision: str | None) -> Path:
    backups = path.parent / "backups"
    backups.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backups / f"pre-upgrade-{revision or 'none'}-{stamp}.sqlite3"
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def open_database(location: DataLocation, *, upgrade: bool = True) -> Database:
    """Open (creating or upgrading) the database; raise ThreePassError with one clear sentence."""
    path = sqlite_path(location.url)
    if path is not None:
        check_data_dir(path.parent)
        check_sqlite_file(path)
    engine = make_engine(location.url)
    try:
        current = migrate.current_revision(engine)
        head = migrate.head_revision()
        if current is not None and current not in migrate.known_revisions():
            raise DatabaseTooNewError(
                "This database was written by a newer version of ThreePass "
                f"(schema {current}); update ThreePass to open it. Nothing was changed."
            )
        if current != head and upgrade:
            if path is not None and current is not None:
                backup_before_upgrade(path, current)
            migrate.upgrade(engine)
    except ThreePassError:
        engine.dispose()
        raise
    except exc.DatabaseError as err:
        engine.dispose()
        if isinstance(err, exc.OperationalError) and "readonly" in str(err).replace(" ", ""):
            raise DataDirError(f"The database {path} is read-only.") from err
        raise CorruptDatabaseError(f"Cannot open the database {path}: {err.orig}.") from err
    return Database(location, engine)


def move_aside(path: Path) -> Path:
    """Rename a damaged database (and its WAL files) so nothing ever overwrites it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    shutil.move(path, target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            shutil.move(side, target.with_name(target.name + suffix))
    return target
