"""Study statistics, aggregated in SQL so they stay fast on 100k items.

* Minutes per day (heatmap) come from the time log (`study_sessions`, by the local day the
  session started); total hours studied is the sum of `passes.minutes_spent`, which also
  holds minutes added without a session.
* A streak day is a local day with logged minutes or a finished pass; the current streak
  still counts when today is empty so far (it ends only when a whole day is missed).
* Hours left = the planned minutes (planner.pass_minutes) of every pass not done yet.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Integer, case, cast, func, select, text
from sqlalchemy.orm import Session

from models.clock import Clock, SystemClock
from models.db import Database
from models.library import Item, Pass, PassStatus, StudySession
from models.services.planner import (
    DEFAULT_VIDEO_MINUTES,
    READING_KINDS,
    local_midnight_utc,
    utc_offset,
)
from models.services.settings import SettingsService

HEATMAP_WEEKS = 53
WEEKS_SHOWN = 26
NO_CATEGORY = ""

# One scan of the passes (MATERIALIZED, no join): the few whose speed is not the default for
# their number, and those with time spent; only these rows are then joined to their items.
# Gives, per source, the correction of the planned minutes and the minutes studied.
SPEED_AND_TIME = text(
    """
    WITH odd AS MATERIALIZED (
        SELECT item_id, number, minutes_spent,
               CASE WHEN speed > 0 THEN speed ELSE 1.0 END AS speed,
               speed != CASE number WHEN 1 THEN :s1 WHEN 2 THEN :s2 ELSE :s3 END AS odd_speed
        FROM passes
        WHERE speed != CASE number WHEN 1 THEN :s1 WHEN 2 THEN :s2 ELSE :s3 END
           OR minutes_spent != 0
    )
    SELECT items.source,
           SUM(CASE WHEN odd.odd_speed AND items.kind NOT IN ('paper', 'article')
                    THEN (CASE WHEN items.duration_seconds > 0
                               THEN items.duration_seconds / 60.0 ELSE :default END)
                         * (1.0 / odd.speed
                            - 1.0 / CASE odd.number WHEN 1 THEN :s1 WHEN 2 THEN :s2 ELSE :s3 END)
                    ELSE 0 END),
           SUM(odd.minutes_spent)
    FROM odd JOIN items ON items.id = odd.item_id
    GROUP BY items.source
    """
)


@dataclass(frozen=True)
class ProgressRow:
    """Items of one source (or category) by how many passes are done: counts[0..3]."""

    label: str
    counts: tuple[int, int, int, int]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class HoursRow:
    source: str
    hours_1x: float  # every video once at 1x (no papers)
    hours_planned: float  # all three passes at their speeds / reading estimates
    hours_left: float  # passes not done yet


@dataclass(frozen=True)
class StudyStats:
    today: date
    heatmap_start: date  # a Monday, HEATMAP_WEEKS weeks before the end of this week
    minutes_by_day: dict[date, float]
    passes_by_week: tuple[tuple[date, int], ...]  # (Monday, passes finished), oldest first
    progress_by_source: tuple[ProgressRow, ...]
    progress_by_category: tuple[ProgressRow, ...]
    current_streak: int
    longest_streak: int
    hours_studied: float
    hours_by_source: tuple[HoursRow, ...]

    @property
    def hours_left(self) -> float:
        return sum(r.hours_left for r in self.hours_by_source)

    @property
    def hours_planned(self) -> float:
        return sum(r.hours_planned for r in self.hours_by_source)

    def to_json(self) -> dict[str, Any]:
        """The numbers behind every chart (`threepass stats --json`)."""
        return {
            "today": self.today.isoformat(),
            "current_streak_days": self.current_streak,
            "longest_streak_days": self.longest_streak,
            "hours_studied": round(self.hours_studied, 2),
            "hours_left": round(self.hours_left, 2),
            "hours_planned": round(self.hours_planned, 2),
            "hours_by_source": [
                {
                    "source": r.source,
                    "hours_1x": round(r.hours_1x, 2),
                    "hours_planned": round(r.hours_planned, 2),
                    "hours_left": round(r.hours_left, 2),
                }
                for r in self.hours_by_source
            ],
            "minutes_by_day": {
                d.isoformat(): round(m, 1) for d, m in sorted(self.minutes_by_day.items())
            },
            "passes_by_week": [
                {"week": monday.isoformat(), "passes": n} for monday, n in self.passes_by_week
            ],
            "progress_by_source": [
                {"source": r.label, "passes_done": list(r.counts)} for r in self.progress_by_source
            ],
            "progress_by_category": [
                {"category": r.label, "passes_done": list(r.counts)}
                for r in self.progress_by_category
            ],
        }


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def streaks(days: set[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days; today may still be empty."""
    longest = 0
    run = 0
    previous: date | None = None
    for day in sorted(days):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    current = 0
    cursor = today if today in days else today - timedelta(days=1)
    while cursor in days:
        current += 1
        cursor -= timedelta(days=1)
    return current, longest


class StatsService:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self._db = db
        self._clock = clock or SystemClock()
        self._settings = SettingsService(db)

    def compute(self) -> StudyStats:
        today = self._clock.today()
        offset = utc_offset(self._clock)
        shift = f"{int(offset.total_seconds()):+d} seconds"
        heat_start = monday_of(today) - timedelta(weeks=HEATMAP_WEEKS - 1)
        week_start = monday_of(today) - timedelta(weeks=WEEKS_SHOWN - 1)
        paper_minutes = [float(x) for x in self._settings.get("paper_reading_minutes")]
        speeds = [float(x) or 1.0 for x in self._settings.get("pass_speeds")]
        with self._db.read() as s:
            session_day = func.date(StudySession.started_at, shift)
            minutes_by_day = {
                date.fromisoformat(d): float(m)
                for d, m in s.execute(
                    select(session_day, func.sum(StudySession.minutes))
                    .where(
                        StudySession.started_at >= local_midnight_utc(heat_start, offset),
                        StudySession.ended_at.is_not(None),
                    )
                    .group_by(session_day)
                )
                if m
            }
            finish_day = func.date(Pass.finished_at, shift)
            weekly: dict[date, int] = defaultdict(int)
            for d, n in s.execute(
                select(finish_day, func.count())
                .where(
                    Pass.status == PassStatus.DONE,
                    Pass.finished_at >= local_midnight_utc(week_start, offset),
                )
                .group_by(finish_day)
            ):
                weekly[monday_of(date.fromisoformat(d))] += int(n)
            study_days = {
                date.fromisoformat(d)
                for d in s.scalars(select(session_day).where(StudySession.minutes > 0).distinct())
            }
            study_days.update(
                date.fromisoformat(d)
                for d in s.scalars(
                    select(finish_day).where(Pass.finished_at.is_not(None)).distinct()
                )
            )
            by_source, by_category = self._progress(s)
            hours, studied = self._hours(s, paper_minutes, speeds)
        current, longest = streaks(study_days, today)
        return StudyStats(
            today=today,
            heatmap_start=heat_start,
            minutes_by_day=minutes_by_day,
            passes_by_week=tuple(
                (week_start + timedelta(weeks=k), weekly.get(week_start + timedelta(weeks=k), 0))
                for k in range(WEEKS_SHOWN)
            ),
            progress_by_source=by_source,
            progress_by_category=by_category,
            current_streak=current,
            longest_streak=longest,
            hours_studied=studied,
            hours_by_source=hours,
        )

    @staticmethod
    def _progress(s: Session) -> tuple[tuple[ProgressRow, ...], tuple[ProgressRow, ...]]:
        """Items by passes done: all items minus those with done passes (a small set)."""
        sources: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        categories: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for source, count in s.execute(
            select(Item.source, func.count()).group_by(Item.source)
        ):  # covering index scans: no table rows read
            sources[source][0] += int(count)
        for category, count in s.execute(
            select(Item.category, func.count()).group_by(Item.category)
        ):
            categories[category or NO_CATEGORY][0] += int(count)
        done = (
            select(Pass.item_id, func.min(func.count(), 3).label("n"))
            .where(Pass.status == PassStatus.DONE)
            .group_by(Pass.item_id)
            .subquery()
        )
        for source, category, n, count in s.execute(
            select(Item.source, Item.category, done.c.n, func.count())
            .join(done, done.c.item_id == Item.id)
            .group_by(Item.source, Item.category, done.c.n)
        ):
            for groups, key in ((sources, source), (categories, category or NO_CATEGORY)):
                groups[key][0] -= int(count)
                groups[key][int(n)] += int(count)

        def ordered(groups: dict[str, list[int]]) -> tuple[ProgressRow, ...]:
            return tuple(
                ProgressRow(label, (c[0], c[1], c[2], c[3]))
                for label, c in sorted(groups.items(), key=lambda kv: (-sum(kv[1]), kv[0]))
            )

        return ordered(sources), ordered(categories)

    @staticmethod
    def _hours(
        s: Session, paper_minutes: list[float], speeds: list[float]
    ) -> tuple[tuple[HoursRow, ...], float]:
        """Planned hours without joining every pass: items x default speeds, then corrections.

        Planned = every item's three passes at the default speeds, corrected by the few passes
        whose speed differs; left = planned minus the passes already done. Also returns the
        hours studied (sum of minutes spent), found in the same scan of the passes.
        """
        reading = cast(Item.kind.in_(sorted(READING_KINDS)), Integer)
        video_minutes = case(
            (Item.duration_seconds > 0, Item.duration_seconds / 60.0),
            else_=DEFAULT_VIDEO_MINUTES,
        )
        own_reading = case((Item.reading_minutes > 0, Item.reading_minutes), else_=0)
        no_reading = case((Item.reading_minutes > 0, 0), else_=1)
        one_x: dict[str, float] = defaultdict(float)
        planned: dict[str, float] = defaultdict(float)
        done: dict[str, float] = defaultdict(float)
        ratio = [m / paper_minutes[1] if paper_minutes[1] else 1.0 for m in paper_minutes]

        def reading_minutes(number: int, own: float, without: float) -> float:
            return own * ratio[number - 1] + paper_minutes[number - 1] * without

        # Plain sums per (source, kind), read from the covering index in group order.
        for source, kind, dur, with_dur, count, rsum, with_r in s.execute(
            select(
                Item.source,
                Item.kind,
                func.sum(case((Item.duration_seconds > 0, Item.duration_seconds), else_=0)),
                func.sum(case((Item.duration_seconds > 0, 1), else_=0)),
                func.count(),
                func.sum(case((Item.reading_minutes > 0, Item.reading_minutes), else_=0)),
                func.sum(case((Item.reading_minutes > 0, 1), else_=0)),
            ).group_by(Item.source, Item.kind)
        ):
            if kind in READING_KINDS:
                own, without = float(rsum or 0), float(count - (with_r or 0))
                planned[source] += sum(reading_minutes(n, own, without) for n in (1, 2, 3))
            else:
                vmin = float(dur or 0) / 60.0 + DEFAULT_VIDEO_MINUTES * (count - (with_dur or 0))
                planned[source] += vmin * sum(1.0 / sp for sp in speeds)
                one_x[source] += float(dur or 0) / 60.0
        speed = case((Pass.speed > 0, Pass.speed), else_=1.0)
        studied = 0.0
        for source, delta, spent in s.execute(
            SPEED_AND_TIME,
            {"s1": speeds[0], "s2": speeds[1], "s3": speeds[2], "default": DEFAULT_VIDEO_MINUTES},
        ):
            planned[source] += float(delta or 0.0)
            studied += float(spent or 0.0)
        for source, is_reading, number, vmin, own, without in s.execute(
            select(
                Item.source,
                reading,
                Pass.number,
                func.sum(video_minutes / speed),
                func.sum(own_reading),
                func.sum(no_reading),
            )
            .join(Item, Item.id == Pass.item_id)
            .where(Pass.status == PassStatus.DONE)
            .group_by(Item.source, reading, Pass.number)
        ):
            if is_reading:
                done[source] += reading_minutes(int(number), float(own), float(without))
            else:
                done[source] += float(vmin)
        rows = tuple(
            HoursRow(
                src,
                one_x[src] / 60.0,
                planned[src] / 60.0,
                max(0.0, planned[src] - done[src]) / 60.0,
            )
            for src in sorted(planned, key=lambda k: (-planned[k], k))
        )
        return rows, studied / 60.0
