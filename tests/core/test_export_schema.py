"""docs/threepass-export.schema.json describes what `export --json` writes and `import json`
reads: every export validates, broken documents fail it as they fail the importer."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from models.career import APPLICATION_STATUSES, ROUND_KINDS
from models.db import Database, open_database
from models.kinds import PLATFORMS
from models.paths import resolve_location
from models.services import transfer_document as document
from models.services.transfer import TransferService
from models.services.transfer_document import (
    KINDS,
    PASS_STATUSES,
    DocumentError,
    validate_document,
)
from models.services.transfer_export import dumps_document
from tests.core.core_support import REPO, fill_everything

SCHEMA_PATH = REPO / "docs" / "threepass-export.schema.json"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(loaded)
    return loaded


def schema_errors(schema: dict[str, Any], doc: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(doc)]


def exported(db: Database) -> Any:
    """What `export --json` writes, read back as a reader of the file would."""
    return json.loads(dumps_document(TransferService(db).export_document()))


def test_the_schema_names_the_fields_and_values_the_importer_knows(
    schema: dict[str, Any],
) -> None:
    defs = schema["$defs"]
    fields = {
        "item": document.ITEM_FIELDS,
        "pass": document.PASS_FIELDS,
        "session": document.SESSION_FIELDS,
        "note": document.NOTE_FIELDS,
        "open_point": document.POINT_FIELDS,
        "company": document.COMPANY_FIELDS,
        "application": document.APPLICATION_FIELDS,
        "event": document.EVENT_FIELDS,
        "round": document.ROUND_FIELDS,
        "question": document.QUESTION_FIELDS,
        "review": document.REVIEW_FIELDS,
        "journal_note": document.JOURNAL_FIELDS,
        "also_from": document.ALSO_FROM_FIELDS,
        "links": frozenset(PLATFORMS),
    }
    for name, known in fields.items():
        assert set(defs[name]["properties"]) == known, name
        assert defs[name]["additionalProperties"] is False, name
    assert set(schema["properties"]) == document.TOP_FIELDS
    assert defs["kind"]["enum"] == list(KINDS)
    assert defs["pass_status"]["enum"] == list(PASS_STATUSES)
    assert defs["application_status"]["enum"] == list(APPLICATION_STATUSES)
    assert defs["round_kind"]["enum"] == list(ROUND_KINDS)
    # what this ThreePass reads: every version up to the one it writes
    assert schema["properties"]["version"]["enum"] == list(range(1, document.VERSION + 1))


def _paper_video(item_id: int) -> dict[str, Any]:
    """The kind and pass states fill_everything leaves out, with CJK notes and links."""
    return {
        "id": item_id,
        "kind": "paper_video",
        "title": "Transformer 论文逐段精读【论文精读】",
        "url": "https://www.bilibili.com/video/BV1pu411o7BE",
        "source": "paper-reading",
        "external_key": "transformer",
        "links": {"bilibili": "https://www.bilibili.com/video/BV1pu411o7BE", "zhihu": None},
        "tags": ["入门"],
        "passes": [
            {"number": 3, "status": "done", "speed": 1.5, "finished_at": "2026-03-05T10:00:00"},
            {"number": 1, "status": "in_progress", "started_at": "2026-03-03T08:00:00+08:00"},
            {"number": 2, "status": "todo", "minutes_spent": 0},
        ],
        "notes": [
            {"pass_number": 3, "body": "## 第三遍\n多头注意力：把 d 拆成 h 份 🧠"},
            {"pass_number": None, "body": ""},
        ],
        "open_points": [
            {"id": 900, "text": "为什么 LayerNorm 而不是 BatchNorm？", "resolved_in_pass": 2}
        ],
        "covers": [],
    }


def test_a_rich_export_validates(schema: dict[str, Any], db: Database, tmp_path: Path) -> None:
    fill_everything(db)
    doc = exported(db)
    assert {item["kind"] for item in doc["items"]} != set(KINDS), "the addition matters"
    doc["items"].append(_paper_video(max(item["id"] for item in doc["items"]) + 1))
    fresh = open_database(resolve_location(data_dir=tmp_path / "fresh"))
    try:
        TransferService(fresh).import_document(doc)
        again = exported(fresh)
    finally:
        fresh.close()
    assert {item["kind"] for item in again["items"]} == set(KINDS)
    statuses = {p["status"] for item in again["items"] for p in item["passes"]}
    assert statuses == set(PASS_STATUSES)
    assert again["companies"]
    assert again["questions"]
    assert again["journal_notes"]
    assert any(a["rounds"] and a["events"] for c in again["companies"] for a in c["applications"])
    assert any(item.get("also_from") for item in again["items"])
    assert schema_errors(schema, again) == []


def test_an_empty_export_validates(schema: dict[str, Any], db: Database) -> None:
    doc = exported(db)
    assert doc["items"] == []
    assert doc["companies"] == []
    assert schema_errors(schema, doc) == []
    assert schema_errors(schema, {"format": "threepass", "version": 1}) == []


Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    """Set a dotted path such as `items.0.passes.1.status` to value."""

    def mutate(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return mutate


def _drop(path: str) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        del node[int(last) if isinstance(node, list) else last]

    return mutate


BROKEN: dict[str, Mutation] = {
    "wrong format": _set("format", "other"),
    "newer version": _set("version", document.VERSION + 1),
    "unknown top-level key": _set("extra", []),
    "unknown item field": _set("items.0.colour", "red"),
    "item kind not an enum value": _set("items.0.kind", "podcast"),
    "blank title": _set("items.0.title", "   "),
    "title missing": _drop("items.0.title"),
    "two passes": _drop("items.0.passes.2"),
    "pass number 4": _set("items.0.passes.2.number", 4),
    "pass status unknown": _set("items.0.passes.0.status", "finished"),
    "speed out of range": _set("items.0.passes.0.speed", 100),
    "created_at null": _set("items.0.created_at", None),
    "a time that is not a time": _set("items.0.updated_at", "yesterday"),
    "a boolean as a number": _set("items.0.year", True),
    "negative duration": _set("items.0.duration_seconds", -1),
    "a fourth link platform": _set("items.0.links.vimeo", "https://vimeo.com/1"),
    "also_from not a list": _set("items.1.also_from", {"source": "notes"}),
    "also_from without a key": _drop("items.1.also_from.0.external_key"),
    "also_from with a blank source": _set("items.1.also_from.0.source", " "),
    "also_from with a numeric key": _set("items.1.also_from.1.external_key", 1706),
    "also_from with an unknown field": _set("items.1.also_from.0.title", "x"),
    "id zero": _set("companies.0.id", 0),
    "application status unknown": _set("companies.0.applications.0.status", "hired"),
    "round kind unknown": _set("companies.0.applications.0.rounds.0.kind", "chat"),
    "confidence 6": _set("questions.0.confidence", 6),
    "review without rating": _drop("questions.0.reviews.0.rating"),
    "a date with a time": _set("questions.0.due_on", "2026-03-09T00:00:00"),
    "journal note without id": _drop("journal_notes.0.id"),
    "a blank tag": _set("tags.0", " "),
    "settings not an object": _set("settings", []),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_broken_document_fails_the_schema_and_the_importer(
    name: str, schema: dict[str, Any], db: Database
) -> None:
    fill_everything(db)
    doc = copy.deepcopy(exported(db))
    BROKEN[name](doc)
    assert schema_errors(schema, doc), f"the schema accepts: {name}"
    with pytest.raises(DocumentError):
        validate_document(doc)
