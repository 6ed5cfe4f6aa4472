"""Edit ▸ Toggle pass, Notes of pass and Link item act on the selected item: disabled in an
empty library and with nothing selected, enabled once an item is."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from desktop.library.feature import NEEDS_SELECTION
from desktop.main_window import MainWindow
from models.db import Database
from tests.library.library_helpers import library_of
from tests.planner.planner_helpers import add_item

WindowFactory = Callable[[Database], MainWindow]  # tests/library/conftest.py


def enabled(window: MainWindow) -> dict[str, bool]:
    found = {name: window.findChild(QAction, name) for name in NEEDS_SELECTION}
    assert all(isinstance(a, QAction) for a in found.values()), found
    return {name: a.isEnabled() for name, a in found.items() if isinstance(a, QAction)}


def test_disabled_in_an_empty_library(make_window: WindowFactory, db: Database) -> None:
    window = make_window(db)
    library_of(window)
    assert "action_toggle_pass_1" in enabled(window)
    assert not any(enabled(window).values()), enabled(window)


def test_enabled_with_an_item_selected_and_not_without(
    qtbot: QtBot, make_window: WindowFactory, db: Database
) -> None:
    item_id = add_item(db, "Lesson 1", minutes=60)
    window = make_window(db)
    view = library_of(window)
    view.select_item(item_id)
    qtbot.waitUntil(lambda: view.current_item_id() == item_id)
    assert all(enabled(window).values()), enabled(window)
    view.table.clearSelection()
    view.table.setCurrentIndex(view.proxy.index(-1, -1))
    qtbot.waitUntil(lambda: view.current_item_id() is None)
    assert not any(enabled(window).values()), enabled(window)
