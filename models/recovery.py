"""Getting back to work when the database cannot be opened: move it aside, restore a backup.

Shared by the GUI's startup dialog and the CLI. Nothing here ever deletes or overwrites the
damaged file: it is renamed next to the original so it can still be rescued by hand.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from models.clock import Clock
from models.db import move_aside, open_database
from models.errors import (
    CorruptDatabaseError,
    DatabaseTooNewError,
    NotFoundError,
    ThreePassError,
    ValidationError,
)
from models.paths import DataLocation
from models.services.backup import BackupInfo, BackupService, inspect_database


@dataclass(frozen=True)
class RecoveryResult:
    moved_to: Path | None
    restored_from: Path | None


def can_recover(err: ThreePassError) -> bool:
    """Problems with the file itself (not the disk or the folder), which moving it aside fixes."""
    return isinstance(err, CorruptDatabaseError | DatabaseTooNewError)


def newest_good_backup(location: DataLocation, skip: Collection[Path] = ()) -> BackupInfo | None:
    """The newest backup that is a healthy ThreePass database this version can open, but
    none of `skip` (backups already restored without the library opening after it)."""
    if location.db_path is None:
        return None
    for backup in BackupService.for_location(location).list_backups():
        if backup.path in skip:
            continue
        try:
            inspect_database(backup.path)
        except ThreePassError:
            continue
        return backup
    return None


def recover(
    location: DataLocation,
    *,
    restore: bool,
    clock: Clock | None = None,
    skip: Collection[Path] = (),
) -> RecoveryResult:
    """Move the database aside, then restore the newest good backup not in `skip` (or start
    empty)."""
    path = location.db_path
    if path is None:
        raise ValidationError("Only a database file in a data folder can be repaired.")
    backup = newest_good_backup(location, skip) if restore else None
    if restore and backup is None:
        raise NotFoundError(f"There is no usable backup in {path.parent / 'backups'}.")
    moved = move_aside(path) if path.exists() else None
    if backup is None:  # the user chose an empty library: made now, where backups may be
        open_database(location, new=True).close()
        return RecoveryResult(moved, None)
    BackupService(path, clock).restore(backup.path)
    return RecoveryResult(moved, backup.path)
