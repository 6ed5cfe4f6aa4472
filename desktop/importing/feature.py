"""Installs the importing menus (placeholder until the feature is built)."""

from __future__ import annotations

from desktop.context import AppContext
from desktop.main_window import MainWindow


def install(window: MainWindow, ctx: AppContext) -> None:
    return None
