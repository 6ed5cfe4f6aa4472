"""Installs Edit ▸ Preferences… (Ctrl+,)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from desktop import icons
from desktop.context import AppContext
from desktop.main_window import MainWindow

if TYPE_CHECKING:
    from desktop.preferences.dialog import PreferencesDialog


def open_preferences(window: MainWindow, ctx: AppContext) -> PreferencesDialog:
    from desktop.preferences.dialog import PreferencesDialog  # imported when first opened

    dialog = PreferencesDialog(ctx, parent=window)
    dialog.finished.connect(dialog.deleteLater)
    dialog.accepted.connect(lambda: _after_saving(window, dialog.language_changed))
    dialog.open()
    return dialog


def _after_saving(window: MainWindow, language_changed: bool) -> None:
    if language_changed:
        from desktop.preferences.restart import offer_restart

        offer_restart(window)


def install(window: MainWindow, ctx: AppContext) -> None:
    action = QAction(QCoreApplication.translate("Preferences", "&Preferences…"), window)
    action.setObjectName("actionPreferences")
    action.setShortcut(QKeySequence("Ctrl+,"))
    action.setMenuRole(QAction.MenuRole.PreferencesRole)
    action.triggered.connect(lambda: open_preferences(window, ctx))
    menu = window.menu("edit")
    if menu.actions():
        menu.addSeparator()
    menu.addAction(action)
    # Only the open menu shows the icon: rendered then (ten SVG renders saved at start-up),
    # in the current theme's colour (icons.icon caches it per colour).
    menu.aboutToShow.connect(lambda: action.setIcon(icons.icon("preferences")))
