"""Exports and the scheduler: a version-1 export (SM-2, written before FSRS) still imports,
its questions' FSRS state replayed from their reviews; a version-2 export carries the state."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from models.clock import FixedClock
from models.db import Database, open_database
from models.paths import resolve_location
from models.services.review import QuestionInput, QuestionService
from models.services.review_schedule import machine_offset
from models.services.transfer import TransferService
from tests.fixture_paths import FIXTURES, require

EXPORT_V1 = FIXTURES / "exports" / "threepass-export-v1.json"
SCHEDULE = [
    "fsrs_state",
    "fsrs_step",
    "stability",
    "difficulty",
    "last_reviewed_at",
    "interval_days",
    "repetitions",
    "due_on",
]


def schedules(doc: dict[str, Any]) -> dict[int, tuple[Any, ...]]:
    return {q["id"]: tuple(q[k] for k in SCHEDULE) for q in doc["questions"]}


def regraded(doc: dict[str, Any], directory: Path) -> dict[int, tuple[Any, ...]]:
    """Each question of `doc` graded anew through the service, at its reviews' moments."""
    db = open_database(resolve_location(data_dir=directory))
    try:
        for q in doc["questions"]:
            bank = QuestionService(db, FixedClock(datetime(2026, 3, 1)))
            made = bank.add_question(QuestionInput(text=q["text"]))
            for review in sorted(q["reviews"], key=lambda r: r["reviewed_at"]):
                moment = datetime.fromisoformat(review["reviewed_at"])
                clock = FixedClock(moment, offset=machine_offset(moment))
                QuestionService(db, clock).review(made, review["rating"])
        return {
            q["id"]: state
            for q, state in zip(
                doc["questions"],
                schedules(TransferService(db).export_document()).values(),
                strict=True,
            )
        }
    finally:
        db.close()


def test_a_version_1_export_imports_with_its_reviews_replayed(db: Database, tmp_path: Path) -> None:
    old = json.loads(require(EXPORT_V1).read_text(encoding="utf-8"))
    assert old["version"] == 1
    summary = TransferService(db).import_document(old)
    assert summary is not None
    doc = TransferService(db).export_document()
    assert doc["version"] == 2
    assert [q["text"] for q in doc["questions"]] == [q["text"] for q in old["questions"]]
    assert [q["reviews"] for q in doc["questions"]] == [q["reviews"] for q in old["questions"]]
    imported = schedules(doc)
    assert imported == regraded(old, tmp_path / "regraded")
    reviewed = [q["id"] for q in old["questions"] if q["reviews"]]
    assert len(reviewed) == 3
    assert all(imported[q][0] == 2 and imported[q][2] > 0 for q in reviewed)  # review cards
    never = [q["id"] for q in old["questions"] if not q["reviews"]]
    assert all(imported[q][:5] == (None,) * 5 and imported[q][7] is None for q in never)
    # what SM-2 left is not what FSRS makes of the same reviews
    assert [imported[q][7] for q in reviewed] != [
        q["due_on"] for q in old["questions"] if q["reviews"]
    ]
    # the rest of the bank is as it was: answers, links, confidence
    keep = ("answer", "category", "confidence", "items", "companies", "tags", "ease")
    assert [{k: q[k] for k in keep} for q in doc["questions"]] == [
        {k: q[k] for k in keep} for q in old["questions"]
    ]


def test_a_version_2_export_carries_the_state(db: Database, tmp_path: Path) -> None:
    clock = FixedClock(datetime(2026, 3, 2, 9, 0))
    bank = QuestionService(db, clock)
    qid = bank.add_question(QuestionInput(text="RoPE 为什么能外推?"))
    bank.review(qid, 4)
    clock.advance(days=2)
    bank.review(qid, 3)
    doc = TransferService(db).export_document()
    other = open_database(resolve_location(data_dir=tmp_path / "other"))
    try:
        TransferService(other).import_document(json.loads(json.dumps(doc)))
        again = TransferService(other).export_document()
        assert QuestionService(other).get_question(qid) == bank.get_question(qid)
    finally:
        other.close()
    assert schedules(again) == schedules(doc)
    assert doc["questions"][0]["stability"] is not None
