"""Installs backups (File menu, daily timer, backup on close) and restore into the window,
and the watcher of writes the window does not make itself (desktop/safety/watch.py)."""

from __future__ import annotations

from desktop.context import AppContext
from desktop.main_window import MainWindow


def install(window: MainWindow, ctx: AppContext) -> None:
    """Created once the window has painted: its first backup check is a minute away anyway,
    and nothing can be saved (so nothing needs a backup on close) before the window shows."""

    def create() -> None:
        from desktop.safety.controller import SafetyController

        controller = SafetyController(window, ctx)
        window.setProperty("safety_controller", controller)

    window.defer(create)

    from desktop.safety.watch import LibraryWatcher  # small: QTimer and a dialog class

    window.setProperty("library_watcher", LibraryWatcher(window, ctx))
