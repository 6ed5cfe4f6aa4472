"""The pass card's minutes box writes back only what the user typed: a figure changed by a
service (Log of the Done offer, the player, the timer) while the box has focus is shown, and
leaving the box does not store the stale figure over it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.library.item_pane import PassCard
from desktop.main_window import MainWindow
from models.db import Database
from models.library import Pass, StudySession
from tests.library.library_helpers import library_of
from tests.planner.planner_helpers import add_item

WindowFactory = Callable[[], MainWindow]


def shown_card(qtbot: QtBot, window: MainWindow, item_id: int, number: int) -> PassCard:
    view = library_of(window)
    view.select_item(item_id)
    qtbot.waitUntil(lambda: view.pane.item_id == item_id)
    return view.pane.cards[number - 1]


def stored(db: Database, item_id: int, number: int) -> tuple[float, list[float]]:
    with db.read() as s:
        p = s.scalars(select(Pass).where(Pass.item_id == item_id, Pass.number == number)).one()
        sessions = s.scalars(select(StudySession.minutes).where(StudySession.pass_id == p.id))
        return p.minutes_spent, list(sessions)


def focus(qtbot: QtBot, window: MainWindow, widget: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def test_logged_minutes_survive_focus_leaving_the_minutes_box(
    qtbot: QtBot, make_window: WindowFactory, db: Database
) -> None:
    item_id = add_item(db, "pix2pix", kind="paper_video", minutes=20)  # pass 3: 13 min at 1.5x
    window = make_window()
    card = shown_card(qtbot, window, item_id, 3)
    focus(qtbot, window, card.done_button)
    qtbot.mouseClick(card.done_button, Qt.MouseButton.LeftButton)
    assert card.log_offer.minutes.value() == 13
    focus(qtbot, window, card.log_offer.log_button)
    # the offer hides as Log is pressed: focus moves on to the next widget, the minutes box
    qtbot.keyClick(card.log_offer.log_button, Qt.Key.Key_Space)
    assert stored(db, item_id, 3) == (13.0, [13.0])
    assert card.minutes.hasFocus()
    assert card.minutes.value() == 13  # the stored figure, though the box has focus
    focus(qtbot, window, card.notes.editor)  # "click elsewhere"
    assert stored(db, item_id, 3) == (13.0, [13.0])
    assert card.minutes.value() == 13


def test_a_focused_box_the_user_did_not_edit_follows_the_store_and_an_edit_is_saved(
    qtbot: QtBot, make_window: WindowFactory, db: Database
) -> None:
    item_id = add_item(db, "Lesson 1", minutes=60)
    window = make_window()
    card = shown_card(qtbot, window, item_id, 2)
    focus(qtbot, window, card.minutes)
    card.minutes_added.emit(2, 15)  # the "+" menu's +15 min
    assert card.minutes.value() == 15
    focus(qtbot, window, card.notes.editor)
    assert stored(db, item_id, 2)[0] == 15.0

    focus(qtbot, window, card.minutes)  # a real edit is written when focus leaves
    card.minutes.lineEdit().selectAll()
    qtbot.keyClicks(card.minutes.lineEdit(), "42")
    focus(qtbot, window, card.notes.editor)
    assert stored(db, item_id, 2)[0] == 42.0
    assert card.minutes.value() == 42
