"""Picking another item shows it from its top: the pane does not keep the previous item's
scroll position (a new item opened half-way down, at its pass 3 notes)."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from models.db import Database
from tests.library.library_helpers import library_of
from tests.planner.planner_helpers import add_item

WindowFactory = Callable[[Database], MainWindow]  # tests/library/conftest.py


def test_another_item_opens_scrolled_to_the_top(
    qtbot: QtBot, make_window: WindowFactory, db: Database
) -> None:
    first = add_item(db, "Lesson 1", minutes=60)
    second = add_item(db, "Lesson 2", minutes=60)
    window = make_window(db)
    window.resize(1024, 560)  # short enough for the item to scroll
    view = library_of(window)
    view.select_item(first)
    qtbot.waitUntil(lambda: view.pane.item_id == first)
    bar = view.pane.item_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    assert bar.value() > 0

    view.pane.refresh()  # the same item re-read keeps its place
    assert bar.value() == bar.maximum()
    view.select_item(second)
    qtbot.waitUntil(lambda: view.pane.item_id == second)
    assert bar.value() == 0
