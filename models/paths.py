"""Where the data lives: --database-url, --data-dir, THREEPASS_DATA_DIR, the folder chosen
with "Move my data", then platformdirs.

The moved folder is a small JSON file in the user's config folder rather than a Qt setting,
so the command line (which never starts Qt) opens the same database as the window.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from models.atomic import write_atomically
from models.errors import DataDirError

APP_NAME = "ThreePass"
DB_FILENAME = "threepass.sqlite3"
ENV_DATA_DIR = "THREEPASS_DATA_DIR"
LOCATION_FILENAME = "data-location.json"


@dataclass(frozen=True)
class DataLocation:
    """A resolved database location; data_dir is None for non-file URLs given explicitly."""

    url: str
    data_dir: Path | None

    @property
    def db_path(self) -> Path | None:
        if self.data_dir is None:
            return sqlite_path(self.url)
        return self.data_dir / DB_FILENAME

    @property
    def backup_dir(self) -> Path | None:
        path = self.db_path
        return None if path is None else path.parent / "backups"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def location_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / LOCATION_FILENAME


def stored_data_dir() -> Path | None:
    """The folder chosen with "Move my data", or None (never chosen, or an unreadable file)."""
    try:
        raw = json.loads(location_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = raw.get("data_dir") if isinstance(raw, dict) else None
    return Path(value) if isinstance(value, str) and value else None


def store_data_dir(folder: str | os.PathLike[str] | None) -> None:
    """Remember (or forget, with None) the moved folder; written atomically."""
    target = location_file()
    if folder is None:
        target.unlink(missing_ok=True)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, json.dumps({"data_dir": os.fspath(folder)}, ensure_ascii=False))


def sqlite_path(url: str) -> Path | None:
    """The file behind a sqlite URL, or None for memory or other databases."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return None
    rest = url[len(prefix) :].split("?", 1)[0]
    if rest in ("", ":memory:"):
        return None
    return Path(rest)


def resolve_location(
    database_url: str | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    environ: dict[str, str] | None = None,
) -> DataLocation:
    env = os.environ if environ is None else environ
    if database_url:
        return DataLocation(url=database_url, data_dir=None)
    chosen = data_dir or env.get(ENV_DATA_DIR)
    if not chosen:
        moved = stored_data_dir()
        if moved is not None and not moved.is_dir():
            raise DataDirError(
                f'The data folder {moved} chosen with "Move my data" is missing (a removed '
                "drive?); reconnect it, or pass --data-dir to use another folder."
            )
        chosen = moved or default_data_dir()
    directory = Path(chosen).expanduser().absolute()
    return DataLocation(url=f"sqlite:///{directory / DB_FILENAME}", data_dir=directory)
