"""Export and import of the whole database as one versioned JSON document.

The document format is described in docs/json-format.md. Import validates the entire
document before touching the database (the first problem is reported with its path, e.g.
`items[12].passes[3]: only 3 passes allowed`), then writes everything in one transaction
with bulk inserts, so a 100k-item document imports in seconds and a bad one changes nothing.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from importers.limits import MAX_LINE
from models.base import Base
from models.career import (
    APPLICATION_STATUSES,
    ROUND_KINDS,
    Application,
    ApplicationEvent,
    Company,
    InterviewRound,
    Question,
    QuestionReview,
    item_companies,
    question_companies,
    question_items,
    round_questions,
)
from models.clock import Clock, SystemClock
from models.db import Database
from models.errors import ValidationError
from models.library import (
    PLATFORMS,
    Item,
    ItemKind,
    JournalNote,
    Note,
    OpenPoint,
    Pass,
    PassStatus,
    Setting,
    StudySession,
    Tag,
    item_covers,
    item_tags,
)
from models.services.backup import BackupService

FORMAT = "threepass"
VERSION = 1
KINDS = tuple(k.value for k in ItemKind)
PASS_STATUSES = tuple(s.value for s in PassStatus)
DEFAULT_SPEEDS = (1.0, 1.25, 1.5)
INT_MIN, INT_MAX = -(2**63), 2**63 - 1

Json = dict[str, Any]


class DocumentError(ValidationError):
    """A problem in an import document; `path` says where (e.g. `items[3].passes[0].status`)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path or 'document'}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True)
class ImportSummary:
    items: int
    passes: int
    notes: int
    open_points: int
    study_sessions: int
    tags: int
    settings: int
    companies: int
    applications: int
    interview_rounds: int
    questions: int
    replaced: bool
    backup: Path | None
    journal_notes: int = 0
    rotated: tuple[Path, ...] = ()  # older pre-import copies deleted to keep the newest 5

    def describe(self) -> str:
        text = (
            f"Imported {self.items} items, {self.notes} notes, {self.open_points} open points, "
            f"{self.study_sessions} study sessions, {self.companies} companies, "
            f"{self.applications} applications, {self.questions} questions, "
            f"{self.journal_notes} journal notes."
        )
        if self.backup is not None:
            text += f" The previous data was backed up to {self.backup}."
        if self.rotated:
            names = ", ".join(path.name for path in self.rotated)
            text += f" Older copies made before an import were deleted: {names}."
        return text


# ---- small value helpers ----------------------------------------------------------------


def _iso(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


def _fold(name: str) -> str:
    """SQLite NOCASE folds ASCII letters only; uniqueness checks must agree with it."""
    return name.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _at(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


# ---- export -----------------------------------------------------------------------------


def _table(entity: type[Base]) -> Table:
    """The Core table of a mapped class: exporting plain rows is ~5x faster than ORM objects."""
    return Base.metadata.tables[entity.__tablename__]


def _rows(s: Session, statement: Any) -> Sequence[Any]:
    """All rows at once through Core: no ORM loading, no per-row fetchone (3x faster)."""
    return s.connection().execute(statement).all()


def _grouped(rows: Iterable[Any], key: Callable[[Any], Any]) -> dict[Any, list[Any]]:
    groups: dict[Any, list[Any]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return groups


def _pairs(s: Session, table: Table, left: str, right: str) -> dict[int, list[int]]:
    """A link table as {left id: sorted right ids}."""
    out: dict[int, list[int]] = defaultdict(list)
    for a, b in _rows(
        s, select(table.c[left], table.c[right]).order_by(table.c[left], table.c[right])
    ):
        out[a].append(b)
    return out


def _export_items(s: Session, *, full: bool = True) -> list[Json]:
    """Items with everything they own; full=False skips notes and the time log (for `list`)."""
    passes = _grouped(
        _rows(s, select(_table(Pass)).order_by(Pass.item_id, Pass.number)),
        lambda p: p.item_id,
    )
    sessions: dict[Any, list[Any]] = {}
    notes: dict[Any, list[Any]] = {}
    if full:
        sessions = _grouped(
            _rows(
                s,
                select(_table(StudySession)).order_by(
                    StudySession.pass_id, StudySession.started_at, StudySession.id
                ),
            ),
            lambda x: x.pass_id,
        )
        notes = _grouped(
            _rows(
                s,
                select(_table(Note)).order_by(
                    Note.item_id, Note.pass_number.is_not(None), Note.pass_number, Note.id
                ),
            ),
            lambda n: n.item_id,
        )
    points = _grouped(
        _rows(s, select(_table(OpenPoint)).order_by(OpenPoint.item_id, OpenPoint.id)),
        lambda o: o.item_id,
    )
    tags: dict[int, list[str]] = defaultdict(list)
    for item_id, name in _rows(
        s,
        select(item_tags.c.item_id, Tag.name)
        .join(Tag, Tag.id == item_tags.c.tag_id)
        .order_by(item_tags.c.item_id, func.lower(Tag.name), Tag.name),
    ):
        tags[item_id].append(name)
    covers = _pairs(s, item_covers, "video_id", "paper_id")
    companies = _pairs(s, item_companies, "item_id", "company_id")
    out: list[Json] = []
    for item in _rows(s, select(_table(Item)).order_by(Item.id)):
        out.append(
            {
                "id": item.id,
                "kind": item.kind,
                "title": item.title,
                "url": item.url,
                "source": item.source,
                "external_key": item.external_key,
                "category": item.category,
                "year": item.year,
                "published": item.published,
                "duration_seconds": item.duration_seconds,
                "links": {p: getattr(item, f"link_{p}") for p in PLATFORMS},
                "summary": item.summary,
                "number": item.number,
                "position": item.position,
                "recorded": item.recorded,
                "reading_minutes": item.reading_minutes,
                "scheduled_for": _iso(item.scheduled_for),
                "queue_position": item.queue_position,
                "created_at": _iso(item.created_at),
                "updated_at": _iso(item.updated_at),
                "tags": tags.get(item.id, []),
                "passes": [
                    {
                        "number": p.number,
                        "speed": p.speed,
                        "depth": p.depth,
                        "status": p.status,
                        "started_at": _iso(p.started_at),
                        "finished_at": _iso(p.finished_at),
                        "minutes_spent": p.minutes_spent,
                        "sessions": [
                            {
                                "started_at": _iso(x.started_at),
                                "ended_at": _iso(x.ended_at),
                                "minutes": x.minutes,
                                "manual": x.manual,
                            }
                            for x in sessions.get(p.id, [])
                        ],
                    }
                    for p in passes.get(item.id, [])
                ],
                "notes": [
                    {
                        "pass_number": n.pass_number,
                        "body": n.body,
                        "created_at": _iso(n.created_at),
                        "updated_at": _iso(n.updated_at),
                    }
                    for n in notes.get(item.id, [])
                ],
                "open_points": [
                    {
                        "id": o.id,
                        "text": o.text,
                        "created_at": _iso(o.created_at),
                        "resolved_in_pass": o.resolved_in_pass,
                        "resolved_at": _iso(o.resolved_at),
                        "question_id": o.question_id,
                    }
                    for o in points.get(item.id, [])
                ],
                "covers": covers.get(item.id, []),
                "companies": companies.get(item.id, []),
            }
        )
    return out


def _export_companies(s: Session) -> list[Json]:
    events = _grouped(
        _rows(
            s,
            select(_table(ApplicationEvent)).order_by(
                ApplicationEvent.application_id, ApplicationEvent.at, ApplicationEvent.id
            ),
        ),
        lambda e: e.application_id,
    )
    round_qs = _pairs(s, round_questions, "round_id", "question_id")
    rounds = _grouped(
        _rows(
            s,
            select(_table(InterviewRound)).order_by(
                InterviewRound.application_id, InterviewRound.id
            ),
        ),
        lambda r: r.application_id,
    )
    apps = _grouped(
        _rows(s, select(_table(Application)).order_by(Application.company_id, Application.id)),
        lambda a: a.company_id,
    )
    return [
        {
            "id": c.id,
            "name": c.name,
            "city": c.city,
            "focus": c.focus,
            "website": c.website,
            "careers_url": c.careers_url,
            "priority": c.priority,
            "tags": c.tags,
            "notes": c.notes,
            "created_at": _iso(c.created_at),
            "applications": [
                {
                    "id": a.id,
                    "role": a.role,
                    "team": a.team,
                    "channel": a.channel,
                    "status": a.status,
                    "contacts": a.contacts,
                    "next_action": a.next_action,
                    "next_action_due": _iso(a.next_action_due),
                    "created_at": _iso(a.created_at),
                    "updated_at": _iso(a.updated_at),
                    "events": [
                        {"from_status": e.from_status, "to_status": e.to_status, "at": _iso(e.at)}
                        for e in events.get(a.id, [])
                    ],
                    "rounds": [
                        {
                            "id": r.id,
                            "held_on": _iso(r.held_on),
                            "kind": r.kind,
                            "interviewer_notes": r.interviewer_notes,
                            "outcome": r.outcome,
                            "questions": round_qs.get(r.id, []),
                        }
                        for r in rounds.get(a.id, [])
                    ],
                }
                for a in apps.get(c.id, [])
            ],
        }
        for c in _rows(s, select(_table(Company)).order_by(Company.id))
    ]


def _export_questions(s: Session) -> list[Json]:
    items = _pairs(s, question_items, "question_id", "item_id")
    companies = _pairs(s, question_companies, "question_id", "company_id")
    reviews = _grouped(
        _rows(
            s,
            select(_table(QuestionReview)).order_by(
                QuestionReview.question_id, QuestionReview.reviewed_at, QuestionReview.id
            ),
        ),
        lambda r: r.question_id,
    )
    return [
        {
            "id": q.id,
            "text": q.text,
            "detail": q.detail,
            "category": q.category,
            "tags": q.tags,
            "answer": q.answer,
            "confidence": q.confidence,
            "source": q.source,
            "external_key": q.external_key,
            "ease": q.ease,
            "interval_days": q.interval_days,
            "repetitions": q.repetitions,
            "due_on": _iso(q.due_on),
            "created_at": _iso(q.created_at),
            "items": items.get(q.id, []),
            "companies": companies.get(q.id, []),
            "reviews": [
                {"reviewed_at": _iso(r.reviewed_at), "rating": r.rating}
                for r in reviews.get(q.id, [])
            ],
        }
        for q in _rows(s, select(_table(Question)).order_by(Question.id))
    ]


def _export_journal(s: Session) -> list[Json]:
    return [
        {
            "id": j.id,
            "source": j.source,
            "external_key": j.external_key,
            "title": j.title,
            "category": j.category,
            "body": j.body,
            "imported_body": j.imported_body,
            "created_at": _iso(j.created_at),
            "updated_at": _iso(j.updated_at),
        }
        for j in _rows(s, select(_table(JournalNote)).order_by(JournalNote.id))
    ]


def _export_settings(s: Session) -> Json:
    out: Json = {}
    for row in _rows(s, select(_table(Setting)).order_by(Setting.key)):
        try:
            out[row.key] = json.loads(row.value)
        except ValueError:
            out[row.key] = row.value  # not JSON: keep the text rather than lose it
    return out


# ---- validation -------------------------------------------------------------------------


def _fail(path: str, message: str) -> DocumentError:
    return DocumentError(path, message)


def _obj(value: Any, path: str, fields: frozenset[str], required: Iterable[str] = ()) -> Json:
    if not isinstance(value, dict):
        raise _fail(path, f"expected an object, found {_type_name(value)}")
    for key in value:
        if key not in fields:
            raise _fail(_at(path, str(key)), "unknown field")
    for key in required:
        if key not in value:
            raise _fail(_at(path, key), "required field is missing")
    return value


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(path, f"expected a list, found {_type_name(value)}")
    return value


class _Fields:
    """Typed reads of one object's fields, each error naming the field's path."""

    __slots__ = ("obj", "path")

    def __init__(self, obj: Json, path: str) -> None:
        self.obj = obj
        self.path = path

    def _get(self, key: str, default: Any, nullable: bool) -> tuple[bool, Any]:
        if key not in self.obj:
            return False, default
        value = self.obj[key]
        if value is None:
            if not nullable:
                raise _fail(_at(self.path, key), "must not be null")
            return False, None
        return True, value

    def as_int(
        self,
        key: str,
        default: int | None = None,
        *,
        nullable: bool = False,
        lo: int = INT_MIN,
        hi: int = INT_MAX,
    ) -> Any:
        present, value = self._get(key, default, nullable)
        if not present:
            return value
        if isinstance(value, bool) or not isinstance(value, int):
            raise _fail(_at(self.path, key), f"expected a whole number, found {_type_name(value)}")
        if not lo <= value <= hi:
            raise _fail(_at(self.path, key), f"{value} is out of range ({lo}..{hi})")
        return value

    def as_float(
        self,
        key: str,
        default: float | None = None,
        *,
        nullable: bool = False,
        lo: float = -math.inf,
        hi: float = math.inf,
    ) -> Any:
        present, value = self._get(key, default, nullable)
        if not present:
            return value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _fail(_at(self.path, key), f"expected a number, found {_type_name(value)}")
        if not math.isfinite(value) or not lo <= value <= hi:
            raise _fail(_at(self.path, key), f"{value} is out of range ({lo}..{hi})")
        return float(value)

    def as_str(
        self,
        key: str,
        default: str | None = None,
        *,
        nullable: bool = False,
        nonempty: bool = False,
        choices: tuple[str, ...] = (),
        one_line: bool = False,
    ) -> Any:
        """``one_line``: a title or name, at most ``MAX_LINE`` characters (refused, not cut:
        our own format is never that long unless the file was tampered with)."""
        present, value = self._get(key, default, nullable)
        if not present:
            return value
        if not isinstance(value, str):
            raise _fail(_at(self.path, key), f"expected a string, found {_type_name(value)}")
        if one_line and len(value) > MAX_LINE:
            raise _fail(
                _at(self.path, key),
                f"{len(value):,} characters, over the limit of {MAX_LINE} for a single line",
            )
        if nonempty and not value.strip():
            raise _fail(_at(self.path, key), "must not be empty")
        if choices and value not in choices:
            raise _fail(_at(self.path, key), f"{value!r} is not one of {', '.join(choices)}")
        return value

    def as_bool(self, key: str, default: bool | None = None, *, nullable: bool = False) -> Any:
        present, value = self._get(key, default, nullable)
        if present and not isinstance(value, bool):
            raise _fail(_at(self.path, key), f"expected true or false, found {_type_name(value)}")
        return value

    def as_datetime(
        self, key: str, default: datetime | None = None, *, nullable: bool = False
    ) -> Any:
        present, value = self._get(key, default, nullable)
        if not present:
            return value
        if isinstance(value, str):
            try:
                parsed = datetime.fromisoformat(value)
            except ValueError:
                parsed = None
            if parsed is not None:
                if parsed.tzinfo is not None:
                    parsed = parsed.astimezone(UTC).replace(tzinfo=None)
                return parsed
        raise _fail(
            _at(self.path, key),
            f"expected a date and time like 2026-03-02T09:00:00, found {value!r}",
        )

    def as_date(self, key: str, *, nullable: bool = True) -> Any:
        present, value = self._get(key, None, nullable)
        if not present:
            return value
        if isinstance(value, str) and len(value) == 10:
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise _fail(_at(self.path, key), f"expected a date like 2026-03-02, found {value!r}")

    def ids(self, key: str, known: set[int] | dict[int, Any], what: str) -> list[int]:
        """A list of references to `known` ids, each at most once."""
        path = _at(self.path, key)
        values = _list(self.obj.get(key, []), path)
        seen: set[int] = set()
        for i, value in enumerate(values):
            if isinstance(value, bool) or not isinstance(value, int):
                raise _fail(
                    f"{path}[{i}]",
                    f"expected {_article(what)} {what} id, found {_type_name(value)}",
                )
            if value not in known:
                raise _fail(f"{path}[{i}]", f"no {what} with id {value} in this document")
            if value in seen:
                raise _fail(f"{path}[{i}]", f"{what} {value} is listed twice")
            seen.add(value)
        return values


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


ITEM_FIELDS = _names(
    "id kind title url source external_key category year published duration_seconds links "
    "summary number position recorded reading_minutes scheduled_for queue_position created_at "
    "updated_at tags passes notes open_points covers companies"
)
PASS_FIELDS = _names("number speed depth status started_at finished_at minutes_spent sessions")
SESSION_FIELDS = _names("started_at ended_at minutes manual")
NOTE_FIELDS = _names("pass_number body created_at updated_at")
POINT_FIELDS = _names("id text created_at resolved_in_pass resolved_at question_id")
COMPANY_FIELDS = _names(
    "id name city focus website careers_url priority tags notes created_at applications"
)
APPLICATION_FIELDS = _names(
    "id role team channel status contacts next_action next_action_due created_at updated_at "
    "events rounds"
)
EVENT_FIELDS = _names("from_status to_status at")
ROUND_FIELDS = _names("id held_on kind interviewer_notes outcome questions")
QUESTION_FIELDS = _names(
    "id text detail category tags answer confidence source external_key ease interval_days "
    "repetitions due_on created_at items companies reviews"
)
REVIEW_FIELDS = _names("reviewed_at rating")
JOURNAL_FIELDS = _names(
    "id source external_key title category body imported_body created_at updated_at"
)
TOP_FIELDS = _names("format version settings tags items companies questions journal_notes")


@dataclass
class PreparedDocument:
    """The parsed document as insert-ready rows, one list per table."""

    settings: list[Json]
    tables: dict[str, list[Json]]

    def count(self, table: str) -> int:
        return len(self.tables.get(table, []))


def _collect_ids(section: Any, fields: Iterable[str] = ("id",)) -> set[int]:
    """Ids present in a section, gathered before the full pass so references resolve forward."""
    out: set[int] = set()
    if isinstance(section, list):
        for entry in section:
            if isinstance(entry, dict):
                for f in fields:
                    value = entry.get(f)
                    if isinstance(value, int) and not isinstance(value, bool):
                        out.add(value)
    return out


class _Parser:
    def __init__(self, now: datetime) -> None:
        self.now = now
        self.t: dict[str, list[Json]] = {name: [] for name in Base.metadata.tables}
        self.pass_id = 0

    def parse(self, doc: Any) -> PreparedDocument:
        top = _obj(doc, "", TOP_FIELDS, ("format", "version"))
        if top["format"] != FORMAT:
            raise _fail("format", f'expected "{FORMAT}", found {top["format"]!r}')
        version = top["version"]
        if isinstance(version, bool) or not isinstance(version, int):
            raise _fail("version", f"expected a whole number, found {_type_name(version)}")
        if version > VERSION:
            raise _fail(
                "version",
                f"version {version} was written by a newer ThreePass (this one reads {VERSION})",
            )
        if version < 1:
            raise _fail("version", f"unknown version {version}")
        settings = self._settings(top.get("settings", {}))
        tag_ids = self._tags(top.get("tags", []))
        items_raw = _list(top.get("items", []), "items")
        companies_raw = _list(top.get("companies", []), "companies")
        questions_raw = _list(top.get("questions", []), "questions")
        self.item_ids = _collect_ids(items_raw)
        self.company_ids = _collect_ids(companies_raw)
        self.question_ids = _collect_ids(questions_raw)
        self.point_ids: set[int] = set()
        self.app_ids: set[int] = set()
        self.round_ids: set[int] = set()
        self.item_keys: set[tuple[str, str]] = set()
        seen: set[int] = set()
        for i, raw in enumerate(items_raw):
            self._item(raw, f"items[{i}]", tag_ids, seen)
        seen = set()
        names: set[str] = set()
        for i, raw in enumerate(companies_raw):
            self._company(raw, f"companies[{i}]", seen, names)
        seen = set()
        for i, raw in enumerate(questions_raw):
            self._question(raw, f"questions[{i}]", seen)
        seen = set()
        keys: set[tuple[str, str]] = set()
        for i, raw in enumerate(_list(top.get("journal_notes", []), "journal_notes")):
            self._journal(raw, f"journal_notes[{i}]", seen, keys)
        return PreparedDocument(settings=settings, tables=self.t)

    def _settings(self, raw: Any) -> list[Json]:
        if not isinstance(raw, dict):
            raise _fail("settings", f"expected an object, found {_type_name(raw)}")
        out = []
        for key, value in raw.items():
            if not key or len(key) > 100:
                raise _fail(f"settings.{key}", "a setting name has 1 to 100 characters")
            out.append({"key": key, "value": json.dumps(value, ensure_ascii=False)})
        return out

    def _tags(self, raw: Any) -> dict[str, int]:
        ids: dict[str, int] = {}
        for i, name in enumerate(_list(raw, "tags")):
            path = f"tags[{i}]"
            if not isinstance(name, str):
                raise _fail(path, f"expected a string, found {_type_name(name)}")
            if not name.strip():
                raise _fail(path, "a tag name must not be empty")
            folded = _fold(name)
            if folded in ids:
                raise _fail(path, f"tag {name!r} is listed twice")
            ids[folded] = len(ids) + 1
            self.t["tags"].append({"id": ids[folded], "name": name})
        return ids

    def _unique_id(self, f: _Fields, seen: set[int], what: str) -> int:
        value: int = f.as_int("id", lo=1)
        if value is None:  # pragma: no cover - int() without nullable never returns None
            raise _fail(_at(f.path, "id"), "required field is missing")
        if value in seen:
            raise _fail(_at(f.path, "id"), f"{what} id {value} is used twice")
        seen.add(value)
        return value

    def _item(self, raw: Any, path: str, tag_ids: dict[str, int], seen: set[int]) -> None:
        obj = _obj(raw, path, ITEM_FIELDS, ("id", "kind", "title", "passes"))
        f = _Fields(obj, path)
        item_id = self._unique_id(f, seen, "item")
        kind = f.as_str("kind", choices=KINDS)
        row: Json = {
            "id": item_id,
            "kind": kind,
            "title": f.as_str("title", nonempty=True, one_line=True),
            "url": f.as_str("url", nullable=True),
            "source": f.as_str("source", "manual", nonempty=True),
            "external_key": f.as_str("external_key", nullable=True),
            "category": f.as_str("category", nullable=True, one_line=True),
            "year": f.as_int("year", nullable=True),
            "published": f.as_str("published", nullable=True),
            "duration_seconds": f.as_int("duration_seconds", nullable=True, lo=0),
            "summary": f.as_str("summary", nullable=True),
            "number": f.as_str("number", nullable=True),
            "position": f.as_int("position", nullable=True),
            "recorded": f.as_bool("recorded", nullable=True),
            "reading_minutes": f.as_int("reading_minutes", nullable=True, lo=0),
            "scheduled_for": f.as_date("scheduled_for"),
            "queue_position": f.as_int("queue_position", nullable=True),
            "created_at": f.as_datetime("created_at", self.now),
            "updated_at": f.as_datetime("updated_at", self.now),
        }
        links_path = _at(path, "links")
        links = _obj(obj.get("links", {}), links_path, frozenset(PLATFORMS))
        lf = _Fields(links, links_path)
        for platform in PLATFORMS:
            row[f"link_{platform}"] = lf.as_str(platform, nullable=True)
        if row["external_key"] is not None:
            key = (row["source"], row["external_key"])
            if key in self.item_keys:
                raise _fail(
                    _at(path, "external_key"),
                    f"another item from {key[0]!r} already has the key {key[1]!r}",
                )
            self.item_keys.add(key)
        self.t["items"].append(row)
        self._item_tags(obj, path, item_id, tag_ids)
        self._passes(obj, path, item_id, kind)
        self._notes(obj, path, item_id)
        self._open_points(obj, path, item_id)
        for paper in f.ids("covers", self.item_ids, "item"):
            self.t["item_covers"].append({"video_id": item_id, "paper_id": paper})
        for company in f.ids("companies", self.company_ids, "company"):
            self.t["item_companies"].append({"item_id": item_id, "company_id": company})

    def _item_tags(self, obj: Json, path: str, item_id: int, tag_ids: dict[str, int]) -> None:
        tags_path = _at(path, "tags")
        used: set[int] = set()
        for i, name in enumerate(_list(obj.get("tags", []), tags_path)):
            if not isinstance(name, str):
                raise _fail(f"{tags_path}[{i}]", f"expected a tag name, found {_type_name(name)}")
            tag_id = tag_ids.get(_fold(name))
            if tag_id is None:
                raise _fail(
                    f"{tags_path}[{i}]", f"tag {name!r} is not listed in the top-level tags"
                )
            if tag_id in used:
                raise _fail(f"{tags_path}[{i}]", f"tag {name!r} is listed twice")
            used.add(tag_id)
            self.t["item_tags"].append({"item_id": item_id, "tag_id": tag_id})

    def _passes(self, obj: Json, path: str, item_id: int, kind: str) -> None:
        passes_path = _at(path, "passes")
        passes = _list(obj["passes"], passes_path)
        numbers: set[int] = set()
        for i, raw in enumerate(passes):
            ppath = f"{passes_path}[{i}]"
            if i >= 3:
                raise _fail(ppath, "only 3 passes allowed")
            p = _Fields(_obj(raw, ppath, PASS_FIELDS, ("number", "status")), ppath)
            number = p.as_int("number", lo=1, hi=3)
            if number in numbers:
                raise _fail(_at(ppath, "number"), f"pass {number} appears twice")
            numbers.add(number)
            self.pass_id += 1
            default_speed = 1.0 if kind == ItemKind.PAPER else DEFAULT_SPEEDS[number - 1]
            self.t["passes"].append(
                {
                    "id": self.pass_id,
                    "item_id": item_id,
                    "number": number,
                    "speed": p.as_float("speed", default_speed, lo=0.0625, hi=16.0),
                    "depth": p.as_str("depth", nullable=True),
                    "status": p.as_str("status", choices=PASS_STATUSES),
                    "started_at": p.as_datetime("started_at", nullable=True),
                    "finished_at": p.as_datetime("finished_at", nullable=True),
                    "minutes_spent": p.as_float("minutes_spent", 0.0, lo=0.0),
                }
            )
            spath = _at(ppath, "sessions")
            for j, sraw in enumerate(_list(raw.get("sessions", []), spath)):
                sp = f"{spath}[{j}]"
                sf = _Fields(_obj(sraw, sp, SESSION_FIELDS, ("started_at",)), sp)
                self.t["study_sessions"].append(
                    {
                        "pass_id": self.pass_id,
                        "started_at": sf.as_datetime("started_at"),
                        "ended_at": sf.as_datetime("ended_at", nullable=True),
                        "minutes": sf.as_float("minutes", 0.0, lo=0.0),
                        "manual": sf.as_bool("manual", False),
                    }
                )
        if len(passes) < 3:
            raise _fail(passes_path, f"exactly 3 passes needed, found {len(passes)}")

    def _notes(self, obj: Json, path: str, item_id: int) -> None:
        notes_path = _at(path, "notes")
        numbers: set[int | None] = set()
        for i, raw in enumerate(_list(obj.get("notes", []), notes_path)):
            npath = f"{notes_path}[{i}]"
            n = _Fields(_obj(raw, npath, NOTE_FIELDS, ("body",)), npath)
            number = n.as_int("pass_number", nullable=True, lo=1, hi=3)
            if number in numbers:
                which = "the general note" if number is None else f"the note of pass {number}"
                raise _fail(_at(npath, "pass_number"), f"{which} appears twice")
            numbers.add(number)
            self.t["notes"].append(
                {
                    "item_id": item_id,
                    "pass_number": number,
                    "body": n.as_str("body"),
                    "created_at": n.as_datetime("created_at", self.now),
                    "updated_at": n.as_datetime("updated_at", self.now),
                }
            )

    def _open_points(self, obj: Json, path: str, item_id: int) -> None:
        points_path = _at(path, "open_points")
        for i, raw in enumerate(_list(obj.get("open_points", []), points_path)):
            opath = f"{points_path}[{i}]"
            o = _Fields(_obj(raw, opath, POINT_FIELDS, ("id", "text")), opath)
            point_id = self._unique_id(o, self.point_ids, "open point")
            question = o.as_int("question_id", nullable=True)
            if question is not None and question not in self.question_ids:
                raise _fail(
                    _at(opath, "question_id"), f"no question with id {question} in this document"
                )
            self.t["open_points"].append(
                {
                    "id": point_id,
                    "item_id": item_id,
                    "text": o.as_str("text", nonempty=True),
                    "created_at": o.as_datetime("created_at", self.now),
                    "resolved_in_pass": o.as_int("resolved_in_pass", nullable=True, lo=1, hi=3),
                    "resolved_at": o.as_datetime("resolved_at", nullable=True),
                    "question_id": question,
                }
            )

    def _company(self, raw: Any, path: str, seen: set[int], names: set[str]) -> None:
        c = _Fields(_obj(raw, path, COMPANY_FIELDS, ("id", "name")), path)
        company_id = self._unique_id(c, seen, "company")
        name = c.as_str("name", nonempty=True, one_line=True)
        if _fold(name) in names:
            raise _fail(_at(path, "name"), f"company {name!r} is listed twice")
        names.add(_fold(name))
        self.t["companies"].append(
            {
                "id": company_id,
                "name": name,
                "city": c.as_str("city", nullable=True),
                "focus": c.as_str("focus", nullable=True),
                "website": c.as_str("website", nullable=True),
                "careers_url": c.as_str("careers_url", nullable=True),
                "priority": c.as_int("priority", 3),
                "tags": c.as_str("tags", ""),
                "notes": c.as_str("notes", ""),
                "created_at": c.as_datetime("created_at", self.now),
            }
        )
        apps_path = _at(path, "applications")
        for i, araw in enumerate(_list(c.obj.get("applications", []), apps_path)):
            self._application(araw, f"{apps_path}[{i}]", company_id)

    def _application(self, raw: Any, path: str, company_id: int) -> None:
        a = _Fields(_obj(raw, path, APPLICATION_FIELDS, ("id", "role")), path)
        app_id = self._unique_id(a, self.app_ids, "application")
        self.t["applications"].append(
            {
                "id": app_id,
                "company_id": company_id,
                "role": a.as_str("role"),
                "team": a.as_str("team", nullable=True),
                "channel": a.as_str("channel", nullable=True),
                "status": a.as_str("status", "interested", choices=APPLICATION_STATUSES),
                "contacts": a.as_str("contacts", ""),
                "next_action": a.as_str("next_action", nullable=True),
                "next_action_due": a.as_date("next_action_due"),
                "created_at": a.as_datetime("created_at", self.now),
                "updated_at": a.as_datetime("updated_at", self.now),
            }
        )
        events_path = _at(path, "events")
        for i, eraw in enumerate(_list(a.obj.get("events", []), events_path)):
            epath = f"{events_path}[{i}]"
            e = _Fields(_obj(eraw, epath, EVENT_FIELDS, ("to_status", "at")), epath)
            self.t["application_events"].append(
                {
                    "application_id": app_id,
                    "from_status": e.as_str(
                        "from_status", nullable=True, choices=APPLICATION_STATUSES
                    ),
                    "to_status": e.as_str("to_status", choices=APPLICATION_STATUSES),
                    "at": e.as_datetime("at"),
                }
            )
        rounds_path = _at(path, "rounds")
        for i, rraw in enumerate(_list(a.obj.get("rounds", []), rounds_path)):
            rpath = f"{rounds_path}[{i}]"
            r = _Fields(_obj(rraw, rpath, ROUND_FIELDS, ("id",)), rpath)
            round_id = self._unique_id(r, self.round_ids, "interview round")
            self.t["interview_rounds"].append(
                {
                    "id": round_id,
                    "application_id": app_id,
                    "held_on": r.as_date("held_on"),
                    "kind": r.as_str("kind", "other", choices=ROUND_KINDS),
                    "interviewer_notes": r.as_str("interviewer_notes", ""),
                    "outcome": r.as_str("outcome", nullable=True),
                }
            )
            for q in r.ids("questions", self.question_ids, "question"):
                self.t["round_questions"].append({"round_id": round_id, "question_id": q})

    def _journal(self, raw: Any, path: str, seen: set[int], keys: set[tuple[str, str]]) -> None:
        j = _Fields(_obj(raw, path, JOURNAL_FIELDS, ("id",)), path)
        row = {
            "id": self._unique_id(j, seen, "journal note"),
            "source": j.as_str("source", "manual", nonempty=True),
            "external_key": j.as_str("external_key", nullable=True),
            "title": j.as_str("title", "", one_line=True),
            "category": j.as_str("category", nullable=True),
            "body": j.as_str("body", ""),
            "imported_body": j.as_str("imported_body", nullable=True),
            "created_at": j.as_datetime("created_at", self.now),
            "updated_at": j.as_datetime("updated_at", self.now),
        }
        if row["external_key"] is not None:
            key = (row["source"], row["external_key"])
            if key in keys:
                raise _fail(
                    _at(path, "external_key"),
                    f"another journal note from {key[0]!r} already has the key {key[1]!r}",
                )
            keys.add(key)
        self.t["journal_notes"].append(row)

    def _question(self, raw: Any, path: str, seen: set[int]) -> None:
        q = _Fields(_obj(raw, path, QUESTION_FIELDS, ("id", "text")), path)
        question_id = self._unique_id(q, seen, "question")
        self.t["questions"].append(
            {
                "id": question_id,
                "text": q.as_str("text", nonempty=True),
                "detail": q.as_str("detail", ""),
                "category": q.as_str("category", nullable=True),
                "tags": q.as_str("tags", ""),
                "answer": q.as_str("answer", ""),
                "confidence": q.as_int("confidence", 0, lo=0, hi=5),
                "source": q.as_str("source", "manual", nonempty=True),
                "external_key": q.as_str("external_key", nullable=True),
                "ease": q.as_float("ease", 2.5, lo=0.0),
                "interval_days": q.as_int("interval_days", 0, lo=0),
                "repetitions": q.as_int("repetitions", 0, lo=0),
                "due_on": q.as_date("due_on"),
                "created_at": q.as_datetime("created_at", self.now),
            }
        )
        for item in q.ids("items", self.item_ids, "item"):
            self.t["question_items"].append({"question_id": question_id, "item_id": item})
        for company in q.ids("companies", self.company_ids, "company"):
            self.t["question_companies"].append({"question_id": question_id, "company_id": company})
        reviews_path = _at(path, "reviews")
        for i, rraw in enumerate(_list(q.obj.get("reviews", []), reviews_path)):
            rpath = f"{reviews_path}[{i}]"
            r = _Fields(_obj(rraw, rpath, REVIEW_FIELDS, ("reviewed_at", "rating")), rpath)
            self.t["question_reviews"].append(
                {
                    "question_id": question_id,
                    "reviewed_at": r.as_datetime("reviewed_at"),
                    "rating": r.as_int("rating", lo=0, hi=5),
                }
            )


def prepare_document(doc: Any, now: datetime | None = None) -> PreparedDocument:
    """Validate the whole document and turn it into insert-ready rows (nothing is written).

    Raises DocumentError naming the path of the first problem. `now` fills in missing
    created/updated times.
    """
    return _Parser(now or SystemClock().now()).parse(doc)


def validate_document(doc: Any, now: datetime | None = None) -> None:
    """Check the whole document; raise DocumentError naming the path of the first problem."""
    prepare_document(doc, now)


# ---- the service ------------------------------------------------------------------------

# Tables whose rows make a database "not empty" for a non-replacing import.
CONTENT_TABLES = ("items", "tags", "companies", "questions", "journal_notes")


def _content_counts(s: Session) -> dict[str, int]:
    return {
        name: int(s.scalar(select(func.count()).select_from(Base.metadata.tables[name])) or 0)
        for name in CONTENT_TABLES
    }


def _not_empty(counts: dict[str, int]) -> ValidationError:
    held = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items() if n)
    return ValidationError(
        f"The database already holds {held}; import into an empty data folder, "
        "or replace everything with --replace (a backup is made first)."
    )


class TransferService:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self._db = db
        self._clock = clock or SystemClock()

    def export_document(self) -> Json:
        """The whole database as a JSON-able dict in a stable order (ids, then time)."""
        with self._db.read() as s:
            if s.get_bind().dialect.name == "sqlite":
                # pysqlite only opens transactions for writes; read every table in one snapshot.
                s.connection().exec_driver_sql("BEGIN")
            return {
                "format": FORMAT,
                "version": VERSION,
                "settings": _export_settings(s),
                "tags": list(s.scalars(select(Tag.name).order_by(func.lower(Tag.name), Tag.name))),
                "items": _export_items(s),
                "companies": _export_companies(s),
                "questions": _export_questions(s),
                "journal_notes": _export_journal(s),
            }

    def list_items(self) -> list[Json]:
        """Every item with its links and three passes (the `threepass list --json` shape)."""
        with self._db.read() as s:
            items = _export_items(s, full=False)
        return [
            {
                "id": it["id"],
                "kind": it["kind"],
                "title": it["title"],
                "url": it["url"],
                "source": it["source"],
                "external_key": it["external_key"],
                "category": it["category"],
                "year": it["year"],
                "published": it["published"],
                "duration_seconds": it["duration_seconds"],
                "links": it["links"],
                "tags": it["tags"],
                "minutes_spent": sum(p["minutes_spent"] for p in it["passes"]),
                "open_points_unresolved": sum(
                    1 for o in it["open_points"] if o["resolved_in_pass"] is None
                ),
                "passes": [{k: v for k, v in p.items() if k != "sessions"} for p in it["passes"]],
            }
            for it in items
        ]

    def content_counts(self) -> dict[str, int]:
        with self._db.read() as s:
            return _content_counts(s)

    def import_document(self, doc: Any, replace: bool = False) -> ImportSummary:
        """Validate everything, then write it in one transaction.

        Into a database holding any content (CONTENT_TABLES) only with replace=True, which
        first saves a backup copy of the database file and then swaps all content.
        """
        rows = (
            doc if isinstance(doc, PreparedDocument) else prepare_document(doc, self._clock.now())
        )
        counts = self.content_counts()
        backup: Path | None = None
        rotated: list[Path] = []
        if any(counts.values()):
            if not replace:
                raise _not_empty(counts)
            path = self._db.path
            if path is not None and path.exists():
                # a consistent copy (SQLite online backup) before --replace wipes everything,
                # listed by `backup --list` and rotated like the other kinds
                info, rotated = BackupService(path, self._clock).before_import()
                backup = info.path
        try:
            with self._db.transaction() as s:
                if replace:
                    for table in reversed(Base.metadata.sorted_tables):
                        s.execute(delete(table))
                else:
                    counts = _content_counts(s)  # again, inside the transaction
                    if any(counts.values()):
                        raise _not_empty(counts)
                if not replace and rows.settings:
                    s.execute(
                        delete(Setting).where(Setting.key.in_([r["key"] for r in rows.settings]))
                    )
                if rows.settings:
                    s.execute(insert(Setting), rows.settings)
                for table in Base.metadata.sorted_tables:
                    if table.name == "settings":
                        continue
                    data = rows.tables.get(table.name)
                    if data:
                        s.execute(insert(table), data)
        except IntegrityError as err:
            raise ValidationError(
                f"The document breaks a database rule ({err.orig}); nothing was imported."
            ) from err
        return ImportSummary(
            items=rows.count("items"),
            passes=rows.count("passes"),
            notes=rows.count("notes"),
            open_points=rows.count("open_points"),
            study_sessions=rows.count("study_sessions"),
            tags=rows.count("tags"),
            settings=len(rows.settings),
            companies=rows.count("companies"),
            applications=rows.count("applications"),
            interview_rounds=rows.count("interview_rounds"),
            questions=rows.count("questions"),
            replaced=replace and any(counts.values()),
            backup=backup,
            journal_notes=rows.count("journal_notes"),
            rotated=tuple(rotated),
        )


def dumps_document(doc: Json) -> str:
    """The canonical text of a document: one record per line, CJK kept as text.

    Top-level keys each start a line and every entry of a top-level list (an item with its
    passes and notes, a company with its applications, a question) is one compact line:
    diff-friendly, and ~10x faster than `indent=2`, which disables json's C encoder.
    """

    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))

    lines = ["{"]
    keys = list(doc)
    for n, key in enumerate(keys):
        comma = "," if n < len(keys) - 1 else ""
        value = doc[key]
        if isinstance(value, list) and value:
            lines.append(f"  {one(key)}: [")
            lines.extend(f"    {one(entry)}," for entry in value[:-1])
            lines.append(f"    {one(value[-1])}")
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {one(key)}: {one(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"
