"""Fixtures for the safety GUI tests: the real main window on a real file, scripted dialogs."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from desktop.context import AppContext, Events
from desktop.gui import build_window
from desktop.main_window import MainWindow
from desktop.safety.controller import SafetyController
from desktop.widgets import dialogs
from models.clock import FixedClock
from models.db import Database


@pytest.fixture(autouse=True)
def questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every confirm() question is recorded and answered Yes; inform() is recorded too
    (autouse: a real message box would block a headless test run forever).
    """
    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str, *, destructive: bool = False) -> bool:
        asked.append(text)
        return True

    def inform(_parent: object, _title: str, text: str) -> None:
        asked.append(text)

    monkeypatch.setattr(dialogs, "confirm", confirm)
    monkeypatch.setattr(dialogs, "inform", inform)
    return asked


@pytest.fixture
def make_window(qtbot: QtBot, clock: FixedClock) -> Callable[[Database], MainWindow]:
    def make(database: Database) -> MainWindow:
        window = build_window(AppContext(db=database, clock=clock, events=Events()))
        qtbot.addWidget(window)
        window.resize(1100, 700)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def controller_of(window: MainWindow) -> SafetyController:
    controller = window.findChild(SafetyController, "SafetyController")
    assert isinstance(controller, SafetyController)
    return controller
