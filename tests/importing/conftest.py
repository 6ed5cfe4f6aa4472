"""The real main window on a real SQLite file for the Import menu tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.context import AppContext, Events
from desktop.gui import build_window
from desktop.main_window import MainWindow
from models.clock import FixedClock
from models.db import Database
from tests.fixture_paths import require
from tests.importing.importing_helpers import controller


@pytest.fixture
def window(qtbot: QtBot, db: Database, clock: FixedClock) -> Iterator[MainWindow]:
    ctx = AppContext(db=db, clock=clock, events=Events())
    win = build_window(ctx)
    qtbot.addWidget(win)
    win.resize(1100, 700)
    win.show()
    yield win
    controller(win).shutdown()


@pytest.fixture
def paper_readme(fixtures_dir: Path) -> Path:
    return require(fixtures_dir / "paper-reading" / "README.md")
