"""Stats are computed again only when something was written (or the day changed), not on
every change signal and show: at 100k a recompute is ~150 ms of worker time and a repaint."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from desktop.stats.stats_view import StatsView
from models.clock import FixedClock
from models.db import Database
from models.services.stats import StatsService, StudyStats
from tests.planner.planner_helpers import add_item

WindowFactory = Callable[[], MainWindow]


def test_a_change_signal_without_a_write_computes_nothing(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_item(db, "Transformer", kind="paper_video", position=1, minutes=60)
    computed: list[StudyStats] = []
    real = StatsService.compute

    def counted(service: StatsService) -> StudyStats:
        computed.append(real(service))
        return computed[-1]

    monkeypatch.setattr(StatsService, "compute", counted)
    window = make_window()
    window.show_view("stats")
    view = window.view("stats")
    assert isinstance(view, StatsView)
    view.wait_idle()
    assert len(computed) == 1

    for _ in range(3):  # other views announce, the library watcher re-emits…
        window.show_view("library")
        window.ctx.events.items_changed.emit()
        window.ctx.events.study_changed.emit()
        window.show_view("stats")
        view.wait_idle()
    assert len(computed) == 1

    add_item(db, "ResNet", kind="paper_video", position=2, minutes=30)  # a real write
    window.ctx.events.items_changed.emit()
    view.wait_idle()
    assert len(computed) == 2
    assert view.stats is not None
    assert view.stats.hours_planned > computed[0].hours_planned

    clock.advance(days=1)  # a new day: streaks and the heatmap move without a write
    window.show_view("library")
    window.ctx.events.study_changed.emit()
    window.show_view("stats")
    view.wait_idle()
    assert len(computed) == 3
