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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    Date,
    Float,
    Integer,
    String,
    Text,
    and_,
    bindparam,
    case,
    column,
    func,
    or_,
    select,
    text,
)
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
# lessons read up front, shared by the followed courses (at least 2 each); a plan that
# gets further into a course reads COURSE_MORE more at a time
COURSE_FIRST_TOTAL = 240
COURSE_FIRST_MIN = 2
COURSE_MORE = 16
COURSE_BATCH = 400  # courses per batched first-lessons query (bound parameters)
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
        plans = []
        with self._db.read() as s:
            states, courses, unloaded = self._load(s, last, rules, followed_setting, offset, days)
            ids = [c.ids for c in courses]

            def extend(rank: int) -> bool:
                return courses[rank].more(s, states, offset)

            for k in range(days):
                day = start + timedelta(days=k)
                plan = _plan_for(day, budget, states, ids, rules, unloaded, extend)
                plans.append(plan)
                _assume_done(plan, day, states)
        return WeekPlan(start=start, budget_minutes=budget, days=tuple(plans))

    def _followed(self, s: Session, setting: list[str] | None = None) -> list[str]:
        if setting is None:
            setting = [str(x) for x in self._settings.get("followed_courses") or []]
        if setting:
            return setting
        return _video_sources(s)

    def _load(
        self,
        s: Session,
        last: date,
        rules: _Rules,
        followed_setting: list[str],
        offset: timedelta,
        days: int,
    ) -> tuple[dict[int, _ItemState], list[_Course], int]:
        """The candidates up to `last`: a handful of indexed queries.

        Courses load only their first few lessons here (one query for all of them); a plan
        that reaches the end of what is loaded asks for more (`_Course.more`), up to `pool`.
        """
        cut = [local_midnight_utc(last - timedelta(days=s - 1), offset) for s in rules.spacing]
        prev, nxt = aliased(Pass), aliased(Pass)
        pool = COURSE_POOL_WEEK if days > 1 else COURSE_POOL_DAY
        due_pool = DUE_POOL_WEEK if days > 1 else DUE_POOL_DAY
        # the most overdue passes and, in the same scan, how many are due in all
        due_order = func.coalesce(
            func.julianday(prev.finished_at)
            + case((prev.number == 1, rules.spacing[0]), else_=rules.spacing[1]),
            0,
        )
        due_rows = s.execute(
            select(nxt.item_id, func.count().over())
            .join(prev, and_(nxt.item_id == prev.item_id, nxt.number == prev.number + 1))
            .where(
                prev.status == PassStatus.DONE,
                nxt.status != PassStatus.DONE,
                or_(
                    prev.finished_at.is_(None),
                    and_(prev.number == 1, prev.finished_at < cut[0]),
                    and_(prev.number == 2, prev.finished_at < cut[1]),
                ),
            )
            .order_by(due_order, nxt.item_id)
            .limit(due_pool)
        ).all()
        ids: set[int] = {int(r[0]) for r in due_rows}
        unloaded = int(due_rows[0][1]) - len(ids) if due_rows else 0
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
        courses = [
            _Course(rank, source, pool)
            for rank, source in enumerate(self._followed(s, followed_setting))
        ]
        first = max(COURSE_FIRST_MIN, COURSE_FIRST_TOTAL // max(1, len(courses)))
        lessons = _first_lessons(s, courses, min(first, pool))
        first_rank: dict[str, int] = {}
        for course in courses:
            course.course_rank = first_rank.setdefault(course.source, course.rank)
        states = _load_states(s, ids, offset)
        for item_id, lesson in lessons.items():
            if item_id not in states:
                lesson.settle(offset)
                states[item_id] = lesson
        for course in courses:
            for item_id in course.ids:
                state = states.get(item_id)
                if state is not None and state.course_rank is None:
                    state.course_rank = course.course_rank
        return states, courses, unloaded


VIDEO_SOURCES = text(
    """
    WITH RECURSIVE src(source) AS (
        SELECT min(source) FROM items
        UNION ALL
        SELECT (SELECT min(source) FROM items WHERE source > src.source)
        FROM src WHERE src.source IS NOT NULL
    )
    SELECT source FROM src
    WHERE source IS NOT NULL AND source != 'manual'
      AND EXISTS (SELECT 1 FROM items WHERE items.source = src.source AND items.kind IN :kinds)
    ORDER BY source
    """
).bindparams(bindparam("kinds", expanding=True))


def _video_sources(s: Session) -> list[str]:
    """Sources except "manual" with videos, by index skip-scan: one statement, no table scan."""
    return [str(r) for r in s.scalars(VIDEO_SOURCES, {"kinds": VIDEO_KIND_NAMES})]


def _unstarted() -> Any:
    started = select(Pass.item_id).where(Pass.item_id == Item.id, Pass.status != PassStatus.TODO)
    return ~started.exists()


class _Course:
    """A followed course's unstarted lessons in course order, read a few at a time.

    Lessons with a position come first (position, then id), then those without (by id);
    at most `pool` are ever read, as when the whole pool was read up front.
    """

    def __init__(self, rank: int, source: str, pool: int) -> None:
        self.rank = rank
        self.source = source
        self.course_rank = rank  # the first rank of this source, if followed twice
        self.pool = pool
        self.ids: list[int] = []
        self.positioned = 0  # lessons with a position read so far
        self.positioned_done = False
        self.unpositioned = 0
        self.done = False

    def _read(self, s: Session, count: int) -> list[int]:
        """The next `count` lessons (fewer at the end of the course or of the pool)."""
        count = min(count, self.pool - len(self.ids))
        found: list[int] = []
        if self.done or count <= 0:
            self.done = True
            return found
        if not self.positioned_done:
            got = list(
                s.scalars(
                    select(Item.id)
                    .where(
                        Item.source == self.source,
                        Item.position.is_not(None),
                        Item.kind.in_(VIDEO_KIND_NAMES),
                        _unstarted(),
                    )
                    .order_by(Item.position, Item.id)
                    .offset(self.positioned)
                    .limit(count)
                )
            )
            self.positioned += len(got)
            found += got
            if len(got) < count:
                self.positioned_done = True
        if len(found) < count:
            got = list(
                s.scalars(
                    select(Item.id)
                    .where(
                        Item.source == self.source,
                        Item.position.is_(None),
                        Item.kind.in_(VIDEO_KIND_NAMES),
                        _unstarted(),
                    )
                    .order_by(Item.id)
                    .offset(self.unpositioned)
                    .limit(count - len(found))
                )
            )
            self.unpositioned += len(got)
            if len(got) < count - len(found):
                self.done = True
            found += got
        self.ids += found
        if len(self.ids) >= self.pool:
            self.done = True
        return found

    def more(self, s: Session, states: dict[int, _ItemState], offset: timedelta) -> bool:
        """Read the next lessons into `states`; False when the course (or pool) is over."""
        found = self._read(s, COURSE_MORE)
        new = {i for i in found if i not in states}
        states.update(_load_states(s, new, offset))
        for item_id in found:
            state = states[item_id]
            if state.course_rank is None:
                state.course_rank = self.course_rank
        return bool(found)


FIRST_LESSONS = """
    SELECT f.rank, i.id, i.position, i.title, i.kind, i.source, i.duration_seconds,
           i.reading_minutes, i.scheduled_for, i.queue_position,
           (SELECT speed FROM passes WHERE item_id = i.id AND number = 1),
           (SELECT speed FROM passes WHERE item_id = i.id AND number = 2),
           (SELECT speed FROM passes WHERE item_id = i.id AND number = 3)
    FROM f JOIN items AS i ON i.id IN (
        SELECT id FROM (
            SELECT c.id FROM items AS c
            WHERE c.source = f.source AND c.position IS NOT NULL AND c.kind IN ({kinds})
              AND NOT EXISTS (
                  SELECT 1 FROM passes AS p WHERE p.item_id = c.id AND p.status != :todo
              )
            ORDER BY c.position, c.id
            LIMIT :count
        )
        UNION ALL
        SELECT id FROM (
            SELECT c.id FROM items AS c
            WHERE c.source = f.source AND c.position IS NULL AND c.kind IN ({kinds})
              AND NOT EXISTS (
                  SELECT 1 FROM passes AS p WHERE p.item_id = c.id AND p.status != :todo
              )
            ORDER BY c.id
            LIMIT :count
        )
    )
"""


FIRST_LESSON_COLUMNS = (
    column("rank", Integer),
    column("id", Integer),
    column("position", Integer),
    column("title", Text),
    column("kind", String),
    column("source", String),
    column("duration_seconds", Integer),
    column("reading_minutes", Integer),
    column("scheduled_for", Date),
    column("queue_position", Integer),
    column("speed1", Float),
    column("speed2", Float),
    column("speed3", Float),
)


def _first_lessons(s: Session, courses: list[_Course], count: int) -> dict[int, _ItemState]:
    """The first `count` lessons of every course: one statement per batch of courses.

    Each course's lessons with a position and those without are both read (the index on
    (source, position) serves both), then cut to `count` in course order here. Returns their
    states, built from the same rows: a lesson not started has only passes to do, so only
    their speeds matter (not settled yet).
    """
    states: dict[int, _ItemState] = {}
    todo = str(PassStatus.TODO.value)
    kinds = ", ".join(f":k{k}" for k in range(len(VIDEO_KIND_NAMES)))
    for start in range(0, len(courses), COURSE_BATCH):
        batch = courses[start : start + COURSE_BATCH]
        values = ", ".join(f"(:r{k}, :s{k})" for k in range(len(batch)))
        params: dict[str, Any] = {"todo": PassStatus.TODO.value, "count": count}
        params.update({f"k{k}": kind for k, kind in enumerate(VIDEO_KIND_NAMES)})
        for k, course in enumerate(batch):
            params[f"r{k}"] = k
            params[f"s{k}"] = course.source
        query = f"WITH f(rank, source) AS (VALUES {values}) " + FIRST_LESSONS.format(kinds=kinds)
        found: list[list[tuple[bool, int, int]]] = [[] for _ in batch]
        rows = s.execute(text(query).columns(*FIRST_LESSON_COLUMNS), params)
        for r in rows:
            key = (r.position is None, r.position if r.position is not None else 0, r.id)
            found[r.rank].append(key)
            if r.id in states:
                continue
            state = _ItemState(
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
            for number, speed in ((1, r.speed1), (2, r.speed2), (3, r.speed3)):
                if speed is not None:
                    state.passes[number] = _PassRow(number, todo, speed, None)
            states[r.id] = state
        for course, lessons in zip(batch, found, strict=True):
            lessons.sort()
            lessons = lessons[: min(count, course.pool)]
            course.ids = [item_id for _, _, item_id in lessons]
            course.positioned = sum(1 for unpositioned, _, _ in lessons if not unpositioned)
            course.unpositioned = len(lessons) - course.positioned
            course.positioned_done = course.positioned < count
            course.done = len(lessons) < count or len(lessons) >= course.pool
    kept = {item_id for course in courses for item_id in course.ids}
    return {item_id: state for item_id, state in states.items() if item_id in kept}


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
    extend: Callable[[int], bool] | None = None,
) -> DayPlan:
    """One day's plan; `unloaded` due passes beyond the loaded pool count as deferred.

    `extend(rank)` reads more lessons of a course into `courses[rank]` and `states` when the
    plan reaches the end of what was read (False: nothing more).
    """
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
            while True:
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
                if pointers[rank] < len(course) or extend is None or not extend(rank):
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
