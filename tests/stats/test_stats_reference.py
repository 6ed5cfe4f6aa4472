"""Stats from indexed SQL against a straightforward reference over every row in Python.

The reference reads all items, passes and sessions through the ORM and applies the rules of
docs/planner.md ("Statistics") one row at a time: minutes per local day of a session,
passes finished per week, study days, items by passes done, planned minutes of every pass at
its own speed (planner.pass_minutes), done minutes, minutes spent.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models.clock import FixedClock
from models.db import Database
from models.library import Item, Pass, PassStatus, StudySession
from models.services import stats as stats_module
from models.services.plan_rules import READING_KINDS, pass_minutes
from models.services.settings import SettingsService
from models.services.stats import (
    HEATMAP_WEEKS,
    WEEKS_SHOWN,
    StatsService,
    StudyStats,
    monday_of,
    streaks,
)

NOW = datetime(2026, 3, 2, 9, 0)
SOURCES = ("fastai", "d2l", "paper-reading", "manual", "动手学深度学习")


def fill_random_library(db: Database, seed: int, items: int = 120) -> None:
    """Items of every kind with random histories, odd speeds, CJK and empty categories,
    sessions over more than a year (some running, some of 0 minutes, one in the future)."""
    rng = random.Random(seed)
    with db.transaction() as s:
        for k in range(items):
            kind = rng.choice(("course_video", "course_video", "paper_video", "paper", "article"))
            item = Item(
                kind=kind,
                title=rng.choice(("自注意力", "Layer norm 层归一化", "Lesson")) + f" {k}",
                source=rng.choice(SOURCES),
                category=rng.choice((None, "", "基础", "Transformer", "优化")),
                duration_seconds=rng.choice((None, 0, 900, 2400, 3725)),
                reading_minutes=rng.choice((None, 0, 30, 75)),
            )
            passes = []
            for n in (1, 2, 3):
                status = rng.choice(
                    (PassStatus.TODO, PassStatus.TODO, PassStatus.DONE, PassStatus.IN_PROGRESS)
                )
                finished = None
                if status == PassStatus.DONE and rng.random() > 0.1:
                    finished = NOW - timedelta(
                        days=rng.randint(0, 420), minutes=rng.randint(0, 1439)
                    )
                default = 1.0 if kind == "paper" else (1.0, 1.25, 1.5)[n - 1]
                passes.append(
                    Pass(
                        number=n,
                        speed=rng.choice((default, default, 1.0, 1.75, 2.0, 0.0)),
                        status=status,
                        started_at=finished,
                        finished_at=finished,
                        minutes_spent=rng.choice((0.0, 0.0, 12.5, 40.0)),
                    )
                )
            item.passes = passes
            s.add(item)
        s.flush()
        pass_ids = list(s.scalars(select(Pass.id)))
        for _ in range(items * 2):
            start = NOW - timedelta(days=rng.randint(-2, 400), minutes=rng.randint(0, 1439))
            minutes = rng.choice((0.0, 5.0, 25.0, 47.5))
            running = rng.random() < 0.05
            s.add(
                StudySession(
                    pass_id=rng.choice(pass_ids),
                    started_at=start,
                    ended_at=None if running else start + timedelta(minutes=minutes),
                    minutes=minutes,
                    manual=False,
                )
            )


def reference(db: Database, today: date, offset: timedelta = timedelta(0)) -> dict[str, Any]:
    """The statistics computed row by row; local time = stored UTC + `offset`."""
    settings = SettingsService(db)
    paper = [float(x) for x in settings.get("paper_reading_minutes")]
    heat_start = monday_of(today) - timedelta(weeks=HEATMAP_WEEKS - 1)
    week_start = monday_of(today) - timedelta(weeks=WEEKS_SHOWN - 1)
    with db.read() as s:
        items = s.scalars(select(Item).options(selectinload(Item.passes))).all()
        sessions = s.scalars(select(StudySession)).all()
        minutes: dict[date, float] = defaultdict(float)
        days: set[date] = set()
        for session in sessions:
            local = session.started_at + offset
            if local >= datetime.combine(heat_start, time.min) and session.ended_at:
                minutes[local.date()] += session.minutes
            if session.minutes > 0:
                days.add(local.date())
        weekly: dict[date, int] = defaultdict(int)
        by_source: dict[Any, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        by_category: dict[Any, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        planned: dict[tuple[str, str], float] = defaultdict(float)
        done: dict[tuple[str, str], float] = defaultdict(float)
        one_x: dict[tuple[str, str], float] = defaultdict(float)
        unknown: dict[tuple[str, str], int] = defaultdict(int)
        studied = 0.0
        for item in items:
            key = (item.source, item.kind)
            done_count = 0
            if item.kind not in READING_KINDS:
                if item.duration_seconds and item.duration_seconds > 0:
                    one_x[key] += item.duration_seconds / 60.0
                else:
                    unknown[key] += 1
            for p in item.passes:
                studied += p.minutes_spent
                # every pass at its own speed (the defaults only shape how SQL sums it)
                planned_minutes = pass_minutes(
                    item.kind, item.duration_seconds, item.reading_minutes, p.number, p.speed, paper
                )
                planned[key] += planned_minutes
                finished = None if p.finished_at is None else p.finished_at + offset
                if finished is not None:
                    days.add(finished.date())
                if p.status == PassStatus.DONE:
                    done_count += 1
                    done[key] += planned_minutes
                    if finished and finished >= datetime.combine(week_start, time.min):
                        weekly[monday_of(finished.date())] += 1
            by_source[item.source][min(done_count, 3)] += 1
            by_category[item.category or None][min(done_count, 3)] += 1
    current, longest = streaks(days, today)

    def ordered(groups: dict[Any, list[int]]) -> list[tuple[Any, tuple[int, ...]]]:
        keys = sorted(groups, key=lambda k: (-sum(groups[k]), k is None, k or ""))
        return [(k, tuple(groups[k])) for k in keys]

    kinds = {
        key: (one_x[key] / 60, planned[key] / 60, max(0.0, planned[key] - done[key]) / 60)
        for key in planned
    }
    return {
        "minutes_by_day": {d: m for d, m in minutes.items() if m},
        "passes_by_week": [
            (week_start + timedelta(weeks=k), weekly.get(week_start + timedelta(weeks=k), 0))
            for k in range(WEEKS_SHOWN)
        ],
        "progress_by_source": ordered(by_source),
        "progress_by_category": ordered(by_category),
        "streaks": (current, longest),
        "hours_studied": studied / 60,
        "hours_by_kind": kinds,
        "unknown": dict(unknown),
    }


def observed(numbers: StudyStats) -> dict[str, Any]:
    return {
        "minutes_by_day": numbers.minutes_by_day,
        "passes_by_week": list(numbers.passes_by_week),
        "progress_by_source": [(r.label, r.counts) for r in numbers.progress_by_source],
        "progress_by_category": [(r.label, r.counts) for r in numbers.progress_by_category],
        "streaks": (numbers.current_streak, numbers.longest_streak),
        "hours_studied": numbers.hours_studied,
        "hours_by_kind": {
            (r.source, r.kind): (r.hours_1x, r.hours_planned, r.hours_left)
            for r in numbers.hours_by_kind
        },
        "unknown": {(r.source, r.kind): r.unknown_duration for r in numbers.hours_by_kind},
    }


def assert_matches(numbers: StudyStats, expected: dict[str, Any]) -> None:
    got = observed(numbers)
    for key in ("passes_by_week", "progress_by_source", "progress_by_category", "streaks"):
        assert got[key] == expected[key], key
    assert got["minutes_by_day"] == pytest.approx(expected["minutes_by_day"])
    assert got["hours_studied"] == pytest.approx(expected["hours_studied"])
    assert set(got["hours_by_kind"]) == set(expected["hours_by_kind"])
    for key, hours in expected["hours_by_kind"].items():
        assert got["hours_by_kind"][key] == pytest.approx(hours, rel=1e-9, abs=1e-9), key
    assert {k: v for k, v in got["unknown"].items() if v} == expected["unknown"]
    by_source: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for (source, _kind), hours in expected["hours_by_kind"].items():
        for k in range(3):
            by_source[source][k] += hours[k]
    assert {
        r.source: pytest.approx([r.hours_1x, r.hours_planned, r.hours_left])
        for r in numbers.hours_by_source
    } == by_source


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_stats_match_the_reference_on_a_random_library(
    db: Database, clock: FixedClock, seed: int
) -> None:
    fill_random_library(db, seed)
    assert_matches(StatsService(db, clock).compute(), reference(db, clock.today()))


def test_other_default_speeds_and_reading_estimates_match_the_reference(
    db: Database, clock: FixedClock
) -> None:
    fill_random_library(db, 14)
    SettingsService(db).set("pass_speeds", [1.25, 1.5, 2.0])
    SettingsService(db).set("paper_reading_minutes", [15, 40, 100])
    assert_matches(StatsService(db, clock).compute(), reference(db, clock.today()))


def test_an_empty_library(db: Database, clock: FixedClock) -> None:
    numbers = StatsService(db, clock).compute()
    assert_matches(numbers, reference(db, clock.today()))
    assert numbers.minutes_by_day == {}
    assert (numbers.current_streak, numbers.longest_streak, numbers.hours_left) == (0, 0, 0.0)


def test_the_reference_comparison_can_fail(db: Database, clock: FixedClock) -> None:
    """Stats that forgot the speed corrections of done passes would be caught."""
    fill_random_library(db, 15)
    original = stats_module.SPEED_CORRECTIONS
    stats_module.SPEED_CORRECTIONS = original.replace("WHEN o.status = 'done'", "WHEN 0")
    try:
        with pytest.raises(AssertionError):
            assert_matches(StatsService(db, clock).compute(), reference(db, clock.today()))
    finally:
        stats_module.SPEED_CORRECTIONS = original


@pytest.mark.parametrize("hours", [8, -5.5, 13.75])
def test_local_days_follow_the_time_zone(db: Database, clock: FixedClock, hours: float) -> None:
    """The clock's offset turns stored UTC into local days (Beijing, Toronto, Chatham Islands):
    day and week boundaries, the heatmap and the streaks move with the offset."""
    fill_random_library(db, 16)
    offset = timedelta(hours=hours)
    local = FixedClock(clock.now(), offset)
    assert local.today() == clock.today()  # 09:00 UTC is the same date in all three
    expected = reference(db, local.today(), offset)
    assert expected != reference(db, clock.today())
    assert_matches(StatsService(db, local).compute(), expected)
