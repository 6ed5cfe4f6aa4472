"""Study statistics, aggregated in SQL so they stay fast on 100k items.

* Minutes per day (heatmap) come from the time log (`study_sessions`, by the local day the
  session started); total hours studied is the sum of `passes.minutes_spent`, which also
  holds minutes added without a session.
* A streak day is a local day with logged minutes or a finished pass; the current streak
  still counts when today is empty so far (it ends only when a whole day is missed).
* Hours left = the planned minutes (planner.pass_minutes) of every pass not done yet.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from models.clock import Clock, SystemClock
from models.db import Database
from models.services.plan_queries import driver_rows, stamp
from models.services.plan_rules import (
    DEFAULT_VIDEO_MINUTES,
    READING_KINDS,
    local_midnight_utc,
)
from models.services.settings import SettingsService

_Key = tuple[str, str]  # (source, kind)
HEATMAP_WEEKS = 53
WEEKS_SHOWN = 26
NO_CATEGORY: str | None = None  # like `list --json`: null, not ""


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


# ---- SQL (indexes of revision 0007; every statement reads an index range, no table scan) -----
SESSIONS_INDEX = "ix_study_sessions_started_minutes"  # (started_at, minutes, ended_at)
DUE_INDEX = "ix_passes_due_order"  # (status, number, finished_at, item_id)
DONE_INDEX = "ix_passes_status_item"  # (status, item_id, number, started_at)
SPEED_INDEX = "ix_passes_number_speed"  # (number, speed, status, item_id)
SPENT_INDEX = "ix_passes_minutes_spent"  # (minutes_spent) of the passes with time spent

# Minutes of each local day from the first day shown to today: one index range per day, so
# no date() per session and no sort (`days`: JSON [[day, start, end], ...] in UTC stamps);
# then the sessions dated after today, if any, grouped as before.
MINUTES_BY_DAY = f"""
    SELECT d.value ->> 0,
           (SELECT total(minutes) FROM study_sessions INDEXED BY {SESSIONS_INDEX}
            WHERE started_at >= d.value ->> 1 AND started_at < d.value ->> 2
              AND ended_at IS NOT NULL)
    FROM json_each(:days) AS d
    UNION ALL
    SELECT date(started_at, :shift), total(minutes)
    FROM study_sessions INDEXED BY {SESSIONS_INDEX}
    WHERE started_at >= :later AND ended_at IS NOT NULL
    GROUP BY 1
"""
# Finished passes per week shown: range counts per week and pass number.
PASSES_BY_WEEK = f"""
    SELECT w.key,
           (SELECT count(*) FROM passes INDEXED BY {DUE_INDEX}
            WHERE status = 'done' AND number IN (1, 2, 3)
              AND finished_at >= w.value ->> 1 AND finished_at < w.value ->> 2)
    FROM json_each(:weeks) AS w
"""
# The distinct local days with a session or a finished pass: a skip-scan that jumps from a
# day's first entry to the next local midnight (one index seek per day studied; each step
# moves strictly forward, so odd stored values cannot make it loop).
STUDY_DAYS = f"""
    WITH RECURSIVE
    s(ts) AS (
        SELECT min(started_at) FROM study_sessions INDEXED BY {SESSIONS_INDEX} WHERE minutes > 0
        UNION ALL
        SELECT (SELECT min(started_at) FROM study_sessions INDEXED BY {SESSIONS_INDEX}
                WHERE started_at >= datetime(date(s.ts, :shift), '+1 day', :unshift)
                  AND started_at > s.ts AND minutes > 0)
        FROM s WHERE s.ts IS NOT NULL
    ),
    f(ts) AS (
        SELECT min(finished_at) FROM passes WHERE finished_at IS NOT NULL
        UNION ALL
        SELECT (SELECT min(finished_at) FROM passes
                WHERE finished_at >= datetime(date(f.ts, :shift), '+1 day', :unshift)
                  AND finished_at > f.ts)
        FROM f WHERE f.ts IS NOT NULL
    )
    SELECT date(ts, :shift) FROM s WHERE ts IS NOT NULL
    UNION
    SELECT date(ts, :shift) FROM f WHERE ts IS NOT NULL
"""
_VIDEO_MINUTES = (
    "(CASE WHEN i.duration_seconds > 0 THEN i.duration_seconds / 60.0 ELSE :default END)"
)
# Items with done passes by (source, kind, category, which passes are done as a bit mask):
# the done passes in item order give each item's mask without a sort (a co-routine, not a
# materialized table: hence the CTE and CROSS JOIN), then one join per item.
DONE_ITEMS = f"""
    WITH d AS (
        SELECT item_id, sum(1 << (number - 1)) AS mask FROM passes INDEXED BY {DONE_INDEX}
        WHERE status = 'done' GROUP BY item_id
    )
    SELECT i.source, i.kind, i.category, d.mask, count(*),
           total({_VIDEO_MINUTES}),
           total(CASE WHEN i.reading_minutes > 0 THEN i.reading_minutes ELSE 0 END),
           total(CASE WHEN i.reading_minutes > 0 THEN 0 ELSE 1 END)
    FROM d CROSS JOIN items AS i ON i.id = d.item_id
    GROUP BY i.source, i.kind, i.category, d.mask
"""
# Sums per (source, kind) read from the covering index (source, kind, duration, reading).
ITEM_SUMS = """
    SELECT source, kind, count(*),
           total(duration_seconds) FILTER (WHERE duration_seconds > 0),
           count(*) FILTER (WHERE duration_seconds > 0),
           total(reading_minutes) FILTER (WHERE reading_minutes > 0),
           count(*) FILTER (WHERE reading_minutes > 0)
    FROM items INDEXED BY ix_items_source_kind_duration
    GROUP BY source, kind
"""
CATEGORY_COUNTS = "SELECT category, count(*) FROM items INDEXED BY ix_items_category GROUP BY 1"
# Videos' passes whose speed is not the default for their number (SPEED_INDEX ranges on each
# side of the default): minutes planned at that speed minus at the default, in all and for
# the done passes. Papers' passes (speed 1.0, most of these) are set aside by id first, from
# the kind index, so only videos' rows are joined.
_ODD = f"""
    SELECT number, speed, status, item_id FROM passes INDEXED BY {SPEED_INDEX}
    WHERE number = {{n}} AND speed {{op}} :s{{n}}
"""
SPEED_CORRECTIONS = f"""
    SELECT i.source, i.kind, total({_VIDEO_MINUTES} * o.delta),
           total(CASE WHEN o.status = 'done' THEN {_VIDEO_MINUTES} * o.delta END)
    FROM (
        SELECT status, item_id,
               1.0 / CASE WHEN speed > 0 THEN speed ELSE 1.0 END
               - 1.0 / CASE number WHEN 1 THEN :s1 WHEN 2 THEN :s2 ELSE :s3 END AS delta
        FROM ({" UNION ALL ".join(_ODD.format(n=n, op=op) for n in (1, 2, 3) for op in "<>")})
        WHERE item_id NOT IN (SELECT id FROM items WHERE kind IN ('paper', 'article'))
    ) AS o
    JOIN items AS i ON i.id = o.item_id
    WHERE i.kind NOT IN ('paper', 'article')
    GROUP BY i.source, i.kind
"""
STUDIED = (
    f"SELECT total(minutes_spent) FROM passes INDEXED BY {SPENT_INDEX} WHERE minutes_spent != 0"
)


def _day_ranges(first: date, last: date, step: int, offset: timedelta) -> str:
    """JSON [[day, start, end], ...]: local days (or weeks) as half-open UTC stamp ranges."""
    ranges = []
    day, start = first, local_midnight_utc(first, offset)
    step_length = timedelta(days=step)
    while day <= last:
        end = start + step_length
        ranges.append([day.isoformat(), stamp(start), stamp(end)])
        day, start = day + step_length, end
    return json.dumps(ranges)


class StatsService:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self._db = db
        self._clock = clock or SystemClock()
        self._settings = SettingsService(db)

    def compute(self) -> StudyStats:
        today = self._clock.today()
        offset = self._clock.utc_offset()
        seconds = int(offset.total_seconds())
        shift = f"{seconds:+d} seconds"
        heat_start = monday_of(today) - timedelta(weeks=HEATMAP_WEEKS - 1)
        week_start = monday_of(today) - timedelta(weeks=WEEKS_SHOWN - 1)
        paper_minutes = [float(x) for x in self._settings.get("paper_reading_minutes")]
        speeds = [float(x) or 1.0 for x in self._settings.get("pass_speeds")]
        with self._db.read() as s:
            days = _day_ranges(heat_start, today, 1, offset)
            later = stamp(local_midnight_utc(today + timedelta(days=1), offset))
            minutes_by_day = {
                date.fromisoformat(d): float(m)
                for d, m in driver_rows(
                    s, MINUTES_BY_DAY, {"days": days, "later": later, "shift": shift}
                )
                if d and m
            }
            weeks = _day_ranges(week_start, monday_of(today), 7, offset)
            weekly = {int(k): int(n) for k, n in driver_rows(s, PASSES_BY_WEEK, {"weeks": weeks})}
            study_days = {
                date.fromisoformat(d)
                for (d,) in driver_rows(
                    s, STUDY_DAYS, {"shift": shift, "unshift": f"{-seconds:+d} seconds"}
                )
                if d
            }
            by_source, by_category, hours, by_kind, studied = self._progress_and_hours(
                s, paper_minutes, speeds
            )
        current, longest = streaks(study_days, today)
        return StudyStats(
            today=today,
            heatmap_start=heat_start,
            minutes_by_day=minutes_by_day,
            passes_by_week=tuple(
                (week_start + timedelta(weeks=k), weekly.get(k, 0)) for k in range(WEEKS_SHOWN)
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
    def _progress_and_hours(
        s: Session, paper_minutes: list[float], speeds: list[float]
    ) -> tuple[
        tuple[ProgressRow, ...],
        tuple[ProgressRow, ...],
        tuple[HoursRow, ...],
        tuple[HoursRow, ...],
        float,
    ]:
        """Items by passes done, and planned / left hours, without joining every pass.

        Items count in group 0 (nothing done) from two covering-index counts; the items with
        done passes (a smaller set) then move to their group. Planned = every item's three
        passes at the default speeds (sums per source and kind from a covering index),
        corrected by the few passes whose speed differs; done = the done passes at the
        default speeds (per item, from which passes are done) with the same correction;
        left = planned minus done. Summed per (source, kind) so that videos and papers of one
        source can be told apart, and per source.
        """
        sources: dict[str | None, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        categories: dict[str | None, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for category, count in driver_rows(s, CATEGORY_COUNTS):
            categories[category or NO_CATEGORY][0] += int(count)

        one_x: dict[_Key, float] = defaultdict(float)
        planned: dict[_Key, float] = defaultdict(float)
        done: dict[_Key, float] = defaultdict(float)
        unknown: dict[_Key, int] = defaultdict(int)
        ratio = [m / paper_minutes[1] if paper_minutes[1] else 1.0 for m in paper_minutes]
        per_speed = [1.0 / sp for sp in speeds]

        def reading_minutes(number: int, own: float, without: float) -> float:
            return own * ratio[number - 1] + paper_minutes[number - 1] * without

        for source, kind, count, dur, with_dur, rsum, with_r in driver_rows(s, ITEM_SUMS):
            key = (source, kind)
            sources[source][0] += int(count)
            if kind in READING_KINDS:
                own, without = float(rsum), float(count - with_r)
                planned[key] += sum(reading_minutes(n, own, without) for n in (1, 2, 3))
            else:
                unknown[key] += int(count - with_dur)
                vmin = float(dur) / 60.0 + DEFAULT_VIDEO_MINUTES * unknown[key]
                planned[key] += vmin * sum(per_speed)
                one_x[key] += float(dur) / 60.0
        # per mask of done passes: how many, minutes per 1x minute of a video, reading weights
        masks = [[n for n in (1, 2, 3) if mask & (1 << (n - 1))] for mask in range(8)]
        done_count = [len(numbers) for numbers in masks]
        video_share = [sum(per_speed[n - 1] for n in numbers) for numbers in masks]
        own_share = [sum(ratio[n - 1] for n in numbers) for numbers in masks]
        paper_share = [sum(paper_minutes[n - 1] for n in numbers) for numbers in masks]
        params = {"default": DEFAULT_VIDEO_MINUTES}
        for source, kind, category, mask, count, vmin, own, without in driver_rows(
            s, DONE_ITEMS, params
        ):
            n = done_count[mask]
            counts = sources[source]
            counts[0] -= count
            counts[n] += count
            counts = categories[category or NO_CATEGORY]
            counts[0] -= count
            counts[n] += count
            if kind in READING_KINDS:
                done[(source, kind)] += own * own_share[mask] + without * paper_share[mask]
            else:
                done[(source, kind)] += vmin * video_share[mask]
        params.update(s1=speeds[0], s2=speeds[1], s3=speeds[2])
        for source, kind, delta, done_delta in driver_rows(s, SPEED_CORRECTIONS, params):
            planned[(source, kind)] += float(delta)
            done[(source, kind)] += float(done_delta)
        studied = float(driver_rows(s, STUDIED)[0][0])

        def ordered(groups: Mapping[str | None, list[int]]) -> tuple[ProgressRow, ...]:
            return tuple(
                ProgressRow(label, (c[0], c[1], c[2], c[3]))
                for label, c in sorted(
                    groups.items(), key=lambda kv: (-sum(kv[1]), kv[0] is None, kv[0] or "")
                )
            )

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
        keys_of: dict[str, list[_Key]] = defaultdict(list)
        for key, minutes in planned.items():
            totals[key[0]] += minutes
            keys_of[key[0]].append(key)
        by_source = tuple(
            row(src, None, keys_of[src]) for src in sorted(totals, key=lambda k: (-totals[k], k))
        )
        return ordered(sources), ordered(categories), by_source, by_kind, studied / 60.0
