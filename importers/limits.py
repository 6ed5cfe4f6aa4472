"""Length caps on the single-line fields of imported records.

A scraped page or README cell can be any size: a 1 MB table cell became a 1 MB title,
and a 10 MB title cost 870 MB of memory in the views that lay it out. Titles and the
other one-line fields are cut at :data:`MAX_LINE` characters, ending in "…"; each cut
is logged. Bodies (notes, details, summaries) are Markdown and keep their length.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from importers.records import ItemRecord, NoteRecord, ParseResult, QuestionRecord

log = logging.getLogger(__name__)

MAX_LINE = 500
"""Characters of a title, name, category or lesson number; longer ones end in "…"."""
MAX_QUESTION = 2000
"""A question is one line too, but may be a long one."""
ELLIPSIS = "…"


def cap_line(text: str, limit: int = MAX_LINE, *, what: str = "title") -> str:
    """``text`` if it fits, else its first ``limit - 1`` characters and "…" (logged)."""
    if len(text) <= limit:
        return text
    log.warning("a %s of %d characters was cut to %d", what, len(text), limit)
    return text[: limit - 1] + ELLIPSIS


def _opt(text: str | None, what: str) -> str | None:
    return None if text is None else cap_line(text, what=what)


def _item(rec: ItemRecord) -> ItemRecord:
    return replace(
        rec,
        title=cap_line(rec.title),
        category=_opt(rec.category, "category"),
        number=_opt(rec.number, "lesson number"),
    )


def _question(rec: QuestionRecord) -> QuestionRecord:
    return replace(
        rec,
        text=cap_line(rec.text, MAX_QUESTION, what="question"),
        category=_opt(rec.category, "category"),
    )


def _note(rec: NoteRecord) -> NoteRecord:
    return replace(rec, title=cap_line(rec.title), category=_opt(rec.category, "category"))


def cap_records(result: ParseResult) -> ParseResult:
    """``result`` with every single-line field within its cap."""
    return ParseResult(
        items=tuple(_item(r) for r in result.items),
        questions=tuple(_question(r) for r in result.questions),
        companies=result.companies,  # the service skips names over 200 characters
        notes=tuple(_note(r) for r in result.notes),
        skipped=result.skipped,
    )
