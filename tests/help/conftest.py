"""The real main window with every feature installed, as the app builds it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop import theme
from desktop.context import AppContext, Events
from desktop.gui import build_window
from desktop.main_window import MainWindow
from models import logs
from models.clock import FixedClock
from models.db import Database


@pytest.fixture
def window(
    db: Database, clock: FixedClock, qtbot: QtBot, qapp: QApplication
) -> Iterator[MainWindow]:
    win = build_window(AppContext(db=db, clock=clock, events=Events()))
    qtbot.addWidget(win)
    win.show()
    yield win
    theme.apply_theme(theme.LIGHT, qapp)


@pytest.fixture
def logged(db: Database) -> Iterator[None]:
    """The log in the data folder, as desktop.app sets it up."""
    assert db.path is not None
    logs.setup_logging(db.path.parent)
    yield
    logs.reset_logging()
