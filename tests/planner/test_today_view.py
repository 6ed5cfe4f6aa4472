"""The Today view in the real window: one-click Start, the timer, manual minutes, the week."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from desktop.planner.models import COL_STATUS
from desktop.planner.timer_panel import TimerPanel
from desktop.planner.today_view import TodayView
from desktop.stats.stats_view import StatsView
from models.career import Question
from models.clock import FixedClock
from models.db import Database
from models.services.library import LibraryService
from models.services.planner import PlannerService
from models.services.settings import SettingsService
from models.services.timer import StoppedTimer, TimerService
from tests.planner.planner_helpers import add_item
from tests.ui_locale import english_plurals

WindowFactory = Callable[[], MainWindow]  # the make_window fixture (tests/conftest.py)
TODAY = date(2026, 3, 2)


def today_of(window: MainWindow) -> TodayView:
    window.show_view("today")
    view = window.view("today")
    assert isinstance(view, TodayView)
    return view


def minutes_on_pass(db: Database, item_id: int, number: int) -> float:
    return LibraryService(db).get_item(item_id).passes[number - 1].minutes_spent


def test_start_from_today_then_stop_adds_the_minutes_and_the_heatmap_shows_them(
    qtbot: QtBot, make_window: WindowFactory, db: Database, clock: FixedClock
) -> None:
    item = add_item(db, "Transformer论文逐段精读", kind="paper_video", position=1, minutes=60)
    window = make_window()
    window.show_view("stats")
    stats = window.view("stats")
    assert isinstance(stats, StatsView)
    cell = stats.heatmap.cell_rect(TODAY).center()
    before = stats.heatmap.grab().toImage().pixelColor(cell)
    assert stats.heatmap.minutes_on(TODAY) == 0

    view = today_of(window)
    assert view.plan_model.rowCount() == 1
    qtbot.mouseClick(view.start_button(0), Qt.MouseButton.LeftButton)
    panel = view.timer_panel
    assert panel.running() is not None
    assert "Transformer论文逐段精读" in panel.title_label.text()
    assert not view.start_button(0).isEnabled()  # its row says the timer runs on it
    clock.advance(minutes=42)
    panel.update_display()
    assert panel.elapsed_label.text() == "00:42:00"
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)

    assert panel.running() is None
    assert minutes_on_pass(db, item, 1) == 42
    assert TimerService(db).running() is None
    # the plan now continues the started pass
    assert view.plan_model.entry(0).reason == "in_progress"
    status = view.plan_model.index(0, COL_STATUS).data()
    assert status == "In progress"

    window.show_view("stats")
    assert stats.heatmap.minutes_on(TODAY) == 42
    after = stats.heatmap.grab().toImage().pixelColor(cell)
    assert after != before
    assert after == stats.heatmap.color_for(TODAY)
    assert stats.heatmap.level(42) == 2  # 42 of a 90-minute budget
    assert stats.studied_card.value.text().startswith("0.7")


def test_pause_and_resume_count_only_the_time_studied(
    qtbot: QtBot, make_window: WindowFactory, db: Database, clock: FixedClock
) -> None:
    item = add_item(db, "lesson", position=1)
    view = today_of(make_window())
    panel = view.timer_panel
    qtbot.mouseClick(view.start_button(0), Qt.MouseButton.LeftButton)
    clock.advance(minutes=10)
    qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    assert panel.is_paused()
    assert panel.pause_button.text() == "Resume"
    assert minutes_on_pass(db, item, 1) == 10  # saved at once
    clock.advance(minutes=30)  # a break: not counted
    panel.update_display()
    assert panel.elapsed_label.text() == "00:10:00"
    qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    clock.advance(minutes=5)
    panel.update_display()
    assert panel.elapsed_label.text() == "00:15:00"
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    assert minutes_on_pass(db, item, 1) == 15


def test_stop_and_mark_done(
    qtbot: QtBot, make_window: WindowFactory, db: Database, clock: FixedClock
) -> None:
    item = add_item(db, "lesson", position=1)
    view = today_of(make_window())
    qtbot.mouseClick(view.start_button(0), Qt.MouseButton.LeftButton)
    clock.advance(minutes=31)
    qtbot.mouseClick(view.timer_panel.done_button, Qt.MouseButton.LeftButton)
    p = LibraryService(db).get_item(item).passes[0]
    assert (p.status, p.minutes_spent) == ("done", 31)
    # pass 2 is due tomorrow: today's plan is empty, tomorrow's has it
    assert view.plan_model.rowCount() == 0
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert [(e.item_id, e.pass_number) for e in view.plan_model.entries()] == [(item, 2)]


def test_a_forgotten_timer_is_capped_and_the_answer_is_kept(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[StoppedTimer] = []

    def answer(_self: TimerPanel, result: StoppedTimer) -> int:
        asked.append(result)
        return 75

    monkeypatch.setattr(TimerPanel, "_ask_minutes_dialog", answer)
    item = add_item(db, "lesson", position=1)
    TimerService(db, clock).start(item, 1)  # started yesterday evening and forgotten
    clock.advance(hours=14)
    view = today_of(make_window())
    assert [(a.minutes, a.raw_minutes, a.capped) for a in asked] == [(180, 840, True)]
    assert view.timer_panel.running() is None
    assert minutes_on_pass(db, item, 1) == 75


def test_minutes_entered_by_hand(qtbot: QtBot, make_window: WindowFactory, db: Database) -> None:
    item = add_item(db, "lesson", position=1)
    view = today_of(make_window())
    assert not view.log_button.isEnabled()
    view.plan_table.selectRow(0)
    view.minutes_spin.setValue(25)
    qtbot.mouseClick(view.log_button, Qt.MouseButton.LeftButton)
    assert minutes_on_pass(db, item, 1) == 25


def test_overdue_is_shown_in_words_and_with_an_icon(
    make_window: WindowFactory, db: Database
) -> None:
    add_item(db, "late", done={1: datetime(2026, 2, 26, 12)})
    view = today_of(make_window())
    index = view.plan_model.index(0, COL_STATUS)
    assert index.data().startswith("Overdue 3 day")  # due 02-27 ("days" once translated)
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert "⚠ 1 overdue" in view.total_label.text()


def test_the_week_tab_shows_seven_days_and_a_clicked_day(
    qtbot: QtBot, make_window: WindowFactory, db: Database, clock: FixedClock
) -> None:
    for n in range(1, 7):
        add_item(db, f"v{n}", position=n, minutes=30)
    SettingsService(db).set("daily_budget_minutes", 60)
    view = today_of(make_window())
    view.show_week()
    expected = PlannerService(db, clock).plan_week()
    chart = view.week_chart
    assert chart.days() == [(d.day, d.total_minutes) for d in expected.days]
    assert [round(m) for _, m in chart.days()] == [60, 48, 60, 48, 60, 48, 0]
    bar = chart.bar_rect(1).center()
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(int(bar.x()), int(bar.y())))
    assert view.week_model.entries() == list(expected.days[1].entries)
    assert "48 min" in view.week_day_label.text()


def test_review_questions_due_are_listed_beside_the_plan(
    make_window: WindowFactory, db: Database
) -> None:
    with db.transaction() as s:
        s.add(Question(text="手写 Multi-Head Attention", category="LLM", due_on=TODAY))
        s.add(Question(text="KV cache 是什么？", category="LLM", due_on=TODAY - timedelta(days=2)))
        s.add(Question(text="not yet", category="LLM", due_on=TODAY + timedelta(days=3)))
    view = today_of(make_window())
    texts = [view.questions_model.question(r).text for r in range(view.questions_model.rowCount())]
    assert texts == ["KV cache 是什么？", "手写 Multi-Head Attention"]
    assert view.questions_box.title() == "Review questions due (2)"


def test_the_week_screenshot_view_opens_the_week_tab(make_window: WindowFactory) -> None:
    window = make_window()
    window.show_view("library")
    window.prepare_screenshot("week")
    view = window.view("today")
    assert isinstance(view, TodayView)
    assert window.stack.currentWidget() is view
    assert view.tabs.currentIndex() == 1
    assert len(view.week_chart.days()) == 7


_english_plurals = english_plurals(
    {
        "day(s)": ("day", "days"),
        "entry(s)": ("entry", "entries"),
        "pass(es)": ("pass", "passes"),
    }
)


def test_counts_use_plural_forms(
    make_window: WindowFactory, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "1 entry", "Overdue 1 day", "1 more due pass": never "1 entries" or "1 days"."""
    from desktop.planner import models

    monkeypatch.setattr(TodayView, "tr", _english_plurals)
    monkeypatch.setattr(models._Plurals, "tr", _english_plurals)
    add_item(db, "late", done={1: datetime(2026, 2, 28, 12)})
    add_item(db, "also late", done={1: datetime(2026, 2, 28, 13)})
    SettingsService(db).set("daily_budget_minutes", 30)
    view = today_of(make_window())
    assert view.plan_model.index(0, COL_STATUS).data() == "Overdue 1 day"
    assert "· 1 entry ·" in view.total_label.text()
    assert view.deferred_label.text() == "1 more due pass did not fit in the budget."
    view.show_week()
    view._week_day_selected(0)
    assert view.week_day_label.text().endswith("planned in 1 entry")
