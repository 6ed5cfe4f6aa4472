"""What to study on a day, and the week ahead.

The rules (also shown in the docs):

* **Due passes first.** Pass 2 is due `pass_spacing_days[0]` days after pass 1 was finished,
  pass 3 `pass_spacing_days[1]` days after pass 2 (local calendar days). A due date before
  the planned day is *overdue*. Passes already in progress are always offered (the user
  started them), even when an earlier pass is still to do: a user may skip a pass, so an
  item's next pass is its in-progress pass, else the one after its highest pass done.
  Most overdue first.
* **Then scheduled items** (`Item.scheduled_for` on or before the day; earlier = overdue),
  then the **queue** (`Item.queue_position`, unstarted items only).
* **Then followed courses.** A *course* is an `Item.source` ("fastai", "paper-reading").
  `followed_courses` lists them in the user's order; when it is empty every source except
  "manual" that has video items is followed, in name order. Each course offers its next
  unstarted videos in course order (`Item.position`, then id); courses take turns.
* **Budget.** Candidates are taken in that order while they fit in `daily_budget_minutes`.
  One that does not fit is left for another day (counted in `deferred`) and smaller ones
  after it may still fit, except inside a course, which stops at its first video that does
  not fit (course order is kept). The first entry of a day is always taken, so a video
  longer than the budget still gets a day.
* **Minutes** of a video pass = duration ÷ that pass's speed (30 min at 1x when the
  duration is unknown). Papers and articles use `paper_reading_minutes` per pass
  (skim / read / deep); an item's own `reading_minutes` is its pass-2 estimate and the
  other passes scale with the defaults.
* **Week.** Day 0 is the real plan. For each following day the simulation assumes the
  previous days' plans were done on their day: finished passes make the next pass due by
  the spacing rule, and what did not fit rolls over.

A FixedClock lives in UTC (its `today()` is `now().date()`); the system clock uses the
machine's time zone to turn stored UTC timestamps into local calendar days.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from models.clock import Clock, FixedClock, SystemClock
from models.db import Database
from models.errors import ValidationError
from models.library import VIDEO_KINDS, Item, Pass, PassStatus
from models.services.settings import SettingsService

DEFAULT_VIDEO_MINUTES = 30.0
VIDEO_KIND_NAMES = sorted(k.value for k in VIDEO_KINDS)
READING_KINDS = frozenset({"paper", "article"})
COURSE_POOL_DAY = 30  # next lessons loaded per followed course (a day needs a few)
COURSE_POOL_WEEK = 120
DUE_POOL_DAY = 100  # due passes loaded, most overdue first; the rest only counted
DUE_POOL_WEEK = 400
MAX_BUDGET_MINUTES = 24 * 60
SQL_CHUNK = 900

REASON_DUE = "due"
REASON_IN_PROGRESS = "in_progress"
REASON_SCHEDULED = "scheduled"
REASON_QUEUED = "queued"
REASON_COURSE = "course"


# ---- time helpers ------------------------------------------------------------------------
def utc_offset(clock: Clock) -> timedelta:
    """Local time minus UTC; a FixedClock is a UTC world so tests do not depend on the TZ."""
    if isinstance(clock, FixedClock):
        return timedelta(0)
    return datetime.now().astimezone().utcoffset() or timedelta(0)


def local_date(stamp: datetime, offset: timedelta) -> date:
    return (stamp + offset).date()


def local_midnight_utc(day: date, offset: timedelta) -> datetime:
    """The naive UTC instant at which the local day begins."""
    return datetime.combine(day, time.min) - offset


# ---- estimates ---------------------------------------------------------------------------
def pass_minutes(
    kind: str,
    duration_seconds: int | None,
    reading_minutes: int | None,
    number: int,
    speed: float,
    paper_minutes: Sequence[float],
) -> float:
    """Planned minutes of one pass: duration ÷ speed for videos, a reading estimate for papers."""
    if kind in READING_KINDS:
        default = float(paper_minutes[number - 1])
        if reading_minutes and paper_minutes[1]:
            return reading_minutes * default / float(paper_minutes[1])
        return default
    base = duration_seconds / 60.0 if duration_seconds else DEFAULT_VIDEO_MINUTES
    return base / (speed if speed and speed > 0 else 1.0)


# ---- results -----------------------------------------------------------------------------
@dataclass(frozen=True)
class PlanEntry:
    item_id: int
    title: str
    kind: str
    source: str
    pass_number: int
    speed: float
    minutes: float
    due: date | None
    overdue: bool
    reason: str


@dataclass(frozen=True)
class DayPlan:
    day: date
    budget_minutes: int
    entries: tuple[PlanEntry, ...]
    deferred: int = 0  # due/scheduled passes that did not fit the budget

    @property
    def total_minutes(self) -> float:
        return sum(e.minutes for e in self.entries)

    def to_json(self) -> dict[str, Any]:
        """The `threepass plan --json` contract."""
        return {
            "date": self.day.isoformat(),
            "budget_minutes": self.budget_minutes,
            "entries": [
                {
                    "item_id": e.item_id,
                    "title": e.title,
                    "pass": e.pass_number,
                    "minutes": round(e.minutes, 1),
                    "due": e.due.isoformat() if e.due else None,
                    "overdue": e.overdue,
                }
                for e in self.entries
            ],
        }


@dataclass(frozen=True)
class WeekPlan:
    start: date
    budget_minutes: int
    days: tuple[DayPlan, ...]


# ---- in-memory state of one candidate item -----------------------------------------------
@dataclass
class _PassRow:
    number: int
    status: str
    speed: float
    finished_at: datetime | None


@dataclass
class _ItemState:
    id: int
    title: str
    kind: str
    source: str
    position: int | None
    duration_seconds: int | None
    reading_minutes: int | None
    scheduled_for: date | None
    queue_position: int | None
    passes: dict[int, _PassRow] = field(default_factory=dict)
    next_pass: int = 1  # 4 = all three done
    prev_done: date | None = None  # local day the previous pass was finished
    prev_is_done: bool = False  # the pass before next_pass is done (not skipped)
    in_progress: bool = False
    course_rank: int | None = None  # followed course index when offered as a course item

    def settle(self, offset: timedelta) -> None:
        """Derive next pass / previous finish / in-progress from the pass rows.

        The user may skip a pass (start pass 2 while pass 1 is still to do): a pass in
        progress is always the one offered (the lowest, if several), otherwise the pass after
        the highest one done, so a skipped pass never hides the item from the plan.
        """
        started = [
            n
            for n in (1, 2, 3)
            if (row := self.passes.get(n)) is not None and row.status == PassStatus.IN_PROGRESS
        ]
        done = [
            n
            for n in (1, 2, 3)
            if (row := self.passes.get(n)) is not None and row.status == PassStatus.DONE
        ]
        self.in_progress = bool(started)
        self.next_pass = started[0] if started else (max(done) + 1 if done else 1)
        prev = self.passes.get(self.next_pass - 1)
        self.prev_is_done = prev is not None and prev.status == PassStatus.DONE
        if self.prev_is_done and prev is not None and prev.finished_at is not None:
            self.prev_done = local_date(prev.finished_at, offset)
        else:
            self.prev_done = None

    def speed(self, number: int) -> float:
        row = self.passes.get(number)
        return row.speed if row is not None else 1.0

    def sort_key(self) -> tuple[str, int, int]:
        return (self.source, self.position if self.position is not None else 1 << 30, self.id)


@dataclass(frozen=True)
class _Rules:
    spacing: tuple[int, int]
    paper_minutes: tuple[float, float, float]


class PlannerService:
    """Builds day and week plans from a few aggregate queries (fast on 100k items)."""

    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self._db = db
        self._clock = clock or SystemClock()
        self._settings = SettingsService(db)

    # ---- public API ------------------------------------------------------------------------
    def plan_day(self, day: date | None = None, budget_minutes: int | None = None) -> DayPlan:
        day = day or self._clock.today()
        return self._simulate(day, 1, budget_minutes).days[0]

    def plan_week(self, start: date | None = None, budget_minutes: int | None = None) -> WeekPlan:
        return self._simulate(start or self._clock.today(), 7, budget_minutes)

    def followed_courses(self) -> list[str]:
        """The followed sources, in order (explicit setting, else every video source)."""
        with self._db.read() as s:
            return self._followed(s)

    # ---- core ------------------------------------------------------------------------------
    def _rules(self) -> tuple[_Rules, int, list[str]]:
        values = self._settings.all()
        spacing = values.get("pass_spacing_days") or [1, 7]
        papers = values.get("paper_reading_minutes") or [20, 60, 120]
        rules = _Rules(
            spacing=(int(spacing[0]), int(spacing[1])),
            paper_minutes=(float(papers[0]), float(papers[1]), float(papers[2])),
        )
        followed = [str(x) for x in values.get("followed_courses") or []]
        return rules, int(values.get("daily_budget_minutes") or 90), followed

    def _simulate(self, start: date, days: int, budget_minutes: int | None) -> WeekPlan:
        rules, default_budget, followed_setting = self._rules()
        budget = default_budget if budget_minutes is None else budget_minutes
        if not 0 < budget <= MAX_BUDGET_MINUTES:
            raise ValidationError(
                f"A daily budget is between 1 and {MAX_BUDGET_MINUTES} minutes, not {budget}."
            )
        offset = utc_offset(self._clock)
        last = start + timedelta(days=days - 1)
        states, courses, unloaded = self._load(last, rules, followed_setting, offset, days)
        plans = []
        for k in range(days):
            day = start + timedelta(days=k)
            plan = _plan_for(day, budget, states, courses, rules, unloaded)
            plans.append(plan)
            _assume_done(plan, day, states)
        return WeekPlan(start=start, budget_minutes=budget, days=tuple(plans))

    def _followed(self, s: Session, setting: list[str] | None = None) -> list[str]:
        if setting is None:
            setting = [str(x) for x in self._settings.get("followed_courses") or []]
        if setting:
            return setting
        return [source for source in _sources(s) if source != "manual" and _has_videos(s, source)]

    def _load(
        self,
        last: date,
        rules: _Rules,
        followed_setting: list[str],
        offset: timedelta,
        days: int,
    ) -> tuple[dict[int, _ItemState], list[list[int]], int]:
        """All items that could appear up to `last`: a handful of indexed queries."""
        cut = [local_midnight_utc(last - timedelta(days=s - 1), offset) for s in rules.spacing]
        prev, nxt = aliased(Pass), aliased(Pass)
        pool = COURSE_POOL_WEEK if days > 1 else COURSE_POOL_DAY
        due_pool = DUE_POOL_WEEK if days > 1 else DUE_POOL_DAY
        with self._db.read() as s:
            due_order = func.julianday(prev.finished_at) + case(
                (prev.number == 1, rules.spacing[0]), else_=rules.spacing[1]
            )
            due_where = and_(
                prev.status == PassStatus.DONE,
                nxt.status != PassStatus.DONE,
                or_(
                    prev.finished_at.is_(None),
                    and_(prev.number == 1, prev.finished_at < cut[0]),
                    and_(prev.number == 2, prev.finished_at < cut[1]),
                ),
            )
            due_join = and_(prev.item_id == nxt.item_id, prev.number == nxt.number - 1)
            ids: set[int] = set(
                s.scalars(
                    select(nxt.item_id)
                    .join(prev, due_join)
                    .where(due_where)
                    .order_by(func.coalesce(due_order, 0), nxt.item_id)
                    .limit(due_pool)
                )
            )
            unloaded = 0
            if len(ids) >= due_pool:
                unloaded = int(
                    s.scalar(
                        select(func.count()).select_from(nxt).join(prev, due_join).where(due_where)
                    )
                    or 0
                ) - len(ids)
            ids.update(
                s.scalars(
                    select(Pass.item_id)
                    .where(Pass.status == PassStatus.IN_PROGRESS)
                    .order_by(Pass.started_at)
                    .limit(pool)
                )
            )
            # two queries, not one OR: SQLite would scan the table for "IS NOT NULL" in an OR
            ids.update(s.scalars(select(Item.id).where(Item.scheduled_for <= last)))
            ids.update(s.scalars(select(Item.id).where(Item.queue_position.is_not(None))))
            started = select(Pass.item_id).where(
                Pass.item_id == Item.id, Pass.status != PassStatus.TODO
            )
            courses: list[list[int]] = []
            for source in self._followed(s, followed_setting):
                course_ids: list[int] = []
                for has_position in (True, False):  # lessons with a position first
                    course_ids += s.scalars(
                        select(Item.id)
                        .where(
                            Item.source == source,
                            Item.position.is_not(None) if has_position else Item.position.is_(None),
                            Item.kind.in_(VIDEO_KIND_NAMES),
                            ~started.exists(),
                        )
                        .order_by(Item.position, Item.id)
                        .limit(pool - len(course_ids))
                    )
                    if len(course_ids) >= pool:
                        break
                courses.append(course_ids)
                ids.update(course_ids)
            states = _load_states(s, ids, offset)
        for rank, course_ids in enumerate(courses):
            for item_id in course_ids:
                state = states.get(item_id)
                if state is not None and state.course_rank is None:
                    state.course_rank = rank
        return states, courses, unloaded


def _sources(s: Session) -> list[str]:
    """Distinct item sources by index skip-scan: one seek per source, not a 100k-row scan."""
    found: list[str] = []
    while True:
        query = select(func.min(Item.source))
        if found:
            query = query.where(Item.source > found[-1])
        source = s.scalar(query)
        if source is None:
            return found
        found.append(source)


def _has_videos(s: Session, source: str) -> bool:
    return (
        s.scalar(
            select(Item.id).where(Item.source == source, Item.kind.in_(VIDEO_KIND_NAMES)).limit(1)
        )
        is not None
    )


def _chunks(values: Iterable[int]) -> Iterable[list[int]]:
    it = iter(values)
    while chunk := list(itertools.islice(it, SQL_CHUNK)):
        yield chunk


def _load_states(s: Session, ids: set[int], offset: timedelta) -> dict[int, _ItemState]:
    states: dict[int, _ItemState] = {}
    for chunk in _chunks(sorted(ids)):
        for r in s.execute(
            select(
                Item.id,
                Item.title,
                Item.kind,
                Item.source,
                Item.position,
                Item.duration_seconds,
                Item.reading_minutes,
                Item.scheduled_for,
                Item.queue_position,
            ).where(Item.id.in_(chunk))
        ):
            states[r.id] = _ItemState(
                id=r.id,
                title=r.title,
                kind=r.kind,
                source=r.source,
                position=r.position,
                duration_seconds=r.duration_seconds,
                reading_minutes=r.reading_minutes,
                scheduled_for=r.scheduled_for,
                queue_position=r.queue_position,
            )
        for p in s.execute(
            select(Pass.item_id, Pass.number, Pass.status, Pass.speed, Pass.finished_at).where(
                Pass.item_id.in_(chunk)
            )
        ):
            states[p.item_id].passes[p.number] = _PassRow(
                p.number, p.status, p.speed, p.finished_at
            )
    for state in states.values():
        state.settle(offset)
    return states


def _due_date(state: _ItemState, rules: _Rules) -> date | None:
    if state.next_pass < 2 or state.next_pass > 3 or state.prev_done is None:
        return None
    return state.prev_done + timedelta(days=rules.spacing[state.next_pass - 2])


def _entry(
    state: _ItemState, rules: _Rules, due: date | None, overdue: bool, reason: str
) -> PlanEntry:
    n = state.next_pass
    speed = state.speed(n)
    return PlanEntry(
        item_id=state.id,
        title=state.title,
        kind=state.kind,
        source=state.source,
        pass_number=n,
        speed=speed,
        minutes=pass_minutes(
            state.kind,
            state.duration_seconds,
            state.reading_minutes,
            n,
            speed,
            rules.paper_minutes,
        ),
        due=due,
        overdue=overdue,
        reason=reason,
    )


def _plan_for(
    day: date,
    budget: int,
    states: dict[int, _ItemState],
    courses: list[list[int]],
    rules: _Rules,
    unloaded: int = 0,
) -> DayPlan:
    """One day's plan; `unloaded` due passes beyond the loaded pool count as deferred."""
    due_entries: list[tuple[tuple[Any, ...], PlanEntry]] = []
    scheduled: list[tuple[tuple[Any, ...], PlanEntry]] = []
    queued: list[tuple[tuple[Any, ...], PlanEntry]] = []
    for state in states.values():
        if state.next_pass > 3:
            continue
        due = _due_date(state, rules)
        spaced_due = state.next_pass >= 2 and state.prev_is_done and (due is None or due <= day)
        if state.in_progress or spaced_due:
            reason = REASON_DUE if spaced_due else REASON_IN_PROGRESS
            key = (due or day, 0 if spaced_due else 1, *state.sort_key())
            overdue = due is not None and due < day
            due_entries.append((key, _entry(state, rules, due, overdue, reason)))
        elif state.scheduled_for is not None and state.scheduled_for <= day:
            entry = _entry(
                state, rules, state.scheduled_for, state.scheduled_for < day, REASON_SCHEDULED
            )
            scheduled.append(((state.scheduled_for, state.id), entry))
        elif state.queue_position is not None and state.next_pass == 1:
            queued.append(
                ((state.queue_position, state.id), _entry(state, rules, None, False, REASON_QUEUED))
            )
    entries: list[PlanEntry] = []
    total = 0.0
    deferred = unloaded
    for group in (due_entries, scheduled, queued):
        for _key, entry in sorted(group, key=lambda pair: pair[0]):
            if entries and total + entry.minutes > budget:
                if entry.reason != REASON_QUEUED:
                    deferred += 1
                continue
            entries.append(entry)
            total += entry.minutes
    planned = {e.item_id for e in entries}
    pointers = [0] * len(courses)
    open_courses = [i for i, c in enumerate(courses) if c]  # courses take turns
    while open_courses and total < budget:
        still_open = []
        for rank in open_courses:
            course = courses[rank]
            while pointers[rank] < len(course):
                candidate = states.get(course[pointers[rank]])
                if (
                    candidate is None
                    or candidate.id in planned
                    or candidate.next_pass != 1
                    or candidate.in_progress
                    or candidate.course_rank != rank
                ):
                    pointers[rank] += 1
                    continue
                break
            if pointers[rank] >= len(course):
                continue
            chosen = states[course[pointers[rank]]]
            entry = _entry(chosen, rules, None, False, REASON_COURSE)
            if entries and total + entry.minutes > budget:
                continue  # this course stops for the day: its order is kept
            entries.append(entry)
            planned.add(chosen.id)
            total += entry.minutes
            pointers[rank] += 1
            still_open.append(rank)
        open_courses = still_open
    return DayPlan(day=day, budget_minutes=budget, entries=tuple(entries), deferred=deferred)


def _assume_done(plan: DayPlan, day: date, states: dict[int, _ItemState]) -> None:
    """Week simulation: each planned pass is finished on its day."""
    for entry in plan.entries:
        state = states[entry.item_id]
        state.next_pass = entry.pass_number + 1
        state.prev_done = day
        state.prev_is_done = True
        state.in_progress = False
        state.scheduled_for = None
        state.queue_position = None
