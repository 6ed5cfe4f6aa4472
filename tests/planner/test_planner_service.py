"""The planner on fixed dates: spacing, overdue, budget filling, course order, week totals.

The `clock` fixture is Monday 2026-03-02 09:00 (a FixedClock is a UTC world).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from sqlalchemy import event

from models.clock import FixedClock
from models.db import Database
from models.errors import ValidationError
from models.services.plan_rules import (
    REASON_COURSE,
    REASON_DUE,
    REASON_IN_PROGRESS,
    REASON_QUEUED,
    REASON_SCHEDULED,
    pass_minutes,
)
from models.services.planner import PlannerService
from models.services.settings import SettingsService
from tests.planner.planner_helpers import add_item

TODAY = date(2026, 3, 2)


@pytest.fixture
def planner(db: Database, clock: FixedClock) -> PlannerService:
    return PlannerService(db, clock)


def titles(plan_entries: object) -> list[str]:
    return [e.title for e in plan_entries]  # type: ignore[attr-defined]


def test_spacing_rule_makes_pass_two_and_three_due(db: Database, planner: PlannerService) -> None:
    add_item(db, "A p1 yesterday", done={1: datetime(2026, 3, 1, 20)})
    add_item(db, "B p1 today", done={1: datetime(2026, 3, 2, 8)})
    add_item(db, "C p2 a week ago", done={1: datetime(2026, 2, 20), 2: datetime(2026, 2, 23, 10)})
    add_item(db, "D p2 six days ago", done={1: datetime(2026, 2, 20), 2: datetime(2026, 2, 24)})

    plan = planner.plan_day(budget_minutes=600)
    by_title = {e.title: e for e in plan.entries}
    assert set(by_title) == {"A p1 yesterday", "C p2 a week ago"}
    a, c = by_title["A p1 yesterday"], by_title["C p2 a week ago"]
    assert (a.pass_number, a.due, a.overdue, a.reason) == (2, TODAY, False, REASON_DUE)
    assert (c.pass_number, c.due, c.overdue) == (3, TODAY, False)
    assert a.minutes == pytest.approx(30 / 1.25)
    assert c.minutes == pytest.approx(30 / 1.5)

    tomorrow = planner.plan_day(date(2026, 3, 3), budget_minutes=600)
    assert set(titles(tomorrow.entries)) == {
        "A p1 yesterday",
        "B p1 today",
        "C p2 a week ago",
        "D p2 six days ago",
    }
    assert {e.title for e in tomorrow.entries if e.overdue} == {"A p1 yesterday", "C p2 a week ago"}


def test_spacing_comes_from_the_settings(db: Database, planner: PlannerService) -> None:
    add_item(db, "A", done={1: datetime(2026, 3, 1, 20)})
    SettingsService(db).set("pass_spacing_days", [2, 7])
    assert planner.plan_day().entries == ()
    assert titles(planner.plan_day(date(2026, 3, 3)).entries) == ["A"]


def test_overdue_passes_come_first_most_overdue_first(
    db: Database, planner: PlannerService
) -> None:
    add_item(db, "due today", done={1: datetime(2026, 3, 1, 12)})
    add_item(db, "pass 3 late", done={1: datetime(2026, 2, 10), 2: datetime(2026, 2, 20)})
    add_item(db, "pass 2 late", done={1: datetime(2026, 2, 25, 18)})
    add_item(db, "new lesson", position=1)

    plan = planner.plan_day(budget_minutes=600)
    assert titles(plan.entries) == ["pass 2 late", "pass 3 late", "due today", "new lesson"]
    assert [e.overdue for e in plan.entries] == [True, True, False, False]
    assert [e.due for e in plan.entries] == [date(2026, 2, 26), date(2026, 2, 27), TODAY, None]
    data = plan.to_json()
    assert set(data) == {"date", "budget_minutes", "entries"}
    assert set(data["entries"][0]) == {"item_id", "title", "pass", "minutes", "due", "overdue"}
    assert data["entries"][0]["due"] == "2026-02-26"
    assert data["entries"][0]["pass"] == 2
    assert data["entries"][0]["minutes"] == 24.0
    assert data["entries"][0]["overdue"] is True
    assert data["date"] == "2026-03-02"


def test_budget_filling(db: Database, planner: PlannerService) -> None:
    for n in range(1, 6):
        add_item(db, f"lesson {n}", minutes=40, position=n)
    assert titles(planner.plan_day().entries) == ["lesson 1", "lesson 2"]  # default 90 min
    assert planner.plan_day().total_minutes == 80
    assert len(planner.plan_day(budget_minutes=200).entries) == 5
    # the first entry is always taken, even when longer than the budget
    assert titles(planner.plan_day(budget_minutes=30).entries) == ["lesson 1"]
    SettingsService(db).set("daily_budget_minutes", 45)
    assert planner.plan_day().budget_minutes == 45
    assert titles(planner.plan_day().entries) == ["lesson 1"]


def test_a_due_pass_that_does_not_fit_is_deferred_and_smaller_ones_fill_the_gap(
    db: Database, planner: PlannerService
) -> None:
    for n in range(3):
        add_item(db, f"due {n}", minutes=62.5, done={1: datetime(2026, 2, 28, n)})
    add_item(db, "lesson", minutes=40, position=1)
    plan = planner.plan_day(budget_minutes=90)
    assert titles(plan.entries) == ["due 0", "lesson"]
    assert [e.minutes for e in plan.entries] == [50, 40]
    assert plan.deferred == 2


def test_course_order_and_followed_courses(db: Database, planner: PlannerService) -> None:
    add_item(db, "fa 3", source="fastai", position=3)
    add_item(db, "fa 1", source="fastai", position=1)
    add_item(db, "fa 2", source="fastai", position=2)
    add_item(db, "pr 1", source="paper-reading", kind="paper_video", position=1)
    add_item(db, "pr 2", source="paper-reading", kind="paper_video", position=2)
    add_item(db, "a paper", source="paper-reading", kind="paper", minutes=None, position=0)
    add_item(db, "my own video", source="manual", position=1)
    add_item(db, "only papers", source="arxiv", kind="paper", minutes=None, position=1)

    assert planner.followed_courses() == ["fastai", "paper-reading"]
    plan = planner.plan_day(budget_minutes=600)
    assert titles(plan.entries) == ["fa 1", "pr 1", "fa 2", "pr 2", "fa 3"]
    assert {e.reason for e in plan.entries} == {REASON_COURSE}

    SettingsService(db).set("followed_courses", ["paper-reading"])
    assert titles(planner.plan_day(budget_minutes=600).entries) == ["pr 1", "pr 2"]
    SettingsService(db).set("followed_courses", ["paper-reading", "fastai"])
    assert titles(planner.plan_day(budget_minutes=600).entries)[:2] == ["pr 1", "fa 1"]


def test_a_started_lesson_is_continued_and_the_course_moves_on(
    db: Database, planner: PlannerService
) -> None:
    add_item(db, "lesson 1", position=1, in_progress=1)
    add_item(db, "lesson 2", position=2)
    plan = planner.plan_day()
    assert [(e.title, e.reason) for e in plan.entries] == [
        ("lesson 1", REASON_IN_PROGRESS),
        ("lesson 2", REASON_COURSE),
    ]


def test_scheduled_then_queued_then_courses(db: Database, planner: PlannerService) -> None:
    add_item(db, "lesson", position=1, minutes=20)
    add_item(db, "queued second", queue_position=2, minutes=10, source="manual")
    add_item(db, "queued first", queue_position=1, minutes=10, source="manual")
    add_item(db, "later", scheduled_for=date(2026, 3, 4), minutes=10, source="manual")
    add_item(db, "today", scheduled_for=TODAY, kind="article", minutes=None, source="manual")
    add_item(db, "missed", scheduled_for=date(2026, 2, 28), minutes=10, source="manual")

    plan = planner.plan_day(budget_minutes=600)
    assert [(e.title, e.reason, e.overdue) for e in plan.entries] == [
        ("missed", REASON_SCHEDULED, True),
        ("today", REASON_SCHEDULED, False),
        ("queued first", REASON_QUEUED, False),
        ("queued second", REASON_QUEUED, False),
        ("lesson", REASON_COURSE, False),
    ]
    assert plan.entries[1].minutes == 20  # an article: the pass-1 reading estimate
    week = planner.plan_week(budget_minutes=600)
    assert "later" in titles(week.days[2].entries)
    assert "later" not in titles(week.days[1].entries)


def test_reading_estimates_and_video_minutes() -> None:
    defaults = (20.0, 60.0, 120.0)
    assert [pass_minutes("paper", None, None, n, 1.0, defaults) for n in (1, 2, 3)] == [20, 60, 120]
    # the item's own estimate is its pass-2 read; the others scale with the defaults
    assert [pass_minutes("paper", None, 90, n, 1.0, defaults) for n in (1, 2, 3)] == [30, 90, 180]
    assert pass_minutes("paper_video", 3600, None, 2, 1.25, defaults) == 48
    assert pass_minutes("course_video", None, None, 3, 1.5, defaults) == 20  # 30 min unknown


def test_paper_estimates_follow_the_settings(db: Database, planner: PlannerService) -> None:
    add_item(db, "Attention Is All You Need", kind="paper", minutes=None, scheduled_for=TODAY)
    SettingsService(db).set("paper_reading_minutes", [15, 45, 90])
    assert planner.plan_day().entries[0].minutes == 15


def test_week_totals_simulate_each_day_done(db: Database, planner: PlannerService) -> None:
    for n in range(1, 7):
        add_item(db, f"v{n}", position=n, minutes=30)
    week = planner.plan_week(budget_minutes=60)
    assert [d.day for d in week.days] == [date(2026, 3, 2 + k) for k in range(7)]
    # day 0: two new videos; day 1: their pass 2 (24 min each) and no room for a third;
    # pass 3 comes a week after pass 2, so the last day of this week has nothing left.
    assert [round(d.total_minutes) for d in week.days] == [60, 48, 60, 48, 60, 48, 0]
    assert [(e.title, e.pass_number) for e in week.days[1].entries] == [("v1", 2), ("v2", 2)]
    assert week.days[0] == planner.plan_day(budget_minutes=60)


def test_a_bad_budget_is_refused(planner: PlannerService) -> None:
    with pytest.raises(ValidationError, match="between 1 and 1440"):
        planner.plan_day(budget_minutes=0)
    with pytest.raises(ValidationError):
        planner.plan_week(budget_minutes=5000)


@pytest.fixture
def statement_count(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", record)
    yield statements
    event.remove(db.engine, "before_cursor_execute", record)


def test_the_number_of_queries_does_not_grow_with_the_library(
    db: Database, planner: PlannerService, statement_count: list[str]
) -> None:
    """No per-item queries: 5 or 150 candidate items cost the same statements."""

    def fill(n: int, offset: int) -> None:
        for k in range(n):
            add_item(db, f"due {offset + k}", done={1: datetime(2026, 2, 27)})
            add_item(db, f"lesson {offset + k}", position=offset + k)

    fill(5, 0)
    statement_count.clear()
    planner.plan_day(budget_minutes=1440)
    small = len(statement_count)
    fill(145, 5)
    statement_count.clear()
    plan = planner.plan_day(budget_minutes=1440)
    assert len(statement_count) == small
    # 150 due passes of 24 min: 60 fill the day, the other 90 (some never loaded) are deferred
    assert (len(plan.entries), plan.deferred) == (60, 90)


def test_a_skipped_pass_never_hides_the_item(db: Database, planner: PlannerService) -> None:
    """Pass 2 in progress while pass 1 is to do is offered; once done, pass 3 follows."""
    skipping = add_item(db, "skipping", position=1, in_progress=2)
    add_item(db, "next lesson", position=2)
    plan = planner.plan_day(budget_minutes=600)
    offered = [(e.item_id, e.pass_number, e.reason, e.due) for e in plan.entries]
    assert offered[0] == (skipping, 2, REASON_IN_PROGRESS, None)
    assert [e.item_id for e in plan.entries].count(skipping) == 1

    add_item(db, "pass 2 done, pass 1 skipped", done={2: datetime(2026, 2, 20)})
    due = planner.plan_day(budget_minutes=600).entries[0]
    assert (due.title, due.pass_number, due.due, due.overdue) == (
        "pass 2 done, pass 1 skipped",
        3,
        date(2026, 2, 27),
        True,
    )
    week = planner.plan_week(budget_minutes=600)
    assert "skipping" in titles(week.days[0].entries)
    assert "skipping" not in titles(week.days[1].entries)  # pass 3 waits 7 days after pass 2
