"""Plain, immutable records produced by the importers.

Parsers return these instead of ORM objects so that they stay pure (testable
without a database or Qt) and so a parse can be previewed before anything is
written. The importing service maps them onto the data model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ItemKind = Literal["paper_video", "paper", "course_video", "article"]
"""Kinds of library items an importer can create."""

PLATFORMS: tuple[str, ...] = ("bilibili", "youtube", "zhihu")
"""Video platforms whose links importers recognise, in display order."""


@dataclass(frozen=True)
class ItemRecord:
    """One library item as read from a source.

    ``external_key`` identifies the item across re-imports of the same source
    (e.g. ``bilibili:BV1xx``, a normalised paper URL, ``fastai:lesson8a``), so
    re-importing updates rows instead of duplicating them.
    """

    kind: ItemKind
    external_key: str
    title: str
    url: str | None = None
    category: str | None = None
    year: int | None = None
    published: str | None = None
    """Partial ISO date: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (unknown parts dropped)."""
    duration_seconds: int | None = None
    links: dict[str, str] = field(default_factory=dict)
    """Platform name (see ``PLATFORMS``) -> canonical video URL."""
    summary: str | None = None
    number: str | None = None
    """Lesson number as shown by the course ("8a"), for course videos."""
    position: int | None = None
    """Order within the source (course order, table order), 1-based."""
    recorded: bool | None = None
    """For papers: whether the source marks it as covered by a video."""
    covers: tuple[str, ...] = ()
    """For videos: external keys of the papers the video covers."""
    refs: tuple[str, ...] = ()
    """Other URLs the source row points at (e.g. a paper link that is not in the paper list)."""


@dataclass(frozen=True)
class QuestionRecord:
    """A question to answer, optionally linked to an item (e.g. a lesson)."""

    external_key: str
    text: str
    detail: str | None = None
    """Markdown of nested sub-points or follow-up text."""
    category: str | None = None
    item_key: str | None = None
    """External key of the linked item, if any."""
    position: int | None = None


@dataclass(frozen=True)
class CompanyRecord:
    """A company from the user's notes (unique by name)."""

    name: str
    note: str | None = None
    """Anything else written with the name (e.g. the founder in "王小川-五季智能")."""
    url: str | None = None
    city: str | None = None
    """Where it is ("小米 - 北京", a table's city column)."""


@dataclass(frozen=True)
class NoteRecord:
    """A piece of free-form Markdown kept as a note."""

    external_key: str
    title: str
    markdown: str
    category: str | None = None
    """Heading path the note came from."""


@dataclass(frozen=True)
class SkippedRow:
    """A row or entry that was not imported, with the reason shown to the user."""

    where: str
    reason: str


@dataclass(frozen=True)
class ParseResult:
    """Everything one parse produced; the unit the importing service applies."""

    items: tuple[ItemRecord, ...] = ()
    questions: tuple[QuestionRecord, ...] = ()
    companies: tuple[CompanyRecord, ...] = ()
    notes: tuple[NoteRecord, ...] = ()
    skipped: tuple[SkippedRow, ...] = ()

    def merged(self, other: ParseResult) -> ParseResult:
        """Concatenate two results (e.g. lessons plus their questionnaires)."""
        return ParseResult(
            items=self.items + other.items,
            questions=self.questions + other.questions,
            companies=self.companies + other.companies,
            notes=self.notes + other.notes,
            skipped=self.skipped + other.skipped,
        )
