"""Installs the Stats view (placeholder until the feature is built)."""

from __future__ import annotations

from desktop.context import AppContext
from desktop.main_window import MainWindow
from desktop.placeholder import ComingSoon


def install(window: MainWindow, ctx: AppContext) -> None:
    window.add_view("stats", window.tr("Stats"), ComingSoon(window.tr("Stats")))
