"""Where the data lives: --database-url, --data-dir, THREEPASS_DATA_DIR, then platformdirs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "ThreePass"
DB_FILENAME = "threepass.sqlite3"
ENV_DATA_DIR = "THREEPASS_DATA_DIR"


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
    chosen = data_dir or env.get(ENV_DATA_DIR) or default_data_dir()
    directory = Path(chosen).expanduser().absolute()
    return DataLocation(url=f"sqlite:///{directory / DB_FILENAME}", data_dir=directory)
