"""What a problem report needs: versions, where the data and the logs are, the last log lines.

The text stays in English whatever the UI language, so a report reads the same to whoever
fixes the problem. No widgets here: the About dialog and Report a problem share it.
"""

from __future__ import annotations

import platform
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import NamedTuple

from desktop.version import app_version
from models.db import Database

MISSING = "not installed"
NO_LOGS = "not set up"


class VersionInfo(NamedTuple):
    app: str
    python: str
    system: str
    qt: str
    pyside: str
    sqlalchemy: str
    database: str
    data_folder: str
    log_folder: str
    log_file: str


def _distribution(name: str) -> str:
    """The installed version, read without importing it (SQLAlchemy loads after first paint)."""
    try:
        return version(name)
    except PackageNotFoundError:
        return MISSING


def data_folder(db: Database) -> Path | None:
    """The folder that holds the database file, or None when it is not a local file."""
    path = db.path
    return None if path is None else path.parent


def _database(db: Database) -> str:
    if db.path is not None:
        return str(db.path)
    from models.db import shown_url  # hides a password in the URL

    return shown_url(db.location.url)


def _logs() -> tuple[str, str]:
    from models import logs

    folder = logs.log_folder()
    current = logs.current_log_file()
    return (
        NO_LOGS if folder is None else str(folder),
        NO_LOGS if current is None else str(current),
    )


def collect(db: Database) -> VersionInfo:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    folder = data_folder(db)
    log_folder, log_file = _logs()
    return VersionInfo(
        app=app_version(),
        python=f"{platform.python_version()} ({sys.executable})",
        system=platform.platform(),
        qt=qVersion(),
        pyside=pyside_version,
        sqlalchemy=_distribution("SQLAlchemy"),
        database=_database(db),
        data_folder="-" if folder is None else str(folder),
        log_folder=log_folder,
        log_file=log_file,
    )


def as_text(info: VersionInfo) -> str:
    return "\n".join(
        [
            f"ThreePass {info.app}",
            f"Python {info.python}",
            f"System {info.system}",
            f"Qt {info.qt}, PySide6 {info.pyside}, SQLAlchemy {info.sqlalchemy}",
            f"Database: {info.database}",
            f"Log folder: {info.log_folder}",
        ]
    )


def problem_report(db: Database) -> str:
    """The versions and the last log lines, ready to paste into a bug report."""
    from models import logs

    info = collect(db)
    lines = logs.tail().rstrip("\n")
    if info.log_file == NO_LOGS:
        log_part = "No log file."
    elif not lines:
        log_part = f"Log file {info.log_file} is empty."
    else:
        log_part = f"Last lines of {info.log_file}:\n{lines}"
    return f"{as_text(info)}\n\n{log_part}\n"
