"""Applying importer records to the database: one transaction, idempotent by (source, key).

Importers (``importers/``) fetch and parse; this service is the only writer. Re-running an
import updates what the source owns (titles, links, durations, categories, summaries, course
order) and adds new rows, but never duplicates a row, never deletes one, and never touches
what the user owns: passes, notes, open points, tags, item/company/question links, answers
and review state. Imported free-form notes go to ``journal_notes``; one the user has edited
since the last import keeps the user's text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from importers.http import Validators
from importers.records import (
    CompanyRecord,
    ItemRecord,
    NoteRecord,
    ParseResult,
    QuestionRecord,
    SkippedRow,
)
from models.career import Company, Question
from models.clock import Clock, SystemClock
from models.db import Database
from models.errors import ValidationError
from models.library import PLATFORMS, Item, ItemKind, JournalNote, Setting
from models.services.library import new_passes
from models.services.links import name_key
from models.services.settings import SettingsService

VALIDATORS_KEY = "fetch_validators.{source}"
ITEM_KINDS = frozenset(k.value for k in ItemKind)
KIND_LABELS: dict[str, str] = {
    "paper_video": "Videos",
    "paper": "Papers",
    "course_video": "Lessons",
    "article": "Articles",
    "question": "Questions",
    "company": "Companies",
    "note": "Notes",
}
COMPANY_NAME_MAX = 200

# Item columns the source owns; a None value in a record keeps what is there.
_ITEM_FIELDS = (
    "title",
    "url",
    "category",
    "year",
    "published",
    "duration_seconds",
    "summary",
    "number",
    "position",
    "recorded",
)

# Why a source that parsed to nothing at all is the wrong file, per source name.
_NOTHING_FOUND = {
    "paper-reading": (
        "{location} has no paper-reading tables (expected the 录制完成的论文 / 所有论文 "
        "sections); nothing was imported."
    ),
    "fastai": (
        "{location} lists no lessons in its course navigation (is it the fast.ai course "
        "site?); nothing was imported."
    ),
    "notes": "{location} has no notes in it; nothing was imported.",
}


def check_parsed(source: str, location: str, parsed: ParseResult) -> None:
    """Refuse a parse that found nothing at all (no record and no skipped row).

    The parsers never raise on foreign input, so importing the wrong file would otherwise
    report "0 added" as a success; this is the one place the CLI and the GUI worker ask.
    A source whose tables were found but whose rows were all skipped is not refused: the
    summary lists why each row was skipped.
    """
    if parsed.items or parsed.questions or parsed.companies or parsed.notes or parsed.skipped:
        return
    template = _NOTHING_FOUND.get(source, "{location} has nothing to import.")
    raise ValidationError(template.format(location=location))


def check_notes_text(location: str, text: str) -> None:
    """An empty (or blank) notes file is said to be empty rather than imported as nothing."""
    if not text.strip():
        raise ValidationError(f"The notes file {location} is empty; nothing was imported.")


@dataclass(frozen=True)
class KindCounts:
    """What happened to one kind of record."""

    kind: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + self.skipped


@dataclass(frozen=True)
class ImportSummary:
    """The result shown by the CLI and the GUI: counts per kind and every skipped row."""

    source: str
    lines: tuple[KindCounts, ...] = ()
    skipped: tuple[SkippedRow, ...] = ()
    """Rows not imported, each with its reason (parse-time and write-time)."""
    not_modified: bool = False
    """The server said the source is unchanged since the last import; nothing was read."""

    @property
    def added(self) -> int:
        return sum(line.added for line in self.lines)

    @property
    def updated(self) -> int:
        return sum(line.updated for line in self.lines)

    @property
    def unchanged(self) -> int:
        return sum(line.unchanged for line in self.lines)

    @property
    def skipped_count(self) -> int:
        return len(self.skipped)

    def describe(self) -> str:
        """One sentence, e.g. ``paper-reading: 149 added, 0 updated, 0 unchanged, 0 skipped.``"""
        if self.not_modified:
            return f"{self.source}: unchanged since the last import, nothing to do."
        return (
            f"{self.source}: {self.added} added, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.skipped_count} skipped."
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "not_modified": self.not_modified,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped_count,
            "kinds": {
                line.kind: {
                    "added": line.added,
                    "updated": line.updated,
                    "unchanged": line.unchanged,
                    "skipped": line.skipped,
                }
                for line in self.lines
            },
            "skipped_rows": [{"where": s.where, "reason": s.reason} for s in self.skipped],
        }


@dataclass(frozen=True)
class ImportedNote:
    """A note kept from an imported notes file (plain value for the UI)."""

    source: str
    external_key: str
    title: str
    markdown: str
    category: str | None


@dataclass
class _Tally:
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    skipped: list[SkippedRow] = field(default_factory=list)

    def bump(self, kind: str, what: str) -> None:
        per_kind = self.counts.setdefault(
            kind, {"added": 0, "updated": 0, "unchanged": 0, "skipped": 0}
        )
        per_kind[what] += 1

    def skip(self, kind: str, where: str, reason: str) -> None:
        self.bump(kind, "skipped")
        self.skipped.append(SkippedRow(where, reason))

    def lines(self) -> tuple[KindCounts, ...]:
        order = list(KIND_LABELS)
        kinds = sorted(self.counts, key=lambda k: order.index(k) if k in order else len(order))
        return tuple(KindCounts(kind, **self.counts[kind]) for kind in kinds)


class ImportService:
    """Writes parsed records of one source; also keeps the per-source fetch validators."""

    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self._db = db
        self._clock = clock or SystemClock()

    # ---- conditional GET -------------------------------------------------------------------
    def validators_for(self, source: str, location: str) -> Validators | None:
        """Validators saved by the last import of ``source`` from ``location``.

        None when the location differs or nothing of the source is in the database any more
        (a 304 must never leave the user with an empty library).
        """
        with self._db.read() as s:
            row = s.get(Setting, VALIDATORS_KEY.format(source=source))
            if row is None:
                return None
            has_rows = (
                s.scalar(select(Item.id).where(Item.source == source).limit(1)) is not None
                or s.scalar(select(Question.id).where(Question.source == source).limit(1))
                is not None
            )
        try:
            data = json.loads(row.value)
        except ValueError:
            return None
        if not has_rows or not isinstance(data, dict) or data.get("location") != location:
            return None
        validators = Validators.from_dict(data)
        return validators or None

    def not_modified(self, source: str) -> ImportSummary:
        """The summary for a 304 answer: nothing read, nothing written."""
        return ImportSummary(source=source, not_modified=True)

    # ---- applying --------------------------------------------------------------------------
    def apply(
        self,
        source: str,
        result: ParseResult,
        *,
        location: str | None = None,
        validators: Validators | None = None,
    ) -> ImportSummary:
        """Write ``result`` for ``source`` in one transaction and return what happened.

        ``validators`` (with the ``location`` they belong to) are saved in the same
        transaction, so they only ever describe data that was really imported.
        """
        speeds = SettingsService(self._db).get("pass_speeds")
        tally = _Tally(skipped=list(result.skipped))
        with self._db.transaction() as s:
            items = self._apply_items(s, source, result.items, speeds, tally)
            self._apply_questions(s, source, result.questions, items, tally)
            self._apply_companies(s, result.companies, tally)
            self._apply_notes(s, source, result.notes, tally)
            if validators is not None and location:
                s.merge(
                    Setting(
                        key=VALIDATORS_KEY.format(source=source),
                        value=json.dumps({"location": location, **validators.to_dict()}),
                    )
                )
        return ImportSummary(source=source, lines=tally.lines(), skipped=tuple(tally.skipped))

    def imported_notes(self, source: str | None = None) -> list[ImportedNote]:
        query = select(JournalNote).order_by(JournalNote.id)
        if source is not None:
            query = query.where(JournalNote.source == source)
        with self._db.read() as s:
            return [
                ImportedNote(
                    source=n.source,
                    external_key=n.external_key or "",
                    title=n.title,
                    markdown=n.body,
                    category=n.category,
                )
                for n in s.scalars(query)
            ]

    # ---- internals -------------------------------------------------------------------------
    def _apply_items(
        self,
        s: Session,
        source: str,
        records: Iterable[ItemRecord],
        speeds: list[float],
        tally: _Tally,
    ) -> dict[str, Item]:
        existing = {
            item.external_key: item
            for item in s.scalars(select(Item).where(Item.source == source))
            if item.external_key
        }
        touched: dict[str, Item] = {}
        status: dict[str, str] = {}
        wanted_covers: dict[str, tuple[str, ...]] = {}
        for rec in records:
            where = f"{KIND_LABELS.get(rec.kind, rec.kind)}: {rec.title or rec.external_key}"
            if rec.kind not in ITEM_KINDS:
                tally.skip(rec.kind, where, f"unknown kind {rec.kind!r}")
                continue
            if not rec.external_key or not rec.title.strip():
                tally.skip(rec.kind, where, "no key or no title")
                continue
            if rec.external_key in touched:
                tally.skip(rec.kind, where, "listed twice in the source")
                continue
            item = existing.get(rec.external_key)
            if item is None:
                item = Item(kind=rec.kind, source=source, external_key=rec.external_key)
                _set_item_fields(item, rec)
                item.passes = new_passes(rec.kind, speeds)
                s.add(item)
                status[rec.external_key] = "added"
            else:
                changed = _set_item_fields(item, rec)
                status[rec.external_key] = "updated" if changed else "unchanged"
            touched[rec.external_key] = item
            if rec.covers:
                wanted_covers[rec.external_key] = rec.covers
        s.flush()
        known = {**existing, **touched}
        for key, covers in wanted_covers.items():
            video = touched[key]
            have = {p.id for p in video.covers}
            for paper_key in covers:
                paper = known.get(paper_key)
                if paper is None or paper.id in have or paper.id == video.id:
                    continue
                video.covers.append(paper)
                have.add(paper.id)
                if status[key] == "unchanged":
                    status[key] = "updated"
        for key, item in touched.items():
            tally.bump(item.kind, status[key])
        return known

    def _apply_questions(
        self,
        s: Session,
        source: str,
        records: Iterable[QuestionRecord],
        items: Mapping[str, Item],
        tally: _Tally,
    ) -> None:
        existing = {
            q.external_key: q
            for q in s.scalars(select(Question).where(Question.source == source))
            if q.external_key
        }
        seen: set[str] = set()
        for rec in records:
            text = rec.text.strip()
            if not text or not rec.external_key:
                tally.skip("question", rec.text or rec.external_key, "the question has no text")
                continue
            if rec.external_key in seen:
                tally.skip("question", text, "listed twice in the source")
                continue
            seen.add(rec.external_key)
            question = existing.get(rec.external_key)
            values = {"text": text, "detail": rec.detail or "", "category": rec.category}
            if question is None:
                question = Question(source=source, external_key=rec.external_key, **values)
                s.add(question)
                state = "added"
            else:
                changed = False
                for name, value in values.items():
                    if value is not None and getattr(question, name) != value:
                        setattr(question, name, value)
                        changed = True
                state = "updated" if changed else "unchanged"
            item = items.get(rec.item_key) if rec.item_key else None
            if item is not None and item not in question.items:
                question.items.append(item)
                state = "updated" if state == "unchanged" else state
            tally.bump("question", state)

    def _apply_companies(self, s: Session, records: Iterable[CompanyRecord], tally: _Tally) -> None:
        existing = {name_key(c.name): c for c in s.scalars(select(Company))}
        for rec in records:
            name = " ".join(rec.name.split())
            if not name:
                tally.skip("company", rec.name, "the company has no name")
                continue
            if len(name) > COMPANY_NAME_MAX:
                tally.skip("company", name[:60], "the name is longer than 200 characters")
                continue
            company = existing.get(name_key(name))
            if company is None:
                company = Company(name=name, notes=rec.note or "", website=rec.url)
                s.add(company)
                existing[name_key(name)] = company
                tally.bump("company", "added")
                continue
            # The user owns existing companies: only fill what is still empty.
            changed = False
            if rec.url and not company.website:
                company.website = rec.url
                changed = True
            if rec.note and not (company.notes or "").strip():
                company.notes = rec.note
                changed = True
            tally.bump("company", "updated" if changed else "unchanged")

    def _apply_notes(
        self, s: Session, source: str, records: Iterable[NoteRecord], tally: _Tally
    ) -> None:
        records = list(records)
        if not records:
            return
        existing = {
            n.external_key: n
            for n in s.scalars(select(JournalNote).where(JournalNote.source == source))
        }
        for rec in records:
            note = existing.get(rec.external_key)
            if note is None:
                note = JournalNote(
                    source=source,
                    external_key=rec.external_key,
                    title=rec.title,
                    category=rec.category,
                    body=rec.markdown,
                    imported_body=rec.markdown,
                )
                s.add(note)
                existing[rec.external_key] = note
                tally.bump("note", "added")
                continue
            changed = note.title != rec.title or note.category != rec.category
            note.title, note.category = rec.title, rec.category
            if note.imported_body != rec.markdown:
                if note.body == note.imported_body:  # the user has not edited it: follow the file
                    note.body = rec.markdown
                    changed = True
                else:
                    tally.skip(
                        "note",
                        rec.title,
                        "edited in ThreePass since the last import; kept your version",
                    )
                note.imported_body = rec.markdown
            tally.bump("note", "updated" if changed else "unchanged")


def _set_item_fields(item: Item, rec: ItemRecord) -> bool:
    """Copy what the source owns onto ``item``; True if anything the user sees changed.

    A new row in a list shifts the position of every row after it: positions are kept up
    to date but do not count as an update, or one added video would "update" fifty.
    """
    values: dict[str, Any] = {name: getattr(rec, name) for name in _ITEM_FIELDS}
    values["title"] = rec.title.strip()
    for platform in PLATFORMS:
        if rec.links.get(platform):
            values[f"link_{platform}"] = rec.links[platform]
    changed = False
    for name, value in values.items():
        if value is None:
            continue  # the source says nothing: keep what is there
        if getattr(item, name) != value:
            setattr(item, name, value)
            changed = changed or name != "position"
    return changed
