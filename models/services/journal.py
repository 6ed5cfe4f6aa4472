"""Free-standing Markdown notes (the journal): imported notes sections, interview experiences."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select

from models.db import Database
from models.errors import NotFoundError, ValidationError
from models.library import JournalNote
from models.services.field_caps import check_line
from models.services.library import like_pattern


@dataclass(frozen=True)
class JournalEntry:
    id: int
    title: str
    category: str | None
    source: str
    body: str
    updated_at: datetime


def _entry(note: JournalNote) -> JournalEntry:
    return JournalEntry(
        id=note.id,
        title=note.title,
        category=note.category,
        source=note.source,
        body=note.body,
        updated_at=note.updated_at,
    )


class JournalService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def list_notes(self, text: str = "") -> list[JournalEntry]:
        query = select(JournalNote).order_by(JournalNote.category, JournalNote.id)
        if text.strip():
            pattern = like_pattern(text.strip())
            query = query.where(
                or_(
                    JournalNote.title.like(pattern, escape="\\"),
                    JournalNote.body.like(pattern, escape="\\"),
                    JournalNote.category.like(pattern, escape="\\"),
                )
            )
        with self._db.read() as s:
            return [_entry(n) for n in s.scalars(query)]

    def get(self, note_id: int) -> JournalEntry:
        with self._db.read() as s:
            note = s.get(JournalNote, note_id)
            if note is None:
                raise NotFoundError(f"No note with id {note_id}.")
            return _entry(note)

    def create(self, title: str, body: str = "", category: str | None = None) -> int:
        if not title.strip():
            raise ValidationError("A note needs a title.")
        check_line(title.strip(), "A title")
        check_line(category, "A category")
        with self._db.transaction() as s:
            note = JournalNote(source="manual", title=title.strip(), body=body, category=category)
            s.add(note)
            s.flush()
            return note.id

    def save(self, note_id: int, *, body: str | None = None, title: str | None = None) -> None:
        if title is not None:
            check_line(title.strip(), "A title")
        with self._db.transaction() as s:
            note = s.get(JournalNote, note_id)
            if note is None:
                raise NotFoundError(f"No note with id {note_id}.")
            if body is not None and body != note.body:
                note.body = body
            if title is not None and title.strip() and title.strip() != note.title:
                note.title = title.strip()

    def delete(self, note_id: int) -> None:
        with self._db.transaction() as s:
            note = s.get(JournalNote, note_id)
            if note is not None:
                s.delete(note)
