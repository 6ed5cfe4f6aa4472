"""Where this device syncs: the folder and the device name, remembered in the data folder.

`sync.json` beside the library (never in the sync folder: it names this machine's folder
and device). The snapshot of the library as of the last sync is `sync-snapshot.sqlite3`
beside it too: only changesets go into the shared folder, never a database.
"""

from __future__ import annotations

import json
import os
import re
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from models.atomic import write_atomically
from models.errors import ValidationError

CONFIG_FILENAME = "sync.json"
SNAPSHOT_FILENAME = "sync-snapshot.sqlite3"
# A device name is a folder name in every file system a sync tool may carry it to.
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")


@dataclass(frozen=True)
class SyncConfig:
    folder: Path
    device: str
    last_sync: datetime | None = None  # UTC, naive; None before the first sync
    # Tells this library from another machine that took the same device name.
    device_id: str = ""


def valid_device_name(name: str) -> str:
    if not _NAME.match(name):
        raise ValidationError(
            f"The device name {name!r} cannot be used: use 1-63 letters, digits, '.', '_' "
            "or '-', starting with a letter or digit."
        )
    return name


def default_device_name() -> str:
    """The host name, made a valid device name ('device' when nothing of it is)."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "-", socket.gethostname().split(".")[0])
    cleaned = cleaned.lstrip("._-")[:63]
    return cleaned or "device"


def sync_settings(data_dir: Path) -> SyncConfig | None:
    """The remembered configuration, or None when this data folder never joined a sync."""
    try:
        raw = json.loads((data_dir / CONFIG_FILENAME).read_text(encoding="utf-8"))
        folder, device = raw["folder"], raw["device"]
        last, device_id = raw.get("last_sync"), raw.get("device_id", "")
        stamp = datetime.fromisoformat(last) if isinstance(last, str) else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not all(isinstance(v, str) for v in (folder, device, device_id)):
        return None
    return SyncConfig(Path(folder), device, stamp, device_id)


def _save(data_dir: Path, config: SyncConfig) -> None:
    raw: dict[str, str] = {
        "folder": os.fspath(config.folder),
        "device": config.device,
        "device_id": config.device_id,
    }
    if config.last_sync is not None:
        raw["last_sync"] = config.last_sync.isoformat(timespec="seconds")
    write_atomically(data_dir / CONFIG_FILENAME, json.dumps(raw, ensure_ascii=False, indent=1))


def configure(data_dir: Path, folder: Path, device: str | None = None) -> SyncConfig:
    """Remember the sync folder (and the device name). A device already named keeps its
    name unless another is given. Raises ValidationError for a folder that holds the
    library or sits inside the data folder: a sync tool must never carry the live database.
    """
    folder = folder.expanduser().absolute()
    data = data_dir.absolute()
    if folder == data or folder.is_relative_to(data) or data.is_relative_to(folder):
        raise ValidationError(
            f"The sync folder {folder} and the data folder {data} must not contain each "
            "other: a sync tool copying the live database while ThreePass writes it can "
            "damage it. Choose a folder of its own."
        )
    if not folder.is_dir():
        if not folder.parent.is_dir():
            raise ValidationError(f"The sync folder {folder} does not exist, nor its parent.")
        folder.mkdir()
    previous = sync_settings(data_dir)
    name = valid_device_name(device) if device else None
    if name is None:
        name = previous.device if previous is not None else default_device_name()
    elif previous is not None and previous.device != name and previous.last_sync is not None:
        raise ValidationError(
            f"This library already syncs as {previous.device!r}; a device keeps its name "
            "(its changesets are filed under it)."
        )
    config = SyncConfig(
        folder,
        name,
        previous.last_sync if previous else None,
        previous.device_id if previous and previous.device_id else uuid.uuid4().hex,
    )
    _save(data_dir, config)
    return config


def record_sync(data_dir: Path, config: SyncConfig, when: datetime) -> SyncConfig:
    updated = SyncConfig(config.folder, config.device, when, config.device_id)
    _save(data_dir, updated)
    return updated
