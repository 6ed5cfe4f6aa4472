"""The real main window on a real SQLite file and a FixedClock (Monday 2026-03-02 09:00)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from desktop.context import AppContext, Events
from desktop.gui import build_window
from desktop.main_window import MainWindow
from models.clock import FixedClock
from models.db import Database

WindowFactory = Callable[[], MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot, db: Database, clock: FixedClock) -> WindowFactory:
    def make() -> MainWindow:
        window = build_window(AppContext(db=db, clock=clock, events=Events()))
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make
