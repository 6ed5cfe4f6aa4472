"""Installs the Today view (plan, timer, week ahead, review questions due)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.context import AppContext
from desktop.main_window import MainWindow

if TYPE_CHECKING:
    from desktop.planner.today_view import TodayView


def install(window: MainWindow, ctx: AppContext) -> None:
    """Register Today; the view (and its plan query) is built when first shown."""

    def build() -> QWidget:
        from desktop.planner.today_view import TodayView

        return TodayView(ctx, show_view=window.show_view)

    window.add_view("today", QCoreApplication.translate("Planner", "Today"), build)

    def prepare_today() -> None:
        window.show_view("today")
        cast("TodayView", window.view("today")).wait_idle()  # a large library's plan: a worker

    def prepare_week() -> None:
        prepare_today()
        cast("TodayView", window.view("today")).show_week()

    window.add_screenshot_view("today", prepare_today)
    window.add_screenshot_view("week", prepare_week)
