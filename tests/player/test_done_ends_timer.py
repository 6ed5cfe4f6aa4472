"""Finishing a pass by any path ends the timer on it and records its time, as the card's
Done does: Ctrl+1 in the library (Edit ▸ Toggle pass), the service, the CLI while the window
runs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from models.clock import FixedClock
from models.db import Database
from models.services.library import LibraryService
from models.services.timer import TimerService
from tests.core.core_support import run_cli
from tests.library.library_helpers import library_of
from tests.planner.planner_helpers import add_item
from tests.player.test_study_sessions import button, chip, hub_of, pass_minutes, shown_card

WindowFactory = Callable[[], MainWindow]


def test_done_through_the_service_ends_the_timer_on_that_pass_only(
    db: Database, clock: FixedClock
) -> None:
    item_id = add_item(db, "Lesson 1", minutes=60)
    timer = TimerService(db, clock)
    timer.start(item_id, 1)
    clock.advance(minutes=20)
    LibraryService(db, clock).set_pass(item_id, 2, "done")  # another pass: the timer runs on
    assert timer.running() is not None
    LibraryService(db, clock).toggle_pass(item_id, 1)  # in progress -> done
    assert timer.running() is None
    assert pass_minutes(db, item_id, 1) == (20.0, [False])


def test_ctrl_1_ends_the_running_timer_like_the_cards_done(
    qtbot: QtBot, make_window: WindowFactory, db: Database, clock: FixedClock
) -> None:
    item_id = add_item(db, "Lesson 3: Neural net foundations", minutes=60)
    window = make_window()
    card = shown_card(qtbot, window, item_id, 1)
    qtbot.mouseClick(button(card, "Start"), Qt.MouseButton.LeftButton)
    assert button(card, "Start").text() == "● Timing"
    clock.advance(minutes=25)
    view = library_of(window)
    toggle = window.findChild(QAction, "action_toggle_pass_1")  # Ctrl+1, Edit ▸ Toggle pass 1
    assert isinstance(toggle, QAction)
    assert toggle.shortcut().toString() == "Ctrl+1"
    toggle.trigger()

    assert TimerService(db, clock).running() is None
    assert pass_minutes(db, item_id, 1) == (25.0, [False])
    assert hub_of(window).timer() is None
    chip(window).refresh()
    assert not chip(window).isVisible()
    card = view.pane.cards[0]
    assert button(card, "Start").text() != "● Timing"
    assert card.minutes.value() == 25


def test_done_from_the_cli_while_the_window_runs(
    qtbot: QtBot, make_window: WindowFactory, db: Database, data_dir: Path
) -> None:
    item_id = add_item(db, "Lesson 1", minutes=60)
    TimerService(db).start(item_id, 2)  # before the window: its writes are its own
    window = make_window()
    hub_of(window).reload_timer()
    assert hub_of(window).timer() is not None
    result = run_cli("--data-dir", str(data_dir), "pass", str(item_id), "2", "done")
    assert result.returncode == 0, result.stderr
    assert TimerService(db).running() is None
    _minutes, sessions = pass_minutes(db, item_id, 2)
    assert sessions == [False]  # the timer's session, ended and counted
    qtbot.waitUntil(lambda: hub_of(window).timer() is None, timeout=10000)
