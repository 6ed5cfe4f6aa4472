"""Plain values handed to the UI and the CLI: detached from any Session, safe across threads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple


@dataclass(frozen=True)
class PassInfo:
    number: int
    speed: float
    depth: str | None
    status: str
    started_at: datetime | None
    finished_at: datetime | None
    minutes_spent: float


class ItemRow(NamedTuple):
    """One library table row: just what the list shows.

    A NamedTuple of plain values: smaller and faster to build than a frozen dataclass, and
    interchangeable with the plain tuples the library table holds (LibraryService.table_rows,
    same field order): ItemRow._make(values) names one.
    """

    id: int
    kind: str
    title: str
    source: str
    category: str | None
    duration_seconds: int | None
    pass_statuses: tuple[str, str, str]
    last_studied: datetime | None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class OpenPointInfo:
    id: int
    text: str
    resolved_in_pass: int | None
    question_id: int | None


@dataclass
class ItemInput:
    """Fields a user edits by hand (also used by imports)."""

    kind: str
    title: str
    url: str | None = None
    category: str | None = None
    year: int | None = None
    published: str | None = None
    duration_seconds: int | None = None
    links: dict[str, str | None] = field(default_factory=dict)
    summary: str | None = None
    tags: list[str] = field(default_factory=list)
    reading_minutes: int | None = None


@dataclass(frozen=True)
class ItemDetail:
    id: int
    kind: str
    title: str
    url: str | None
    source: str
    external_key: str | None
    category: str | None
    year: int | None
    published: str | None
    duration_seconds: int | None
    links: dict[str, str | None]
    summary: str | None
    number: str | None
    position: int | None
    reading_minutes: int | None
    scheduled_for: date | None
    tags: tuple[str, ...]
    passes: tuple[PassInfo, ...]
    notes: dict[int | None, str]
    open_points: tuple[OpenPointInfo, ...]
    covers: tuple[tuple[int, str], ...]
    covered_by: tuple[tuple[int, str], ...]
    also_from: tuple[str, ...] = ()
    """Other sources that import this item besides ``source`` (its owner), by name."""

    def to_input(self) -> ItemInput:
        return ItemInput(
            kind=self.kind,
            title=self.title,
            url=self.url,
            category=self.category,
            year=self.year,
            published=self.published,
            duration_seconds=self.duration_seconds,
            links=dict(self.links),
            summary=self.summary,
            tags=list(self.tags),
            reading_minutes=self.reading_minutes,
        )


@dataclass(frozen=True)
class ItemFilter:
    text: str = ""
    kind: str | None = None
    category: str | None = None
    tag: str | None = None
    # "0".."3" = that many passes done, "in_progress" = any pass in progress,
    # "not_started" = every pass still todo
    pass_state: str | None = None
    # only these items (None = no restriction); lets a view refresh single rows cheaply
    item_ids: tuple[int, ...] | None = None
