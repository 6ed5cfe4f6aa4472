"""The core loop with the keyboard alone, in the real main window: every key goes to the widget
that has the focus, as a user's would (no clicks, no calls into the views)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QTableView, QWidget
from pytestqt.qtbot import QtBot

from desktop.help.shortcuts import collect_shortcuts
from desktop.main_window import MainWindow
from desktop.widgets.wiki import WikiEditor
from models.db import Database
from models.services.dto import ItemInput
from models.services.library import LibraryService

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE) -> None:
    QTest.keyClick(_focused(), key, modifiers)
    QApplication.processEvents()


def type_text(text: str) -> None:
    QTest.keyClicks(_focused(), text)
    QApplication.processEvents()


def _name() -> str:
    return _focused().objectName()


@pytest.fixture
def items(db: Database) -> dict[str, int]:
    service = LibraryService(db)
    titles = (
        "Attention Is All You Need",
        "BERT: Pre-training of Deep Bidirectional Transformers",
        "Lesson 1: Getting started",
    )
    kinds = ("paper_video", "paper", "course_video")
    return {
        title: service.create_item(ItemInput(kind=kind, title=title, duration_seconds=3600))
        for title, kind in zip(titles, kinds, strict=True)
    }


@pytest.fixture
def window(
    make_window: Callable[[], MainWindow], qtbot: QtBot, items: dict[str, int]
) -> MainWindow:
    """The window on a library of three items."""
    win = make_window()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)  # shortcuts fire only in the active window
    return win


def _table(window: MainWindow) -> QTableView:
    table = window.findChild(QTableView, "LibraryTable")
    assert isinstance(table, QTableView)
    return table


def _selected_title(window: MainWindow) -> str:
    table = _table(window)
    rows = table.selectionModel().selectedRows()
    assert len(rows) == 1
    return str(rows[0].siblingAtColumn(0).data())


def test_search_select_start_note_open_point_finish(
    window: MainWindow, items: dict[str, int], db: Database
) -> None:
    press(Qt.Key.Key_F, CTRL)
    assert _name() == "LibrarySearch"
    type_text("attention")
    press(Qt.Key.Key_Down)  # into the results: the first row is selected
    assert _name() == "LibraryTable"
    assert _selected_title(window) == "Attention Is All You Need"

    press(Qt.Key.Key_1, CTRL)  # pass 1: not started → in progress
    press(Qt.Key.Key_F2)  # pass 1's notes
    assert _name() == "Pass1NoteEditor"
    type_text("Why divide by sqrt(d_k)?")

    press(Qt.Key.Key_Tab, CTRL)  # out of the note (Tab types a tab there)
    for _ in range(6):  # past the preview and the list of points to the entry line
        if _name() == "OpenPointEntry":
            break
        press(Qt.Key.Key_Tab)
    assert _name() == "OpenPointEntry"
    type_text("multi-head attention")
    press(Qt.Key.Key_Return)

    press(Qt.Key.Key_Escape)  # back to the list, the item still selected
    assert _name() == "LibraryTable"
    assert _selected_title(window) == "Attention Is All You Need"
    press(Qt.Key.Key_1, CTRL)  # in progress → done

    detail = LibraryService(db).get_item(items["Attention Is All You Need"])
    assert detail.passes[0].status == "done"
    assert detail.passes[0].started_at is not None
    assert detail.passes[0].finished_at is not None
    assert detail.notes.get(1) == "Why divide by sqrt(d_k)?"
    assert [p.text for p in detail.open_points] == ["multi-head attention"]
    assert [p.resolved_in_pass for p in detail.open_points] == [None]
    others = [LibraryService(db).get_item(i) for t, i in items.items() if "Attention" not in t]
    assert all(p.status == "todo" for d in others for p in d.passes)


def test_tab_leaves_the_table_without_moving_the_selection(
    window: MainWindow, items: dict[str, int]
) -> None:
    press(Qt.Key.Key_F, CTRL)
    press(Qt.Key.Key_Down)
    assert _name() == "LibraryTable"
    first = _selected_title(window)
    press(Qt.Key.Key_Tab)
    assert _name() != "LibraryTable"
    assert _selected_title(window) == first
    press(Qt.Key.Key_Backtab, SHIFT)
    assert _name() == "LibraryTable"
    press(Qt.Key.Key_Down)  # the arrows still move in the list
    assert _selected_title(window) != first


def test_tables_in_every_view_let_tab_leave(window: MainWindow) -> None:
    for key in window.view_keys():
        window.show_view(key)
    tables = window.findChildren(QTableView)
    assert len(tables) >= 10
    assert [t.objectName() for t in tables if t.tabKeyNavigation()] == []


def test_escape_clears_the_search_and_shows_every_item(
    window: MainWindow, items: dict[str, int]
) -> None:
    press(Qt.Key.Key_F, CTRL)
    type_text("bert")
    press(Qt.Key.Key_Down)
    assert _selected_title(window).startswith("BERT")
    press(Qt.Key.Key_F, CTRL)
    press(Qt.Key.Key_Escape)
    assert _name() == "LibrarySearch"
    assert _focused().property("text") == ""
    assert _table(window).model().rowCount() == len(items)


def test_pass_notes_keys_reach_each_pass_and_need_an_item(
    window: MainWindow, items: dict[str, int]
) -> None:
    messages: list[str] = []
    window.ctx.events.status_message.connect(messages.append)
    before = _name()
    press(Qt.Key.Key_F3)  # nothing selected: the action is disabled, the focus stays
    notes = window.findChild(QAction, "action_pass_2_notes")
    assert isinstance(notes, QAction)
    assert not notes.isEnabled()
    assert _name() == before
    assert messages == []
    press(Qt.Key.Key_F, CTRL)
    press(Qt.Key.Key_Down)
    for key, name in ((Qt.Key.Key_F3, "Pass2NoteEditor"), (Qt.Key.Key_F4, "Pass3NoteEditor")):
        press(key)
        assert _name() == name
    press(Qt.Key.Key_Tab)  # Tab types a tab in a note (Markdown indents) …
    assert _name() == "Pass3NoteEditor"
    press(Qt.Key.Key_Backtab, CTRL | SHIFT)  # … Ctrl+Shift+Tab leaves it backwards
    assert _name() != "Pass3NoteEditor"
    window.show_view("today")  # F2 from another view shows the library
    press(Qt.Key.Key_F2)
    assert window.current_view_key() == "library"
    assert _name() == "Pass1NoteEditor"


def _shortcut_owners(window: MainWindow) -> dict[str, list[str]]:
    owners: dict[str, list[str]] = {}

    def add(keys: list[QKeySequence], owner: str) -> None:
        for seq in keys:
            if not seq.isEmpty():
                owners.setdefault(seq.toString(), []).append(owner)

    for action in window.findChildren(QAction):
        add(action.shortcuts(), action.objectName() or action.text())
    for shortcut in window.findChildren(QShortcut):
        add(shortcut.keys(), shortcut.objectName())
    for button in window.findChildren(QAbstractButton):
        if "&" not in button.text():  # mnemonics (Alt+letter) act only in the view shown
            add([button.shortcut()], button.objectName() or button.text())
    return owners


def test_no_two_shortcuts_share_a_key(window: MainWindow) -> None:
    for key in window.view_keys():
        window.show_view(key)  # buttons with keys exist once their view is built
    shared = {k: v for k, v in _shortcut_owners(window).items() if len(v) > 1}
    assert shared == {}
    owners = _shortcut_owners(window)
    assert owners["F2"] == ["action_pass_1_notes"]
    assert owners["Esc"] == ["action_back_to_list"]


def test_escape_in_a_note_closes_the_link_completion_first(window: MainWindow) -> None:
    press(Qt.Key.Key_F, CTRL)
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_F2)
    editor = _focused()
    type_text("see [[Att")
    assert isinstance(editor, WikiEditor)
    popup = editor.completer.popup()
    assert popup is not None
    assert popup.isVisible()
    QTest.keyClick(popup, Qt.Key.Key_Escape)  # the popup has the keyboard while it shows
    QApplication.processEvents()
    assert not popup.isVisible()
    assert _name() == "Pass1NoteEditor"
    press(Qt.Key.Key_Escape)
    assert _name() == "LibraryTable"


def test_the_shortcuts_sheet_lists_the_new_keys(window: MainWindow) -> None:
    rows = {(text, keys) for _section, text, keys in collect_shortcuts(window)}
    native = QKeySequence.SequenceFormat.NativeText
    for number, key in ((1, "F2"), (2, "F3"), (3, "F4")):
        assert (f"Notes of pass {number}", QKeySequence(key).toString(native)) in rows
    assert ("Back to the list", "Esc") in rows
    assert ("From the library search to the list", "Down, Return") in rows
    assert ("Clear the library search", "Esc") in rows
    leave_note = QKeySequence("Ctrl+Tab").toString(native)
    assert any(text.startswith("Leave a note") and k.startswith(leave_note) for text, k in rows)
