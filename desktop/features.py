"""The feature list: each entry installs its views, menus and shortcuts into the main window.

Installing must stay cheap (it runs on every start): a feature registers its views as
factories (`window.add_view(key, title, build)`), imports its widget modules inside them,
and leaves what nothing on screen needs to `window.defer(...)`.
"""

from __future__ import annotations

import importlib

from desktop.context import AppContext
from desktop.main_window import MainWindow

# Modules with `install(window: MainWindow, ctx: AppContext) -> None`, in rail order.
FEATURE_MODULES = (
    "desktop.library.feature",
    "desktop.planner.feature",
    "desktop.player.feature",  # no view: the Watch / Start requests and the status-bar chip
    "desktop.career.feature",
    "desktop.stats.feature",
    "desktop.journal.feature",
    "desktop.importing.feature",
    "desktop.safety.feature",
    "desktop.preferences.feature",
    "desktop.sync.feature",  # no view: File ▸ Sync now, the status-bar corner, background runs
    "desktop.reminders.feature",  # no view: the tray icon and the daily reminder
    "desktop.help.feature",  # last: View ▸ Theme goes below the views the others added
)


def install_features(window: MainWindow, ctx: AppContext) -> None:
    for name in FEATURE_MODULES:
        importlib.import_module(name).install(window, ctx)
