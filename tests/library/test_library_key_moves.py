"""Holding Down in the library moves the highlighted row at once and renders the item pane
once the keys pause (it rendered notes, links and related items for every row passed); a
click shows its item at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.library.item_pane import ItemPane
from models.db import Database
from models.services.library import LibraryService
from tests.library.library_helpers import WindowFactory, add, library_of, shown_titles


def test_held_down_renders_the_pane_once_for_the_row_it_stops_on(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    service: LibraryService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for n in range(8):
        add(service, f"第{n}课")
    window = make_window(db)
    view = library_of(window)
    qtbot.waitUntil(lambda: len(shown_titles(view)) == 8)
    view.table.selectRow(0)
    view.table.setFocus()
    assert view.pane.title.text() == "第0课"
    shown: list[int | None] = []
    real = ItemPane.show_item

    def counted(pane: ItemPane, item_id: int | None) -> None:
        shown.append(item_id)
        real(pane, item_id)

    monkeypatch.setattr(ItemPane, "show_item", counted)

    for _ in range(5):  # no event loop in between: keys faster than the pause
        qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.table.currentIndex().row() == 5  # the row moved with every key
    assert view.current_item_id() == view.model.item_at(5).id
    assert shown == []
    assert view.pane_pending()
    qtbot.waitUntil(lambda: not view.pane_pending())
    assert shown == [view.model.item_at(5).id]
    assert view.pane.title.text() == "第5课"

    shown.clear()
    rect = view.table.visualRect(view.proxy.index(2, 0))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert shown == [view.model.item_at(2).id]  # a click: at once
    assert view.pane.title.text() == "第2课"
