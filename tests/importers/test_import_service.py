"""ImportService on a real SQLite file: idempotent re-imports that never touch user data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from importers import fastai_course, paper_reading, study_notes
from importers.http import Fetcher, Validators
from importers.records import CompanyRecord, ItemRecord, ParseResult, QuestionRecord
from models.career import Company, Question
from models.db import Database
from models.library import Item
from models.services.career import CareerService, CompanyInput
from models.services.importing import ImportService
from models.services.library import LibraryService
from models.services.links import LinkService
from models.services.review import QuestionService
from models.services.transfer import TransferService, dumps_document
from tests.importers.importers_support import write_notebooks

TRANSFORMER = "Transformer 逐段精读"


def _item_id(db: Database, title: str) -> int:
    with db.read() as s:
        found = s.scalar(select(Item.id).where(Item.title == title))
    assert found is not None, title
    return int(found)


def _snapshot(db: Database) -> str:
    return dumps_document(TransferService(db).export_document())


def _duplicates(db: Database) -> int:
    with db.read() as s:
        keys = s.execute(
            select(Item.source, Item.external_key, func.count())
            .group_by(Item.source, Item.external_key)
            .having(func.count() > 1)
        ).all()
    return len(keys)


def _changed_readme(text: str) -> str:
    """A later version: one title edited, one duration fixed, one row gone, one row new."""
    text = text.replace(
        "[Transformer](https://arxiv.org/abs/1706.03762) 逐段精读",
        "[Transformer](https://arxiv.org/abs/1706.03762) 逐段精读（重制）",
        1,
    )
    text = text.replace("| 10:41|", "| 10:42|", 1)
    text = re.sub(r"\n\| 10/06/21 \| 如何读论文 .*", "", text, count=1)
    new_row = (
        "| 11/20/24 | [Mamba](https://arxiv.org/abs/2312.00752) 精读 | | 40:00 | "
        "[![b](x)](https://www.bilibili.com/video/BV1aa4y1a7aa) |\n"
    )
    return text.replace("| 9/04/24 |", new_row + "| 9/04/24 |", 1)


def test_paper_reading_reimport_keeps_user_data(db: Database, paper_readme: str) -> None:
    service = ImportService(db)
    first = service.apply(paper_reading.SOURCE, paper_reading.parse(paper_readme))
    assert (first.added, first.updated, first.unchanged) == (160, 0, 0)
    # 90 papers of the paper list and 11 linked only from a video's title
    assert {line.kind: line.added for line in first.lines} == {"paper_video": 59, "paper": 101}

    library = LibraryService(db)
    video = _item_id(db, TRANSFORMER)
    library.set_pass(video, 1, "done")
    library.set_pass(video, 2, "start")
    library.save_note(video, None, "我的笔记：多头注意力")
    library.save_note(video, 1, "pass one notes")
    point = library.add_open_point(video, "为什么除以 sqrt(d_k)?")
    detail = library.get_item(video)
    data = detail.to_input()
    data.tags = ["必看", "NLP"]
    library.update_item(video, data)
    company = CareerService(db).add_company(CompanyInput(name="Moonshot"))
    LinkService(db).link_item_company(video, company)
    before = library.get_item(video)
    assert len(before.covers) == 1

    again = service.apply(paper_reading.SOURCE, paper_reading.parse(paper_readme))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 160)

    changed = service.apply(
        paper_reading.SOURCE, paper_reading.parse(_changed_readme(paper_readme))
    )
    assert changed.added == 2  # the new Mamba video and its paper (linked from its title)
    assert changed.updated == 2  # the edited title and the fixed duration
    assert library.count() == 162  # the row gone from the source is kept, never deleted
    assert _duplicates(db) == 0

    after = library.get_item(video)
    assert after.title == "Transformer 逐段精读（重制）"
    assert [p.status for p in after.passes] == ["done", "in_progress", "todo"]
    assert after.notes == before.notes
    assert [(o.id, o.text) for o in after.open_points] == [(point, "为什么除以 sqrt(d_k)?")]
    assert set(after.tags) == {"必看", "NLP"}
    assert after.covers == before.covers
    newest = library.get_item(_item_id(db, "Llama 3.1论文精读 · 5. 模型训练过程"))
    assert newest.duration_seconds == 642


def test_fastai_and_questionnaires_keep_answers(
    db: Database, fastai_site: Path, tmp_path: Path
) -> None:
    notebooks = write_notebooks(tmp_path / "nb")
    fetcher = Fetcher(fastai_course.SOURCE, retries=0)
    loaded = fastai_course.load(
        str(fastai_site), fetcher=fetcher, with_questionnaires=True, notebooks_from=str(notebooks)
    )
    assert loaded is not None
    service = ImportService(db)
    first = service.apply(fastai_course.SOURCE, loaded.result)
    assert {line.kind: line.added for line in first.lines} == {"course_video": 28, "question": 24}

    questions = QuestionService(db)
    with db.read() as s:
        qid = s.scalar(
            select(Question.id).where(Question.external_key == "fastbook:04_mnist_basics:q1")
        )
    assert qid is not None
    detail = questions.get_question(qid)
    assert [i.title for i in detail.items] == ["Neural net foundations"]
    questions.set_answer(qid, "my answer")
    questions.review(qid, 4)
    reviewed = questions.get_question(qid)

    again = service.apply(fastai_course.SOURCE, loaded.result)
    assert (again.added, again.updated) == (0, 0)
    kept = questions.get_question(qid)
    assert kept.answer == "my answer"
    assert (kept.repetitions, kept.due_on, len(kept.reviews)) == (
        reviewed.repetitions,
        reviewed.due_on,
        len(reviewed.reviews),
    )
    lessons = LibraryService(db).list_items()
    assert len(lessons) == 28
    with db.read() as s:
        positions = list(s.scalars(select(Item.position).order_by(Item.position)))
    assert positions == list(range(1, 29))


def test_notes_import_is_idempotent_and_respects_user_companies(
    db: Database, study_notes_text: str
) -> None:
    career = CareerService(db)
    mine = career.add_company(CompanyInput(name="minimax", notes="my own notes"))
    service = ImportService(db)
    parsed = study_notes.parse(study_notes_text).result
    first = service.apply(study_notes.SOURCE, parsed)
    counts = {line.kind: (line.added, line.updated, line.unchanged) for line in first.lines}
    assert counts == {
        "article": (11, 0, 0),
        "paper": (2, 0, 0),  # the two arXiv links
        "question": (28, 0, 0),
        "company": (10, 0, 1),  # "Minimax" matched the user's "minimax"
        "note": (19, 0, 0),
    }
    assert career.get_company(mine).notes == "my own notes"
    assert career.get_company(career.company_id("五季智能")).notes == "王小川"
    notes = service.imported_notes(study_notes.SOURCE)
    assert len(notes) == 19
    assert sum(n.category == "一些面经" for n in notes) == 17

    again = service.apply(study_notes.SOURCE, parsed)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 71)
    counts_after = TransferService(db).content_counts()
    assert (counts_after["items"], counts_after["questions"], counts_after["companies"]) == (
        13,
        28,
        11,
    )


def test_bad_records_are_skipped_and_the_rest_imports(db: Database) -> None:
    result = ParseResult(
        items=(
            ItemRecord(kind="paper", external_key="k1", title="Good"),
            ItemRecord(kind="paper", external_key="k1", title="Twice"),
            ItemRecord(kind="paper", external_key="k2", title="   "),
            ItemRecord(kind="podcast", external_key="k3", title="Odd kind"),  # type: ignore[arg-type]
        ),
        questions=(QuestionRecord(external_key="q", text=" "),),
        companies=(CompanyRecord(name="x" * 201), CompanyRecord(name="  ")),
    )
    summary = ImportService(db).apply("test", result)
    assert summary.added == 1
    assert summary.skipped_count == 6
    reasons = [s.reason for s in summary.skipped]
    assert "listed twice in the source" in reasons
    assert "unknown kind 'podcast'" in reasons
    assert LibraryService(db).count() == 1


def test_validators_are_saved_with_the_import(db: Database) -> None:
    service = ImportService(db)
    url = "https://example.org/README.md"
    parsed = ParseResult(items=(ItemRecord(kind="paper", external_key="p1", title="P"),))
    assert service.validators_for(paper_reading.SOURCE, url) is None
    service.apply(paper_reading.SOURCE, parsed, location=url, validators=Validators(etag='"abc"'))
    assert service.validators_for(paper_reading.SOURCE, url) == Validators(etag='"abc"')
    assert service.validators_for(paper_reading.SOURCE, "https://other.org/README.md") is None
    assert service.validators_for(fastai_course.SOURCE, url) is None
    with db.transaction() as s:
        for item in s.scalars(select(Item)):
            s.delete(item)
    # An emptied library must be filled again, not answered with "unchanged".
    assert service.validators_for(paper_reading.SOURCE, url) is None


def test_failed_write_leaves_nothing(
    db: Database, paper_readme: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One transaction: an error half-way rolls back every row of the import."""
    import models.services.importing as importing

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(importing.ImportService, "_apply_questions", broken)
    before = _snapshot(db)
    with pytest.raises(RuntimeError):
        ImportService(db).apply(paper_reading.SOURCE, paper_reading.parse(paper_readme))
    assert _snapshot(db) == before
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Company)) == 0


def test_summary_json_shape(db: Database) -> None:
    summary = ImportService(db).apply(
        "test", ParseResult(items=(ItemRecord(kind="article", external_key="u", title="T"),))
    )
    data = summary.to_json()
    assert json.loads(json.dumps(data))["kinds"] == {
        "article": {"added": 1, "updated": 0, "unchanged": 0, "skipped": 0}
    }
    assert summary.describe() == "test: 1 added, 0 updated, 0 unchanged, 0 skipped."
