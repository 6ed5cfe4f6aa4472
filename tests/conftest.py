"""Shared fixtures. Qt runs headless; every test gets its own real SQLite file in a temp dir."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("THREEPASS_DATA_DIR", None)

import pytest

from models.clock import FixedClock
from models.db import Database, open_database
from models.paths import resolve_location
from tests.fixture_paths import FIXTURES, require

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication
    from pytestqt.qtbot import QtBot

    from desktop.main_window import MainWindow


@pytest.fixture(autouse=True)
def _isolated_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QSettings and platformdirs point into a temp HOME so tests never touch the user's files."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    # Qt caches the settings path at first use; point it at this test's HOME every time.
    from PySide6.QtCore import QSettings

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(home / ".config"))


@pytest.fixture(scope="session", autouse=True)
def _english_as_the_app_starts(qapp: QApplication) -> None:
    """The app installs its English translator at start-up (plural forms: "1 note", "3 notes");
    so does the test session, once, so no test sees "note(s)" or not depending on the order."""
    from desktop import i18n

    i18n.install_translators(i18n.ENGLISH, qapp)


@pytest.fixture
def fixtures_dir() -> Path:
    """tests/fixtures: the saved source pages and sample notes, with their licences."""
    return require(FIXTURES)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    database = open_database(resolve_location(data_dir=data_dir))
    yield database
    database.close()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 2, 9, 0, 0))


@pytest.fixture
def make_window(qtbot: QtBot, db: Database, clock: FixedClock) -> Callable[[], MainWindow]:
    """The real main window on `db` and `clock`, 1280x800, shown and exposed. The library and
    safety tests override it with one that takes the Database to open."""
    from desktop.context import AppContext, Events  # the GUI only for the tests that ask
    from desktop.gui import build_window

    def make() -> MainWindow:
        window = build_window(AppContext(db=db, clock=clock, events=Events()))
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def window(
    db: Database, clock: FixedClock, qtbot: QtBot, qapp: QApplication
) -> Iterator[MainWindow]:
    """The real main window as the app builds it, shown at its own size; the light theme is
    put back after (a test may switch it). Areas that need more override it."""
    from desktop import theme
    from desktop.context import AppContext, Events
    from desktop.gui import build_window

    win = build_window(AppContext(db=db, clock=clock, events=Events()))
    qtbot.addWidget(win)
    win.show()
    yield win
    theme.apply_theme(theme.LIGHT, qapp)
