"""The planner's rules: what to study on a day, and the week ahead. Pure: no database.

The planner service (`planner.py`) loads candidate items with the tuned statements of
`plan_queries.py`; the reference tests build the same states from every row through the ORM.
Both hand them to `plan_for`, so the rules live once, here.

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

Local calendar days come from the clock's `utc_offset()`: the system clock uses the machine's
time zone, a FixedClock is a UTC world unless given an offset.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from models.library import PassStatus
from models.speeds import time_at_speed

DEFAULT_VIDEO_MINUTES = 30.0
READING_KINDS = frozenset({"paper", "article"})
MAX_BUDGET_MINUTES = 24 * 60

REASON_DUE = "due"
REASON_IN_PROGRESS = "in_progress"
REASON_SCHEDULED = "scheduled"
REASON_QUEUED = "queued"
REASON_COURSE = "course"


# ---- time helpers ------------------------------------------------------------------------
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
    return time_at_speed(base, speed)


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
@dataclass(slots=True)
class PassRow:
    number: int
    status: str
    speed: float
    finished_at: datetime | None


@dataclass(slots=True)
class ItemState:
    id: int
    title: str
    kind: str
    source: str
    position: int | None
    duration_seconds: int | None
    reading_minutes: int | None
    scheduled_for: date | None
    queue_position: int | None
    passes: dict[int, PassRow] = field(default_factory=dict)
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
        started = highest = 0  # lowest pass in progress, highest pass done
        for number in (1, 2, 3):
            row = self.passes.get(number)
            if row is None:
                continue
            if row.status == PassStatus.IN_PROGRESS:
                started = started or number
            elif row.status == PassStatus.DONE:
                highest = number
        self.in_progress = started > 0
        self.next_pass = started or highest + 1
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
class Rules:
    spacing: tuple[int, int]
    paper_minutes: tuple[float, float, float]


# ---- one day -----------------------------------------------------------------------------
_Keyed = list[tuple[tuple[Any, ...], PlanEntry]]


def _due_date(state: ItemState, rules: Rules) -> date | None:
    if state.next_pass < 2 or state.next_pass > 3 or state.prev_done is None:
        return None
    return state.prev_done + timedelta(days=rules.spacing[state.next_pass - 2])


def _entry(
    state: ItemState, rules: Rules, due: date | None, overdue: bool, reason: str
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


def _candidates(
    day: date, states: dict[int, ItemState], rules: Rules
) -> tuple[_Keyed, _Keyed, _Keyed]:
    """The due (and in-progress), scheduled and queued entries of the day, with sort keys."""
    due_entries: _Keyed = []
    scheduled: _Keyed = []
    queued: _Keyed = []
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
    return due_entries, scheduled, queued


def _is_next_lesson(state: ItemState | None, rank: int, planned: set[int]) -> bool:
    """A lesson the course `rank` may offer: its own, unstarted, not planned yet."""
    return (
        state is not None
        and state.id not in planned
        and state.next_pass == 1
        and not state.in_progress
        and state.course_rank == rank
    )


def _next_lesson(
    rank: int,
    course: list[int],
    pointers: list[int],
    states: dict[int, ItemState],
    planned: set[int],
    extend: Callable[[int], bool] | None,
) -> ItemState | None:
    """Move the course's pointer to its next lesson to offer, reading more when it runs out."""
    while True:
        while pointers[rank] < len(course) and not _is_next_lesson(
            states.get(course[pointers[rank]]), rank, planned
        ):
            pointers[rank] += 1
        if pointers[rank] < len(course) or extend is None or not extend(rank):
            break
    if pointers[rank] >= len(course):
        return None
    return states[course[pointers[rank]]]


def plan_for(
    day: date,
    budget: int,
    states: dict[int, ItemState],
    courses: list[list[int]],
    rules: Rules,
    unloaded: int = 0,
    extend: Callable[[int], bool] | None = None,
) -> DayPlan:
    """One day's plan; `unloaded` due passes beyond the loaded pool count as deferred.

    `extend(rank)` reads more lessons of a course into `courses[rank]` and `states` when the
    plan reaches the end of what was read (False: nothing more).
    """
    entries: list[PlanEntry] = []
    total = 0.0
    deferred = unloaded
    for group in _candidates(day, states, rules):
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
            chosen = _next_lesson(rank, courses[rank], pointers, states, planned, extend)
            if chosen is None:
                continue
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


def assume_done(plan: DayPlan, day: date, states: dict[int, ItemState]) -> None:
    """Week simulation: each planned pass is finished on its day."""
    for entry in plan.entries:
        state = states[entry.item_id]
        state.next_pass = entry.pass_number + 1
        state.prev_done = day
        state.prev_is_done = True
        state.in_progress = False
        state.scheduled_for = None
        state.queue_position = None
