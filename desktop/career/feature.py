"""Installs the Companies view (placeholder until the feature is built)."""

from __future__ import annotations

from desktop.context import AppContext
from desktop.main_window import MainWindow
from desktop.placeholder import ComingSoon


def install(window: MainWindow, ctx: AppContext) -> None:
    window.add_view("companies", window.tr("Companies"), ComingSoon(window.tr("Companies")))
    window.add_view("questions", window.tr("Questions"), ComingSoon(window.tr("Questions")))
