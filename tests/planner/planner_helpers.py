"""Building items with a given pass history straight in the database (fixed, readable dates)."""

from __future__ import annotations

from datetime import date, datetime

from models.db import Database
from models.library import Item, Pass, PassStatus

SPEEDS = (1.0, 1.25, 1.5)


def add_item(
    db: Database,
    title: str,
    *,
    source: str = "course",
    kind: str = "course_video",
    minutes: float | None = 30,
    position: int | None = None,
    done: dict[int, datetime] | None = None,
    in_progress: int | None = None,
    scheduled_for: date | None = None,
    queue_position: int | None = None,
    reading_minutes: int | None = None,
    category: str | None = None,
    speeds: tuple[float, float, float] = SPEEDS,
) -> int:
    """One item with three passes; `done` maps pass number → finish time (UTC)."""
    done = done or {}
    with db.transaction() as s:
        item = Item(
            kind=kind,
            title=title,
            source=source,
            category=category,
            duration_seconds=None if minutes is None else int(minutes * 60),
            position=position,
            scheduled_for=scheduled_for,
            queue_position=queue_position,
            reading_minutes=reading_minutes,
        )
        item.passes = [
            Pass(
                number=n,
                speed=1.0 if kind == "paper" else speeds[n - 1],
                status=(
                    PassStatus.DONE
                    if n in done
                    else PassStatus.IN_PROGRESS
                    if n == in_progress
                    else PassStatus.TODO
                ),
                started_at=done.get(n),
                finished_at=done.get(n),
                minutes_spent=0.0,
            )
            for n in (1, 2, 3)
        ]
        s.add(item)
        s.flush()
        return item.id
