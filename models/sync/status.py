"""What the shared folder says about each device, read from its files alone (no database):
the GUI may call it from its own process while `threepass sync` runs in another."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from models.sync import files
from models.sync.config import sync_settings


@dataclass(frozen=True)
class DeviceStatus:
    name: str
    block: int  # its ids are in [block·2^32, (block+1)·2^32)
    this_device: bool
    last_changeset: int  # its newest sequence number (0: none yet)
    last_sent: datetime | None  # when it wrote that changeset (UTC, naive)
    applied: dict[str, int]  # device -> last sequence number it applied of that device


@dataclass(frozen=True)
class SyncStatus:
    folder: Path
    device: str
    last_sync: datetime | None  # this device's (UTC, naive)
    devices: tuple[DeviceStatus, ...]


def status(data_dir: Path) -> SyncStatus | None:
    """None when the library does not sync."""
    config = sync_settings(data_dir)
    if config is None:
        return None
    devices = []
    for name, path in files.device_dirs(config.folder).items():
        info = files.read_json(path / files.DEVICE_FILE)
        own = files.changeset_files(path)
        applied = files.read_json(path / files.APPLIED_FILE)
        last = own[-1].header if own else None
        devices.append(
            DeviceStatus(
                name=name,
                block=int(info.get("block", 0)),
                this_device=name == config.device,
                last_changeset=last.seq if last else 0,
                last_sent=datetime.fromisoformat(last.created) if last else None,
                applied={str(k): int(v) for k, v in applied.items()},
            )
        )
    return SyncStatus(config.folder, config.device, config.last_sync, tuple(devices))
