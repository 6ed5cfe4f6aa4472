"""Installs the Stats view (heatmap, passes per week, progress, streaks and hours)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.context import AppContext
from desktop.main_window import MainWindow


def install(window: MainWindow, ctx: AppContext) -> None:
    """Register Stats; the view computes its charts when first shown."""

    def build() -> QWidget:
        from desktop.stats.stats_view import StatsView

        return StatsView(ctx)

    window.add_view("stats", window.tr("Stats"), build)
