"""Telling a first start from a library that went missing.

A missing database file used to mean "first start": the file was created, empty, and the
user saw an empty library with no word about their data. Where a library was before, the
folder says so (backups, logs), or the "Move my data" record points there, or the window
saw the file removed while it was open (recorded here, outside the folder, since the whole
folder may be gone). Then opening refuses with one sentence and the way back, and an empty
library is made only when the user asks for one (`open_database(..., new=True)`).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import platformdirs

from models.atomic import write_atomically
from models.errors import MissingDatabaseError
from models.logs import held_logs_before_this_run, holds_files, path_key
from models.paths import APP_NAME, stored_data_dir

log = logging.getLogger(__name__)
LOST_FILENAME = "lost-libraries.json"


def lost_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / LOST_FILENAME


def lost_paths() -> set[str]:
    """The library files seen removed while open (normalised), empty when unreadable."""
    try:
        raw = json.loads(lost_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    paths = raw.get("paths") if isinstance(raw, dict) else None
    return {p for p in paths if isinstance(p, str)} if isinstance(paths, list) else set()


def _store(paths: set[str]) -> None:
    target = lost_file()
    if not paths:
        target.unlink(missing_ok=True)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, json.dumps({"paths": sorted(paths)}, ensure_ascii=False))


def remember(path: Path) -> None:
    """Record that the library file at `path` was removed while the app had it open."""
    try:
        _store(lost_paths() | {path_key(path)})
    except OSError as err:  # the record is a courtesy: the window has said it already
        log.warning("cannot record the missing library %s: %s", path, err)


def forget(path: Path) -> None:
    """The user chose a new library at `path`: no longer a missing one."""
    paths = lost_paths()
    if path_key(path) in paths:
        try:
            _store(paths - {path_key(path)})
        except OSError as err:
            log.warning("cannot update %s: %s", lost_file(), err)


def why_not_first_start(path: Path) -> str | None:
    """Why a missing `path` was a library before, or None for a genuine first start."""
    folder = path.parent
    if holds_files(folder / "backups"):
        return f"{folder} holds backups of it"
    if held_logs_before_this_run(folder / "logs"):
        return f"{folder} holds the logs of earlier runs"
    moved = stored_data_dir()
    if moved is not None and path_key(moved) == path_key(folder):
        return f'{folder} is the folder chosen with "Move my data"'
    if path_key(path) in lost_paths():
        return "ThreePass saw it removed while the window was open"
    return None


def newest_backup(path: Path) -> Path | None:
    try:
        found = sorted((path.parent / "backups").glob("*.sqlite3"), key=lambda p: p.stat().st_mtime)
    except OSError:
        return None
    return found[-1] if found else None


def refuse_if_lost(path: Path) -> None:
    """Raise MissingDatabaseError when `path` is missing where a library was before."""
    reason = why_not_first_start(path)
    if reason is None:
        return
    backup = newest_backup(path)
    if backup is not None:
        way_back = f"or restore a backup with `threepass restore {backup}`"
    else:
        way_back = 'or open the ThreePass window and choose "Start an empty library"'
    raise MissingDatabaseError(
        f"The library {path} is missing although {reason}, so no empty library was "
        f"created in its place; reconnect its drive or put the file back, {way_back}."
    )
