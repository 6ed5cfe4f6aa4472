"""Reviewing in the real window: keys 1–4 grade only once the answer is shown, Ctrl+Z takes
the last grade back, and the queue holds the day's new questions only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QUndoCommand
from pytestqt.qtbot import QtBot

from desktop.career.questions_view import QuestionsView
from desktop.library.view import LibraryView
from desktop.main_window import MainWindow
from desktop.preferences.dialog import PreferencesDialog
from models.clock import FixedClock
from models.db import Database
from models.services.review import QuestionInput, QuestionService


class KeysReaching(QObject):
    """The keys that reach a widget: a key a shortcut took never does."""

    def __init__(self, widget: QObject) -> None:
        super().__init__(widget)
        self.keys: list[int] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            self.keys.append(event.key())
        return False


def questions_view(window: MainWindow, qtbot: QtBot) -> QuestionsView:
    window.show_view("questions")
    view = window.view("questions")
    assert isinstance(view, QuestionsView)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts fire only in the active window
    qtbot.waitUntil(view.isVisible)
    return view


def test_keys_grade_only_with_the_answer_shown_and_ctrl_z_takes_it_back(
    make_window: Callable[[], MainWindow], db: Database, clock: FixedClock, qtbot: QtBot
) -> None:
    bank = QuestionService(db, clock)
    first = bank.add_question(QuestionInput(text="为什么 attention 要除以 √d?", answer="softmax"))
    second = bank.add_question(QuestionInput(text="KV cache 省了什么?"))
    window = make_window()
    library = window.view("library")
    assert isinstance(library, LibraryView)
    library.undo_stack.push(QUndoCommand("an item deleted earlier"))  # the window's Ctrl+Z is live
    view = questions_view(window, qtbot)
    view.due_only.setChecked(True)
    view.select_question(first)
    view.table.setFocus()
    pane = view.detail

    # the answer is hidden: 3 ("Good") is no shortcut, it goes on to the table
    assert not pane.answer_shown
    assert not pane.answer.isVisible()
    assert not pane.rating_buttons["good"].isEnabled()
    reaching = KeysReaching(view.table)
    qtbot.keyClick(view.table, Qt.Key.Key_3)
    assert reaching.keys == [Qt.Key.Key_3]

    qtbot.keyClick(view.table, Qt.Key.Key_Space)  # a button's shortcut clicks it animated
    qtbot.waitUntil(lambda: pane.answer_shown)
    assert pane.answer.isVisible()
    qtbot.keyClick(view.table, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 1)
    assert reaching.keys == [Qt.Key.Key_3]  # Space and the second 3 were shortcuts
    graded = bank.get_question(first)
    assert [r.rating for r in graded.reviews] == [4]
    assert graded.due_on == date(2026, 3, 4)
    assert view.current_id() == second
    assert not pane.answer_shown  # the next question starts hidden too

    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = bank.get_question(first)
    assert (back.reviews, back.due_on, back.stability) == ((), None, None)
    assert library.undo_stack.index() == 1  # the library's Undo did not run
    assert view.proxy.rowCount() == 2
    assert view.current_id() == first  # shown again, answer hidden
    assert not pane.answer_shown
    # nothing left to take back: Ctrl+Z is the window's again
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert library.undo_stack.index() == 0


def test_browsing_the_bank_shows_the_answer_and_keys_grade(
    make_window: Callable[[], MainWindow], db: Database, clock: FixedClock, qtbot: QtBot
) -> None:
    bank = QuestionService(db, clock)
    qid = bank.add_question(QuestionInput(text="LoRA原理", answer="低秩"))
    view = questions_view(make_window(), qtbot)
    view.select_question(qid)
    assert view.detail.answer_shown
    assert not view.detail.show_answer_button.isVisible()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: len(bank.get_question(qid).reviews) == 1)
    assert [r.rating for r in bank.get_question(qid).reviews] == [1]
    view.due_only.setChecked(True)  # the queue hides it
    assert not view.detail.rating_buttons["good"].isEnabled()


def test_the_queue_takes_the_days_new_questions_only(
    make_window: Callable[[], MainWindow], db: Database, clock: FixedClock, qtbot: QtBot
) -> None:
    bank = QuestionService(db, clock)
    for n in range(28):
        bank.add_question(QuestionInput(text=f"面试题 {n}"))
    view = questions_view(make_window(), qtbot)
    assert view.due_only.text() == "Review today (10)"
    view.due_only.setChecked(True)
    assert view.proxy.rowCount() == 10


def test_preferences_set_the_days_new_questions(
    make_window: Callable[[], MainWindow], db: Database, clock: FixedClock, qtbot: QtBot
) -> None:
    bank = QuestionService(db, clock)
    for n in range(12):
        bank.add_question(QuestionInput(text=f"面试题 {n}"))
    window = make_window()
    view = questions_view(window, qtbot)
    action = window.findChild(QAction, "actionPreferences")
    assert isinstance(action, QAction)
    action.trigger()
    (dialog,) = [d for d in window.findChildren(PreferencesDialog) if d.isVisible()]
    assert dialog.new_questions.value() == 10
    dialog.new_questions.setValue(4)
    dialog.accept()
    assert bank.due_count() == 4  # the service the Today view, the tray and the CLI ask
    qtbot.waitUntil(lambda: view.due_only.text() == "Review today (4)")
