"""The Preferences dialog, driven through the real main window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop import theme
from desktop.context import AppContext, Events
from desktop.main_window import MainWindow
from desktop.preferences.dialog import PreferencesDialog
from models.clock import FixedClock
from models.db import Database, open_database
from models.services.settings import DEFAULTS, SettingsService


@pytest.fixture
def ctx(db: Database, clock: FixedClock) -> AppContext:
    return AppContext(db=db, clock=clock, events=Events())


@pytest.fixture
def dialog(ctx: AppContext, qtbot: QtBot, qapp: QApplication) -> Iterator[PreferencesDialog]:
    """The dialog alone (opening it from the real menu is tested once, below)."""
    dlg = PreferencesDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    yield dlg
    theme.apply_theme(theme.LIGHT, qapp)


def _open(window: MainWindow, qtbot: QtBot) -> PreferencesDialog:
    action = window.findChild(QAction, "actionPreferences")
    assert action is not None
    assert action in window.menu("edit").actions()
    assert action.shortcut() == QKeySequence("Ctrl+,")
    action.trigger()
    (dialog,) = [d for d in window.findChildren(PreferencesDialog) if d.isVisible()]
    return dialog


def test_defaults_are_shown(window: MainWindow, qtbot: QtBot) -> None:
    dialog = _open(window, qtbot)
    assert [box.value() for box in dialog.speeds] == DEFAULTS["pass_speeds"]
    assert [box.value() for box in dialog.spacing] == DEFAULTS["pass_spacing_days"]
    assert dialog.budget.value() == DEFAULTS["daily_budget_minutes"]
    assert dialog.platform.currentData() == "bilibili"
    assert dialog.keep_daily.value() == 7
    assert dialog.keep_weekly.value() == 4
    assert dialog.data_path.text() == str(window.ctx.db.path)
    assert dialog.theme_box.currentData() == "system"
    assert dialog.language_box.currentData() == "system"
    assert [dialog.language_box.itemData(i) for i in range(dialog.language_box.count())] == [
        "system",
        "en",
        "zh_CN",
    ]


def test_study_rules_are_saved_in_the_database_for_the_cli(
    dialog: PreferencesDialog, ctx: AppContext, qtbot: QtBot, db: Database
) -> None:
    dialog.speeds[1].setValue(1.5)
    dialog.speeds[2].setValue(2.0)
    dialog.spacing[1].setValue(14)
    dialog.budget.setValue(120)
    dialog.reading[0].setValue(15)
    dialog.platform.setCurrentIndex(dialog.platform.findData("youtube"))
    dialog.keep_daily.setValue(10)
    dialog.keep_weekly.setValue(0)
    with qtbot.waitSignals([ctx.events.study_changed, ctx.events.items_changed]):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible()
    assert db.path is not None
    other = open_database(db.location)  # what the CLI sees: a separate connection
    try:
        saved = SettingsService(other).all()
    finally:
        other.close()
    assert saved["pass_speeds"] == [1.0, 1.5, 2.0]
    assert saved["pass_spacing_days"] == [1, 14]
    assert saved["daily_budget_minutes"] == 120
    assert saved["paper_reading_minutes"] == [15, 60, 120]
    assert saved["default_video_platform"] == "youtube"
    assert saved["backup_keep_daily"] == 10
    assert saved["backup_keep_weekly"] == 0


def test_cancel_changes_nothing(dialog: PreferencesDialog, db: Database) -> None:
    dialog.budget.setValue(200)
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("dark"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert SettingsService(db).get("daily_budget_minutes") == 90
    assert QSettings().value("ui/theme") is None


def test_restore_defaults(ctx: AppContext, qtbot: QtBot, db: Database) -> None:
    SettingsService(db).set("pass_speeds", [1.0, 2.0, 3.0])
    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.speeds[2].value() == 3.0
    dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).click()
    assert [box.value() for box in dialog.speeds] == [1.0, 1.25, 1.5]


def test_theme_applies_at_once_and_language_is_remembered(
    dialog: PreferencesDialog, ctx: AppContext, qtbot: QtBot, qapp: QApplication
) -> None:
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("dark"))
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("zh_CN"))
    with qtbot.waitSignal(ctx.events.status_message) as message:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "Restart" in message.args[0]
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 80
    settings = QSettings()
    assert settings.value("ui/theme") == "dark"
    assert settings.value("ui/language") == "zh_CN"
    assert dialog.language_changed
    again = PreferencesDialog(ctx)
    qtbot.addWidget(again)
    assert again.theme_box.currentData() == "dark"
    assert again.language_box.currentData() == "zh_CN"


def test_the_menu_icon_is_drawn_when_the_edit_menu_opens(window: MainWindow) -> None:
    """Rendered on the menu's first show (not at start-up), in the current theme's ink."""
    action = window.findChild(QAction, "actionPreferences")
    assert action is not None
    edit = window.menu("edit")
    edit.popup(window.mapToGlobal(window.rect().center()))
    assert not action.icon().isNull()
    light = action.icon().pixmap(16, 16).toImage()
    edit.hide()
    theme.apply_theme(theme.DARK)
    edit.popup(window.mapToGlobal(window.rect().center()))
    assert action.icon().pixmap(16, 16).toImage() != light, "re-tinted for the dark theme"
    edit.hide()
