"""What the list shows after a search, a sort and a restart: new results from their first
row, the selected row in sight after a sort, the stored item selected with the first page,
and a count that does not push the filter bar around."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.library import loader as loader_module
from desktop.library import view as view_module
from desktop.library.table_model import COL_TITLE
from desktop.library.view import LibraryView
from desktop.main_window import MainWindow
from models.db import Database
from models.services.library import LibraryService
from tests.library.library_helpers import add, hold_full_reads, library_of, shown_titles

COUNT = 80


@pytest.fixture
def ids(service: LibraryService) -> list[int]:
    """80 items: "第N讲 注意力" for even N, "第N讲 卷积" for odd N, in course order."""
    return [add(service, f"第{n:02d}讲 {'注意力' if n % 2 == 0 else '卷积'}") for n in range(COUNT)]


def _first_visible(view: LibraryView) -> int:
    return view.table.rowAt(0)


def _row_visible(view: LibraryView, row: int) -> bool:
    rect = view.table.visualRect(view.proxy.index(row, 0))
    return rect.isValid() and view.table.viewport().rect().intersects(rect)


def _settle(qtbot: QtBot, view: LibraryView) -> None:
    qtbot.waitUntil(lambda: not view.loader.busy() and not view.model.sorting())


def test_new_search_results_start_at_their_first_row(
    qtbot: QtBot, make_window: Callable[[Database], MainWindow], db: Database, ids: list[int]
) -> None:
    view = library_of(make_window(db))
    _settle(qtbot, view)
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: _first_visible(view) > 20)
    view.filters.search.setText("卷积")
    view.filters.flush()
    qtbot.waitUntil(lambda: len(shown_titles(view)) == COUNT // 2)
    _settle(qtbot, view)
    assert _first_visible(view) == 0  # 第01讲 卷积 on top, not rows from the old offset
    assert shown_titles(view)[0] == "第01讲 卷积"


def test_a_search_that_keeps_the_selected_item_shows_it(
    qtbot: QtBot, make_window: Callable[[Database], MainWindow], db: Database, ids: list[int]
) -> None:
    view = library_of(make_window(db))
    _settle(qtbot, view)
    view.select_item(ids[70])  # 第70讲 注意力
    view.filters.search.setText("注意力")
    view.filters.flush()
    qtbot.waitUntil(lambda: len(shown_titles(view)) == COUNT // 2)
    _settle(qtbot, view)
    assert view.current_item_id() == ids[70]
    assert _row_visible(view, view.table.currentIndex().row())


def test_a_sort_keeps_the_selected_row_in_sight(
    qtbot: QtBot, make_window: Callable[[Database], MainWindow], db: Database, ids: list[int]
) -> None:
    view = library_of(make_window(db))
    _settle(qtbot, view)
    view.select_item(ids[3])  # near the top in course order, near the bottom by title (卷积)
    assert _first_visible(view) == 0
    view.table.sortByColumn(COL_TITLE, Qt.SortOrder.DescendingOrder)
    _settle(qtbot, view)
    row = view.table.currentIndex().row()
    assert view.current_item_id() == ids[3]
    assert row > 40  # moved far down
    assert _row_visible(view, row)


def test_the_stored_item_on_the_first_page_is_selected_with_it(
    qtbot: QtBot,
    make_window: Callable[[Database], MainWindow],
    db: Database,
    ids: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No jump a second later: the item selected at the last close is on the first page,
    so it is selected (and shown) with it, before every row is in."""
    first = make_window(db)
    view = library_of(first)
    _settle(qtbot, view)
    view.select_item(ids[5])
    first.close()

    release = hold_full_reads(monkeypatch)
    monkeypatch.setattr(loader_module, "ASYNC_ROWS", 10)
    monkeypatch.setattr(view_module, "FIRST_PAGE", 20)
    again = library_of(make_window(db))
    assert again.loader.busy()
    assert len(shown_titles(again)) == 20
    assert again.current_item_id() == ids[5]
    assert again.pane.item_id == ids[5]
    release.set()
    _settle(qtbot, again)
    assert len(shown_titles(again)) == COUNT
    assert again.current_item_id() == ids[5]


def test_the_count_keeps_its_width_so_the_filters_stay_put(
    qtbot: QtBot, make_window: Callable[[Database], MainWindow], db: Database, ids: list[int]
) -> None:
    view = library_of(make_window(db))
    _settle(qtbot, view)
    search = view.filters.search
    left = view.filters.kind.x()
    width = search.width()
    for text in ("卷积", "第01讲", "", "注意", "第7"):
        view.filters.search.setText(text)
        view.filters.flush()
        _settle(qtbot, view)
        qtbot.wait(10)  # the layout settles
        assert view.filters.kind.x() == left
        assert search.width() == width
