"""What the sync GUI asks of the engine (models/sync), in one place: the settings in the
data folder, the devices seen in the sync folder, the kept conflict copies. The engine's
modules are imported when first asked: nothing of it loads before the first paint.

Nothing here opens the library with apsw: that happens only in the `threepass sync` child.
Reads of the library go through the window's Database like any other service call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from models.db import Database
from models.paths import DataLocation
from models.sync import config


@dataclass(frozen=True)
class DeviceRow:
    name: str
    last_sync: datetime | None  # UTC, naive
    this_device: bool = False


@dataclass(frozen=True)
class ConflictRow:
    id: int
    table: str  # where the text lives: notes, journal_notes, questions…
    column: str
    row_key: str  # the row's primary key as a JSON array, "[42]"
    lost_text: str
    kept_text: str | None
    lost_device: str
    resolved_at: datetime
    subject: str | None = None  # the item's title, the question, the company (None: gone)
    pass_number: int | None = None  # a pass's notes: which pass


def settings(location: DataLocation) -> config.SyncConfig | None:
    if location.data_dir is None:
        return None
    return config.sync_settings(location.data_dir)


def is_configured(location: DataLocation) -> bool:
    return settings(location) is not None


def default_device_name() -> str:
    return config.default_device_name()


def configure(location: DataLocation, folder: Path, device: str) -> config.SyncConfig:
    """Raises ThreePassError (one sentence) for a folder or a name the engine refuses."""
    from models.errors import ValidationError

    if location.data_dir is None:
        raise ValidationError("Sync needs a library in a data folder (not --database-url).")
    if not str(folder).strip() or str(folder) == ".":
        raise ValidationError("Choose a sync folder first.")
    return config.configure(location.data_dir, folder, device.strip() or None)


def devices(location: DataLocation) -> list[DeviceRow]:
    """The devices that joined the sync folder (read from its files, not the library);
    another device's last sync is when it last wrote a changeset."""
    if location.data_dir is None:
        return []
    from models.sync.status import status

    found = status(location.data_dir)
    if found is None:
        return []
    rows = [
        DeviceRow(d.name, found.last_sync if d.this_device else d.last_sent, d.this_device)
        for d in found.devices
    ]
    if not any(row.this_device for row in rows):  # set up, never synced yet
        rows.insert(0, DeviceRow(found.device, found.last_sync, this_device=True))
    return rows


def conflicts(db: Database) -> list[ConflictRow]:
    """The conflict copies not yet marked seen, oldest first."""
    from models.sync.conflicts import conflicts as kept_texts

    return [
        ConflictRow(
            id=row.id,
            table=row.table,
            column=row.column,
            row_key=row.row_key,
            lost_text=row.lost_text,
            kept_text=row.kept_text,
            lost_device=row.lost_device,
            resolved_at=row.resolved_at,
            subject=row.subject,
            pass_number=row.pass_number,
        )
        for row in kept_texts(db)
    ]


def mark_conflicts_seen(db: Database, ids: list[int]) -> None:
    from models.sync.conflicts import dismiss_conflicts

    dismiss_conflicts(db, ids)
