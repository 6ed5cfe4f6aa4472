"""Edit item and Delete item are greyed out while no item is selected."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from models.db import Database
from models.services.library import LibraryService
from tests.library.library_helpers import Answers, WindowFactory, action_of, add, library_of


def test_edit_and_delete_follow_the_selection(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    service: LibraryService,
    answers: Answers,
) -> None:
    item = add(service, "ResNet 论文精读")
    window = make_window(db)
    view = library_of(window)
    edit, delete = action_of(window, "action_edit_item"), action_of(window, "action_delete_item")
    view.table.clearSelection()
    assert not edit.isEnabled()
    assert not delete.isEnabled()

    view.select_item(item)
    assert edit.isEnabled()
    assert delete.isEnabled()

    assert view.delete_selected()  # the last item: nothing is left to select
    assert not edit.isEnabled()
    assert not delete.isEnabled()
