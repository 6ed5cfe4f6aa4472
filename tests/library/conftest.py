"""The real main window on a real SQLite file, plus a scripted answer to confirm dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from desktop.context import AppContext, Events
from desktop.gui import build_window
from desktop.main_window import MainWindow
from desktop.widgets import dialogs
from models.clock import FixedClock
from models.db import Database
from models.services.library import LibraryService
from tests.library.library_helpers import Answers, WindowFactory


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    recorded = Answers()

    def confirm(_parent: object, _title: str, text: str, *, destructive: bool = False) -> bool:
        recorded.questions.append(text)
        return recorded.reply

    def inform(_parent: object, _title: str, text: str) -> None:
        recorded.warnings.append(text)

    monkeypatch.setattr(dialogs, "confirm", confirm)
    monkeypatch.setattr(dialogs, "inform", inform)
    return recorded


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The browser, replaced: every URL ThreePass would open lands here."""
    urls: list[str] = []

    def open_url(url: QUrl) -> bool:
        urls.append(url.toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    return urls


@pytest.fixture
def make_window(qtbot: QtBot, clock: FixedClock) -> WindowFactory:
    def make(database: Database) -> MainWindow:
        ctx = AppContext(db=database, clock=clock, events=Events())
        window = build_window(ctx)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        window.activateWindow()
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.isActiveWindow)  # shortcuts only fire in the active window
        return window

    return make


@pytest.fixture
def window(make_window: WindowFactory, db: Database) -> MainWindow:
    return make_window(db)


@pytest.fixture
def service(db: Database, clock: FixedClock) -> LibraryService:
    return LibraryService(db, clock)
