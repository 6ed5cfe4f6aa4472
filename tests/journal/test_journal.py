"""The journal: imported notes sections land there, survive re-import once edited, and the
Notes view edits them with autosave."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.context import AppContext, Events
from desktop.gui import build_window
from desktop.journal.view import JournalView
from desktop.widgets import dialogs
from importers import study_notes
from models.clock import FixedClock
from models.db import Database, open_database
from models.paths import resolve_location
from models.services.importing import ImportService
from models.services.journal import JournalService
from tests.fixture_paths import require


def import_notes(db: Database, text: str, *, as_notes: bool = False) -> None:
    doc = study_notes.parse(text)
    result = (
        study_notes.apply_mapping(doc, dict.fromkeys(doc.mapping, "notes"))
        if as_notes
        else doc.result
    )
    ImportService(db).apply("notes", result)


def test_seed_interview_experiences_become_journal_notes(db: Database, fixtures_dir: Path) -> None:
    notes_file = require(fixtures_dir / "notes" / "study-notes.md")
    import_notes(db, notes_file.read_text(encoding="utf-8"))
    notes = JournalService(db).list_notes()
    assert sum(1 for n in notes if n.category == "一些面经") == 17
    assert any(n.title == "NLP" and "大本营" in n.body for n in notes)  # free text is kept too
    assert any("手写MHA" in n.body for n in notes)
    assert JournalService(db).list_notes("flash-attention")


def test_reimport_keeps_a_note_the_user_edited(db: Database) -> None:
    text = "# 学习计划\n\n每天看一节 fast.ai。\n\n# 复习\n\n周末复习论文。\n"
    import_notes(db, text)
    journal = JournalService(db)
    by_title = {n.title: n for n in journal.list_notes()}
    assert set(by_title) == {"学习计划", "复习"}
    first, second = by_title["学习计划"], by_title["复习"]
    journal.save(first.id, body=first.body + "\n\n我的补充：先看 Transformer")
    changed = text.replace("每天看一节", "每天看两节").replace("周末复习论文", "周日复习论文")
    import_notes(db, changed)
    after = {n.id: n for n in journal.list_notes()}
    assert len(after) == 2  # stable keys: no duplicates
    assert "我的补充" in after[first.id].body  # the user's edit wins
    assert "两节" not in after[first.id].body
    assert "周日复习论文" in after[second.id].body  # an untouched note follows the file


def test_notes_view_autosaves_and_survives_reopen(
    qtbot: QtBot, data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    location = resolve_location(data_dir=data_dir)
    db = open_database(location)
    note_id = JournalService(db).create("面经 Minimax", "一面：")
    window = build_window(AppContext(db=db, clock=clock, events=Events()))
    qtbot.addWidget(window)
    window.show()
    window.show_view("notes")
    view = window.view("notes")
    assert isinstance(view, JournalView)
    assert view.title.text() == "面经 Minimax"
    view.editor.editor.setFocus()
    view.editor.editor.moveCursor(view.editor.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(view.editor.editor, " leetcode +")  # QTest types ASCII only
    view.editor.editor.insertPlainText(" 手写 MHA")  # what an input method commits
    window.close()  # the close hook saves without waiting for the timer
    db.close()

    db2 = open_database(location)
    assert JournalService(db2).get(note_id).body == "一面： leetcode + 手写 MHA"
    window2 = build_window(AppContext(db=db2, clock=clock, events=Events()))
    qtbot.addWidget(window2)
    view2 = window2.view("notes")
    assert isinstance(view2, JournalView)
    view2.search.setText("MHA")
    qtbot.waitUntil(lambda: view2.model.rowCount() == 1)
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)
    view2.delete_current()
    assert view2.model.rowCount() == 0
    assert JournalService(db2).list_notes() == []
    assert view2.title.text() != "面经 Minimax"
    assert view2.title.textFormat() == Qt.TextFormat.PlainText
    window2.close()
    db2.close()


def test_notes_view_saves_while_open_without_leaving_the_editor(
    qtbot: QtBot, db: Database, clock: FixedClock
) -> None:
    """The autosave itself saves (its timer's own timeout once found nothing to save: only
    focus out, switching notes or closing did), without waiting for the window to close."""
    journal = JournalService(db)
    note_id = journal.create("周记", "")
    window = build_window(AppContext(db=db, clock=clock, events=Events()))
    qtbot.addWidget(window)
    window.show()
    window.show_view("notes")
    view = window.view("notes")
    assert isinstance(view, JournalView)
    view.editor.editor.setFocus()
    qtbot.keyClicks(view.editor.editor, "autosaved")
    qtbot.waitUntil(lambda: journal.get(note_id).body == "autosaved", timeout=10_000)
    assert view.editor.editor.hasFocus()
