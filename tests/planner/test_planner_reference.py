"""The fast planner (a few indexed statements, pools) against a straightforward reference.

The reference reads every item and pass through the ORM, builds every state and every
course's full lesson list, and applies the same rule engine (`plan_for`) with nothing left
out. On libraries smaller than the pools (100 due passes, 30 in progress, 30 lessons per
course) both must give the very same plans. Past the pools, the due passes the planner loads
and the number it counts must be those of one sort over every due pass (the statement the
planner used before revision 0007), millisecond ties and items missing a pass included.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.orm import selectinload

from models.clock import FixedClock
from models.db import Database
from models.library import VIDEO_KINDS, Item, Pass, PassStatus
from models.services import plan_queries
from models.services.plan_queries import COURSE_POOL_DAY, DUE_POOL_DAY, due_passes, stamp
from models.services.plan_rules import (
    DayPlan,
    ItemState,
    PassRow,
    Rules,
    assume_done,
    local_midnight_utc,
    plan_for,
)
from models.services.planner import PlannerService
from models.services.settings import SettingsService
from tests.planner.planner_helpers import add_item

TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 9, 0)
COURSES = ("fastai", "d2l", "动手学深度学习")
# (pass 1, pass 2, pass 3): t = to do, i = in progress, d = done; skipped passes included
PATTERNS = (
    *("ttt",) * 6,
    *("dtt", "ddt", "ddd", "tdt", "dtd") * 2,
    *("itt", "dit", "ddi", "tit"),
)


def fill_random_library(db: Database, seed: int, items: int = 90) -> None:
    """A small library with every kind of history, CJK titles, odd speeds, odd positions."""
    rng = random.Random(seed)
    with db.transaction() as s:
        for k in range(items):
            roll = rng.random()
            if roll < 0.6:
                source, kind = rng.choice(COURSES), "course_video"
            elif roll < 0.75:
                source, kind = "paper-reading", "paper_video"
            elif roll < 0.9:
                source, kind = "paper-reading", rng.choice(("paper", "article"))
            else:
                source, kind = "manual", rng.choice(("course_video", "article"))
            pattern = rng.choice(PATTERNS)
            unstarted = pattern == "ttt"
            item = Item(
                kind=kind,
                title=rng.choice(("注意力机制", "残差连接 ResNet", "Lesson", "位置编码")) + f" {k}",
                source=source,
                category=rng.choice((None, "", "基础", "Transformer")),
                duration_seconds=rng.choice((None, 600, 1800, 2700, 5400)),
                reading_minutes=rng.choice((None, None, 45, 90))
                if kind != "course_video"
                else None,
                position=rng.choice((None, rng.randint(1, 40), rng.randint(1, 40))),
                scheduled_for=(
                    TODAY + timedelta(days=rng.randint(-4, 4)) if rng.random() < 0.12 else None
                ),
                queue_position=rng.randint(1, 9) if unstarted and rng.random() < 0.1 else None,
            )
            passes = []
            for n, state in zip((1, 2, 3), pattern, strict=True):
                finished = None
                if state == "d" and rng.random() > 0.05:  # a few done at an unknown time
                    finished = NOW - timedelta(days=rng.randint(0, 14), minutes=rng.randint(0, 900))
                started = NOW - timedelta(days=rng.randint(0, 20)) if state == "i" else finished
                default = 1.0 if kind == "paper" else (1.0, 1.25, 1.5)[n - 1]
                passes.append(
                    Pass(
                        number=n,
                        speed=rng.choice((default, default, default, 1.0, 2.0)),
                        status={"t": PassStatus.TODO, "i": PassStatus.IN_PROGRESS}.get(
                            state, PassStatus.DONE
                        ),
                        started_at=started,
                        finished_at=finished,
                        minutes_spent=0.0,
                    )
                )
            item.passes = passes
            s.add(item)


def reference_states(
    db: Database, offset: timedelta = timedelta(0)
) -> tuple[dict[int, ItemState], list[list[int]], Rules]:
    """Every item's state, and every followed course's unstarted videos in course order."""
    settings = SettingsService(db).all()
    spacing = settings["pass_spacing_days"]
    papers = settings["paper_reading_minutes"]
    rules = Rules(
        spacing=(int(spacing[0]), int(spacing[1])),
        paper_minutes=(float(papers[0]), float(papers[1]), float(papers[2])),
    )
    states: dict[int, ItemState] = {}
    with db.read() as s:
        items = s.scalars(select(Item).options(selectinload(Item.passes))).all()
        for item in items:
            state = ItemState(
                id=item.id,
                title=item.title,
                kind=item.kind,
                source=item.source,
                position=item.position,
                duration_seconds=item.duration_seconds,
                reading_minutes=item.reading_minutes,
                scheduled_for=item.scheduled_for,
                queue_position=item.queue_position,
            )
            for p in item.passes:
                state.passes[p.number] = PassRow(p.number, p.status, p.speed, p.finished_at)
            state.settle(offset)
            states[item.id] = state
        followed = [str(x) for x in settings.get("followed_courses") or []]
        if not followed:
            videos = {k.value for k in VIDEO_KINDS}
            followed = sorted({i.source for i in items if i.kind in videos} - {"manual"})
        courses: list[list[int]] = []
        first_rank: dict[str, int] = {}
        for rank, source in enumerate(followed):
            course_rank = first_rank.setdefault(source, rank)
            lessons = sorted(
                (
                    i
                    for i in items
                    if i.source == source
                    and i.kind in {k.value for k in VIDEO_KINDS}
                    and all(p.status == PassStatus.TODO for p in i.passes)
                ),
                key=lambda i: (i.position is None, i.position or 0, i.id),
            )
            courses.append([i.id for i in lessons])
            for i in lessons:
                if states[i.id].course_rank is None:
                    states[i.id].course_rank = course_rank
    return states, courses, rules


def reference_week(
    db: Database, start: date, days: int, budget: int, offset: timedelta = timedelta(0)
) -> list[DayPlan]:
    states, courses, rules = reference_states(db, offset)
    plans = []
    for k in range(days):
        day = start + timedelta(days=k)
        plan = plan_for(day, budget, states, courses, rules)
        plans.append(plan)
        assume_done(plan, day, states)
    return plans


def within_pools(db: Database) -> bool:
    """Below the pools the planner must load everything the reference sees."""
    with db.read() as s:
        in_progress = s.scalar(select(func.count()).where(Pass.status == PassStatus.IN_PROGRESS))
    return (in_progress or 0) < COURSE_POOL_DAY and due_reference(db, TODAY)[1] < DUE_POOL_DAY


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_plans_match_the_reference_on_a_random_library(
    db: Database, clock: FixedClock, seed: int
) -> None:
    fill_random_library(db, seed)
    assert within_pools(db)
    planner = PlannerService(db, clock)
    for budget in (20, 90, 240, 1440):
        for day in (TODAY, TODAY + timedelta(days=3), TODAY - timedelta(days=10)):
            assert planner.plan_day(day, budget) == reference_week(db, day, 1, budget)[0]
        week = planner.plan_week(TODAY, budget)
        assert list(week.days) == reference_week(db, TODAY, 7, budget)


def test_the_reference_comparison_can_fail(db: Database, clock: FixedClock) -> None:
    """A loader that forgot the in-progress passes would be caught."""
    fill_random_library(db, 5)
    planner = PlannerService(db, clock)
    assert planner.plan_day(TODAY, 600) == reference_week(db, TODAY, 1, 600)[0]
    original = plan_queries.IN_PROGRESS
    plan_queries.IN_PROGRESS = original.replace("'in_progress'", "'nothing'")
    try:
        assert planner.plan_day(TODAY, 600) != reference_week(db, TODAY, 1, 600)[0]
    finally:
        plan_queries.IN_PROGRESS = original


def test_followed_courses_in_the_users_order_match_the_reference(
    db: Database, clock: FixedClock
) -> None:
    fill_random_library(db, 6)
    SettingsService(db).set("followed_courses", ["动手学深度学习", "paper-reading", "fastai"])
    planner = PlannerService(db, clock)
    for budget in (45, 600):
        assert planner.plan_day(TODAY, budget) == reference_week(db, TODAY, 1, budget)[0]
        assert list(planner.plan_week(TODAY, budget).days) == reference_week(db, TODAY, 7, budget)


def test_an_empty_library_and_a_finished_one(db: Database, clock: FixedClock) -> None:
    planner = PlannerService(db, clock)
    empty = planner.plan_day()
    assert (empty.entries, empty.deferred) == ((), 0)
    assert all(day.entries == () for day in planner.plan_week().days)
    for n in range(3):
        add_item(db, f"完成 {n}", position=n, done={k: datetime(2026, 2, 1 + k) for k in (1, 2, 3)})
    done = planner.plan_day(budget_minutes=1440)
    assert (done.entries, done.deferred) == ((), 0)


# The statement the planner used before revision 0007: one sort over every due pass.
REFERENCE_DUE = """
    SELECT n.item_id, count(*) OVER ()
    FROM passes AS n JOIN passes AS p ON n.item_id = p.item_id AND n.number = p.number + 1
    WHERE p.status = 'done' AND n.status != 'done'
      AND (p.finished_at IS NULL
           OR (p.number = 1 AND p.finished_at < :cut1)
           OR (p.number = 2 AND p.finished_at < :cut2))
    ORDER BY coalesce(julianday(p.finished_at)
                      + CASE WHEN p.number = 1 THEN :space1 ELSE :space2 END, 0),
             n.item_id
    LIMIT :pool
"""


def due_loaded(db: Database, day: date, pool: int = DUE_POOL_DAY) -> tuple[list[int], int]:
    spacing = (1, 7)
    cut = [stamp(local_midnight_utc(day - timedelta(days=n - 1), timedelta(0))) for n in spacing]
    with db.read() as s:
        return due_passes(s, cut, spacing, pool)


def due_reference(db: Database, day: date, pool: int = DUE_POOL_DAY) -> tuple[list[int], int]:
    cut = [stamp(local_midnight_utc(day - timedelta(days=n - 1), timedelta(0))) for n in (1, 7)]
    params: dict[str, Any] = {"cut1": cut[0], "cut2": cut[1], "space1": 1, "space2": 7}
    with db.read() as s:
        rows = s.execute(text(REFERENCE_DUE), {**params, "pool": pool}).all()
    return [int(r[0]) for r in rows], int(rows[0][1]) if rows else 0


def add_due(db: Database, count: int, finished: list[datetime | None], number: int = 1) -> None:
    """`count` items whose pass `number` is done (finish times taken in turn), next to do."""
    with db.transaction() as s:
        for k in range(count):
            stamp = finished[k % len(finished)]
            item = Item(kind="course_video", title=f"到期 {k}", source="fastai", position=k)
            item.passes = [
                Pass(
                    number=n,
                    speed=1.0,
                    status=PassStatus.DONE if n <= number else PassStatus.TODO,
                    finished_at=stamp if n == number else datetime(2026, 1, 1),
                    minutes_spent=0.0,
                )
                for n in (1, 2, 3)
            ]
            s.add(item)


def test_past_the_pool_the_most_overdue_are_loaded_and_the_rest_counted(
    db: Database, clock: FixedClock
) -> None:
    rng = random.Random(7)
    stamps: list[datetime | None] = [
        datetime(2026, 2, rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59))
        for _ in range(60)
    ]
    add_due(db, 140, [*stamps, None])
    add_due(db, 90, stamps, number=2)
    fill_random_library(db, 8, items=40)
    for day in (TODAY, date(2026, 2, 10), date(2026, 2, 20)):
        loaded, total = due_loaded(db, day)
        expected, expected_total = due_reference(db, day)
        assert sorted(loaded) == sorted(expected)
        assert total == expected_total
    assert due_reference(db, TODAY)[1] > DUE_POOL_DAY
    plan = PlannerService(db, clock).plan_day(budget_minutes=60)
    planned_due = len([e for e in plan.entries if e.reason == "due"])
    # every due pass not planned is deferred (scheduled ones that did not fit come on top)
    assert plan.deferred >= due_reference(db, TODAY)[1] - planned_due > DUE_POOL_DAY


def test_passes_finished_within_one_millisecond_tie_as_in_one_sort(db: Database) -> None:
    """julianday() keeps milliseconds: microseconds apart is a tie, broken by item id.

    The finish times fall as the item ids rise, so reading passes in finish order would
    pick the highest ids at the pool's edge; the planner must pick the lowest, as one sort
    over every due pass does.
    """
    base = datetime(2026, 2, 20, 10, 0, 0, 100)
    add_due(db, 160, [base + timedelta(microseconds=300 - k) for k in range(160)])
    loaded, total = due_loaded(db, TODAY)
    expected, expected_total = due_reference(db, TODAY)
    assert (sorted(loaded), total) == (sorted(expected), expected_total)
    with db.read() as s:
        first_ids = sorted(s.scalars(select(Item.id)).all())[:DUE_POOL_DAY]
    assert sorted(loaded) == first_ids


def test_items_missing_a_pass_are_counted_like_one_sort(db: Database) -> None:
    """Data written outside the app may lack a pass: the count falls back to the pairs."""
    add_due(db, 120, [datetime(2026, 2, d, 8) for d in range(1, 25)])
    add_due(db, 10, [datetime(2026, 2, 3, 8)], number=2)
    with db.transaction() as s:
        ids = sorted(s.scalars(select(Item.id)).all())
        s.execute(delete(Pass).where(Pass.item_id.in_(ids[:7]), Pass.number == 2))
        s.execute(delete(Pass).where(Pass.item_id.in_(ids[-3:]), Pass.number == 3))
    loaded, total = due_loaded(db, TODAY)
    expected, expected_total = due_reference(db, TODAY)
    assert (sorted(loaded), total) == (sorted(expected), expected_total)
    assert total == 120 - 7 + 10 - 3


def test_the_oldest_passes_in_progress_are_offered_ties_by_pass_id(
    db: Database, clock: FixedClock
) -> None:
    started = datetime(2026, 2, 25, 8)
    ids = [
        add_item(db, f"进行中 {k}", minutes=5, in_progress=1) for k in range(COURSE_POOL_DAY + 5)
    ]
    with db.transaction() as s:
        s.execute(
            update(Pass).where(Pass.status == PassStatus.IN_PROGRESS).values(started_at=started)
        )
        s.execute(
            update(Pass)
            .where(Pass.item_id == ids[-1], Pass.number == 1)
            .values(started_at=started - timedelta(days=1))
        )
    plan = PlannerService(db, clock).plan_day(budget_minutes=1440)
    offered = {e.item_id for e in plan.entries}
    assert offered == {ids[-1], *ids[: COURSE_POOL_DAY - 1]}


def test_many_courses_read_more_lessons_when_the_plan_needs_them(
    db: Database, clock: FixedClock
) -> None:
    """With 130 courses only two lessons of each are read up front; a long day asks for more."""
    with db.transaction() as s:
        for course in range(130):
            for lesson in range(4):
                item = Item(
                    kind="course_video",
                    title=f"课程 {course} 第 {lesson} 课",
                    source=f"course-{course:03d}",
                    position=None if lesson == 3 else lesson,
                    duration_seconds=300,
                )
                item.passes = [
                    Pass(number=n, speed=1.0, status=PassStatus.TODO, minutes_spent=0.0)
                    for n in (1, 2, 3)
                ]
                s.add(item)
    planner = PlannerService(db, clock)
    for budget in (90, 1440):
        assert planner.plan_day(TODAY, budget) == reference_week(db, TODAY, 1, budget)[0]
    assert len(planner.plan_day(TODAY, 1440).entries) == 130 * 2 + 28  # 1440 / 5 min
    assert list(planner.plan_week(TODAY, 1440).days) == reference_week(db, TODAY, 7, 1440)


@pytest.mark.parametrize("hours", [8, -5.5])
def test_local_days_follow_the_time_zone(db: Database, hours: float) -> None:
    """East or west of UTC a pass finished late in the UTC day counts on the next local day
    (or the previous one): due dates and what is due today follow the clock's offset."""
    fill_random_library(db, 9)
    offset = timedelta(hours=hours)
    planner = PlannerService(db, FixedClock(NOW, offset))
    for budget in (90, 600):
        expected = reference_week(db, TODAY, 1, budget, offset)[0]
        assert planner.plan_day(TODAY, budget) == expected
        assert list(planner.plan_week(TODAY, budget).days) == reference_week(
            db, TODAY, 7, budget, offset
        )
    assert reference_week(db, TODAY, 7, 600, offset) != reference_week(db, TODAY, 7, 600)
