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

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from models.clock import Clock, FixedClock, SystemClock
from models.db import Database
from models.errors import ValidationError
from models.library import VIDEO_KINDS, PassStatus
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
DUE_POOL_DAY = 100  # due passes loaded, most overdue first; the rest only counted
DUE_POOL_WEEK = 400
MAX_BUDGET_MINUTES = 24 * 60

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
@dataclass(slots=True)
class _PassRow:
    number: int
    status: str
    speed: float
    finished_at: datetime | None


@dataclass(slots=True)
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
        """The candidates up to `last`: a handful of indexed statements, plain tuples.

        Courses load only their first few lessons here (one statement for all of them); a plan
        that reaches the end of what is loaded asks for more (`_Course.more`), up to `pool`.
        """
        cut = [
            _stamp(local_midnight_utc(last - timedelta(days=n - 1), offset)) for n in rules.spacing
        ]
        pool = COURSE_POOL_WEEK if days > 1 else COURSE_POOL_DAY
        due_pool = DUE_POOL_WEEK if days > 1 else DUE_POOL_DAY
        due_ids, due_total = _due_passes(s, cut, rules.spacing, due_pool)
        ids: set[int] = set(due_ids)
        unloaded = due_total - len(ids)
        ids.update(r[0] for r in _rows(s, IN_PROGRESS, {"pool": pool}))
        # two statements, not one OR: SQLite would scan the table for "IS NOT NULL" in an OR
        ids.update(r[0] for r in _rows(s, SCHEDULED, {"last": last.isoformat()}))
        ids.update(r[0] for r in _rows(s, QUEUED))
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
        for item_id, lesson in lessons.items():  # unstarted: already settled as new
            states.setdefault(item_id, lesson)
        for course in courses:
            for item_id in course.ids:
                state = states.get(item_id)
                if state is not None and state.course_rank is None:
                    state.course_rank = course.course_rank
        return states, courses, unloaded


# ---- SQL ---------------------------------------------------------------------------------
# Indexes of revision 0007: DUE_INDEX holds done passes by (number, finish time), the order
# of "most overdue first"; BY_NUMBER_INDEX each number's passes by item, so two of them merge.
DUE_INDEX = "ix_passes_due_order"  # (status, number, finished_at, item_id)
BY_NUMBER_INDEX = "ix_passes_done_by_number"  # (status, number, item_id, finished_at)
BY_ITEM_INDEX = "ix_passes_status_item"  # (status, item_id, number, started_at)
STAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores a DateTime in SQLite


def _stamp(moment: datetime) -> str:
    """A naive UTC datetime as stored, so that raw SQL compares it like the ORM would."""
    return moment.strftime(STAMP_FORMAT)


def _rows(s: Session, sql: str, params: Mapping[str, Any] | None = None) -> list[Any]:
    """Rows as plain tuples straight from the driver: no ORM objects, no type processing.

    The statement goes through SQLAlchemy (its events see it); the rows are fetched from
    the driver's cursor at once, which costs a third of fetching them one by one as Rows.
    """
    result = s.connection().exec_driver_sql(sql, params or {})
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


# A done pass `p` whose next pass `n` is not done: the next pass is due (spacing permitting).
# One statement per pass number k (1 or 2) keeps each an index range in DUE_INDEX.
_DUE_FROM = f"""
    FROM passes AS p INDEXED BY {DUE_INDEX}
    JOIN passes AS n ON n.item_id = p.item_id AND n.number = :next
    WHERE p.status = 'done' AND p.number = :k AND n.status != 'done'
"""
DUE_UNFINISHED = f"""
    SELECT p.item_id, 0 {_DUE_FROM} AND p.finished_at IS NULL ORDER BY p.item_id LIMIT :pool
"""
DUE_NTH_FINISH = f"""
    SELECT p.finished_at {_DUE_FROM} AND p.finished_at < :cut
    ORDER BY p.finished_at LIMIT 1 OFFSET :nth
"""
DUE_FIRST = f"""
    SELECT p.item_id, coalesce(julianday(p.finished_at) + :spacing, 0) AS due {_DUE_FROM}
      AND p.finished_at < :bound
    ORDER BY due, p.item_id LIMIT :pool
"""


def _done_within(number: int, cut: str) -> str:
    """Items whose pass `number` is done and was finished before `cut` (or at no known time)."""
    return (
        f"SELECT item_id FROM passes INDEXED BY {BY_NUMBER_INDEX} "
        f"WHERE status = 'done' AND number = {number} AND coalesce(finished_at < :{cut}, 1)"
    )


def _done(number: int) -> str:
    return (
        f"SELECT item_id FROM passes INDEXED BY {BY_NUMBER_INDEX} "
        f"WHERE status = 'done' AND number = {number}"
    )


# How many next passes are due in all. With every item holding its three passes (foreign keys
# are on, a pass number is 1-3 and unique per item, so passes = 3 x items proves it), that is
# the items whose pass k is done within the spacing EXCEPT those whose pass k+1 is done too:
# two ranges of BY_NUMBER_INDEX sorted by item, which SQLite merges (no seek per pass).
DUE_DONE_COUNT = f"""
    SELECT (SELECT count(*) FROM ({_done_within(1, "cut1")} EXCEPT {_done(2)} ORDER BY 1))
         + (SELECT count(*) FROM ({_done_within(2, "cut2")} EXCEPT {_done(3)} ORDER BY 1))
"""
ALL_PASSES_PRESENT = "SELECT (SELECT count(*) FROM passes) = 3 * (SELECT count(*) FROM items)"
# Any data (an item missing a pass): the pairs themselves.
DUE_PAIRS_COUNT = """
    SELECT count(*) FROM passes AS p
    JOIN passes AS n ON n.item_id = p.item_id AND n.number = p.number + 1
    WHERE p.status = 'done' AND p.number < 3 AND n.status != 'done'
      AND coalesce(p.finished_at < CASE p.number WHEN 1 THEN :cut1 ELSE :cut2 END, 1)
"""
# The oldest passes in progress (ties by pass id, as the table's order gave them before).
IN_PROGRESS = f"""
    SELECT item_id FROM passes INDEXED BY {BY_ITEM_INDEX}
    WHERE status = 'in_progress' ORDER BY started_at, id LIMIT :pool
"""
SCHEDULED = "SELECT id FROM items WHERE scheduled_for <= :last"
QUEUED = "SELECT id FROM items WHERE queue_position IS NOT NULL"


def _due_passes(
    s: Session, cut: list[str], spacing: tuple[int, int], pool: int
) -> tuple[list[int], int]:
    """The items of the `pool` most overdue next passes, and how many next passes are due.

    Most overdue = earliest (finish day of the previous pass + spacing), a pass finished at an
    unknown time first, then by item id: the same order as one sort over every due pass, read
    from each pass number's stretch of DUE_INDEX in finish order, which stops after `pool`.
    julianday() keeps milliseconds, so passes finished within the same millisecond tie; the
    walk goes on past the pool-th finish time by a second to keep those ties exact.
    """
    found: list[tuple[float, int]] = []
    for k in (1, 2):
        params: dict[str, Any] = {"k": k, "next": k + 1, "cut": cut[k - 1], "pool": pool}
        found += [(0.0, int(r[0])) for r in _rows(s, DUE_UNFINISHED, params)]
        nth = _rows(s, DUE_NTH_FINISH, {**params, "nth": pool - 1})
        bound = cut[k - 1]
        if nth:
            try:
                later = datetime.fromisoformat(str(nth[0][0])) + timedelta(seconds=1)
                bound = min(bound, _stamp(later))
            except ValueError:  # an unexpected stored format: walk the whole stretch
                pass
        params.update(spacing=spacing[k - 1], bound=bound)
        found += [(float(r[1]), int(r[0])) for r in _rows(s, DUE_FIRST, params)]
    found.sort()
    cuts = {"cut1": cut[0], "cut2": cut[1]}
    if _rows(s, ALL_PASSES_PRESENT)[0][0]:
        total = int(_rows(s, DUE_DONE_COUNT, cuts)[0][0])
    else:
        total = int(_rows(s, DUE_PAIRS_COUNT, cuts)[0][0])
    return [item_id for _, item_id in found[:pool]], total


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


_KINDS_SQL = ", ".join(f"'{kind}'" for kind in VIDEO_KIND_NAMES)  # fixed enum values
_UNSTARTED = "NOT EXISTS (SELECT 1 FROM passes AS p WHERE p.item_id = c.id AND p.status != 'todo')"
# A course's unstarted lessons with a position (course order), then those without (by id).
COURSE_POSITIONED = f"""
    SELECT c.id FROM items AS c
    WHERE c.source = :source AND c.position IS NOT NULL AND c.kind IN ({_KINDS_SQL})
      AND {_UNSTARTED}
    ORDER BY c.position, c.id LIMIT :count OFFSET :skip
"""
COURSE_UNPOSITIONED = f"""
    SELECT c.id FROM items AS c
    WHERE c.source = :source AND c.position IS NULL AND c.kind IN ({_KINDS_SQL})
      AND {_UNSTARTED}
    ORDER BY c.id LIMIT :count OFFSET :skip
"""


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
            got = [
                int(r[0])
                for r in _rows(
                    s,
                    COURSE_POSITIONED,
                    {"source": self.source, "count": count, "skip": self.positioned},
                )
            ]
            self.positioned += len(got)
            found += got
            if len(got) < count:
                self.positioned_done = True
        if len(found) < count:
            got = [
                int(r[0])
                for r in _rows(
                    s,
                    COURSE_UNPOSITIONED,
                    {"source": self.source, "count": count - len(found), "skip": self.unpositioned},
                )
            ]
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


# Every followed course's first lessons (the sources as one JSON array: no bound-parameter
# limit), with the columns of their states; the pass speeds come from the unique index.
FIRST_LESSONS = f"""
    WITH f(rank, source) AS MATERIALIZED (SELECT key, value FROM json_each(:sources))
    SELECT f.rank, i.id, i.position, i.title, i.kind, i.source, i.duration_seconds,
           i.reading_minutes, i.scheduled_for, i.queue_position,
           (SELECT speed FROM passes WHERE item_id = i.id AND number = 1),
           (SELECT speed FROM passes WHERE item_id = i.id AND number = 2),
           (SELECT speed FROM passes WHERE item_id = i.id AND number = 3)
    FROM f JOIN items AS i ON i.id IN (
        SELECT id FROM (
            SELECT c.id FROM items AS c
            WHERE c.source = f.source AND c.position IS NOT NULL AND c.kind IN ({_KINDS_SQL})
              AND {_UNSTARTED}
            ORDER BY c.position, c.id
            LIMIT :count
        )
        UNION ALL
        SELECT id FROM (
            SELECT c.id FROM items AS c
            WHERE c.source = f.source AND c.position IS NULL AND c.kind IN ({_KINDS_SQL})
              AND {_UNSTARTED}
            ORDER BY c.id
            LIMIT :count
        )
    )
"""


def _first_lessons(s: Session, courses: list[_Course], count: int) -> dict[int, _ItemState]:
    """The first `count` lessons of every course: one statement.

    Each course's lessons with a position and those without are both read (the index on
    (source, position) serves both), then cut to `count` in course order here. Returns their
    states, built from the same rows: a lesson not started has only passes to do, so only
    their speeds matter (not settled yet).
    """
    states: dict[int, _ItemState] = {}
    if not courses:
        return states
    todo = str(PassStatus.TODO.value)
    sources = json.dumps([course.source for course in courses], ensure_ascii=False)
    found: list[list[tuple[bool, int, int]]] = [[] for _ in courses]
    for row in _rows(s, FIRST_LESSONS, {"sources": sources, "count": count}):
        rank, item_id, position = int(row[0]), int(row[1]), row[2]
        found[rank].append((position is None, position if position is not None else 0, item_id))
        if item_id in states:
            continue
        state = _state(row[1:10])
        for number, speed in ((1, row[10]), (2, row[11]), (3, row[12])):
            if speed is not None:
                state.passes[number] = _PassRow(number, todo, float(speed), None)
        states[item_id] = state
    for course, lessons in zip(courses, found, strict=True):
        lessons.sort()
        lessons = lessons[: min(count, course.pool)]
        course.ids = [item_id for _, _, item_id in lessons]
        course.positioned = sum(1 for unpositioned, _, _ in lessons if not unpositioned)
        course.unpositioned = len(lessons) - course.positioned
        course.positioned_done = course.positioned < count
        course.done = len(lessons) < count or len(lessons) >= course.pool
    kept = {item_id for course in courses for item_id in course.ids}
    return {item_id: state for item_id, state in states.items() if item_id in kept}


def _state(row: Sequence[Any]) -> _ItemState:
    """(id, position, title, kind, source, duration, reading minutes, scheduled, queue)."""
    scheduled = row[7]
    return _ItemState(
        id=int(row[0]),
        title=row[2],
        kind=row[3],
        source=row[4],
        position=row[1],
        duration_seconds=row[5],
        reading_minutes=row[6],
        scheduled_for=date.fromisoformat(scheduled) if scheduled else None,
        queue_position=row[8],
    )


# The items (as JSON array of ids) with their passes: one row per pass, in item order.
ITEM_STATES = """
    SELECT i.id, i.position, i.title, i.kind, i.source, i.duration_seconds, i.reading_minutes,
           i.scheduled_for, i.queue_position, p.number, p.status, p.speed, p.finished_at
    FROM items AS i LEFT JOIN passes AS p ON p.item_id = i.id
    WHERE i.id IN (SELECT value FROM json_each(:ids))
"""


def _load_states(s: Session, ids: set[int], offset: timedelta) -> dict[int, _ItemState]:
    states: dict[int, _ItemState] = {}
    if not ids:
        return states
    for row in _rows(s, ITEM_STATES, {"ids": json.dumps(sorted(ids))}):
        state = states.get(row[0])
        if state is None:
            state = states[row[0]] = _state(row)
        if row[9] is not None:
            finished = row[12]
            state.passes[row[9]] = _PassRow(
                row[9],
                row[10],
                float(row[11]),
                datetime.fromisoformat(finished) if finished else None,
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
