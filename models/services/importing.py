"""Applying importer records to the database: one transaction, idempotent by (source, key).

Importers (``importers/``) fetch and parse; this service is the only writer. Re-running an
import updates what the source owns (titles, links, durations, categories, summaries, course
order) and adds new rows, but never duplicates a row, never deletes one, and never touches
what the user owns: passes, notes, open points, tags, item/company/question links, answers
and review state. Imported free-form notes go to ``journal_notes``; one the user has edited
since the last import keeps the user's text.

Writes use SQLAlchemy Core statements (executemany), not the ORM unit of work: an import is
a bulk write, and the ORM's per-object bookkeeping was most of its time. ``import_text``
skips parsing and comparing altogether when the text and the library are as the last import
of the same text left them.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from importlib import metadata
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, select
from sqlalchemy.orm import Session

from importers.http import Validators, is_url
from importers.limits import cap_records
from importers.messages import message
from importers.records import (
    CompanyRecord,
    ItemRecord,
    NoteRecord,
    ParseResult,
    QuestionRecord,
    SkippedRow,
)
from models.base import utcnow
from models.career import Company, Question, question_items
from models.clock import Clock, SystemClock
from models.db import Database
from models.errors import ValidationError
from models.library import PLATFORMS, Item, JournalNote, Pass, Setting, item_covers, item_sources
from models.services.import_summary import ITEM_KINDS, KIND_LABELS, ImportSummary, KindCounts
from models.services.item_identity import BORROWED_SKIPS, Identities, match_items
from models.services.library import new_passes
from models.services.link_read import name_key
from models.services.settings import SettingsService
from models.sync.ids import next_ids

log = logging.getLogger(__name__)

VALIDATORS_KEY = "fetch_validators.{source}"
STATE_KEY = "import_state.{source}"
"""Setting holding what the last ``import_text`` of a source read and left (see there)."""
COMPANY_NAME_MAX = 200

# Item columns the source owns: the fields of ItemRecord that are item columns, except the
# identity (kind and key, never updated). A None value in a record keeps what is there.
_ITEMS = cast(Table, Item.__table__)
_ITEM_FIELDS = tuple(
    f.name
    for f in fields(ItemRecord)
    if f.name in _ITEMS.c and f.name not in ("kind", "external_key")
)
_OWNED_NAMES = (*_ITEM_FIELDS, *(f"link_{platform}" for platform in PLATFORMS))
_ID_CHUNK = 500  # ids per IN (...) list, well under SQLite's limit of bound variables
_NOTES = cast(Table, JournalNote.__table__)
_NOTE_CHUNK = 1000
"""New notes per INSERT executemany: bounds the parameters held at once."""
_OWNED_COLUMNS = tuple(_ITEMS.c[name] for name in _OWNED_NAMES)

# Why a source that parsed to nothing at all is the wrong file, per source name.
_NOTHING_FOUND = {
    "paper-reading": (
        "import.no_paper_tables",
        "{location} has no paper-reading tables (expected the 录制完成的论文 / 所有论文 "
        "sections); nothing was imported.",
    ),
    "fastai": (
        "import.no_lessons",
        "{location} lists no lessons in its course navigation (is it the fast.ai course "
        "site?); nothing was imported.",
    ),
    "notes": ("import.no_notes", "{location} has no notes in it; nothing was imported."),
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
    code, text = _NOTHING_FOUND.get(source, ("import.nothing", "{location} has nothing to import."))
    raise ValidationError(message(code, text, location=location))


def check_notes_text(location: str, text: str) -> None:
    """An empty (or blank) notes file is said to be empty rather than imported as nothing."""
    if not text.strip():
        raise ValidationError(
            message(
                "import.empty_notes",
                "The notes file {location} is empty; nothing was imported.",
                location=location,
            )
        )


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
                or s.scalar(
                    select(item_sources.c.item_id).where(item_sources.c.source == source).limit(1)
                )
                is not None
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
        text_digest: str | None = None,
    ) -> ImportSummary:
        """Write ``result`` for ``source`` in one transaction and return what happened.

        ``validators`` (with the ``location`` they belong to) are saved in the same
        transaction, so they only ever describe data that was really imported. With
        ``text_digest`` (see ``import_text``) the state the import left is remembered too.
        """
        result = cap_records(result)  # a 1 MB README cell must not become a 1 MB title
        speeds = SettingsService(self._db).get("pass_speeds")
        tally = _Tally(skipped=list(result.skipped))
        with self._db.transaction() as s:
            items = self._apply_items(s, source, result.items, speeds, tally)
            self._apply_questions(s, source, result.questions, items, tally)
            self._apply_companies(s, result.companies, tally)
            self._apply_notes(s, source, result.notes, tally)
            if validators is not None and location:
                _save_validators(s, source, location, validators)
            if text_digest is not None:
                _remember_state(s, source, text_digest, result)
        summary = ImportSummary(source=source, lines=tally.lines(), skipped=tuple(tally.skipped))
        log.info("import written: %s", summary.describe())
        for row in summary.skipped:
            log.debug("%s skipped %s", source, row)
        return summary

    def import_text(
        self,
        source: str,
        text: str,
        parse: Callable[[str], ParseResult],
        *,
        location: str | None = None,
        validators: Validators | None = None,
        version: str = "",
        force: bool = False,
        before_write: Callable[[ParseResult], None] | None = None,
    ) -> ImportSummary:
        """Parse ``text`` and apply it, or do neither when the import would change nothing.

        The import is skipped (the summary says "unchanged since the last import") only when
        the text is the one last imported by the same parser (``parse`` and ``version``, the
        importer's own format version, with the app's version) AND nothing the import
        writes has changed in the library since: an item the user deleted or retitled, a
        question link removed, ... makes a full import that restores it, as before.
        ``location`` names the source in messages; validators are saved with it when it is
        a URL. ``force`` always parses and applies. ``before_write`` sees the parsed records
        before anything is written (a worker's progress stage and last cancel point).
        """
        digest = _text_digest(source, text, parse, version)
        if not force and self._unchanged_since_last_import(source, digest):
            if validators is not None and location and is_url(location):
                with self._db.transaction() as s:
                    _save_validators(s, source, location, validators)
            log.info("import of %s: unchanged since the last import", source)
            return ImportSummary(source=source, not_modified=True)
        parsed = parse(text)
        check_parsed(source, location or source, parsed)
        if before_write is not None:
            before_write(parsed)
        return self.apply(
            source,
            parsed,
            location=location if location and is_url(location) else None,
            validators=validators,
            text_digest=digest,
        )

    def _unchanged_since_last_import(self, source: str, digest: str) -> bool:
        with self._db.read() as s:
            row = s.get(Setting, STATE_KEY.format(source=source))
            if row is None:
                return False
            try:
                data = json.loads(row.value)
            except ValueError:
                return False
            if not isinstance(data, dict) or data.get("text") != digest:
                return False
            parts = data.get("parts")
            if not isinstance(parts, list):
                return False
            return data.get("state") == _state_fingerprint(s, source, parts)

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
    ) -> dict[str, int]:
        """Insert new items (with their passes) and update changed ones with Core statements.

        Only the columns the source owns are read, never ORM objects with passes and tags:
        a source with 20k items in the library used to cost seconds here. Returns external
        key -> item id of every item of the source (for question links).
        """
        conn = s.connection()  # Core statements: no ORM compile or row objects
        records = list(records)
        ids, by_id = self._owned_rows(s, source, records)
        known = ids.known
        status: dict[str, str] = {}
        kinds: dict[str, str] = {}
        new_rows: list[dict[str, Any]] = []
        updates: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        wanted_covers: dict[str, tuple[str, ...]] = {}
        now = utcnow()
        for rec in records:
            reason = self._skip_reason(rec, status)
            if reason is not None:
                where = f"{KIND_LABELS.get(rec.kind, rec.kind)}: {rec.title or rec.external_key}"
                tally.skip(rec.kind, where, reason)
                continue
            values = _item_values(rec)
            item_id = known.get(rec.external_key)
            row = by_id.get(item_id) if item_id is not None else None
            if row is None:
                new_rows.append(
                    {
                        **dict.fromkeys(_OWNED_NAMES),
                        **values,
                        "kind": rec.kind,
                        "source": source,
                        "external_key": rec.external_key,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                status[rec.external_key] = "added"
                kinds[rec.external_key] = rec.kind
            else:
                diff = {name: v for name, v in values.items() if getattr(row, name) != v}
                if row.id in ids.borrowed:  # another source's item: only fill what is empty
                    diff = {
                        name: v
                        for name, v in diff.items()
                        if getattr(row, name) is None and name not in BORROWED_SKIPS
                    }
                if diff:
                    updates.setdefault(tuple(sorted(diff)), []).append(
                        {"b_id": row.id, **diff, "updated_at": now}
                    )
                # Positions shift when a row is added above: kept current, not an "update".
                changed = rec.external_key in ids.matched or any(
                    name != "position" for name in diff
                )
                status[rec.external_key] = "updated" if changed else "unchanged"
                kinds[rec.external_key] = row.kind
            if rec.covers:
                wanted_covers[rec.external_key] = rec.covers
        for params in updates.values():
            # The keys of the parameters (besides b_id) are the columns SET, as in Core.
            conn.execute(_ITEMS.update().where(_ITEMS.c.id == bindparam("b_id")), params)
        if new_rows:
            known.update(self._insert_items(s, new_rows, speeds))
        if wanted_covers:
            self._apply_covers(s, source, wanted_covers, known, status)
        for key, state in status.items():
            tally.bump(kinds[key], state)
        return known

    @staticmethod
    def _owned_rows(
        s: Session, source: str, records: list[ItemRecord]
    ) -> tuple[Identities, dict[int, Any]]:
        """The records' items (see ``item_identity``), and the owned columns of those named.

        Only the rows the records name are read (not every row of the source).
        """
        items = _ITEMS
        conn = s.connection()
        ids = match_items(conn, source, records)
        known = ids.known
        wanted = sorted({known[r.external_key] for r in records if r.external_key in known})
        by_id = {
            row.id: row
            for start in range(0, len(wanted), _ID_CHUNK)
            for row in conn.execute(
                select(items.c.id, items.c.kind, *_OWNED_COLUMNS).where(
                    items.c.id.in_(wanted[start : start + _ID_CHUNK])
                )
            )
        }
        return ids, by_id

    @staticmethod
    def _skip_reason(rec: ItemRecord, seen: Mapping[str, str]) -> str | None:
        """Why a record is not applied (None: it is); `seen` holds the keys applied so far."""
        if rec.kind not in ITEM_KINDS:
            return f"unknown kind {rec.kind!r}"
        if not rec.external_key or not rec.title.strip():
            return "no key or no title"
        if rec.external_key in seen:
            return "listed twice in the source"
        return None

    @staticmethod
    def _insert_items(
        s: Session, new_rows: list[dict[str, Any]], speeds: list[float]
    ) -> dict[str, int]:
        """Insert the new items and their three passes; returns their external key -> id."""
        items = _ITEMS
        conn = s.connection()
        # One executemany (RETURNING would cost one statement per row on SQLite), with
        # ids from this device's block (models/sync/ids.py: SQLite's largest + 1 could be
        # another device's).
        first = next_ids(conn, "items", len(new_rows))
        new_rows = [{**row, "id": first + n} for n, row in enumerate(new_rows)]
        conn.execute(items.insert(), new_rows)
        added = {row["external_key"]: row["id"] for row in new_rows}
        templates: dict[str, list[dict[str, Any]]] = {}
        pass_rows: list[dict[str, Any]] = []
        for new_row in new_rows:
            kind = new_row["kind"]
            if kind not in templates:
                templates[kind] = [_pass_values(p) for p in new_passes(kind, speeds)]
            item_id = added[new_row["external_key"]]
            pass_rows.extend({**values, "item_id": item_id} for values in templates[kind])
        first_pass = next_ids(conn, "passes", len(pass_rows))
        for n, row in enumerate(pass_rows):
            row["id"] = first_pass + n
        conn.execute(cast(Table, Pass.__table__).insert(), pass_rows)
        return added

    @staticmethod
    def _apply_covers(
        s: Session,
        source: str,
        wanted: Mapping[str, tuple[str, ...]],
        known: Mapping[str, int],
        status: dict[str, str],
    ) -> None:
        """Add the video -> paper links the source names; existing links are never removed."""
        have: dict[int, set[int]] = {}
        if any(status[key] != "added" for key in wanted):
            for video_id, paper_id in s.connection().execute(
                select(item_covers.c.video_id, item_covers.c.paper_id)
                .join(_ITEMS, _ITEMS.c.id == item_covers.c.video_id)
                .where(_ITEMS.c.source == source)
            ):
                have.setdefault(video_id, set()).add(paper_id)
        links: list[dict[str, int]] = []
        for key, covers in wanted.items():
            video_id = known[key]
            linked = have.setdefault(video_id, set())
            for paper_key in covers:
                paper_id = known.get(paper_key)
                if paper_id is None or paper_id in linked or paper_id == video_id:
                    continue
                links.append({"video_id": video_id, "paper_id": paper_id})
                linked.add(paper_id)
                if status[key] == "unchanged":
                    status[key] = "updated"
        if links:
            s.connection().execute(item_covers.insert(), links)

    def _apply_questions(
        self,
        s: Session,
        source: str,
        records: Iterable[QuestionRecord],
        items: Mapping[str, int],
        tally: _Tally,
    ) -> None:
        records = list(records)
        if not records:
            return
        existing = {
            q.external_key: q
            for q in s.scalars(select(Question).where(Question.source == source))
            if q.external_key
        }
        linked = {
            (question_id, item_id)
            for question_id, item_id in s.execute(
                select(question_items.c.question_id, question_items.c.item_id)
                .join(Question, Question.id == question_items.c.question_id)
                .where(Question.source == source)
            )
        }
        links: list[tuple[Question, int]] = []
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
            item_id = items.get(rec.item_key) if rec.item_key else None
            if item_id is not None and (question.id, item_id) not in linked:
                links.append((question, item_id))
                state = "updated" if state == "unchanged" else state
            tally.bump("question", state)
        if links:
            s.flush()  # ids of the new questions
            rows = {(question.id, item_id) for question, item_id in links} - linked
            s.execute(
                question_items.insert(),
                [{"question_id": q, "item_id": i} for q, i in sorted(rows)],
            )

    def _apply_companies(self, s: Session, records: Iterable[CompanyRecord], tally: _Tally) -> None:
        records = list(records)
        if not records:
            return
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
                company = Company(name=name, notes=rec.note or "", website=rec.url, city=rec.city)
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
            if rec.city and not company.city:
                company.city = rec.city
                changed = True
            tally.bump("company", "updated" if changed else "unchanged")

    def _apply_notes(
        self, s: Session, source: str, records: Iterable[NoteRecord], tally: _Tally
    ) -> None:
        records = list(records)
        if not records:
            return
        existing: dict[str | None, JournalNote | _NewNote] = {
            n.external_key: n
            for n in s.scalars(select(JournalNote).where(JournalNote.source == source))
        }
        added: list[tuple[str, _NewNote]] = []
        for rec in records:
            note = existing.get(rec.external_key)
            if note is None:
                new = _NewNote(rec.title, rec.category, rec.markdown, rec.markdown)
                existing[rec.external_key] = new
                added.append((rec.external_key, new))
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
        now = utcnow()
        # ids from this device's block, like every insert (models/sync/ids.py)
        first = next_ids(s.connection(), "journal_notes", len(added)) if added else 0
        for start in range(0, len(added), _NOTE_CHUNK):
            rows = [
                {
                    "id": first + start + n,
                    "source": source,
                    "external_key": key,
                    "title": new.title,
                    "category": new.category,
                    "body": new.body,
                    "imported_body": new.imported_body,
                    "created_at": now,
                    "updated_at": now,
                }
                for n, (key, new) in enumerate(added[start : start + _NOTE_CHUNK])
            ]
            s.connection().execute(_NOTES.insert(), rows)


@dataclass(slots=True)
class _NewNote:
    """A note an import adds, written by one Core INSERT per chunk rather than as an ORM
    object: the 28k notes of an 8 MB notes file held ~100 MB as ORM objects until the
    commit. It has the fields the update of a note listed twice reads and sets."""

    title: str
    category: str | None
    body: str
    imported_body: str | None


def _item_values(rec: ItemRecord) -> dict[str, Any]:
    """The item columns ``rec`` sets; a field the source says nothing about (None) is left out.

    Such a field keeps what is there on re-import (and stays empty on a new row).
    """
    values: dict[str, Any] = {name: getattr(rec, name) for name in _ITEM_FIELDS}
    values["title"] = rec.title.strip()
    for platform in PLATFORMS:
        if rec.links.get(platform):
            values[f"link_{platform}"] = rec.links[platform]
    return {name: value for name, value in values.items() if value is not None}


def _pass_values(p: Pass) -> dict[str, Any]:
    """Column values of a new (unsaved) pass, for a Core insert."""
    return {
        "number": p.number,
        "speed": p.speed,
        "depth": p.depth,
        "status": p.status,
        "minutes_spent": p.minutes_spent,
        "started_at": None,
        "finished_at": None,
    }


# ---- remembering the last import ----------------------------------------------------------------
@functools.cache
def _app_version() -> str:
    try:
        return metadata.version("threepass")
    except metadata.PackageNotFoundError:
        return "dev"


def _text_digest(source: str, text: str, parse: Callable[[str], ParseResult], version: str) -> str:
    """Names the records ``parse(text)`` gives: the text, the parser and its version."""
    parser = f"{parse.__module__}.{parse.__qualname__}"
    head = "\0".join((source, parser, version, _app_version(), ""))
    return hashlib.sha256((head + text).encode("utf-8", "surrogatepass")).hexdigest()


def _save_validators(s: Session, source: str, location: str, validators: Validators) -> None:
    s.merge(
        Setting(
            key=VALIDATORS_KEY.format(source=source),
            value=json.dumps({"location": location, **validators.to_dict()}),
        )
    )


def _remember_state(s: Session, source: str, digest: str, result: ParseResult) -> None:
    """Save (text digest, fingerprint of what the import owns) after applying ``result``.

    Applying the same records again to a library with the same fingerprint changes nothing,
    so a later ``import_text`` of the same text may skip the parse. Not remembered when a
    second apply would still change something: two notes with one key overwrite each other.
    """
    key = STATE_KEY.format(source=source)
    note_keys = [n.external_key for n in result.notes]
    if len(set(note_keys)) != len(note_keys):
        s.execute(delete(Setting).where(Setting.key == key))
        return
    parts = ["items"]
    parts += ["questions"] if result.questions else []
    parts += ["companies"] if result.companies else []
    parts += ["notes"] if result.notes else []
    state = _state_fingerprint(s, source, parts)
    s.merge(Setting(key=key, value=json.dumps({"text": digest, "parts": parts, "state": state})))


def _state_fingerprint(s: Session, source: str, parts: Iterable[str]) -> str:
    """A digest of every value an import of ``source`` compares or writes, ids included.

    Items, their cover links, questions and their item links, imported notes (their file
    text, not the user's edits) and whether each company has a website and notes (an
    import only fills empty ones). Anything else (passes, notes on items, tags, review
    state) is the user's and never read by an import.
    """
    digest = hashlib.sha256()

    def feed(rows: Iterable[Any]) -> None:
        for row in rows:
            digest.update(repr(tuple(row)).encode("utf-8", "surrogatepass"))
        digest.update(b"\x1e")

    wanted = set(parts)
    if "items" in wanted:
        feed(
            s.execute(
                select(Item.id, Item.external_key, Item.kind, *_OWNED_COLUMNS)
                .where(Item.source == source)
                .order_by(Item.id)
            )
        )
        feed(  # the items of other sources this source also imports
            s.execute(
                select(item_sources.c.external_key, Item.id, Item.kind, *_OWNED_COLUMNS)
                .join(Item, Item.id == item_sources.c.item_id)
                .where(item_sources.c.source == source)
                .order_by(item_sources.c.external_key)
            )
        )
        feed(
            s.execute(
                select(item_covers.c.video_id, item_covers.c.paper_id)
                .join(Item, Item.id == item_covers.c.video_id)
                .where(Item.source == source)
                .order_by(item_covers.c.video_id, item_covers.c.paper_id)
            )
        )
    if "questions" in wanted:
        feed(
            s.execute(
                select(
                    Question.id,
                    Question.external_key,
                    Question.text,
                    Question.detail,
                    Question.category,
                )
                .where(Question.source == source)
                .order_by(Question.id)
            )
        )
        feed(
            s.execute(
                select(question_items.c.question_id, question_items.c.item_id)
                .join(Question, Question.id == question_items.c.question_id)
                .where(Question.source == source)
                .order_by(question_items.c.question_id, question_items.c.item_id)
            )
        )
    if "companies" in wanted:
        feed(
            sorted(
                (name_key(name), bool(website), bool((notes or "").strip()))
                for name, website, notes in s.execute(
                    select(Company.name, Company.website, Company.notes)
                )
            )
        )
    if "notes" in wanted:
        feed(
            s.execute(
                select(
                    JournalNote.id,
                    JournalNote.external_key,
                    JournalNote.title,
                    JournalNote.category,
                    JournalNote.imported_body,
                )
                .where(JournalNote.source == source)
                .order_by(JournalNote.id)
            )
        )
    return digest.hexdigest()
