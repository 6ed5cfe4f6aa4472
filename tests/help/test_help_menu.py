"""Help menu: About, Open the data folder, Report a problem, through the real window."""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop import help as help_package
from desktop.context import AppContext, Events
from desktop.gui import build_window
from desktop.help.about import AboutDialog
from desktop.main_window import MainWindow
from desktop.version import app_version
from models.clock import FixedClock
from models.db import Database, open_database
from models.paths import resolve_location


def _action(window: MainWindow, name: str) -> QAction:
    action = window.findChild(QAction, name)
    assert isinstance(action, QAction)
    assert action in window.menu("help").actions()
    return action


def _about(window: MainWindow) -> AboutDialog:
    _action(window, "action_about").trigger()
    (dialog,) = [d for d in window.findChildren(AboutDialog) if d.isVisible()]
    return dialog


def test_help_menu_order(window: MainWindow) -> None:
    names = [a.objectName() for a in window.menu("help").actions() if not a.isSeparator()]
    assert names == [
        "action_keyboard_shortcuts",
        "action_open_data_folder",
        "action_report_problem",
        "action_about",
    ]
    assert help_package.__doc__


def test_about_shows_versions_and_folders(window: MainWindow, db: Database, logged: None) -> None:
    dialog = _about(window)
    shown = {field: label.text() for field, label in dialog.values.items()}
    assert db.path is not None
    assert shown["database"] == str(db.path)
    assert shown["data_folder"] == str(db.path.parent)
    assert shown["log_folder"] == str(db.path.parent / "logs")
    assert shown["sqlalchemy"] == version("SQLAlchemy")
    assert shown["pyside"]
    assert shown["qt"][0].isdigit()
    heading = dialog.findChild(type(dialog.values["qt"]), "AboutHeading")
    assert heading is not None
    assert heading.text() == f"ThreePass {app_version()}"
    assert dialog.values["database"].textInteractionFlags()  # selectable


def test_about_copy_puts_the_details_on_the_clipboard(window: MainWindow, db: Database) -> None:
    QGuiApplication.clipboard().clear()
    dialog = _about(window)
    dialog.copy_button.click()
    text = QGuiApplication.clipboard().text()
    assert text.startswith(f"ThreePass {app_version()}\n")
    assert f"Database: {db.path}" in text
    assert f"SQLAlchemy {version('SQLAlchemy')}" in text


def _recorder(opened: list[QUrl]) -> Callable[[QUrl], bool]:
    """QDesktopServices.openUrl, replaced: the URL is recorded, nothing opens."""

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    return open_url


def test_open_data_folder_opens_the_database_folder(
    window: MainWindow, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", _recorder(opened))
    action = _action(window, "action_open_data_folder")
    assert action.isEnabled()
    action.trigger()
    assert db.path is not None
    assert [url.toLocalFile() for url in opened] == [str(db.path.parent)]


def test_open_data_folder_is_disabled_without_a_local_file(
    clock: FixedClock, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory = open_database(resolve_location(database_url="sqlite://"))
    try:
        win = build_window(AppContext(db=memory, clock=clock, events=Events()))
        qtbot.addWidget(win)
        opened: list[QUrl] = []
        monkeypatch.setattr(QDesktopServices, "openUrl", _recorder(opened))
        action = _action(win, "action_open_data_folder")
        assert not action.isEnabled()
        assert "not a local file" in action.statusTip()
        from desktop.help.feature import open_data_folder

        assert open_data_folder(win, win.ctx) is False
        assert opened == []
        win.close()
    finally:
        memory.close()


def test_report_a_problem_copies_versions_and_the_last_log_lines(
    window: MainWindow, db: Database, logged: None
) -> None:
    QGuiApplication.clipboard().clear()
    logger = logging.getLogger("desktop.help.test")
    for number in range(250):
        logger.warning("line %d of the log", number)
    _action(window, "action_report_problem").trigger()
    text = QGuiApplication.clipboard().text()
    assert text.startswith(f"ThreePass {app_version()}\n")
    assert f"Database: {db.path}" in text
    assert "line 249 of the log" in text
    assert "line 50 of the log" in text  # the last 200 lines...
    assert "line 49 of the log" not in text  # ...and no more
    (box,) = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert "clipboard" in box.text()
    assert "with your report" in box.informativeText()


def test_report_without_a_log_file_says_so(window: MainWindow) -> None:
    QGuiApplication.clipboard().clear()
    _action(window, "action_report_problem").trigger()
    text = QGuiApplication.clipboard().text()
    assert "Log folder: not set up" in text
    assert text.rstrip().endswith("No log file.")


def test_open_data_folder_says_when_nothing_could_open_it(
    window: MainWindow, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    said: list[str] = []
    window.ctx.events.status_message.connect(said.append)
    _action(window, "action_open_data_folder").trigger()
    assert db.path is not None
    assert said == [f"No file manager could open {db.path.parent}."]
