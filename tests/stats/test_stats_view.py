"""The Stats view: numbers on cards, charts that hold the right data, charts saved as PNG."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from desktop.stats.charts import PASS_COLORS
from desktop.stats.stats_view import StatsView
from models.clock import FixedClock
from models.db import Database
from tests.stats.test_stats_service import add, log
from tests.ui_locale import english_plurals

WindowFactory = Callable[[], MainWindow]  # the make_window fixture (conftest.py)
TODAY = date(2026, 3, 2)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def stats_of(window: MainWindow) -> StatsView:
    window.show_view("stats")
    view = window.view("stats")
    assert isinstance(view, StatsView)
    return view


def test_cards_and_charts_show_the_history(make_window: WindowFactory, db: Database) -> None:
    a = add(db, "Lesson 1", category="Part 1", done={1: datetime(2026, 3, 1, 21)})
    add(db, "Transformer论文逐段精读", source="paper-reading", kind="paper_video", category="NLP")
    log(db, a[0], datetime(2026, 3, 1, 20), 95)
    log(db, a[0], datetime(2026, 2, 20, 20), 10)
    view = stats_of(make_window())
    assert view.streak_card.value.text().startswith("1 day")
    assert view.studied_card.value.text() == "1.8 h"
    heat = view.heatmap
    assert heat.minutes_on(date(2026, 3, 1)) == 95
    assert heat.level(95) == 4
    assert heat.level(10) == 1
    assert heat.level(0) == 0
    image = heat.grab().toImage()
    full = image.pixelColor(heat.cell_rect(date(2026, 3, 1)).center())
    light = image.pixelColor(heat.cell_rect(date(2026, 2, 20)).center())
    empty = image.pixelColor(heat.cell_rect(date(2026, 2, 21)).center())
    assert full == heat.level_colors()[4]
    assert light == heat.level_colors()[1]
    assert empty == heat.level_colors()[0]
    assert len({full.name(), light.name(), empty.name()}) == 3
    assert dict(view.weekly.weeks())[date(2026, 2, 23)] == 1
    assert [(r.label, r.counts) for r in view.by_source.rows()] == [
        ("fastai", (0, 1, 0, 0)),
        ("paper-reading", (1, 0, 0, 0)),
    ]
    # fastai's one item has one pass done: its whole bar is the "1 pass" colour
    chart = view.by_source
    segment = chart.segment_rect(0, 1)
    assert segment.width() == pytest.approx(chart.width() - chart.LABEL - 100)
    assert chart.segment_rect(0, 0).width() == 0
    pixel = chart.grab().toImage().pixelColor(int(segment.left()) + 3, int(segment.center().y()))
    assert pixel == PASS_COLORS[1]


@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_each_chart_saves_a_png_of_its_own_size(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    index: int,
) -> None:
    add(db, "lesson", done={1: datetime(2026, 3, 1, 21)})
    view = stats_of(make_window())
    frame = view.frames()[index]
    target = tmp_path / f"图表 {index}"  # no suffix: .png is added; CJK path
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(target), ""))
    )
    qtbot.mouseClick(frame.save_button, Qt.MouseButton.LeftButton)
    saved = target.with_suffix(".png")
    assert saved.read_bytes()[:8] == PNG_MAGIC
    image = QImage(str(saved))
    ratio = frame.chart.devicePixelRatioF()
    assert (image.width(), image.height()) == (
        round(frame.chart.width() * ratio),
        round(frame.chart.height() * ratio),
    )


def test_cancelling_the_save_dialog_writes_nothing(
    make_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = stats_of(make_window())
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: ("", "")))
    assert view.heatmap_frame.save_png() is None
    assert list(tmp_path.rglob("*.png")) == []


def test_the_view_refreshes_after_study_time_is_logged(
    make_window: WindowFactory, db: Database, clock: FixedClock
) -> None:
    from models.services.timer import TimerService

    passes = add(db, "lesson")
    window = make_window()
    view = stats_of(window)
    assert view.heatmap.minutes_on(TODAY) == 0
    item_id = 1
    TimerService(db, clock).add_manual(item_id, 1, 30)
    window.ctx.events.study_changed.emit()
    assert view.heatmap.minutes_on(TODAY) == 30
    assert passes


_english_plurals = english_plurals({"day(s)": ("day", "days"), "lesson(s)": ("lesson", "lessons")})


def test_plurals_and_hours_by_kind(
    make_window: WindowFactory, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "on 1 day", not "on 1 days"; paper videos apart from papers; unknown durations named."""
    monkeypatch.setattr(StatsView, "tr", _english_plurals)
    a = add(db, "Lesson 1", seconds=None)
    for n in range(27):
        add(db, f"Lesson {n + 2}", seconds=None)
    add(db, "Transformer论文逐段精读", source="paper-reading", kind="paper_video", seconds=1800)
    add(db, "Attention Is All You Need", source="paper-reading", kind="paper", seconds=None)
    log(db, a[0], datetime(2026, 3, 1, 20), 30)
    view = stats_of(make_window())
    assert view.studied_card.detail.text() == "30 min in the past year, on 1 day"
    assert "28 lessons without a duration, counted as 30 min" in view.left_card.detail.text()
    lines = view.hours_label.text().splitlines()
    assert lines[0] == (
        "fastai: 0.0 h at 1x, 34.5 h for all three passes, 34.5 h left"
        " · 28 lessons without a duration, counted as 30 min"
    )
    assert lines[1].startswith("paper-reading: 0.5 h at 1x, 4.6 h for all")
    assert lines[2].strip().startswith("paper-reading · Paper: 0.0 h at 1x, 3.3 h for all")
    assert lines[3].strip().startswith("paper-reading · Paper video: 0.5 h at 1x, 1.2 h for all")


def test_a_large_library_computes_in_a_worker_and_catches_up(
    make_window: WindowFactory,
    db: Database,
    clock: FixedClock,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Above ASYNC_ITEMS the stats are computed off the GUI thread (~150 ms at 100k), and a
    change made while a computation runs is shown by one more computation."""
    import threading

    from desktop.widgets import background_read
    from models.services.stats import StatsService
    from models.services.timer import TimerService

    monkeypatch.setattr(background_read, "ASYNC_ITEMS", 0)
    threads: list[str] = []
    real_compute = StatsService.compute

    def compute(self: StatsService) -> object:
        threads.append(threading.current_thread().name)
        return real_compute(self)

    monkeypatch.setattr(StatsService, "compute", compute)
    add(db, "lesson 第一课")
    window = make_window()
    view = stats_of(window)
    view.wait_idle()
    assert view.heatmap.minutes_on(TODAY) == 0
    timer = TimerService(db, clock)
    timer.add_manual(1, 1, 30)
    window.ctx.events.study_changed.emit()  # starts a computation...
    timer.add_manual(1, 1, 15)
    window.ctx.events.study_changed.emit()  # ...and this one waits for it, then reruns
    qtbot.waitUntil(lambda: view.heatmap.minutes_on(TODAY) == 45, timeout=10000)
    view.wait_idle()
    assert threads
    assert all(name.startswith("stats") for name in threads)
    assert threading.main_thread().name not in threads


def test_the_weekly_axis_has_room_for_large_counts(qtbot: QtBot) -> None:
    """At 100k items a week counts 1,618 finished passes: the axis label was cut to ",618"."""
    from PySide6.QtCore import QRectF

    from desktop.i18n import format_integer
    from desktop.stats.charts import WeeklyBarsChart

    chart = WeeklyBarsChart()
    qtbot.addWidget(chart)
    chart.resize(480, 200)
    for top in (7, 1618, 123456):
        chart.set_data([(date(2026, 2, 23), top), (date(2026, 3, 2), top // 2)])
        label = format_integer(top)
        room = chart._plot().left() - 6  # the label is drawn right-aligned in [0, left - 6]
        assert chart.fontMetrics().horizontalAdvance(label) <= room
        bar = chart.bar_rect(0)
        assert isinstance(bar, QRectF)
        assert bar.left() > chart.fontMetrics().horizontalAdvance(label)
