"""ImportService.import_text: an unchanged source is not parsed again, unless the library changed.

A re-import skips the parse only when the text is the one imported last AND nothing the
import writes has changed since; otherwise it does the full import, which restores what the
user deleted or edited among the fields the source owns (as a full re-import always has).
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from sqlalchemy import CursorResult, delete, func, select

from importers import paper_reading, study_notes
from importers.http import Validators
from importers.records import ItemRecord, NoteRecord, ParseResult, QuestionRecord
from models.career import Question, question_items
from models.db import Database
from models.library import Item, JournalNote, Setting, item_covers
from models.services.career import CareerService
from models.services.import_summary import ImportSummary
from models.services.importing import STATE_KEY, VALIDATORS_KEY, ImportService
from models.services.journal import JournalService
from models.services.library import LibraryService
from models.services.review import QuestionService
from models.services.transfer import TransferService, dumps_document

TRANSFORMER = "Transformer 逐段精读"


class CountingParse:
    """``paper_reading.parse`` that counts its calls (same module and name for the digest)."""

    def __init__(self, parse: Callable[[str], ParseResult]) -> None:
        self.calls = 0
        self._parse = parse
        self.__module__ = parse.__module__
        self.__qualname__ = parse.__qualname__

    def __call__(self, text: str) -> ParseResult:
        self.calls += 1
        return self._parse(text)


def _counts(summary: ImportSummary) -> tuple[int, int, int, bool]:
    return summary.added, summary.updated, summary.unchanged, summary.not_modified


def _item_id(db: Database, title: str) -> int:
    with db.read() as s:
        found = s.scalar(select(Item.id).where(Item.title == title))
    assert found is not None, title
    return int(found)


@pytest.fixture
def imported(db: Database, paper_readme: str) -> tuple[ImportService, CountingParse]:
    service = ImportService(db)
    parse = CountingParse(paper_reading.parse)
    first = service.import_text(paper_reading.SOURCE, paper_readme, parse)
    assert _counts(first) == (160, 0, 0, False)
    assert parse.calls == 1
    return service, parse


def test_unchanged_source_is_not_parsed_again(
    db: Database, paper_readme: str, imported: tuple[ImportService, CountingParse]
) -> None:
    service, parse = imported
    before = dumps_document(TransferService(db).export_document())
    again = service.import_text(paper_reading.SOURCE, paper_readme, parse)
    assert again.not_modified
    assert parse.calls == 1
    assert again.describe() == "paper-reading: unchanged since the last import, nothing to do."
    assert dumps_document(TransferService(db).export_document()) == before


def test_user_data_does_not_prevent_the_skip(
    db: Database, paper_readme: str, imported: tuple[ImportService, CountingParse]
) -> None:
    """Passes, notes, open points and tags are the user's: the import never reads them."""
    service, parse = imported
    library = LibraryService(db)
    video = _item_id(db, TRANSFORMER)
    library.set_pass(video, 1, "done")
    library.save_note(video, 1, "多头注意力：为什么要除以 sqrt(d_k)")
    library.add_open_point(video, "LayerNorm 放在哪里？")
    data = library.get_item(video).to_input()
    data.tags = ["必看"]
    library.update_item(video, data)
    again = service.import_text(paper_reading.SOURCE, paper_readme, parse)
    assert again.not_modified
    assert parse.calls == 1
    kept = library.get_item(video)
    assert kept.passes[0].status == "done"
    assert kept.tags == ("必看",)


def test_deleted_item_is_restored_by_a_full_import(
    db: Database, paper_readme: str, imported: tuple[ImportService, CountingParse]
) -> None:
    service, parse = imported
    LibraryService(db).delete_item(_item_id(db, TRANSFORMER))
    again = service.import_text(paper_reading.SOURCE, paper_readme, parse)
    assert _counts(again) == (1, 0, 159, False)
    assert parse.calls == 2
    assert LibraryService(db).get_item(_item_id(db, TRANSFORMER)).covers
    # and now the library is as the source left it again: skipped
    third = service.import_text(paper_reading.SOURCE, paper_readme, parse)
    assert third.not_modified
    assert parse.calls == 2


def test_edited_title_is_restored_by_a_full_import(
    db: Database, paper_readme: str, imported: tuple[ImportService, CountingParse]
) -> None:
    service, parse = imported
    library = LibraryService(db)
    video = _item_id(db, TRANSFORMER)
    data = library.get_item(video).to_input()
    data.title = "我的标题"
    library.update_item(video, data)
    again = service.import_text(paper_reading.SOURCE, paper_readme, parse)
    assert _counts(again) == (0, 1, 159, False)
    assert parse.calls == 2
    assert library.get_item(video).title == TRANSFORMER


def test_removed_cover_link_is_restored_by_a_full_import(
    db: Database, paper_readme: str, imported: tuple[ImportService, CountingParse]
) -> None:
    service, parse = imported
    video = _item_id(db, TRANSFORMER)
    covers = LibraryService(db).get_item(video).covers
    with db.transaction() as s:
        s.execute(delete(item_covers).where(item_covers.c.video_id == video))
    again = service.import_text(paper_reading.SOURCE, paper_readme, parse)
    assert _counts(again) == (0, 1, 159, False)
    assert parse.calls == 2
    assert LibraryService(db).get_item(video).covers == covers


def test_changed_text_version_or_force_import_in_full(
    db: Database, paper_readme: str, imported: tuple[ImportService, CountingParse]
) -> None:
    service, parse = imported
    edited = paper_readme.replace("逐段精读", "逐段精读（重制）", 1)
    changed = service.import_text(paper_reading.SOURCE, edited, parse)
    assert _counts(changed) == (0, 1, 159, False)
    assert parse.calls == 2
    assert service.import_text(paper_reading.SOURCE, edited, parse).not_modified
    assert parse.calls == 2
    newer = service.import_text(paper_reading.SOURCE, edited, parse, version="next")
    assert _counts(newer) == (0, 0, 160, False)
    assert parse.calls == 3
    forced = service.import_text(paper_reading.SOURCE, edited, parse, version="next", force=True)
    assert _counts(forced) == (0, 0, 160, False)
    assert parse.calls == 4


def test_validators_are_saved_when_skipping(
    db: Database, paper_readme: str, imported: tuple[ImportService, CountingParse]
) -> None:
    service, parse = imported
    url = "https://example.org/README.md"
    again = service.import_text(
        paper_reading.SOURCE,
        paper_readme,
        parse,
        location=url,
        validators=Validators(etag='"r2"'),
    )
    assert again.not_modified
    assert parse.calls == 1
    assert service.validators_for(paper_reading.SOURCE, url) == Validators(etag='"r2"')


def test_wrong_file_is_refused_and_nothing_is_remembered(db: Database) -> None:
    service = ImportService(db)
    with pytest.raises(Exception, match="no paper-reading tables"):
        service.import_text(paper_reading.SOURCE, "# hello\n", paper_reading.parse, location="x")
    with db.read() as s:
        assert s.get(Setting, STATE_KEY.format(source=paper_reading.SOURCE)) is None
        assert s.get(Setting, VALIDATORS_KEY.format(source=paper_reading.SOURCE)) is None


def test_notes_source_user_edits(db: Database, study_notes_text: str) -> None:
    """Notes: the user's edit of a note's text is kept and does not force a parse; a
    deleted note, a cleared company website or a removed question link does."""

    def parse(text: str) -> ParseResult:
        return study_notes.parse(text).result

    service = ImportService(db)
    first = service.import_text(study_notes.SOURCE, study_notes_text, parse)
    assert not first.not_modified
    assert first.added == 71
    assert service.import_text(study_notes.SOURCE, study_notes_text, parse).not_modified

    journal = JournalService(db)
    with db.read() as s:
        note_id = s.scalar(select(func.min(JournalNote.id)))
    assert note_id is not None
    journal.save(note_id, body="我改过的笔记")
    assert service.import_text(study_notes.SOURCE, study_notes_text, parse).not_modified
    assert journal.get(note_id).body == "我改过的笔记"

    journal.delete(note_id)
    restored = service.import_text(study_notes.SOURCE, study_notes_text, parse)
    assert not restored.not_modified
    assert restored.added == 1
    assert service.import_text(study_notes.SOURCE, study_notes_text, parse).not_modified

    questions = QuestionService(db)
    with db.read() as s:
        question_id = s.scalar(select(func.min(Question.id)))
    assert question_id is not None
    original = questions.get_question(question_id)
    data = original.to_input()
    data.text, data.answer = "我改过的问题", "我的答案"
    questions.update_question(question_id, data)
    retexted = service.import_text(study_notes.SOURCE, study_notes_text, parse)
    assert not retexted.not_modified
    assert retexted.updated == 1
    restored_question = questions.get_question(question_id)
    assert (restored_question.text, restored_question.answer) == (original.text, "我的答案")

    career = CareerService(db)
    company = career.company_id("五季智能")
    career.set_company_notes(company, "")
    refilled = service.import_text(study_notes.SOURCE, study_notes_text, parse)
    assert not refilled.not_modified
    assert refilled.updated == 1
    assert career.get_company(company).notes == "王小川"
    assert service.import_text(study_notes.SOURCE, study_notes_text, parse).not_modified


def test_removed_question_link_is_restored(db: Database) -> None:
    result = ParseResult(
        items=(ItemRecord(kind="course_video", external_key="l1", title="Lesson 1"),),
        questions=(QuestionRecord(external_key="q1", text="什么是 SGD？", item_key="l1"),),
    )
    service = ImportService(db)
    assert service.import_text("course", "v1", lambda _text: result).added == 2
    assert service.import_text("course", "v1", lambda _text: result).not_modified
    with db.transaction() as s:
        deleted = s.execute(delete(question_items))
        assert isinstance(deleted, CursorResult)
        assert deleted.rowcount == 1
    again = service.import_text("course", "v1", lambda _text: result)
    assert _counts(again) == (0, 1, 1, False)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(question_items)) == 1


def test_records_that_overwrite_each_other_are_not_remembered(db: Database) -> None:
    """Two notes with one key: a second apply changes the note again, so never skip."""
    result = ParseResult(
        items=(ItemRecord(kind="article", external_key="a", title="A"),),
        notes=(
            NoteRecord(external_key="n", title="N", markdown="one"),
            NoteRecord(external_key="n", title="N", markdown="two"),
        ),
    )
    service = ImportService(db)
    service.import_text("test", "text", lambda _text: result)
    with db.read() as s:
        assert s.get(Setting, STATE_KEY.format(source="test")) is None
    again = service.import_text("test", "text", lambda _text: result)
    assert not again.not_modified


def test_state_is_json_with_the_parts_it_covers(
    db: Database, imported: tuple[ImportService, CountingParse]
) -> None:
    with db.read() as s:
        row = s.get(Setting, STATE_KEY.format(source=paper_reading.SOURCE))
        assert row is not None
        data = json.loads(row.value)
    assert data["parts"] == ["items"]
    assert len(data["text"]) == len(data["state"]) == 64


def test_before_write_sees_the_records_and_can_cancel(db: Database, paper_readme: str) -> None:
    class Cancelled(Exception):
        pass

    seen: list[int] = []

    def cancel(parsed: ParseResult) -> None:
        seen.append(len(parsed.items))
        raise Cancelled

    service = ImportService(db)
    with pytest.raises(Cancelled):
        service.import_text(
            paper_reading.SOURCE, paper_readme, paper_reading.parse, before_write=cancel
        )
    assert seen == [160]
    assert LibraryService(db).count() == 0
    again = service.import_text(paper_reading.SOURCE, paper_readme, paper_reading.parse)
    assert _counts(again) == (160, 0, 0, False)
