"""Installs the Stats view (heatmap, passes per week, progress, streaks and hours)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.context import AppContext
from desktop.main_window import MainWindow

if TYPE_CHECKING:
    from desktop.stats.stats_view import StatsView


def install(window: MainWindow, ctx: AppContext) -> None:
    """Register Stats; the view computes its charts when first shown."""

    def build() -> QWidget:
        from desktop.stats.stats_view import StatsView

        return StatsView(ctx)

    window.add_view("stats", QCoreApplication.translate("Stats", "Stats"), build)

    def built() -> StatsView | None:
        view = window.built_view("stats")
        return cast("StatsView", view) if view is not None else None

    def show_for_screenshot() -> None:
        window.show_view("stats")
        view = built()
        if view is not None:
            view.wait_idle()  # a large library's stats come from a worker thread

    def finish_computing() -> None:
        view = built()
        if view is not None:
            view.wait_idle()  # before the database closes under it

    window.add_screenshot_view("stats", show_for_screenshot)
    window.on_close(finish_computing)
