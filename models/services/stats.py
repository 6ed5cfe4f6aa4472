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
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import case, func, select, text
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

_Key = tuple[str, str]  # (source, kind)
HEATMAP_WEEKS = 53
WEEKS_SHOWN = 26
NO_CATEGORY: str | None = None  # like `list --json`: null, not ""

# One scan of the passes (MATERIALIZED, no join): the few whose speed is not the default for
# their number, and those with time spent; only these rows are then joined to their items.
# Gives, per source and kind, the correction of the planned minutes and the minutes studied.
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
    SELECT items.source, items.kind,
           SUM(CASE WHEN odd.odd_speed AND items.kind NOT IN ('paper', 'article')
                    THEN (CASE WHEN items.duration_seconds > 0
                               THEN items.duration_seconds / 60.0 ELSE :default END)
                         * (1.0 / odd.speed
                            - 1.0 / CASE odd.number WHEN 1 THEN :s1 WHEN 2 THEN :s2 ELSE :s3 END)
                    ELSE 0 END),
           SUM(odd.minutes_spent)
    FROM odd JOIN items ON items.id = odd.item_id
    GROUP BY items.source, items.kind
    """
)


@dataclass(frozen=True)
class ProgressRow:
    """Items of one source (or category) by how many passes are done: counts[0..3]."""

    label: str | None  # None: items without a category
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
    kind: str | None = None  # None: every kind of the source together
    unknown_duration: int = 0  # videos without a duration, counted as DEFAULT_VIDEO_MINUTES


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
    hours_by_kind: tuple[HoursRow, ...] = ()  # per (source, kind): videos apart from papers

    @property
    def hours_left(self) -> float:
        return sum(r.hours_left for r in self.hours_by_source)

    @property
    def hours_planned(self) -> float:
        return sum(r.hours_planned for r in self.hours_by_source)

    @property
    def unknown_duration(self) -> int:
        """Videos without a duration: their hours use a placeholder, not a real length."""
        return sum(r.unknown_duration for r in self.hours_by_source)

    def to_json(self) -> dict[str, Any]:
        """The numbers behind every chart (`threepass stats --json`)."""
        return {
            "today": self.today.isoformat(),
            "current_streak_days": self.current_streak,
            "longest_streak_days": self.longest_streak,
            "hours_studied": round(self.hours_studied, 2),
            "hours_left": round(self.hours_left, 2),
            "hours_planned": round(self.hours_planned, 2),
            "unknown_duration": self.unknown_duration,
            "unknown_duration_minutes": DEFAULT_VIDEO_MINUTES,
            "hours_by_source": [
                {
                    "source": r.source,
                    "hours_1x": round(r.hours_1x, 2),
                    "hours_planned": round(r.hours_planned, 2),
                    "hours_left": round(r.hours_left, 2),
                    "unknown_duration": r.unknown_duration,
                }
                for r in self.hours_by_source
            ],
            "hours_by_kind": [
                {
                    "source": r.source,
                    "kind": r.kind,
                    "hours_1x": round(r.hours_1x, 2),
                    "hours_planned": round(r.hours_planned, 2),
                    "hours_left": round(r.hours_left, 2),
                    "unknown_duration": r.unknown_duration,
                }
                for r in self.hours_by_kind
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
            hours, by_kind, studied = self._hours(s, paper_minutes, speeds)
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
            hours_by_kind=by_kind,
        )

    @staticmethod
    def _progress(s: Session) -> tuple[tuple[ProgressRow, ...], tuple[ProgressRow, ...]]:
        """Items by passes done: all items minus those with done passes (a small set)."""
        sources: dict[str | None, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        categories: dict[str | None, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
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

        def ordered(groups: Mapping[str | None, list[int]]) -> tuple[ProgressRow, ...]:
            return tuple(
                ProgressRow(label, (c[0], c[1], c[2], c[3]))
                for label, c in sorted(
                    groups.items(), key=lambda kv: (-sum(kv[1]), kv[0] is None, kv[0] or "")
                )
            )

        return ordered(sources), ordered(categories)

    @staticmethod
    def _hours(
        s: Session, paper_minutes: list[float], speeds: list[float]
    ) -> tuple[tuple[HoursRow, ...], tuple[HoursRow, ...], float]:
        """Planned hours without joining every pass: items x default speeds, then corrections.

        Planned = every item's three passes at the default speeds, corrected by the few passes
        whose speed differs; left = planned minus the passes already done. Summed per
        (source, kind) so that videos and papers of one source can be told apart, and per
        source. Also returns the hours studied (sum of minutes spent), found in the same scan
        of the passes.
        """
        video_minutes = case(
            (Item.duration_seconds > 0, Item.duration_seconds / 60.0),
            else_=DEFAULT_VIDEO_MINUTES,
        )
        own_reading = case((Item.reading_minutes > 0, Item.reading_minutes), else_=0)
        no_reading = case((Item.reading_minutes > 0, 0), else_=1)
        one_x: dict[_Key, float] = defaultdict(float)
        planned: dict[_Key, float] = defaultdict(float)
        done: dict[_Key, float] = defaultdict(float)
        unknown: dict[_Key, int] = defaultdict(int)
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
            key = (source, kind)
            if kind in READING_KINDS:
                own, without = float(rsum or 0), float(count - (with_r or 0))
                planned[key] += sum(reading_minutes(n, own, without) for n in (1, 2, 3))
            else:
                unknown[key] += int(count - (with_dur or 0))
                vmin = float(dur or 0) / 60.0 + DEFAULT_VIDEO_MINUTES * unknown[key]
                planned[key] += vmin * sum(1.0 / sp for sp in speeds)
                one_x[key] += float(dur or 0) / 60.0
        speed = case((Pass.speed > 0, Pass.speed), else_=1.0)
        studied = 0.0
        for source, kind, delta, spent in s.execute(
            SPEED_AND_TIME,
            {"s1": speeds[0], "s2": speeds[1], "s3": speeds[2], "default": DEFAULT_VIDEO_MINUTES},
        ):
            planned[(source, kind)] += float(delta or 0.0)
            studied += float(spent or 0.0)
        for source, kind, number, vmin, own, without in s.execute(
            select(
                Item.source,
                Item.kind,
                Pass.number,
                func.sum(video_minutes / speed),
                func.sum(own_reading),
                func.sum(no_reading),
            )
            .join(Item, Item.id == Pass.item_id)
            .where(Pass.status == PassStatus.DONE)
            .group_by(Item.source, Item.kind, Pass.number)
        ):
            if kind in READING_KINDS:
                done[(source, kind)] += reading_minutes(int(number), float(own), float(without))
            else:
                done[(source, kind)] += float(vmin)

        def row(source: str, kind: str | None, keys: list[_Key]) -> HoursRow:
            plan = sum(planned[k] for k in keys)
            return HoursRow(
                source,
                sum(one_x[k] for k in keys) / 60.0,
                plan / 60.0,
                sum(max(0.0, planned[k] - done[k]) for k in keys) / 60.0,
                kind,
                sum(unknown[k] for k in keys),
            )

        by_kind = tuple(
            row(src, kind, [(src, kind)])
            for src, kind in sorted(planned, key=lambda k: (k[0], -planned[k], k[1]))
        )
        totals: dict[str, float] = defaultdict(float)
        for (src, _kind), minutes in planned.items():
            totals[src] += minutes
        by_source = tuple(
            row(src, None, [k for k in planned if k[0] == src])
            for src in sorted(totals, key=lambda k: (-totals[k], k))
        )
        return by_source, by_kind, studied / 60.0
