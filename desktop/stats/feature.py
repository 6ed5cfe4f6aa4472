"""Installs the Stats view (heatmap, passes per week, progress, streaks and hours)."""

from __future__ import annotations

from desktop.context import AppContext
from desktop.main_window import MainWindow
from desktop.stats.stats_view import StatsView


def install(window: MainWindow, ctx: AppContext) -> None:
    window.add_view("stats", window.tr("Stats"), StatsView(ctx))
