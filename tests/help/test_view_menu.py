"""View menu: the views in rail order, in sync with the rail, and the theme."""

from __future__ import annotations

import sys

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from desktop import theme
from desktop.main_window import MainWindow, view_shortcut
from desktop.preferences.ui_settings import UiSettings


def _view_actions(window: MainWindow) -> list[QAction]:
    return [
        a
        for a in window.menu("view").actions()
        if a.objectName().startswith("action_view_") and not a.isSeparator()
    ]


def test_one_entry_per_view_in_rail_order(window: MainWindow) -> None:
    actions = _view_actions(window)
    keys = window.view_keys()
    assert [a.objectName() for a in actions] == [f"action_view_{k}" for k in keys]
    rail = [window.rail.item(row).text() for row in range(window.rail.count())]
    assert [a.text() for a in actions] == rail
    assert [a.shortcut() for a in actions] == [view_shortcut(n) for n in range(1, len(keys) + 1)]
    if sys.platform != "darwin":  # Ctrl+1/2/3 cycle a pass; Cmd+Option+n on macOS
        assert view_shortcut(1) == QKeySequence("Alt+1")


def test_no_two_actions_share_a_shortcut(window: MainWindow) -> None:
    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for seq in action.shortcuts():
            text = seq.toString()
            assert text not in seen, f"{text}: {seen.get(text)} and {action.objectName()}"
            seen[text] = action.objectName()


def test_menu_and_rail_stay_in_sync(window: MainWindow) -> None:
    assert window.current_view_key() == "library"
    assert window.view_action("library").isChecked()
    assert window.built_view("stats") is None
    window.view_action("stats").trigger()
    assert window.current_view_key() == "stats"
    assert window.built_view("stats") is not None  # built by the rail's own path
    assert window.stack.currentWidget() is window.built_view("stats")
    window.rail.setCurrentRow(window.view_keys().index("today"))
    assert window.view_action("today").isChecked()
    assert not window.view_action("stats").isChecked()


def test_the_shortcut_key_switches_the_view(window: MainWindow, qtbot: QtBot) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    number = window.view_keys().index("questions") + 1
    key = view_shortcut(number)[0]  # type: ignore[index]  # the stubs lack QKeySequence[i]
    qtbot.keyClick(window.rail, key.key(), key.keyboardModifiers())
    assert window.current_view_key() == "questions"


def test_theme_applies_at_once_and_is_remembered(window: MainWindow, qapp: QApplication) -> None:
    menu = window.findChild(QMenu, "menuTheme")
    assert isinstance(menu, QMenu)
    assert menu.menuAction() in window.menu("view").actions()
    names = [a.objectName() for a in menu.actions()]
    assert names == ["action_theme_system", "action_theme_light", "action_theme_dark"]
    dark = window.findChild(QAction, "action_theme_dark")
    assert isinstance(dark, QAction)
    dark.trigger()
    assert theme.current_scheme() == theme.DARK
    assert UiSettings(QSettings()).theme == theme.DARK
    assert dark.isChecked()


def test_theme_check_follows_a_change_made_elsewhere(
    window: MainWindow, qapp: QApplication
) -> None:
    theme.apply_theme(theme.LIGHT, qapp)  # as Preferences or --theme would
    window.menu("view").aboutToShow.emit()
    light = window.findChild(QAction, "action_theme_light")
    assert isinstance(light, QAction)
    assert light.isChecked()
