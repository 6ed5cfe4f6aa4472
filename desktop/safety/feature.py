"""Installs backups (File menu, daily timer, backup on close) and restore into the window."""

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
