""" "Move my data": copy, verify, switch at next start; failures and cancels lose nothing."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop.app import main
from desktop.preferences.move_data import MoveDataDialog
from desktop.preferences.startup import use_stored_data_dir
from desktop.preferences.ui_settings import UiSettings
from models.db import Database
from models.errors import DatabaseError, ValidationError
from models.paths import DB_FILENAME, default_data_dir, resolve_location, stored_data_dir
from models.services.dto import ItemInput
from models.services.library import LibraryService
from models.services.relocation import MoveCancelled, move_data, verify_copy
from models.services.settings import SettingsService


@pytest.fixture
def filled(db: Database) -> Database:
    library = LibraryService(db)
    for n in range(5):
        item = library.create_item(ItemInput(kind="paper", title=f"论文 {n} — Attention"))
        library.save_note(item, 1, f"笔记 {n}")
    SettingsService(db).set("daily_budget_minutes", 75)
    assert db.path is not None
    backups = db.path.parent / "backups"
    backups.mkdir(exist_ok=True)
    (backups / "daily-2026-03-01.sqlite3").write_bytes(b"a backup file")
    return db


def _rows(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def test_move_copies_and_verifies(filled: Database, tmp_path: Path) -> None:
    target = tmp_path / "新的 文件夹"
    steps: list[tuple[int, int]] = []
    report = move_data(filled, target, progress=lambda d, t: steps.append((d, t)))
    assert report.target == target / DB_FILENAME
    assert report.table_rows["items"] == 5
    assert report.total_rows > 5
    assert report.backups_copied == 1
    assert (target / "backups" / "daily-2026-03-01.sqlite3").exists()
    assert _rows(report.target, "items") == 5
    assert steps[0] == (0, 3)
    assert steps[-1] == (3, 3)
    assert filled.path is not None
    assert _rows(filled.path, "items") == 5, "the old copy stays"
    assert not list(target.glob("*.moving"))


def test_move_refuses_a_folder_with_a_database(filled: Database, tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()
    (target / DB_FILENAME).write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    with pytest.raises(ValidationError, match="already holds a ThreePass database"):
        move_data(filled, target)
    assert (target / DB_FILENAME).stat().st_size == 116, "nothing overwritten"


def test_move_refuses_the_same_folder(filled: Database) -> None:
    assert filled.path is not None
    with pytest.raises(ValidationError, match="already the data folder"):
        move_data(filled, filled.path.parent)


def test_cancel_leaves_nothing_behind(filled: Database, tmp_path: Path) -> None:
    target = tmp_path / "cancelled"
    with pytest.raises(MoveCancelled):
        move_data(filled, target, cancelled=lambda: True)
    assert not (target / DB_FILENAME).exists()
    assert not list(target.glob("*.moving"))


def test_verification_catches_a_bad_copy(filled: Database, tmp_path: Path) -> None:
    assert filled.path is not None
    copy = tmp_path / "copy.sqlite3"
    conn = sqlite3.connect(filled.path)
    target = sqlite3.connect(copy)
    conn.backup(target)
    target.close()
    expected = {
        name: conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    }
    conn.close()
    verify_copy(copy, expected)  # an exact copy passes
    expected["items"] += 1
    with pytest.raises(DatabaseError, match="different row counts"):
        verify_copy(copy, expected)
    copy.write_bytes(copy.read_bytes()[:4096])  # truncated
    with pytest.raises((DatabaseError, sqlite3.DatabaseError)):
        verify_copy(copy, expected)


def test_dialog_moves_and_remembers_the_folder(
    filled: Database, tmp_path: Path, qtbot: QtBot
) -> None:
    ui = UiSettings()
    dialog = MoveDataDialog(filled, ui)
    qtbot.addWidget(dialog)
    target = tmp_path / "moved"
    with qtbot.waitSignal(dialog.finished_move, timeout=10000) as blocker:
        dialog.start_move(target)
    assert blocker.args == [True]
    assert stored_data_dir() == target  # where the CLI looks too
    assert QSettings().value("data/dir") is None
    assert dialog.report is not None
    assert str(dialog.report.total_rows) in dialog.status.text()
    assert str(target) in dialog.status.text()
    qtbot.waitUntil(lambda: dialog._worker is None)


def test_dialog_reports_a_failure_and_keeps_the_old_setting(
    filled: Database, tmp_path: Path, qtbot: QtBot
) -> None:
    ui = UiSettings()
    dialog = MoveDataDialog(filled, ui)
    qtbot.addWidget(dialog)
    blocker_file = tmp_path / "a-file"
    blocker_file.write_text("x", encoding="utf-8")
    with qtbot.waitSignal(dialog.finished_move, timeout=10000) as blocker:
        dialog.start_move(blocker_file)
    assert blocker.args == [False]
    assert "not a folder" in dialog.status.text() or "Cannot create" in dialog.status.text()
    assert stored_data_dir() is None
    assert dialog.move_button.isEnabled()
    qtbot.waitUntil(lambda: dialog._worker is None)


def _args(**given: str | None) -> argparse.Namespace:
    base: dict[str, str | None] = {"database_url": None, "data_dir": None, "screenshot": None}
    base.update(given)
    return argparse.Namespace(**base)


def test_stored_folder_is_used_unless_overridden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ui = UiSettings()
    stored = tmp_path / "stored"
    stored.mkdir()
    ui.data_dir = str(stored)
    args = _args()
    use_stored_data_dir(args, ui)
    assert args.data_dir == str(stored)
    explicit = _args(data_dir="/elsewhere")
    use_stored_data_dir(explicit, ui)
    assert explicit.data_dir == "/elsewhere"
    monkeypatch.setenv("THREEPASS_DATA_DIR", str(tmp_path / "env"))
    from_env = _args()
    use_stored_data_dir(from_env, ui)
    assert from_env.data_dir is None  # resolve_location will use the env var


def test_missing_stored_folder_is_reported_not_silently_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ui = UiSettings()
    ui.data_dir = str(tmp_path / "removed-drive")
    args = _args(screenshot=str(tmp_path / "shot.png"))
    use_stored_data_dir(args, ui)
    assert args.data_dir == str(default_data_dir())  # said, and not the missing folder
    assert "removed-drive" in capsys.readouterr().err
    assert ui.data_dir == str(tmp_path / "removed-drive"), "the preference is kept"


def test_gui_opens_the_moved_database(filled: Database, tmp_path: Path) -> None:
    """After a move, starting without --data-dir opens the new folder (not the default)."""
    target = tmp_path / "moved"
    move_data(filled, target)
    UiSettings().data_dir = str(target)
    before = (target / DB_FILENAME).stat().st_mtime_ns
    shot = tmp_path / "shot.png"
    assert main(["--screenshot", str(shot), "--lang", "en"]) == 0
    assert shot.stat().st_size > 1000
    assert not (default_data_dir() / DB_FILENAME).exists(), "the default location was not used"
    assert (target / DB_FILENAME).stat().st_mtime_ns >= before


def test_the_command_line_uses_the_moved_folder_too(
    filled: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI never starts Qt: it must still write where the window reads, not the old copy."""
    target = tmp_path / "moved"
    move_data(filled, target)
    UiSettings().data_dir = str(target)
    capsys.readouterr()
    assert main(["list", "--json"]) == 0
    assert "论文 4 — Attention" in capsys.readouterr().out
    assert main(["pass", "1", "1", "start"]) == 0
    assert not (default_data_dir() / DB_FILENAME).exists(), "the default location was not used"

    def started(path: Path) -> int:
        conn = sqlite3.connect(path)
        try:
            query = "SELECT COUNT(*) FROM passes WHERE status = 'in_progress'"
            return int(conn.execute(query).fetchone()[0])
        finally:
            conn.close()

    assert started(target / DB_FILENAME) == 1
    assert filled.path is not None
    assert started(filled.path) == 0, "the old copy is untouched"


def test_the_command_line_refuses_a_missing_moved_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    UiSettings().data_dir = str(tmp_path / "removed-drive")
    assert main(["list"]) == 2
    err = capsys.readouterr().err
    assert "removed-drive" in err
    assert "--data-dir" in err
    assert not (tmp_path / "removed-drive").exists(), "nothing created on the missing path"
    assert not (default_data_dir() / DB_FILENAME).exists()


def test_explicit_folders_win_over_the_moved_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    moved = tmp_path / "moved"
    moved.mkdir()
    UiSettings().data_dir = str(moved)
    assert resolve_location().data_dir == moved
    monkeypatch.setenv("THREEPASS_DATA_DIR", str(tmp_path / "env"))
    assert resolve_location().data_dir == tmp_path / "env"
    assert resolve_location(data_dir=tmp_path / "flag").data_dir == tmp_path / "flag"
    UiSettings().data_dir = None
    monkeypatch.delenv("THREEPASS_DATA_DIR")
    assert resolve_location().data_dir == default_data_dir()


def test_a_folder_stored_by_an_older_version_in_qsettings_is_carried_over(
    tmp_path: Path,
) -> None:
    QSettings().setValue("data/dir", str(tmp_path / "older"))
    assert UiSettings().data_dir == str(tmp_path / "older")
    assert stored_data_dir() == tmp_path / "older"
    assert QSettings().value("data/dir") is None
