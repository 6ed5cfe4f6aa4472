"""Help ▸ Keyboard shortcuts: the sheet lists what the window's keys actually do."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from desktop.help.shortcuts import ShortcutsDialog, collect_shortcuts, plain_text
from desktop.main_window import MainWindow

NATIVE = QKeySequence.SequenceFormat.NativeText


def _open(window: MainWindow) -> ShortcutsDialog:
    action = window.findChild(QAction, "action_keyboard_shortcuts")
    assert isinstance(action, QAction)
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    action.trigger()
    (dialog,) = [d for d in window.findChildren(ShortcutsDialog) if d.isVisible()]
    return dialog


def _menu_actions(menu: QMenu) -> list[QAction]:
    found: list[QAction] = []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found += _menu_actions(submenu)
        elif not action.isSeparator():
            found.append(action)
    return found


def test_every_menu_shortcut_is_listed(window: MainWindow) -> None:
    rows = _open(window).shown_rows()
    expected = 0
    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu)
        for action in _menu_actions(menu):
            if action.shortcut().isEmpty():
                continue
            expected += 1
            keys = action.shortcut().toString(NATIVE)
            assert any(
                text == plain_text(action.text()) and shortcut.startswith(keys)
                for _section, text, shortcut in rows
            ), (action.text(), keys)
    assert expected >= 10  # Quit, New item, Find, Ctrl+1/2/3, the views, F1...
    sections = {section for section, _text, _keys in rows}
    assert {"File", "Edit", "View", "Help"} <= sections
    assert ("Edit", "Find in library", QKeySequence("Ctrl+F").toString(NATIVE)) in rows
    assert ("Help", "Keyboard shortcuts", QKeySequence("F1").toString(NATIVE)) in rows


def test_a_new_action_appears_in_the_sheet(window: MainWindow) -> None:
    before = collect_shortcuts(window)
    added = QAction("Zoom &in", window)
    added.setShortcut(QKeySequence("Ctrl+Shift+="))
    window.menu("view").addAction(added)
    loose = QShortcut(QKeySequence("Ctrl+Shift+K"), window)
    loose.setWhatsThis("Jump to the timer")
    keys = QKeySequence("Ctrl+Shift+=").toString(NATIVE)
    assert ("View", "Zoom in", keys) not in [tuple(e) for e in before]
    rows = _open(window).shown_rows()
    assert ("View", "Zoom in", keys) in rows
    assert (
        "Main window",
        "Jump to the timer",
        QKeySequence("Ctrl+Shift+K").toString(NATIVE),
    ) in rows


def test_buttons_of_a_built_view_are_listed_under_its_title(window: MainWindow) -> None:
    window.show_view("questions")
    rows = collect_shortcuts(window)
    assert ("Questions", "Again (1)", "1") in [tuple(e) for e in rows]


def test_search_filters_names_and_keys(window: MainWindow, qtbot: QtBot) -> None:
    dialog = _open(window)
    everything = dialog.shown_rows()
    dialog.search.setText("find")
    assert [row[1] for row in dialog.shown_rows()] == ["Find in library"]
    dialog.search.setText("F1")
    assert ("Help", "Keyboard shortcuts", "F1") in dialog.shown_rows()
    dialog.search.setText("help")  # a group's name keeps all its rows
    assert {row[0] for row in dialog.shown_rows()} == {"Help"}
    dialog.search.clear()
    assert dialog.shown_rows() == everything


def test_plain_text_drops_mnemonics() -> None:
    assert plain_text("&File") == "File"
    assert plain_text("首选项(&P)…") == "首选项…"
    assert plain_text("Q&&A") == "Q&A"
