"""Acceptance: add an item, work pass 1, write a note, close, reopen — everything is there."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop.library.view import PAGE_EMPTY, PAGE_TABLE
from desktop.main_window import MainWindow
from models.db import Database, open_database
from models.paths import resolve_location
from models.services.library import LibraryService
from tests.library.library_helpers import Answers, WindowFactory, action_of, library_of, type_text


def test_add_work_pass_write_note_close_and_reopen(
    qtbot: QtBot, make_window: WindowFactory, db: Database, data_dir: Path, answers: Answers
) -> None:
    window = make_window(db)
    view = library_of(window)
    assert view.pages.currentIndex() == PAGE_EMPTY

    action_of(window, "action_new_item").trigger()
    dialog = view.dialog
    assert dialog is not None
    assert dialog.isVisible()
    dialog.kind.setCurrentIndex(dialog.kind.findData("paper_video"))
    type_text(dialog.title_edit, "Transformer 论文逐段精读")
    qtbot.keyClicks(dialog.duration, "1:27:05")
    qtbot.keyClicks(dialog.link_edits["bilibili"], "https://www.bilibili.com/video/BV1pu411o7BE/")
    type_text(dialog.tags, "NLP，面试")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: view.dialog is None)

    assert view.pages.currentIndex() == PAGE_TABLE
    assert view.model.rowCount() == 1
    item_id = view.current_item_id()
    assert item_id is not None
    pane = view.pane
    assert pane.title.text() == "Transformer 论文逐段精读"
    assert pane.cards[1].pace.text() == "1.25×"
    assert pane.cards[1].at_speed.text() == "1:09:40"

    card = pane.cards[0]
    start = card.findChild(QPushButton, "Pass1Start")
    done = card.findChild(QPushButton, "Pass1Done")
    assert start is not None
    assert done is not None
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    assert view.model.item_at(0).pass_statuses == ("in_progress", "todo", "todo")
    assert not start.isEnabled()
    qtbot.mouseClick(done, Qt.MouseButton.LeftButton)
    assert view.model.item_at(0).pass_statuses == ("done", "todo", "todo")
    assert not done.isEnabled()

    editor = card.notes.editor
    editor.setFocus()
    type_text(editor, "softmax 为什么除以 √d_k？")
    window.close()  # no waiting: the close hook must save the pending note

    db.close()
    reopened = open_database(resolve_location(data_dir=data_dir))
    try:
        detail = LibraryService(reopened).get_item(item_id)
        assert detail.notes[1] == "softmax 为什么除以 √d_k？"
        assert [p.status for p in detail.passes] == ["done", "todo", "todo"]
        assert detail.links["bilibili"] == "https://www.bilibili.com/video/BV1pu411o7BE/"
        assert sorted(detail.tags) == ["NLP", "面试"]

        window2 = make_window(reopened)
        view2 = library_of(window2)
        view2.select_item(item_id)
        assert view2.pane.cards[0].notes.text() == "softmax 为什么除以 √d_k？"
        assert "done" in view2.pane.cards[0].state.text()
        assert view2.model.item_at(0).pass_statuses == ("done", "todo", "todo")
        window2.close()
    finally:
        reopened.close()


def test_dialog_keeps_bad_input_with_one_sentence(
    qtbot: QtBot, window: MainWindow, service: LibraryService
) -> None:
    view = library_of(window)
    dialog = view.new_item()
    type_text(dialog.title_edit, "论文")
    qtbot.keyClicks(dialog.duration, "one hour")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert dialog.isVisible()
    assert "not valid" in dialog.error.text()
    assert dialog.title_edit.text() == "论文"  # nothing lost
    dialog.duration.setText("45")
    dialog.url.setText("javascript:alert(1)")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert dialog.isVisible()
    assert "http" in dialog.error.text()
    dialog.url.setText("https://arxiv.org/abs/1706.03762")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: view.dialog is None)
    (row,) = service.list_items()
    assert row.duration_seconds == 45 * 60
    assert service.count() == 1


def test_edit_item_updates_table_and_pane(
    qtbot: QtBot, window: MainWindow, service: LibraryService
) -> None:
    from tests.library.library_helpers import add

    item_id = add(service, "Old title", duration_seconds=600)
    window.ctx.events.items_changed.emit()
    view = library_of(window)
    view.select_item(item_id)
    dialog = view.edit_item(item_id)
    assert dialog is not None
    assert dialog.duration.text() == "0:10:00"
    dialog.title_edit.setText("新标题 New title")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: view.dialog is None)
    assert view.model.item_at(0).title == "新标题 New title"
    assert view.pane.title.text() == "新标题 New title"
    assert service.get_item(item_id).duration_seconds == 600
