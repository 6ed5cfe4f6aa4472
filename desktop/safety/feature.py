"""Installs backups (File menu, daily timer, backup on close) and restore into the window."""

from __future__ import annotations

from desktop.context import AppContext
from desktop.main_window import MainWindow
from desktop.safety.controller import SafetyController


def install(window: MainWindow, ctx: AppContext) -> None:
    controller = SafetyController(window, ctx)
    window.setProperty("safety_controller", controller)
