"""A database that cannot be opened at startup: the dialog, its choices, and run_gui itself."""

from __future__ import annotations

import argparse
import hashlib
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.cli import build_parser
from desktop.gui import run_gui
from desktop.safety.startup import Choice, StartupProblemDialog, recover_at_startup
from desktop.widgets.formatting import format_stamp
from models.clock import FixedClock
from models.db import open_database
from models.errors import CorruptDatabaseError, DatabaseTooNewError, DataDirError, ThreePassError
from models.paths import resolve_location
from models.services.backup import BackupInfo, BackupService
from models.services.dto import ItemInput
from models.services.library import LibraryService
from tests.startup_dialog import quit_when_asked


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damaged_library(data_dir: Path, clock: FixedClock) -> Path:
    db = open_database(resolve_location(data_dir=data_dir))
    LibraryService(db).create_item(ItemInput(kind="paper", title="<b>备份里的</b> title"))
    BackupService.for_database(db, clock).create()
    LibraryService(db).create_item(ItemInput(kind="paper", title="after"))
    path = db.path
    db.close()
    assert path is not None
    path.write_bytes(path.read_bytes()[:5000])  # truncated
    return path


BACKUP = BackupInfo(
    Path("/x/threepass-20260301-080000.sqlite3"), datetime(2026, 3, 1, 8), 1, "automatic"
)


def button_texts(dialog: StartupProblemDialog) -> dict[Choice, str]:
    return {choice: button.text() for choice, button in dialog.buttons.items()}


def test_dialog_for_a_damaged_file_offers_the_three_ways_out(qtbot: QtBot) -> None:
    err = CorruptDatabaseError("The database <i>x</i> is damaged (file is not a database).")
    dialog = StartupProblemDialog(err, BACKUP, recoverable=True)
    qtbot.addWidget(dialog)
    assert button_texts(dialog) == {
        Choice.RESTORE: "Move aside and restore newest backup",
        Choice.EMPTY: "Move aside and start empty",
        Choice.QUIT: "Quit",
    }
    assert dialog.buttons[Choice.RESTORE].isDefault()
    labels = dialog.findChildren(QLabel)
    assert all(
        label.textFormat() == label.textFormat().PlainText for label in labels if label.text()
    )
    assert dialog.detail.text() == str(err)  # shown as the characters, not as italics
    assert format_stamp(BACKUP.created) in dialog.advice.text()  # the locale's own format
    dialog.buttons[Choice.EMPTY].click()
    assert dialog.choice == Choice.EMPTY


def test_dialog_without_a_backup_or_for_a_newer_version(qtbot: QtBot) -> None:
    dialog = StartupProblemDialog(CorruptDatabaseError("x."), None, recoverable=True)
    qtbot.addWidget(dialog)
    assert set(dialog.buttons) == {Choice.EMPTY, Choice.QUIT}
    assert "no usable backup" in dialog.advice.text()
    newer = StartupProblemDialog(DatabaseTooNewError("y."), BACKUP, recoverable=True)
    qtbot.addWidget(newer)
    assert newer.buttons[Choice.QUIT].isDefault()  # updating ThreePass is the better fix
    assert "newer version" in newer.headline.text()


def test_dialog_for_a_bad_place_offers_try_again(qtbot: QtBot) -> None:
    dialog = StartupProblemDialog(
        DataDirError("The data folder is missing."), None, recoverable=False
    )
    qtbot.addWidget(dialog)
    assert set(dialog.buttons) == {Choice.RETRY, Choice.QUIT}


def test_recover_at_startup_restores_the_newest_backup(data_dir: Path, clock: FixedClock) -> None:
    path = damaged_library(data_dir, clock)
    before = digest(path)
    location = resolve_location(data_dir=data_dir)
    with pytest.raises(CorruptDatabaseError) as caught:
        open_database(location)
    seen: list[tuple[ThreePassError, BackupInfo | None, bool]] = []

    def ask(err: ThreePassError, backup: BackupInfo | None, recoverable: bool) -> Choice:
        seen.append((err, backup, recoverable))
        return Choice.RESTORE

    db = recover_at_startup(caught.value, location, clock, ask=ask)
    assert db is not None
    try:
        assert [r.title for r in LibraryService(db).list_items()] == ["<b>备份里的</b> title"]
    finally:
        db.close()
    assert seen[0][1] is not None
    assert seen[0][2]
    aside = [p for p in data_dir.iterdir() if ".damaged-" in p.name and not p.name.endswith("shm")]
    assert any(digest(p) == before for p in aside)


def test_recover_at_startup_quit_touches_nothing(data_dir: Path, clock: FixedClock) -> None:
    path = damaged_library(data_dir, clock)
    before = digest(path)
    location = resolve_location(data_dir=data_dir)
    err = CorruptDatabaseError("damaged.")
    assert recover_at_startup(err, location, clock, ask=lambda *_: Choice.QUIT) is None
    assert digest(path) == before
    assert not [p for p in data_dir.iterdir() if ".damaged-" in p.name]


def test_run_gui_shows_the_dialog_for_a_damaged_database(
    data_dir: Path, clock: FixedClock, qtbot: QtBot
) -> None:
    path = damaged_library(data_dir, clock)
    before = digest(path)
    shown: list[str] = []
    quit_when_asked(shown)
    args: argparse.Namespace = build_parser().parse_args(["--data-dir", str(data_dir)])
    assert run_gui(args, clock) == 2
    assert shown[0] == "Your library file is damaged or is not a ThreePass database."
    assert "is damaged" in shown[1]
    assert "threepass restore" not in shown[1]
    assert digest(path) == before
