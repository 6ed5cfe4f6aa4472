"""Ctrl+Z of a delete says in the status bar that the item is back (and Ctrl+Shift+Z that it
is gone again), instead of leaving "Deleted … (Ctrl+Z to undo)" on show."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from models.db import Database
from models.services.library import LibraryService
from tests.library.library_helpers import Answers, WindowFactory, action_of, add, library_of


def test_undo_and_redo_of_a_delete_say_so_in_the_status_bar(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    service: LibraryService,
    answers: Answers,
) -> None:
    item = add(service, "ResNet 论文精读")
    window = make_window(db)
    view = library_of(window)
    view.select_item(item)
    assert view.delete_selected()
    assert "Deleted “ResNet 论文精读”" in window.statusBar().currentMessage()

    action_of(window, "action_undo_delete").trigger()
    assert service.count() == 1
    assert window.statusBar().currentMessage() == "Restored “ResNet 论文精读”"

    action_of(window, "action_redo_delete").trigger()
    assert service.count() == 0
    assert "Deleted “ResNet 论文精读”" in window.statusBar().currentMessage()
