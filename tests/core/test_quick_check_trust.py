"""A file unchanged since a process that had checked it closed it skips the quick check;
any change, a crash with changes in the WAL, an old check or damage SQLite reported
brings the check back (models/quick_check.py)."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest

from models import quick_check
from models.db import open_database
from models.errors import CorruptDatabaseError
from models.paths import DB_FILENAME, resolve_location
from models.services.dto import ItemInput
from models.services.library import LibraryService
from tests.core.test_startup import _counting_runs, _damage


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    db = open_database(resolve_location(data_dir=folder))  # new: not checked, not trusted
    LibraryService(db).create_item(ItemInput(kind="paper", title="注意力机制"))
    db.close()
    return folder


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every real quick check of this test."""
    return _counting_runs(monkeypatch)


def _open_close(folder: Path, title: str | None = None) -> None:
    db = open_database(resolve_location(data_dir=folder))
    if title is not None:
        LibraryService(db).create_item(ItemInput(kind="paper", title=title))
    db.close()


def _record() -> dict[str, dict[str, object]]:
    return dict(json.loads(quick_check._record_file().read_text(encoding="utf-8")))


def test_a_file_closed_clean_after_a_check_is_not_read_again(data: Path, runs: list[Path]) -> None:
    assert not quick_check._record_file().exists()  # a new file was never checked
    _open_close(data)
    assert len(runs) == 1
    assert str((data / DB_FILENAME).absolute()) in _record()
    _open_close(data)
    _open_close(data)
    assert len(runs) == 1  # trusted twice: the same identity as at the last clean close


def test_the_early_start_skips_a_trusted_file_without_a_thread(
    data: Path, runs: list[Path]
) -> None:
    _open_close(data)
    path = data / DB_FILENAME
    quick_check.start(path)
    early = quick_check._checks[path.absolute()]
    assert early.thread is None
    assert early.done.is_set()
    result, checked_at = quick_check.take(path)
    assert result == "ok"
    assert checked_at is not None
    assert checked_at <= time.time()
    assert len(runs) == 1


def test_writes_since_the_close_bring_the_check_back(data: Path, runs: list[Path]) -> None:
    _open_close(data)
    _open_close(data, "残差网络")  # trusted at open, written, closed: trusted again
    assert len(runs) == 1
    with sqlite3.connect(data / DB_FILENAME) as conn:  # another program writes
        conn.execute("UPDATE items SET title = title || '!'")
    conn.close()
    _open_close(data)
    assert len(runs) == 2


def test_damage_after_a_clean_close_is_still_found(data: Path, runs: list[Path]) -> None:
    _open_close(data)
    _damage(data / DB_FILENAME)  # the same size, written right after the close
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        _open_close(data)
    assert len(runs) == 2


def test_a_crash_with_changes_in_the_wal_is_checked(data: Path, runs: list[Path]) -> None:
    _open_close(data)
    db = open_database(resolve_location(data_dir=data))
    LibraryService(db).create_item(ItemInput(kind="paper", title="未关闭"))
    # no close: the process "dies" with its changes in the WAL
    assert (data / f"{DB_FILENAME}-wal").stat().st_size > 0
    quick_check._verified.clear()
    assert quick_check.trusted(data / DB_FILENAME) is None
    db.close()


def test_a_check_older_than_a_week_runs_again(data: Path, runs: list[Path]) -> None:
    _open_close(data)
    record = _record()
    entry = record[str((data / DB_FILENAME).absolute())]
    entry["checked_at"] = time.time() - (quick_check.TRUST_DAYS * 86400 + 60)
    quick_check._record_file().write_text(json.dumps(record), encoding="utf-8")
    _open_close(data)
    assert len(runs) == 2
    # the new check's time is kept, not the old one
    fresh = _record()[str((data / DB_FILENAME).absolute())]["checked_at"]
    assert isinstance(fresh, float)
    assert time.time() - fresh < 60


def test_a_trusted_open_keeps_the_time_of_the_real_check(data: Path, runs: list[Path]) -> None:
    _open_close(data)
    first = _record()[str((data / DB_FILENAME).absolute())]["checked_at"]
    _open_close(data, "再写一条")
    assert _record()[str((data / DB_FILENAME).absolute())]["checked_at"] == first
    assert len(runs) == 1


def test_damage_reported_by_sqlite_drops_the_trust(data: Path, runs: list[Path]) -> None:
    from models.db import explain_sqlite_error

    _open_close(data)
    path = data / DB_FILENAME
    assert quick_check.trusted(path) is not None
    err = sqlite3.DatabaseError("database disk image is malformed")
    err.sqlite_errorname = "SQLITE_CORRUPT"
    assert isinstance(explain_sqlite_error(err, path, writing=False), CorruptDatabaseError)
    assert quick_check.trusted(path) is None
    _open_close(data)
    assert len(runs) == 2


def test_an_unreadable_record_only_means_a_check(data: Path, runs: list[Path]) -> None:
    _open_close(data)
    quick_check._record_file().write_text("{not json", encoding="utf-8")
    _open_close(data)
    assert len(runs) == 2
    assert str((data / DB_FILENAME).absolute()) in _record()  # written whole again


def test_an_unwritable_cache_folder_only_means_a_check(
    data: Path, runs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    _open_close(data)
    _open_close(data)
    assert len(runs) == 2
