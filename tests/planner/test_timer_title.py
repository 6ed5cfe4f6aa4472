"""The timer names the item by its title; the database id means nothing to the user."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from desktop.planner.today_view import TodayView
from models.db import Database
from tests.planner.planner_helpers import add_item

WindowFactory = Callable[[], MainWindow]  # the make_window fixture (tests/conftest.py)


def test_the_running_timer_shows_only_the_title(
    qtbot: QtBot, make_window: WindowFactory, db: Database
) -> None:
    add_item(db, "Attention Is All You Need", kind="paper_video", position=1, minutes=60)
    window = make_window()
    window.show_view("today")
    view = window.view("today")
    assert isinstance(view, TodayView)
    qtbot.mouseClick(view.start_button(0), Qt.MouseButton.LeftButton)
    assert view.timer_panel.running() is not None
    assert view.timer_panel.title_label.text() == "Attention Is All You Need"
