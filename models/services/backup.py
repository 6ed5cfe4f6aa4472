"""Backups and restore of the SQLite file, through SQLite's online backup API.

The online backup API copies a consistent snapshot even while the app (or another process)
is writing, which a plain file copy of a WAL database does not. Copies are written to a
temporary name, checked and then renamed, so a crash never leaves a half-written backup that
looks good. Rotation is a pure function of the backup dates so it can be tested on fixed dates.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sqlite3
import stat
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from models import atomic, migrate
from models import db as dbmod
from models.clock import Clock, SystemClock
from models.errors import (
    CorruptDatabaseError,
    DatabaseBusyError,
    DatabaseTooNewError,
    NotFoundError,
    StorageError,
    ThreePassError,
    ValidationError,
)
from models.paths import DataLocation

AUTOMATIC = "automatic"
PRE_RESTORE = "pre-restore"
PRE_UPGRADE = "pre-upgrade"
PRE_IMPORT = "pre-import"  # before `import json --replace` swaps all content
KINDS_BY_PREFIX = {
    "threepass": AUTOMATIC,
    "pre-restore": PRE_RESTORE,
    "pre-upgrade": PRE_UPGRADE,
    "pre-import": PRE_IMPORT,
}
NAME_PREFIX = {AUTOMATIC: "threepass", PRE_RESTORE: "pre-restore", PRE_IMPORT: "pre-import"}
STAMP_FORMAT = "%Y%m%d-%H%M%S"
BACKUP_SUFFIX = ".sqlite3"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_PRE_RESTORE = 5
KEEP_PRE_UPGRADE = 3  # one per revision step, so three upgrades back
KEEP_PRE_IMPORT = 5
KEEP_BY_KIND = {
    PRE_RESTORE: KEEP_PRE_RESTORE,
    PRE_UPGRADE: KEEP_PRE_UPGRADE,
    PRE_IMPORT: KEEP_PRE_IMPORT,
}

log = logging.getLogger(__name__)
BACKUP_INTERVAL = timedelta(days=1)
PARTIAL_SUFFIX = atomic.PARTIAL_SUFFIX  # every temp file: `.NAME.RANDOM.partial`
STALE_PARTIAL_S = 60  # a partial younger than this may be one whose writer is just starting
REQUIRED_TABLES = ("alembic_version", "items")

_NAME_RE = re.compile(
    r"^(?P<prefix>threepass|pre-restore|pre-import|pre-upgrade-[\w.]+?)-(?P<stamp>\d{8}-\d{6})"
    r"(?:-(?P<n>\d+))?\.sqlite3$"
)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file; created is naive UTC (from the file name, not the file's mtime)."""

    path: Path
    created: datetime
    size: int
    kind: str

    @property
    def created_local(self) -> datetime:
        return self.created.replace(tzinfo=UTC).astimezone()


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    revision: str
    safety_copy: Path | None  # the pre-restore backup of the database that was replaced
    moved_aside: Path | None  # the damaged database, renamed instead of backed up


# ---- pure policy -------------------------------------------------------------------------
def backup_name(kind: str, at: datetime, counter: int = 1) -> str:
    extra = "" if counter == 1 else f"-{counter}"
    return f"{NAME_PREFIX[kind]}-{at.strftime(STAMP_FORMAT)}{extra}{BACKUP_SUFFIX}"


def parse_backup_name(name: str) -> tuple[str, datetime] | None:
    """(kind, created) for a file name this module (or db.backup_before_upgrade) wrote."""
    match = _NAME_RE.match(name)
    if match is None:
        return None
    prefix = match["prefix"]
    kind = PRE_UPGRADE if prefix.startswith("pre-upgrade") else KINDS_BY_PREFIX[prefix]
    try:
        return kind, datetime.strptime(match["stamp"], STAMP_FORMAT)
    except ValueError:
        return None


def pre_upgrade_name(revision: str, at: datetime, counter: int = 1) -> str:
    extra = "" if counter == 1 else f"-{counter}"
    return f"{PRE_UPGRADE}-{revision}-{at.strftime(STAMP_FORMAT)}{extra}{BACKUP_SUFFIX}"


def pre_upgrade_revision(name: str) -> str | None:
    """The revision a pre-upgrade copy holds, from its name (None for other backups)."""
    match = _NAME_RE.match(name)
    if match is None or not match["prefix"].startswith(PRE_UPGRADE + "-"):
        return None
    return str(match["prefix"][len(PRE_UPGRADE) + 1 :])


def _name_counter(name: str) -> int:
    match = _NAME_RE.match(name)
    return int(match["n"]) if match and match["n"] else 1


def rotation_keep(
    stamps: Iterable[datetime], *, daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY
) -> set[datetime]:
    """Which automatic backups survive: the newest of each of the last `daily` days that have
    a backup, and the newest of each of the last `weekly` ISO weeks that have one.

    Counting days that *have* backups (not calendar days back from today) means a month away
    from the app never deletes every older copy on the first backup after the break.
    """
    newest_by_day: dict[object, datetime] = {}
    newest_by_week: dict[object, datetime] = {}
    for stamp in stamps:
        day = stamp.date()
        week = tuple(stamp.isocalendar())[:2]
        if day not in newest_by_day or stamp > newest_by_day[day]:
            newest_by_day[day] = stamp
        if week not in newest_by_week or stamp > newest_by_week[week]:
            newest_by_week[week] = stamp
    keep = set(sorted(newest_by_day.values(), reverse=True)[:daily])
    keep |= set(sorted(newest_by_week.values(), reverse=True)[:weekly])
    return keep


def backup_due(last: datetime | None, now: datetime, interval: timedelta = BACKUP_INTERVAL) -> bool:
    """At most one automatic backup per interval; a clock that went backwards never blocks."""
    return last is None or now - last >= interval or last > now


# ---- file checks ---------------------------------------------------------------------------
def _connect_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=_busy_seconds())


def _busy_seconds() -> float:
    return dbmod.BUSY_TIMEOUT_MS / 1000


def inspect_database(path: Path) -> str:
    """The schema revision of a ThreePass database file; raise if it is anything else.

    Read-only: refuses files that are not SQLite, are damaged, are some other program's
    database, or come from a newer ThreePass.
    """
    if not path.is_file():
        raise NotFoundError(f"There is no file {path}.")
    try:
        with path.open("rb") as fh:
            header = fh.read(len(dbmod.SQLITE_MAGIC))
    except OSError as err:
        raise StorageError(f"Cannot read {path} ({err.strerror}).") from err
    if header != dbmod.SQLITE_MAGIC:
        raise CorruptDatabaseError(f"{path} is not a ThreePass database (not an SQLite file).")
    try:
        conn = _connect_ro(path)
        try:
            check = conn.execute("PRAGMA quick_check").fetchone()
            tables = {
                row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        explained = dbmod.explain_sqlite_error(err, path, writing=False)
        if explained is not None and not isinstance(explained, CorruptDatabaseError):
            raise explained from err
        raise CorruptDatabaseError(f"{path} is damaged ({err}).") from err
    if not check or check[0] != "ok":
        raise CorruptDatabaseError(f"{path} is damaged ({check[0] if check else 'no answer'}).")
    if any(name not in tables for name in REQUIRED_TABLES) or revision is None:
        raise CorruptDatabaseError(f"{path} is an SQLite database but not a ThreePass one.")
    if revision not in migrate.known_revisions():
        raise DatabaseTooNewError(
            f"{path} was written by a newer version of ThreePass (schema {revision}); "
            "update ThreePass to restore it."
        )
    return str(revision)


def _backup_pages(
    src: sqlite3.Connection, dst: sqlite3.Connection, source: Path, target: Path
) -> None:
    """Copy everything in one step; give up with DatabaseBusyError if locked too long.

    Python's Connection.backup() retries a locked step forever, so the progress callback
    enforces the same time limit as every other database access. A damaged-file error names
    the source (the target is a new empty file we just made); space and permission errors
    name the target being written.
    """
    deadline = time.monotonic() + _busy_seconds()

    def progress(status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and (time.monotonic() > deadline):
            raise DatabaseBusyError(dbmod.BUSY_MESSAGE.format(seconds=_busy_seconds()))

    try:
        src.backup(dst, pages=-1, progress=progress, sleep=0.05)
    except sqlite3.Error as err:
        damaged = dbmod.sqlite_error_name(err).startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
        if damaged:
            explained = dbmod.explain_sqlite_error(err, source, writing=False)
        else:
            explained = dbmod.explain_sqlite_error(err, target, writing=True)
        if explained is not None:
            raise explained from err
        raise


def _being_written(path: Path) -> bool:
    """Whether a copy holds `atomic.held_while_written`'s lock on path (False: free, or
    no flock)."""
    try:
        import fcntl
    except ImportError:
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return True  # vanished or unreadable: not ours to delete
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def _old_file(path: Path, now: float) -> bool:
    try:
        info = path.lstat()
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and now - info.st_mtime >= STALE_PARTIAL_S


def stale_partials(folder: Path, now: float | None = None) -> list[Path]:
    """Temp files of copies a kill (or a power cut, or a full disk) interrupted, in folder,
    with the journal, WAL and shared-memory files SQLite made beside them: never those of a
    temp file a running copy holds locked, nor one touched in the last STALE_PARTIAL_S
    seconds."""
    if not folder.is_dir():
        return []
    now = time.time() if now is None else now
    found = []
    for path in sorted(folder.glob(f".*{PARTIAL_SUFFIX}*")):
        if path.name.endswith(PARTIAL_SUFFIX):
            owner = path
        else:
            sidecar = path.name[path.name.rindex(PARTIAL_SUFFIX) + len(PARTIAL_SUFFIX) :]
            if sidecar not in atomic.SQLITE_SIDECARS:
                continue
            owner = path.with_name(path.name.removesuffix(sidecar))
        if not _old_file(path, now):
            continue
        if owner.exists() and not (_old_file(owner, now) and not _being_written(owner)):
            continue  # a copy is writing the temp file, or has just started to
        found.append(path)
    return found


def copy_database(source: Path, target: Path) -> None:
    """A consistent, self-contained (rollback-journal) copy of source, written atomically
    (to a symlinked target's real file: models/atomic.py). The temp file is locked while
    written, so a cleanup never takes one in progress for a leftover."""

    def fill(partial: Path) -> None:
        src = _connect_ro(source)
        try:
            dst = sqlite3.connect(partial)
            try:
                _backup_pages(src, dst, source, target)
                dst.execute("PRAGMA journal_mode = DELETE")
                check = dst.execute("PRAGMA quick_check").fetchone()
            finally:
                dst.close()
        finally:
            src.close()
        if not check or check[0] != "ok":
            raise CorruptDatabaseError(
                f"The database {source} is damaged ({check[0] if check else 'no answer'}); "
                "the backup was not kept."
            )

    try:
        atomic.write_database_with(target, fill)
    except sqlite3.Error as err:
        explained = dbmod.explain_sqlite_error(err, source, writing=False)
        raise (explained or StorageError(f"Cannot back up {source} ({err}).")) from err
    except OSError as err:
        raise StorageError(f"Cannot write the backup {target} ({err.strerror or err}).") from err


RETRY_ATTEMPTS = 3
RETRY_PAUSE_S = 0.5


def retry_on_busy(action: Callable[[], Any]) -> Any:
    """Run action again when another process kept the database locked beyond the timeout
    (backups run in a worker thread, so waiting a little longer blocks nobody).
    """
    for attempt in range(1, RETRY_ATTEMPTS + 1):
        try:
            return action()
        except DatabaseBusyError:
            if attempt == RETRY_ATTEMPTS:
                raise
            time.sleep(RETRY_PAUSE_S)
    raise AssertionError("unreachable")


class ChangeWatcher:
    """Whether anyone (this app or another process) committed to the database since the
    watcher was made, from SQLite's `PRAGMA data_version` on an idle read-only connection.

    Lets the backup on close skip sessions that changed nothing (e.g. a --screenshot run).
    """

    def __init__(self, db_path: Path) -> None:
        self._conn: sqlite3.Connection | None = None
        self._start: int | None = None
        try:
            self._conn = sqlite3.connect(
                f"file:{db_path}?mode=ro", uri=True, check_same_thread=False
            )
            self._start = self._version()
        except sqlite3.Error:
            self.close()  # unknown: changed() then answers True, the safe side

    def _version(self) -> int | None:
        if self._conn is None:
            return None
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        try:
            now = self._version()
        except sqlite3.Error:
            return True
        return now is None or self._start is None or now != self._start

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


# ---- the service ------------------------------------------------------------------------------
class BackupService:
    """Backups of one database file, kept in the `backups/` folder next to it."""

    def __init__(self, db_path: Path, clock: Clock | None = None) -> None:
        self.db_path = db_path
        self._clock = clock or SystemClock()

    @classmethod
    def for_location(cls, location: DataLocation, clock: Clock | None = None) -> BackupService:
        path = location.db_path
        if path is None:
            raise ValidationError(
                "Backups work on the SQLite file in the data folder, not on a database URL."
            )
        return cls(path, clock)

    @classmethod
    def for_database(cls, db: dbmod.Database, clock: Clock | None = None) -> BackupService:
        return cls.for_location(db.location, clock)

    @property
    def backup_dir(self) -> Path:
        return self.db_path.parent / "backups"

    # ---- listing -------------------------------------------------------------------------
    def list_backups(self) -> list[BackupInfo]:
        """Every backup we recognise in backups/, newest first."""
        if not self.backup_dir.is_dir():
            return []
        found: list[BackupInfo] = []
        for path in self.backup_dir.glob("*" + BACKUP_SUFFIX):
            parsed = parse_backup_name(path.name)
            if parsed is None or not path.is_file():
                continue
            kind, created = parsed
            found.append(BackupInfo(path, created, path.stat().st_size, kind))
        found.sort(key=lambda b: (b.created, _name_counter(b.path.name)), reverse=True)
        return found

    def last_automatic(self) -> datetime | None:
        stamps = [b.created for b in self.list_backups() if b.kind == AUTOMATIC]
        return max(stamps, default=None)

    def is_due(self) -> bool:
        """True when no automatic backup was made within the last day (by the injected clock)."""
        return backup_due(self.last_automatic(), self._clock.now())

    def clean_partials(self) -> list[Path]:
        """Delete the temp files copies left when killed, in backups/ and the data folder
        (at the next backup and at start); never one a running copy is writing."""
        removed = []
        for path in stale_partials(self.backup_dir) + stale_partials(self.db_path.parent):
            try:
                path.unlink()
            except OSError as err:
                log.warning("cannot delete the leftover %s: %s", path, err)
                continue
            removed.append(path)
        if removed:
            log.info("deleted leftovers of interrupted copies: %s", ", ".join(map(str, removed)))
        return removed

    # ---- creating ---------------------------------------------------------------------------
    def _new_path(self, kind: str, revision: str | None = None) -> Path:
        """A name no file has: a copy is never written over an earlier one. Several in one
        second are numbered after every one already there (-2, -3 ...): listing and rotation
        take the highest number for the newest, so a freed lower number is never reused
        (rotation would then delete the copy just made as an older one)."""
        now = self._clock.now()

        def named(counter: int) -> Path:
            if kind == PRE_UPGRADE:
                return self.backup_dir / pre_upgrade_name(revision or "none", now, counter)
            return self.backup_dir / backup_name(kind, now, counter)

        first = named(1)
        stem = first.name.removesuffix(BACKUP_SUFFIX)
        taken = [
            _name_counter(p.name)
            for p in self.backup_dir.glob(f"{stem}*{BACKUP_SUFFIX}")
            if p.name == first.name or p.name.startswith(f"{stem}-")
        ]
        counter = max(taken, default=0) + 1
        while named(counter).exists():  # written since the listing
            counter += 1
        return named(counter)

    def create(self, target: Path | None = None, *, kind: str = AUTOMATIC) -> BackupInfo:
        """Back up the live database to target (a new file) or into backups/ (then rotate)."""
        if not self.db_path.is_file():
            raise NotFoundError(f"There is no database at {self.db_path} to back up yet.")
        if target is not None:
            target = target.expanduser().absolute()
            if target.exists():
                raise ValidationError(f"{target} already exists; choose a new file name.")
            if not target.parent.is_dir():
                raise NotFoundError(f"The folder {target.parent} does not exist.")
        made_dir = False
        self.clean_partials()
        if target is None:
            made_dir = not self.backup_dir.exists()
            self._make_backup_dir()
            target = self._new_path(kind)
        final = target
        try:
            retry_on_busy(lambda: copy_database(self.db_path, final))
        except BaseException:
            if made_dir:  # leave no empty backups/ behind when nothing was written
                with contextlib.suppress(OSError):
                    self.backup_dir.rmdir()
            raise
        info = BackupInfo(final, self._clock.now(), final.stat().st_size, kind)
        log.info("%s backup of %s written to %s (%d bytes)", kind, self.db_path, final, info.size)
        if final.parent == self.backup_dir:
            self.rotate(kind)
        return info

    def before_upgrade(self, revision: str) -> BackupInfo:
        """The copy of the database at `revision` kept before upgrading it, made once per
        revision step.

        The upgrade is one transaction, so one that failed (a kill, a full disk) left the
        file at `revision` as it was, and the copy made before it still holds it: a healthy
        copy at that revision is reused instead of adding another one on every start. Only
        a file that passed the open checks gets here; the new copy is checked
        (`quick_check`) before it is kept, written under a name no other file has, and the
        pre-upgrade copies beyond the newest KEEP_PRE_UPGRADE are then deleted.
        """
        for backup in self.list_backups():
            if backup.kind != PRE_UPGRADE or pre_upgrade_revision(backup.path.name) != revision:
                continue
            try:
                if inspect_database(backup.path) == revision:
                    log.info(
                        "the copy at schema %s kept before is still valid: %s",
                        revision,
                        backup.path,
                    )
                    return backup
            except ThreePassError:
                continue  # a damaged or foreign copy: make a new one, never over it
        self._make_backup_dir()
        target = self._new_path(PRE_UPGRADE, revision)
        retry_on_busy(lambda: copy_database(self.db_path, target))
        info = BackupInfo(target, self._clock.now(), target.stat().st_size, PRE_UPGRADE)
        log.info(
            "copy of %s at schema %s kept before the upgrade: %s", self.db_path, revision, target
        )
        self.rotate(PRE_UPGRADE)
        return info

    def _make_backup_dir(self) -> None:
        try:
            self.backup_dir.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StorageError(
                f"Cannot create the backup folder {self.backup_dir} ({err.strerror or err})."
            ) from err

    def before_import(self) -> tuple[BackupInfo, list[Path]]:
        """The copy kept before an import replaces all content, and the older such copies
        deleted to keep the newest KEEP_PRE_IMPORT (for the import's summary to name)."""
        if not self.db_path.is_file():
            raise NotFoundError(f"There is no database at {self.db_path} to back up yet.")
        self.clean_partials()
        self._make_backup_dir()
        target = self._new_path(PRE_IMPORT)
        retry_on_busy(lambda: copy_database(self.db_path, target))
        info = BackupInfo(target, self._clock.now(), target.stat().st_size, PRE_IMPORT)
        log.info("copy of %s kept before an import: %s", self.db_path, target)
        return info, self.rotate(PRE_IMPORT)

    def keep_counts(self) -> tuple[int, int]:
        """How many daily and weekly copies to keep: the preferences stored in the database
        (read-only, so a damaged or foreign file just falls back to 7 and 4)."""
        wanted = {"backup_keep_daily": KEEP_DAILY, "backup_keep_weekly": KEEP_WEEKLY}
        try:
            conn = _connect_ro(self.db_path)
            try:
                rows = conn.execute(
                    "SELECT key, value FROM settings WHERE key IN (?, ?)", tuple(wanted)
                ).fetchall()
            finally:
                conn.close()
        except sqlite3.Error:
            rows = []
        for key, value in rows:
            with contextlib.suppress(ValueError, TypeError):
                wanted[key] = max(1, int(json.loads(value)))
        return wanted["backup_keep_daily"], wanted["backup_keep_weekly"]

    def rotate(self, kind: str = AUTOMATIC) -> list[Path]:
        """Delete automatic backups beyond the kept daily + weekly ones (7 and 4 unless the
        preferences say otherwise), pre-restore or pre-import ones beyond 5 or pre-upgrade
        ones beyond 3. Returns the deleted files.
        """
        backups = self.list_backups()
        if kind in KEEP_BY_KIND:
            doomed = [b.path for b in backups if b.kind == kind][KEEP_BY_KIND[kind] :]
            for path in doomed:
                path.unlink(missing_ok=True)
            if doomed:
                log.info("rotation deleted %s", ", ".join(p.name for p in doomed))
            return doomed
        automatic = [b for b in backups if b.kind == AUTOMATIC]
        daily, weekly = self.keep_counts()
        keep = rotation_keep((b.created for b in automatic), daily=daily, weekly=weekly)
        doomed = [b.path for b in automatic if b.created not in keep]
        # Several backups in the same second share a stamp: keep only the newest name.
        seen: set[datetime] = set()
        for b in automatic:
            if b.created in keep:
                if b.created in seen:
                    doomed.append(b.path)
                seen.add(b.created)
        for path in doomed:
            path.unlink(missing_ok=True)
        if doomed:
            log.info("rotation deleted %s", ", ".join(p.name for p in doomed))
        return doomed

    # ---- restoring -----------------------------------------------------------------------------
    def resolve(self, name: str | Path) -> Path:
        """A path as given, or a bare file name looked up in backups/."""
        path = Path(name).expanduser()
        if not path.exists() and path.parent == Path(".") and (self.backup_dir / path).exists():
            return self.backup_dir / path
        return path.absolute()

    def restore(self, source: Path) -> RestoreResult:
        """Replace the live database with source: check it, keep a copy of the current one
        (or move it aside when it is damaged), copy it in with the backup API, upgrade it.
        """
        source = self.resolve(source)
        if source.resolve() == self.db_path.resolve():
            raise ValidationError("That file is the current database; choose a backup.")
        log.info("restoring %s from %s", self.db_path, source)
        revision = inspect_database(source)
        safety_copy: Path | None = None
        moved_aside: Path | None = None
        if self.db_path.exists():
            try:
                dbmod.check_sqlite_file(self.db_path)
                inspect_database(self.db_path)
                safety_copy = self.create(kind=PRE_RESTORE).path
            except (CorruptDatabaseError, DatabaseTooNewError) as err:
                moved_aside = dbmod.move_aside(self.db_path)
                log.warning("the database to replace was moved aside to %s: %s", moved_aside, err)
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        retry_on_busy(lambda: self._copy_into_live(source))
        if revision != migrate.head_revision():
            location = DataLocation(url=f"sqlite:///{self.db_path}", data_dir=self.db_path.parent)
            dbmod.open_database(location).close()  # upgrades, keeping a pre-upgrade copy
        log.info("restored %s (revision %s) into %s", source, revision, self.db_path)
        return RestoreResult(source, revision, safety_copy, moved_aside)

    def _copy_into_live(self, source: Path) -> None:
        """Write source's pages into the live file under SQLite's locks, so an open app sees
        the restored data on its next query instead of a file swapped under it.
        """
        try:
            src = _connect_ro(source)
            try:
                dst = sqlite3.connect(self.db_path, timeout=_busy_seconds())
                try:
                    _backup_pages(src, dst, self.db_path, self.db_path)  # source was inspected
                finally:
                    dst.close()
            finally:
                src.close()
        except sqlite3.Error as err:
            explained = dbmod.explain_sqlite_error(err, self.db_path, writing=True)
            raise (explained or StorageError(f"Cannot restore {source} ({err}).")) from err
