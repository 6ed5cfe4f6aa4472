"""Whole-database JSON export/import: round trip, validation paths, safety on non-empty data."""

from __future__ import annotations

import copy
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, Table, func, select

from models.base import Base
from models.db import Database, open_database
from models.errors import ValidationError
from models.paths import resolve_location
from models.schema import Base as SchemaBase
from models.services.import_summary import ImportSummary
from models.services.transfer import (
    DocumentError,
    TransferService,
    dumps_document,
    prepare_document,
    validate_document,
)
from models.sync.tables import STAMPED_BY_0015
from tests.core.core_support import fill_everything

assert Base is SchemaBase  # every mapped module is loaded

# Every column of every table, as the JSON format carries it. A new column must be added to
# models/services/transfer_export.py and transfer_document.py (export and import) and
# docs/json-format.md, then here.
EXPECTED_COLUMNS = {
    "items": "id kind title url source external_key category year published duration_seconds "
    "link_bilibili link_youtube link_zhihu summary number position recorded reading_minutes "
    "scheduled_for queue_position created_at updated_at",
    "passes": "id item_id number speed depth status started_at finished_at minutes_spent",
    "notes": "id item_id pass_number body created_at updated_at",
    "open_points": "id item_id text created_at resolved_in_pass resolved_at question_id",
    "study_sessions": "id pass_id started_at ended_at minutes manual",
    "settings": "key value",
    "tags": "id name",
    "item_tags": "item_id tag_id",
    "item_covers": "video_id paper_id",
    "item_sources": "item_id source external_key",
    "companies": "id name city focus website careers_url priority tags notes created_at",
    "applications": "id company_id role team channel status contacts next_action "
    "next_action_due created_at updated_at",
    "application_events": "id application_id from_status to_status at",
    "interview_rounds": "id application_id held_on kind interviewer_notes outcome",
    "questions": "id text detail category tags answer confidence source external_key ease "
    "interval_days repetitions due_on created_at fsrs_state fsrs_step stability difficulty "
    "last_reviewed_at",
    "question_reviews": "id question_id reviewed_at rating",
    "item_companies": "item_id company_id",
    "question_items": "question_id item_id",
    "question_companies": "question_id company_id",
    "round_questions": "round_id question_id",
    "journal_notes": "id source external_key title category body imported_body created_at "
    "updated_at",
}


@pytest.fixture
def other_db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(resolve_location(data_dir=tmp_path / "other"))
    yield database
    database.close()


def table_counts(db: Database) -> dict[str, int]:
    with db.read() as s:
        return {
            name: int(s.scalar(select(func.count()).select_from(table)) or 0)
            for name, table in Base.metadata.tables.items()
            if _in_format(name)
        }


def table_contents(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, tags by name (tag ids are not part of the format)."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with db.read() as s:
        names = dict(
            s.execute(
                select(Base.metadata.tables["tags"].c.id, Base.metadata.tables["tags"].c.name)
            ).all()
        )
        for name, table in Base.metadata.tables.items():
            if not _in_format(name):
                continue
            rows = [tuple(r) for r in s.execute(select(*_format_columns(name, table))).all()]
            if name == "tags":
                rows = [(r[1],) for r in rows]
            elif name == "item_tags":
                rows = [(r[0], names[r[1]]) for r in rows]
            out[name] = sorted(rows, key=repr)
    return out


def _format_columns(name: str, table: Table) -> list[Column[Any]]:
    """The columns the format carries: not 0015's sync stamps (docs/sync.md)."""
    stamped = name in STAMPED_BY_0015
    return [c for c in table.columns if not (stamped and c.name == "updated_at")]


# the player's state (revision 0014): where a video was left and a downloaded file's path on
# this machine's disk; an export is the study record, not the player's (docs/json-format.md)
PLAYER_TABLES = {"pass_positions", "item_video_files"}


def _in_format(name: str) -> bool:
    # sync_*: this machine's sync bookkeeping (revision 0015)
    return not name.startswith("sync_") and name not in PLAYER_TABLES


def test_every_column_is_carried_by_the_format() -> None:
    actual = {
        name: {c.name for c in _format_columns(name, t)}
        for name, t in Base.metadata.tables.items()
        if _in_format(name)
    }
    expected = {name: set(cols.split()) for name, cols in EXPECTED_COLUMNS.items()}
    assert actual == expected


def test_every_item_column_is_written_by_export_and_import(filled_db: Database) -> None:
    """The export derives an item's fields from the model; the import's rows fill each column."""
    doc = TransferService(filled_db).export_document()
    columns = {c.name for c in Base.metadata.tables["items"].columns}
    links = {f"link_{platform}" for platform in doc["items"][0]["links"]}
    exported = set(doc["items"][0]) - {"links"} | links
    assert columns <= exported
    rows = prepare_document(doc).tables["items"]
    assert all(set(row) == columns for row in rows)


def test_fixture_fills_every_table(filled_db: Database) -> None:
    """The round-trip tests below only prove something if every table holds data."""
    empty = [name for name, n in table_counts(filled_db).items() if n == 0]
    assert empty == []


def test_export_import_export_is_byte_identical(filled_db: Database, other_db: Database) -> None:
    first = TransferService(filled_db).export_document()
    text = dumps_document(first)
    summary = TransferService(other_db).import_document(json.loads(text))
    second = dumps_document(TransferService(other_db).export_document())
    assert second == text
    assert summary.count("items") == 3
    assert summary.count("passes") == 9
    assert summary.count("study_sessions") == 3
    assert summary.document
    assert type(summary) is ImportSummary  # the one summary every import returns
    assert summary.describe().startswith("Imported 3 items, ")
    assert summary.backup is None
    assert not summary.replaced
    assert "动手学深度学习" in text  # CJK is written as text, not \\u escapes


def test_round_trip_keeps_every_row(filled_db: Database, other_db: Database) -> None:
    TransferService(other_db).import_document(TransferService(filled_db).export_document())
    before, after = table_contents(filled_db), table_contents(other_db)
    for name in before:
        if name in ("passes", "notes", "study_sessions", "question_reviews", "application_events"):
            # Their ids are positions, not data: compare everything but the id column.
            before[name] = sorted((r[1:] for r in before[name]), key=repr)
            after[name] = sorted((r[1:] for r in after[name]), key=repr)
        assert after[name] == before[name], name


def test_export_content_and_links(filled_db: Database) -> None:
    doc = TransferService(filled_db).export_document()
    assert (doc["format"], doc["version"]) == ("threepass", 2)
    assert doc["tags"] == ["LLM", "unused", "入门"]
    video = doc["items"][0]
    assert video["links"]["bilibili"].startswith("https://www.bilibili.com/")
    assert [p["number"] for p in video["passes"]] == [1, 2, 3]
    assert video["passes"][0]["started_at"] == "2026-03-02T09:00:00.123456"
    assert video["covers"] == [doc["items"][1]["id"]]
    assert [n["pass_number"] for n in video["notes"]] == [None, 1]
    assert doc["settings"]["followed_courses"] == ["d2l", "李沐论文精读"]
    app = doc["companies"][0]["applications"][0]
    assert [e["to_status"] for e in app["events"]] == ["applied", "interviewing"]
    assert sorted(app["rounds"][0]["questions"]) == sorted(q["id"] for q in doc["questions"])


def test_list_items_shape(filled_db: Database) -> None:
    rows = TransferService(filled_db).list_items()
    required = {
        "id",
        "kind",
        "title",
        "url",
        "source",
        "category",
        "duration_seconds",
        "links",
        "passes",
    }
    assert required <= set(rows[0])
    assert set(rows[0]["links"]) == {"bilibili", "youtube", "zhihu"}
    assert [p["status"] for p in rows[0]["passes"]] == ["done", "in_progress", "todo"]
    assert [p["speed"] for p in rows[0]["passes"]] == [1.0, 1.25, 1.5]
    assert rows[0]["minutes_spent"] == 87.5
    assert rows[0]["open_points_unresolved"] == 1


def test_import_into_non_empty_database_is_refused(filled_db: Database) -> None:
    doc = TransferService(filled_db).export_document()
    before = table_contents(filled_db)
    with pytest.raises(ValidationError, match="already holds 3 items"):
        TransferService(filled_db).import_document(doc)
    assert table_contents(filled_db) == before


def test_replace_backs_up_then_replaces(filled_db: Database, data_dir: Path) -> None:
    doc = minimal_document(2)
    summary = TransferService(filled_db).import_document(doc, replace=True)
    assert summary.replaced
    assert summary.backup is not None
    assert summary.backup.parent == data_dir / "backups"
    with sqlite3.connect(summary.backup) as conn:  # the old data survives in the backup
        assert conn.execute("SELECT count(*) FROM items").fetchone() == (3,)
        assert conn.execute("SELECT count(*) FROM companies").fetchone() == (2,)
    counts = table_counts(filled_db)
    assert counts["items"] == 2
    assert counts["passes"] == 6
    assert counts["companies"] == counts["questions"] == counts["tags"] == counts["settings"] == 0


def test_replace_with_its_own_export_keeps_the_shared_items(filled_db: Database) -> None:
    """--replace empties item_sources too: re-inserting the same pairs breaks no key."""
    doc = TransferService(filled_db).export_document()
    before = table_contents(filled_db)
    TransferService(filled_db).import_document(doc, replace=True)
    assert table_contents(filled_db)["item_sources"] == before["item_sources"]
    assert [i.get("also_from") for i in TransferService(filled_db).export_document()["items"]] == [
        None,
        [
            {"source": "notes", "external_key": ARXIV},
            {"source": "reading-list", "external_key": "attention"},
        ],
        None,
    ]


def test_items_without_other_sources_export_no_also_from(db: Database) -> None:
    """A library with no shared item exports byte for byte as before revision 0011."""
    TransferService(db).import_document(minimal_document(2))
    text = dumps_document(TransferService(db).export_document())
    assert "also_from" not in text


def minimal_document(n: int, kind: str = "course_video") -> dict[str, Any]:
    return {
        "format": "threepass",
        "version": 1,
        "items": [
            {
                "id": i,
                "kind": kind,
                "title": f"第 {i} 课",
                "passes": [{"number": k, "status": "todo"} for k in (1, 2, 3)],
            }
            for i in range(1, n + 1)
        ],
    }


def test_minimal_document_gets_defaults(db: Database) -> None:
    doc = minimal_document(1)
    doc["items"].append(copy.deepcopy(doc["items"][0]) | {"id": 2, "kind": "paper"})
    TransferService(db).import_document(doc)
    exported = TransferService(db).export_document()["items"]
    assert [p["speed"] for p in exported[0]["passes"]] == [1.0, 1.25, 1.5]
    assert [p["speed"] for p in exported[1]["passes"]] == [1.0, 1.0, 1.0]
    assert exported[0]["source"] == "manual"


def test_bulk_import_of_many_items(db: Database) -> None:
    doc = minimal_document(3000)
    for item in doc["items"]:
        item["notes"] = [{"pass_number": 1, "body": "笔记 " * 20}]
    summary = TransferService(db).import_document(doc)
    assert summary.count("items") == 3000
    counts = table_counts(db)
    assert (counts["items"], counts["passes"], counts["notes"]) == (3000, 9000, 3000)


Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        target: Any = doc
        parts = path.replace("[", ".").replace("]", "").split(".")
        for part in parts[:-1]:
            target = target[int(part)] if part.isdigit() else target[part]
        last = parts[-1]
        if value is _DELETE:
            del target[last]
        else:
            target[int(last) if last.isdigit() else last] = value

    return mutate


_DELETE = object()
ARXIV = "https://arxiv.org/abs/1706.03762"  # the key fill_everything's paper has from notes


def _add_fourth_pass(doc: dict[str, Any]) -> None:
    doc["items"][1]["passes"].append(copy.deepcopy(doc["items"][1]["passes"][0]))


def _drop_a_pass(doc: dict[str, Any]) -> None:
    doc["items"][0]["passes"].pop()


BAD_DOCUMENTS: list[tuple[Mutation, str | None]] = [
    (_add_fourth_pass, "items[1].passes[3]: only 3 passes allowed"),
    (_drop_a_pass, "items[0].passes: exactly 3 passes needed, found 2"),
    (_set("items[0].passes[1].number", 1), "items[0].passes[1].number: pass 1 appears twice"),
    (_set("items[0].passes[2].number", 4), "items[0].passes[2].number: 4 is out of range (1..3)"),
    (
        _set("items[0].passes[0].status", "finished"),
        "items[0].passes[0].status: 'finished' is not one of todo, in_progress, done",
    ),
    (_set("items[2].kind", "podcast"), "items[2].kind: 'podcast' is not one of"),
    (_set("items[2].title", _DELETE), "items[2].title: required field is missing"),
    (_set("items[2].title", "  "), "items[2].title: must not be empty"),
    (_set("items[0].duration_seconds", "1:27:05"), "items[0].duration_seconds: expected a whole"),
    (_set("items[0].year", True), "items[0].year: expected a whole number, found a boolean"),
    (_set("items[0].titel", "x"), "items[0].titel: unknown field"),
    (_set("items[0].links.douyin", "x"), "items[0].links.douyin: unknown field"),
    (_set("items[0].passes[0].started_at", "yesterday"), "items[0].passes[0].started_at: expected"),
    (_set("items[0].passes[1].minutes_spent", -5), "items[0].passes[1].minutes_spent: -5 is out"),
    (_set("items[0].covers", [999]), "items[0].covers[0]: no item with id 999 in this document"),
    (_set("items[0].tags", ["未列出"]), "items[0].tags[0]: tag '未列出' is not listed"),
    (_set("items[0].open_points[1].question_id", 77), "items[0].open_points[1].question_id: no"),
    (_set("items[2].id", 1), "items[2].id: item id 1 is used twice"),
    (_set("items[1].external_key", "d2l-08"), None),  # different source: allowed
    (_set("items[0].notes[1].pass_number", None), "items[0].notes[1].pass_number: the general"),
    (_set("items[1].also_from", "notes"), "items[1].also_from: expected a list, found a string"),
    (
        _set("items[1].also_from[0].source", "paper-reading"),
        "items[1].also_from[0].source: 'paper-reading' is the item's own source",
    ),
    (_set("items[1].also_from[0].source", 3), "items[1].also_from[0].source: expected a string"),
    (_set("items[1].also_from[0].source", " "), "items[1].also_from[0].source: must not be empty"),
    (
        _set("items[1].also_from[0].external_key", _DELETE),
        "items[1].also_from[0].external_key: required field is missing",
    ),
    (
        _set("items[1].also_from[0].external_key", None),
        "items[1].also_from[0].external_key: must not be null",
    ),
    (_set("items[1].also_from[1].title", "x"), "items[1].also_from[1].title: unknown field"),
    (
        _set("items[1].also_from[1]", {"source": "notes", "external_key": ARXIV}),
        f"items[1].also_from[1].external_key: this item is already reached from 'notes' by the "
        f"key '{ARXIV}'",
    ),
    (
        _set("items[2].also_from", [{"source": "notes", "external_key": ARXIV}]),
        f"items[2].also_from[0].external_key: item 2 is already reached from 'notes' by the "
        f"key '{ARXIV}'",
    ),
    (
        _set("items[2].also_from", [{"source": "d2l", "external_key": "d2l-08"}]),
        "items[2].also_from[0].external_key: item 1 from 'd2l' already has the key 'd2l-08'",
    ),
    (  # the owner comes later in the document
        _set("items[0].also_from", [{"source": "paper-reading", "external_key": "1706.03762"}]),
        "items[0].also_from[0].external_key: item 2 from 'paper-reading' already has the key",
    ),
    (_set("items[1].also_from[1].source", "notes"), None),  # one source, two keys: allowed
    (_set("items[2].also_from", []), None),
    (
        _set("companies[1].name", "字节跳动"),
        "companies[1].name: company '字节跳动' is listed twice",
    ),
    (
        _set("companies[0].applications[0].status", "hired"),
        "companies[0].applications[0].status: 'hired' is not one of",
    ),
    (
        _set("companies[0].applications[0].rounds[0].questions", [1, 1]),
        "companies[0].applications[0].rounds[0].questions[1]: question 1 is listed twice",
    ),
    (_set("questions[0].confidence", 7), "questions[0].confidence: 7 is out of range (0..5)"),
    (
        _set("questions[0].items", ["1"]),
        "questions[0].items[0]: expected an item id, found a string",
    ),
    (_set("settings", []), "settings: expected an object, found a list"),
    (_set("format", "anki"), "format: expected \"threepass\", found 'anki'"),
    (_set("version", 3), "version: version 3 was written by a newer ThreePass"),
    (_set("items", {}), "items: expected a list, found an object"),
    (_set("items[0].passes[0].speed", float("nan")), "items[0].passes[0].speed: nan is out"),
]


@pytest.fixture(scope="module")
def full_document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The export of a database with a row in every table (built once for the module)."""
    database = open_database(resolve_location(data_dir=tmp_path_factory.mktemp("full")))
    try:
        fill_everything(database)
        return TransferService(database).export_document()
    finally:
        database.close()


@pytest.mark.parametrize(("mutate", "message"), BAD_DOCUMENTS)
def test_validation_reports_the_path(
    full_document: dict[str, Any], mutate: Mutation, message: str | None
) -> None:
    doc = copy.deepcopy(full_document)
    validate_document(doc)  # the unchanged export is valid
    mutate(doc)
    if message is None:
        validate_document(doc)
        return
    with pytest.raises(DocumentError) as info:
        validate_document(doc)
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


def test_invalid_document_writes_nothing(full_document: dict[str, Any], other_db: Database) -> None:
    doc = copy.deepcopy(full_document)
    doc["questions"][1]["reviews"] = [{"reviewed_at": "2026-03-02T09:00:00", "rating": 9}]
    with pytest.raises(DocumentError, match=r"^questions\[1\]\.reviews\[0\]\.rating: 9 is out"):
        TransferService(other_db).import_document(doc)
    assert all(n == 0 for n in table_counts(other_db).values())


def test_document_must_be_an_object() -> None:
    with pytest.raises(DocumentError, match=r"^document: expected an object, found a list$"):
        validate_document([])


def test_first_error_is_reported_even_deep_in_a_large_document(db: Database) -> None:
    doc = minimal_document(500)
    doc["items"][412]["passes"].append({"number": 3, "status": "todo"})
    doc["items"][480]["kind"] = "podcast"
    with pytest.raises(DocumentError) as info:
        TransferService(db).import_document(doc)
    assert info.value.path == "items[412].passes[3]"
    assert str(info.value) == "items[412].passes[3]: only 3 passes allowed"
    assert table_counts(db)["items"] == 0


def test_timezone_aware_times_are_stored_as_utc(db: Database) -> None:
    doc = minimal_document(1)
    doc["items"][0]["passes"][0]["started_at"] = "2026-03-02T17:00:00+08:00"
    TransferService(db).import_document(doc)
    exported = TransferService(db).export_document()
    assert exported["items"][0]["passes"][0]["started_at"] == "2026-03-02T09:00:00"


def test_a_broken_database_rule_rolls_everything_back(db: Database) -> None:
    """The safety net behind validation: a constraint failure mid-import leaves no rows."""
    prepared = prepare_document(minimal_document(50))
    prepared.tables["passes"].append(dict(prepared.tables["passes"][0], id=10_000))
    with pytest.raises(ValidationError, match="breaks a database rule"):
        TransferService(db).import_document(prepared)
    assert all(n == 0 for n in table_counts(db).values())


def test_export_reads_one_consistent_snapshot(
    filled_db: Database, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write committed by another process mid-export must not leak into half the document."""
    from models.services import transfer_export

    original = transfer_export._export_companies

    def write_meanwhile(s: Any) -> list[dict[str, Any]]:
        with sqlite3.connect(data_dir / "threepass.sqlite3") as other:
            other.execute(
                "INSERT INTO companies (name, priority, tags, notes, created_at) "
                "VALUES ('智谱', 3, '', '', '2026-03-02 09:00:00.000000')"
            )
        other.close()
        return original(s)

    monkeypatch.setattr(transfer_export, "_export_companies", write_meanwhile)
    doc = TransferService(filled_db).export_document()
    assert [c["name"] for c in doc["companies"]] == ["字节跳动", "DeepSeek"]
    monkeypatch.setattr(transfer_export, "_export_companies", original)
    assert len(TransferService(filled_db).export_document()["companies"]) == 3
