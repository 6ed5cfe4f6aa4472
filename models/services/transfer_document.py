"""The JSON document: its format, field sets and validator (docs/json-format.md).

`prepare_document` checks the entire document before anything is written (the first problem
is reported with its path, e.g. `items[12].passes[3]: only 3 passes allowed`) and turns it
into insert-ready rows, so an import is one bulk write and a bad document changes nothing.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from importers.limits import MAX_LINE
from models.base import Base
from models.career import APPLICATION_STATUSES, ROUND_KINDS
from models.clock import SystemClock
from models.errors import ValidationError
from models.library import PLATFORMS, ItemKind, PassStatus
from models.services.review_schedule import machine_offset, replay

FORMAT = "threepass"
# 2: questions carry their FSRS card, and their interval and due day are FSRS's (an older
# ThreePass would take them for SM-2's); a version-1 question gets its card by replaying
# its reviews, as the migration to revision 0013 does
VERSION = 2
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


def _fold(name: str) -> str:
    """SQLite NOCASE folds ASCII letters only; uniqueness checks must agree with it."""
    return name.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _at(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


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


# An item's columns (its platform links grouped under "links") and what it owns.
ITEM_FIELDS = frozenset(
    "links" if c.key.startswith("link_") else c.key for c in Base.metadata.tables["items"].columns
) | _names("tags passes notes open_points covers companies also_from")
ALSO_FROM_FIELDS = _names("source external_key")
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
    "repetitions due_on fsrs_state fsrs_step stability difficulty last_reviewed_at created_at "
    "items companies reviews"
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
        self.version = VERSION
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
        self.version = version
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
        self.item_keys: dict[tuple[str, str], int] = {}
        self.also_keys: dict[tuple[str, str], tuple[int, str]] = {}
        seen: set[int] = set()
        for i, raw in enumerate(items_raw):
            self._item(raw, f"items[{i}]", tag_ids, seen)
        self._also_keys_owned_by_none()
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
            self.item_keys[key] = item_id
        self.t["items"].append(row)
        self._item_tags(obj, path, item_id, tag_ids)
        self._passes(obj, path, item_id, kind)
        self._notes(obj, path, item_id)
        self._open_points(obj, path, item_id)
        for paper in f.ids("covers", self.item_ids, "item"):
            self.t["item_covers"].append({"video_id": item_id, "paper_id": paper})
        for company in f.ids("companies", self.company_ids, "company"):
            self.t["item_companies"].append({"item_id": item_id, "company_id": company})
        self._also_from(obj, path, item_id, row["source"])

    def _also_from(self, obj: Json, path: str, item_id: int, own: str) -> None:
        """The other sources that reach this item (``item_sources``): each (source, key) pair
        names one item in the whole document, and never the item's own source."""
        also_path = _at(path, "also_from")
        for i, raw in enumerate(_list(obj.get("also_from", []), also_path)):
            apath = f"{also_path}[{i}]"
            a = _Fields(_obj(raw, apath, ALSO_FROM_FIELDS, ("source", "external_key")), apath)
            source = a.as_str("source", nonempty=True)
            if source == own:
                raise _fail(_at(apath, "source"), f"{source!r} is the item's own source")
            key = (source, a.as_str("external_key", nonempty=True))
            first = self.also_keys.get(key)
            if first is not None:
                where = "this item" if first[0] == item_id else f"item {first[0]}"
                raise _fail(
                    _at(apath, "external_key"),
                    f"{where} is already reached from {source!r} by the key {key[1]!r}",
                )
            self.also_keys[key] = (item_id, apath)
            self.t["item_sources"].append(
                {"item_id": item_id, "source": source, "external_key": key[1]}
            )

    def _also_keys_owned_by_none(self) -> None:
        """A source's key names one item: an item it reaches may not share an item's own key
        (checked once every item is read, since either may come first)."""
        for key, (_, apath) in self.also_keys.items():
            owner = self.item_keys.get(key)
            if owner is not None:
                raise _fail(
                    _at(apath, "external_key"),
                    f"item {owner} from {key[0]!r} already has the key {key[1]!r}",
                )

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
                "fsrs_state": q.as_int("fsrs_state", nullable=True, lo=1, hi=3),
                "fsrs_step": q.as_int("fsrs_step", nullable=True, lo=0),
                "stability": q.as_float("stability", nullable=True, lo=0.0),
                "difficulty": q.as_float("difficulty", nullable=True, lo=1.0, hi=10.0),
                "last_reviewed_at": q.as_datetime("last_reviewed_at", nullable=True),
                "created_at": q.as_datetime("created_at", self.now),
            }
        )
        row = self.t["questions"][-1]
        for item in q.ids("items", self.item_ids, "item"):
            self.t["question_items"].append({"question_id": question_id, "item_id": item})
        for company in q.ids("companies", self.company_ids, "company"):
            self.t["question_companies"].append({"question_id": question_id, "company_id": company})
        reviews_path = _at(path, "reviews")
        reviews: list[tuple[datetime, int]] = []
        for i, rraw in enumerate(_list(q.obj.get("reviews", []), reviews_path)):
            rpath = f"{reviews_path}[{i}]"
            r = _Fields(_obj(rraw, rpath, REVIEW_FIELDS, ("reviewed_at", "rating")), rpath)
            reviews.append((r.as_datetime("reviewed_at"), r.as_int("rating", lo=0, hi=5)))
            self.t["question_reviews"].append(
                {
                    "question_id": question_id,
                    "reviewed_at": reviews[-1][0],
                    "rating": reviews[-1][1],
                }
            )
        if self.version < 2 and reviews:
            _replay_into(row, reviews)


def _replay_into(row: Json, reviews: list[tuple[datetime, int]]) -> None:
    """A version-1 question: its card, interval, streak and due day from its reviews, as the
    migration to revision 0013 computes them for a database."""
    state = replay(reviews)
    assert state.last_reviewed_at is not None
    row.update(
        fsrs_state=state.state,
        fsrs_step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        last_reviewed_at=state.last_reviewed_at,
        interval_days=state.interval_days,
        repetitions=state.repetitions,
        due_on=state.due_on(machine_offset(state.last_reviewed_at)),
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
