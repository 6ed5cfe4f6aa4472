"""The planner's tuned statements: the candidates of a plan from a few indexed queries.

A library of 100k items must plan in milliseconds, so nothing here walks the ORM: each
statement reads one index range (revision 0007) and rows come back as plain tuples. What is
read is capped by pools (the most overdue due passes, the first lessons of each course);
`tests/planner/test_planner_reference.py` checks that the plans equal those built from every
row, and `tests/planner/test_indexes_0007.py` that each statement reads only its index.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from models.library import VIDEO_KINDS, PassStatus
from models.services.plan_rules import ItemState, PassRow, Rules, local_midnight_utc

VIDEO_KIND_NAMES = sorted(k.value for k in VIDEO_KINDS)
COURSE_POOL_DAY = 30  # next lessons loaded per followed course (a day needs a few)
COURSE_POOL_WEEK = 120
# lessons read up front, shared by the followed courses (at least 2 each); a plan that
# gets further into a course reads COURSE_MORE more at a time
COURSE_FIRST_TOTAL = 240
COURSE_FIRST_MIN = 2
COURSE_MORE = 16
DUE_POOL_DAY = 100  # due passes loaded, most overdue first; the rest only counted
DUE_POOL_WEEK = 400

# Indexes of revision 0007: DUE_INDEX holds done passes by (number, finish time), the order
# of "most overdue first"; BY_NUMBER_INDEX each number's passes by item, so two of them merge.
DUE_INDEX = "ix_passes_due_order"  # (status, number, finished_at, item_id)
BY_NUMBER_INDEX = "ix_passes_done_by_number"  # (status, number, item_id, finished_at)
BY_ITEM_INDEX = "ix_passes_status_item"  # (status, item_id, number, started_at)
STAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores a DateTime in SQLite


def stamp(moment: datetime) -> str:
    """A naive UTC datetime as stored, so that raw SQL compares it like the ORM would."""
    return moment.strftime(STAMP_FORMAT)


def driver_rows(s: Session, sql: str, params: Mapping[str, Any] | None = None) -> list[Any]:
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


def due_passes(
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
        found += [(0.0, int(r[0])) for r in driver_rows(s, DUE_UNFINISHED, params)]
        nth = driver_rows(s, DUE_NTH_FINISH, {**params, "nth": pool - 1})
        bound = cut[k - 1]
        if nth:
            try:
                later = datetime.fromisoformat(str(nth[0][0])) + timedelta(seconds=1)
                bound = min(bound, stamp(later))
            except ValueError:  # an unexpected stored format: walk the whole stretch
                pass
        params.update(spacing=spacing[k - 1], bound=bound)
        found += [(float(r[1]), int(r[0])) for r in driver_rows(s, DUE_FIRST, params)]
    found.sort()
    cuts = {"cut1": cut[0], "cut2": cut[1]}
    if driver_rows(s, ALL_PASSES_PRESENT)[0][0]:
        total = int(driver_rows(s, DUE_DONE_COUNT, cuts)[0][0])
    else:
        total = int(driver_rows(s, DUE_PAIRS_COUNT, cuts)[0][0])
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


def video_sources(s: Session) -> list[str]:
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


class Course:
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
                for r in driver_rows(
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
                for r in driver_rows(
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

    def more(self, s: Session, states: dict[int, ItemState], offset: timedelta) -> bool:
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


def _first_lessons(s: Session, courses: list[Course], count: int) -> dict[int, ItemState]:
    """The first `count` lessons of every course: one statement.

    Each course's lessons with a position and those without are both read (the index on
    (source, position) serves both), then cut to `count` in course order here. Returns their
    states, built from the same rows: a lesson not started has only passes to do, so only
    their speeds matter (not settled yet).
    """
    states: dict[int, ItemState] = {}
    if not courses:
        return states
    todo = str(PassStatus.TODO.value)
    sources = json.dumps([course.source for course in courses], ensure_ascii=False)
    found: list[list[tuple[bool, int, int]]] = [[] for _ in courses]
    for row in driver_rows(s, FIRST_LESSONS, {"sources": sources, "count": count}):
        rank, item_id, position = int(row[0]), int(row[1]), row[2]
        found[rank].append((position is None, position if position is not None else 0, item_id))
        if item_id in states:
            continue
        state = _state(row[1:10])
        for number, speed in ((1, row[10]), (2, row[11]), (3, row[12])):
            if speed is not None:
                state.passes[number] = PassRow(number, todo, float(speed), None)
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


def _state(row: Sequence[Any]) -> ItemState:
    """(id, position, title, kind, source, duration, reading minutes, scheduled, queue)."""
    scheduled = row[7]
    return ItemState(
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


def _load_states(s: Session, ids: set[int], offset: timedelta) -> dict[int, ItemState]:
    states: dict[int, ItemState] = {}
    if not ids:
        return states
    for row in driver_rows(s, ITEM_STATES, {"ids": json.dumps(sorted(ids))}):
        state = states.get(row[0])
        if state is None:
            state = states[row[0]] = _state(row)
        if row[9] is not None:
            finished = row[12]
            state.passes[row[9]] = PassRow(
                row[9],
                row[10],
                float(row[11]),
                datetime.fromisoformat(finished) if finished else None,
            )
    for state in states.values():
        state.settle(offset)
    return states


def load_candidates(
    s: Session,
    last: date,
    rules: Rules,
    followed: list[str],
    offset: timedelta,
    days: int,
) -> tuple[dict[int, ItemState], list[Course], int]:
    """The candidates up to `last`: a handful of indexed statements, plain tuples.

    Returns the states, the followed courses (in `followed` order) and how many due passes
    were left out of the pool. Courses load only their first few lessons here (one statement
    for all of them); a plan that reaches the end of what is loaded asks for more
    (`Course.more`), up to `pool`.
    """
    cut = [stamp(local_midnight_utc(last - timedelta(days=n - 1), offset)) for n in rules.spacing]
    pool = COURSE_POOL_WEEK if days > 1 else COURSE_POOL_DAY
    due_pool = DUE_POOL_WEEK if days > 1 else DUE_POOL_DAY
    due_ids, due_total = due_passes(s, cut, rules.spacing, due_pool)
    ids: set[int] = set(due_ids)
    unloaded = due_total - len(ids)
    ids.update(r[0] for r in driver_rows(s, IN_PROGRESS, {"pool": pool}))
    # two statements, not one OR: SQLite would scan the table for "IS NOT NULL" in an OR
    ids.update(r[0] for r in driver_rows(s, SCHEDULED, {"last": last.isoformat()}))
    ids.update(r[0] for r in driver_rows(s, QUEUED))
    courses = [Course(rank, source, pool) for rank, source in enumerate(followed)]
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
