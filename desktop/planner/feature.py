"""Installs the Today view (plan, timer, week ahead, review questions due)."""

from __future__ import annotations

from desktop.context import AppContext
from desktop.main_window import MainWindow
from desktop.planner.today_view import TodayView


def install(window: MainWindow, ctx: AppContext) -> None:
    view = TodayView(ctx, show_view=window.show_view)
    window.add_view("today", window.tr("Today"), view)

    def prepare_week() -> None:
        window.show_view("today")
        view.show_week()

    window.add_screenshot_view("week", prepare_week)
