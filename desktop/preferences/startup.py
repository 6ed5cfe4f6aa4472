"""Startup hooks gui.py calls: language, theme, app icon, the stored data folder, rail icons."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication, QListWidget

from desktop import i18n, icons, theme
from desktop.main_window import MainWindow
from desktop.preferences.ui_settings import UiSettings
from desktop.widgets import dialogs
from models.paths import ENV_DATA_DIR, default_data_dir


def apply_ui_preferences(app: QApplication, args: argparse.Namespace) -> None:
    """Before the window exists: translators, theme, window icon, data folder preference."""
    ui = UiSettings()
    language = i18n.resolve_language(getattr(args, "lang", None), ui.language)
    theme.apply_theme(getattr(args, "theme", None) or ui.theme, app)
    app.setWindowIcon(icons.app_icon())
    i18n.install_translators(language, app)
    use_stored_data_dir(args, ui)


def use_stored_data_dir(args: argparse.Namespace, ui: UiSettings) -> None:
    """Use the folder from "Move my data" unless --data-dir, --database-url or the env var say."""
    if args.database_url or args.data_dir or os.environ.get(ENV_DATA_DIR):
        return
    stored = ui.data_dir
    if stored is None:
        return
    if Path(stored).is_dir():
        args.data_dir = stored
        return
    text = QCoreApplication.translate(
        "Startup",
        "The data folder %1 chosen in Preferences is missing (a removed drive?). "
        "ThreePass opens the default folder instead; reconnect the drive and restart "
        "to use your data.",
    )
    text = i18n.fill(text, stored)
    args.data_dir = str(default_data_dir())  # said above; resolving would refuse the missing one
    if args.screenshot:
        from desktop.cli.output import echo  # the folder's name is the user's

        echo(f"threepass: {text}", file=sys.stderr)
    else:
        dialogs.inform(None, "ThreePass", text)  # the folder is the user's: plain text


class _RailIconRefresher(QObject):
    """Re-tints the rail icons when the palette changes (theme switch), dies with the rail."""

    def __init__(self, rail: QListWidget) -> None:
        super().__init__(rail)
        self._rail = rail
        rail.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._rail and event.type() == QEvent.Type.PaletteChange:
            icons.set_rail_icons(self._rail)
        return False


def decorate_window(window: MainWindow) -> None:
    """After the features installed their views: rail icons, refreshed when the theme flips."""
    icons.set_rail_icons(window.rail)
    _RailIconRefresher(window.rail)
