"""Installs the Today view (placeholder until the feature is built)."""

from __future__ import annotations

from desktop.context import AppContext
from desktop.main_window import MainWindow
from desktop.placeholder import ComingSoon


def install(window: MainWindow, ctx: AppContext) -> None:
    window.add_view("today", window.tr("Today"), ComingSoon(window.tr("Today")))
