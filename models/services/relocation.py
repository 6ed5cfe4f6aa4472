"""Moving the data to another folder: copy, verify, and only then let the caller switch.

The copy uses SQLite's online backup API from a read snapshot, so it is consistent even while
the app has the database open. Verification reopens the copy: `PRAGMA integrity_check` must
say ok and every table must have the same row count as the snapshot. Nothing at the old
location is changed or deleted, so a failed or cancelled move loses nothing.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from models.db import Database, check_data_dir
from models.errors import DatabaseError, ValidationError
from models.paths import DB_FILENAME

Progress = Callable[[int, int], None]  # (done, total) steps
Cancelled = Callable[[], bool]


class MoveCancelled(ValidationError):
    """The user cancelled; the old location is untouched and the partial copy removed."""


@dataclass(frozen=True)
class MoveReport:
    source: Path
    target: Path
    table_rows: dict[str, int] = field(default_factory=dict)
    backups_copied: int = 0

    @property
    def total_rows(self) -> int:
        return sum(self.table_rows.values())


def _table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    return {name: conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names}


def verify_copy(path: Path, expected: dict[str, int]) -> None:
    """Raise DatabaseError unless the copy is intact and has exactly the expected rows."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()
        if not result or result[0] != "ok":
            raise DatabaseError(f"The copy at {path} failed the integrity check; nothing moved.")
        counts = _table_counts(conn)
    finally:
        conn.close()
    if counts != expected:
        differing = sorted(
            name for name in set(counts) | set(expected) if counts.get(name) != expected.get(name)
        )
        raise DatabaseError(
            f"The copy at {path} has different row counts ({', '.join(differing)}); nothing moved."
        )


def move_data(
    db: Database,
    target_dir: Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> MoveReport:
    """Copy the database (and its backups folder) to target_dir and verify the copy."""
    source = db.path
    if source is None or db.location.data_dir is None:
        raise ValidationError("Only a database file in a data folder can be moved.")
    target_dir = Path(target_dir).expanduser().absolute()
    if target_dir.resolve() == source.parent.resolve():
        raise ValidationError(f"{target_dir} is already the data folder.")
    check_data_dir(target_dir)
    target = target_dir / DB_FILENAME
    if target.exists() and target.stat().st_size > 0:
        raise ValidationError(
            f"{target_dir} already holds a ThreePass database; choose an empty folder."
        )
    report_progress = progress or (lambda _done, _total: None)
    is_cancelled = cancelled or (lambda: False)
    partial = target.with_name(DB_FILENAME + ".moving")
    partial.unlink(missing_ok=True)
    try:
        report_progress(0, 3)
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            src.execute("BEGIN")  # one read snapshot for both the counts and the copy
            expected = _table_counts(src)
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
            finally:
                dst.close()
            src.rollback()
        finally:
            src.close()
        if is_cancelled():
            raise MoveCancelled("The move was cancelled; nothing changed.")
        report_progress(1, 3)
        verify_copy(partial, expected)
        if is_cancelled():
            raise MoveCancelled("The move was cancelled; nothing changed.")
        report_progress(2, 3)
        partial.replace(target)
    except sqlite3.Error as err:
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"Copying the database to {target_dir} failed: {err}.") from err
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    copied = _copy_backups(source.parent / "backups", target_dir / "backups")
    report_progress(3, 3)
    return MoveReport(source=source, target=target, table_rows=expected, backups_copied=copied)


def _copy_backups(source: Path, target: Path) -> int:
    """Copy backup files that are not there yet; a failure here does not undo the move."""
    if not source.is_dir():
        return 0
    copied = 0
    try:
        target.mkdir(parents=True, exist_ok=True)
        for path in sorted(source.iterdir()):
            if path.is_file() and not (target / path.name).exists():
                shutil.copy2(path, target / path.name)
                copied += 1
    except OSError:
        return copied
    return copied
