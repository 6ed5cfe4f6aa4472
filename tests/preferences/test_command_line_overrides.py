"""`--theme` and `--lang` hold for the session: Preferences' OK does not undo them.

Started with `--theme dark`, Preferences showed the stored "Follow the system" and OK applied
it, turning the window light. The dialog shows the stored preference and applies only what
the user changed there.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop import i18n, theme
from desktop.main_window import MainWindow
from desktop.preferences.dialog import PreferencesDialog
from desktop.preferences.startup import apply_ui_preferences


def started_with(
    app: QApplication, *, theme_arg: str | None = None, lang: str | None = None
) -> None:
    """The start-up's own step that reads the command line and the stored preferences."""
    args = argparse.Namespace(
        theme=theme_arg, lang=lang, database_url=None, data_dir=None, screenshot=None
    )
    apply_ui_preferences(app, args)


@pytest.fixture(autouse=True)
def _english_after(qapp: QApplication) -> Iterator[None]:
    """A test here may start the app in another language (the window fixture puts the
    theme back)."""
    yield
    i18n.install_translators(i18n.ENGLISH, qapp)


def open_preferences(window: MainWindow) -> PreferencesDialog:
    action = window.findChild(QAction, "actionPreferences")
    assert isinstance(action, QAction)
    action.trigger()
    (dialog,) = [d for d in window.findChildren(PreferencesDialog) if d.isVisible()]
    appearance = dialog.theme_box.parentWidget()
    assert appearance is not None
    dialog.tabs.setCurrentWidget(appearance)
    return dialog


def press_ok(dialog: PreferencesDialog, qtbot: QtBot) -> None:
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def is_dark(app: QApplication) -> bool:
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 80


def test_ok_keeps_the_theme_given_on_the_command_line(
    qapp: QApplication, qtbot: QtBot, window: MainWindow
) -> None:
    started_with(qapp, theme_arg="dark")
    assert is_dark(qapp)

    dialog = open_preferences(window)
    assert dialog.theme_box.currentData() == theme.SYSTEM  # the stored preference
    assert dialog.theme_note.isVisible()
    assert "dark" in dialog.theme_note.text().lower()
    dialog.speeds[0].setValue(1.25)  # a change elsewhere in the dialog
    press_ok(dialog, qtbot)

    assert theme.controller().mode == theme.DARK
    assert is_dark(qapp), "OK turned the window light"
    assert QSettings().value("ui/theme") is None  # the override was not stored either


def test_a_theme_chosen_in_preferences_replaces_the_command_line_one(
    qapp: QApplication, qtbot: QtBot, window: MainWindow
) -> None:
    started_with(qapp, theme_arg="dark")
    dialog = open_preferences(window)
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData(theme.LIGHT))
    press_ok(dialog, qtbot)

    assert theme.controller().mode == theme.LIGHT
    assert not is_dark(qapp)
    assert QSettings().value("ui/theme") == theme.LIGHT


def test_no_note_without_an_override(qapp: QApplication, window: MainWindow) -> None:
    started_with(qapp)
    dialog = open_preferences(window)
    assert not dialog.theme_note.isVisible()
    dialog.reject()


def test_ok_keeps_the_language_given_on_the_command_line(
    qapp: QApplication, qtbot: QtBot, window: MainWindow
) -> None:
    QSettings().setValue("ui/language", i18n.ENGLISH)
    started_with(qapp, lang=i18n.CHINESE)
    assert QApplication.translate("PreferencesDialog", "Preferences") != "Preferences"

    dialog = open_preferences(window)
    assert dialog.language_box.currentData() == i18n.ENGLISH  # the stored preference
    press_ok(dialog, qtbot)

    assert not dialog.language_changed  # no restart offered, nothing stored
    assert QSettings().value("ui/language") == i18n.ENGLISH
    assert QApplication.translate("PreferencesDialog", "Preferences") != "Preferences"
