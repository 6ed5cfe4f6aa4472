"""Today at 100k: the plan is made in a worker, the view says "Loading…" meanwhile (never a
false "Nothing planned" or "No timer running"), and the running timer is read once per show."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from desktop.planner.today_view import TodayView
from desktop.widgets import background_read
from models.db import Database
from models.services.plan_rules import WeekPlan
from models.services.planner import PlannerService
from models.services.timer import RunningTimer, TimerService
from tests.planner.planner_helpers import add_item

WindowFactory = Callable[[], MainWindow]  # the make_window fixture (tests/conftest.py)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[threading.Event, list[int]]]:
    """Every library counts as large; plan_week waits until the test opens the gate and
    records the thread it ran on."""
    monkeypatch.setattr(background_read, "ASYNC_ITEMS", 0)
    opened = threading.Event()
    threads: list[int] = []
    real = PlannerService.plan_week

    def held(self: PlannerService, *args: object, **kwargs: object) -> WeekPlan:
        threads.append(threading.get_ident())
        opened.wait(30)
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(PlannerService, "plan_week", held)
    yield opened, threads
    opened.set()


def test_first_show_says_loading_until_the_worker_has_the_plan(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    gate: tuple[threading.Event, list[int]],
) -> None:
    opened, threads = gate
    add_item(db, "Transformer论文逐段精读", kind="paper_video", position=1, minutes=60)
    window = make_window()
    window.show_view("today")
    view = window.view("today")
    assert isinstance(view, TodayView)
    qtbot.waitUntil(lambda: bool(threads))
    assert threads[0] != threading.get_ident()  # not on the GUI thread
    assert view.is_loading()
    assert view.empty_label.isVisible()
    assert view.empty_label.text() == "Loading…"
    assert view.timer_panel.title_label.text() == "Loading…"
    assert not view.timer_panel.stop_button.isEnabled()

    opened.set()
    qtbot.waitUntil(lambda: not view.is_loading())
    assert view.plan_model.rowCount() == 1
    assert not view.empty_label.isVisible()
    assert view.timer_panel.title_label.text().startswith("No timer running")


def test_a_refresh_keeps_the_plan_shown_while_the_next_one_is_made(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    gate: tuple[threading.Event, list[int]],
) -> None:
    opened, threads = gate
    opened.set()
    add_item(db, "ResNet", kind="paper_video", position=1, minutes=60)
    window = make_window()
    window.show_view("today")
    view = window.view("today")
    assert isinstance(view, TodayView)
    qtbot.waitUntil(lambda: not view.is_loading() and view.plan_model.rowCount() == 1)
    opened.clear()
    window.ctx.events.items_changed.emit()
    qtbot.waitUntil(lambda: len(threads) == 2)
    assert view.is_loading()
    assert view.plan_model.rowCount() == 1  # the last plan stays until the new one is in
    assert not view.empty_label.isVisible()
    opened.set()
    qtbot.waitUntil(lambda: not view.is_loading())


def test_the_running_timer_is_read_once_per_show(
    monkeypatch: pytest.MonkeyPatch, make_window: WindowFactory, db: Database
) -> None:
    add_item(db, "BERT", kind="paper_video", position=1, minutes=60)
    calls: list[date] = []
    real = TimerService.running

    def counted(self: TimerService) -> RunningTimer | None:
        calls.append(date.today())
        return real(self)

    monkeypatch.setattr(TimerService, "running", counted)
    window = make_window()
    calls.clear()  # the status bar's timer chip reads it at start-up
    window.show_view("today")
    assert len(calls) == 1
