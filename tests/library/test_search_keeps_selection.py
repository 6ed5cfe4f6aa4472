"""Esc in the search brings back the item that was selected, scrolled into view.

A search that hid the selected item dropped it for good: after Esc the whole list came back
with nothing selected, scrolled to the top, and the item pane empty.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.library.view import LibraryView
from models.db import Database
from models.services.library import LibraryService
from tests.library.library_helpers import WindowFactory, add, library_of, shown_titles, type_text


def row_in_view(view: LibraryView, item_id: int) -> bool:
    """The item's row is selected and shows in the table's viewport."""
    rows = view.table.selectionModel().selectedRows()
    if len(rows) != 1 or view.proxy.item_id(rows[0]) != item_id:
        return False
    return view.table.viewport().rect().intersects(view.table.visualRect(rows[0]))


def library(service: LibraryService) -> dict[str, int]:
    """Enough rows that the last ones are out of sight at the top of the list."""
    ids = {f"Paper {n:02d}": add(service, f"Paper {n:02d}") for n in range(60)}
    ids["ResNet"] = add(service, "ResNet")
    return ids


def search_then_escape(qtbot: QtBot, view: LibraryView, text: str) -> None:
    qtbot.keyClick(view.window(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_text(view.filters.search, text)
    view.filters.flush()
    qtbot.waitUntil(lambda: shown_titles(view) == ["ResNet"])
    qtbot.keyClick(view.filters.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(shown_titles(view)) == 61)


def test_an_item_a_search_hid_is_selected_again_after_esc(
    qtbot: QtBot, make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    ids = library(service)
    view = library_of(make_window(db))
    chosen = ids["Paper 55"]
    view.select_item(chosen)
    assert view.pane.item_id == chosen
    view.table.scrollToTop()
    assert not row_in_view(view, chosen)  # far enough down to need scrolling back to

    search_then_escape(qtbot, view, "resnet")

    assert view.filters.search.text() == ""
    assert view.current_item_id() == chosen
    assert row_in_view(view, chosen)
    assert view.pane.item_id == chosen


def test_an_item_chosen_among_the_results_stays_after_esc(
    qtbot: QtBot, make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    ids = library(service)
    view = library_of(make_window(db))
    view.select_item(ids["Paper 55"])
    qtbot.keyClick(view.window(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_text(view.filters.search, "resnet")
    view.filters.flush()
    qtbot.waitUntil(lambda: shown_titles(view) == ["ResNet"])
    view.table.selectRow(0)  # the user picks a result: that is the selection now
    assert view.pane.item_id == ids["ResNet"]
    qtbot.keyClick(view.filters.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(shown_titles(view)) == 61)

    assert view.current_item_id() == ids["ResNet"]
    assert row_in_view(view, ids["ResNet"])
    assert view.pane.item_id == ids["ResNet"]
