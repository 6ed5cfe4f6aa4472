"""A large library paints its first rows (course order) before the worker has read them all;
a restored sort shows "Loading…" instead, then the whole list in that sort, sorted once."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from desktop.library import loader as loader_module
from desktop.library import view as view_module
from desktop.library.table_model import COL_TITLE, LibraryTableModel
from desktop.library.view import PAGE_TABLE, LibraryView
from desktop.main_window import MainWindow
from models.db import Database
from models.services.library import LibraryService
from models.services.library_read import LibraryReader
from tests.library.library_helpers import add, hold_full_reads, library_of, shown_titles

TITLES = ["注意力机制", "ResNet", "BERT 论文精读", "GPT-3", "ViT", "CLIP", "Swin", "MAE"]


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The worker's full read waits for this event: what shows before it is the first page."""
    release = hold_full_reads(monkeypatch)
    monkeypatch.setattr(loader_module, "ASYNC_ROWS", 4)  # 8 items: a "large" library
    monkeypatch.setattr(view_module, "FIRST_PAGE", 3)
    return release


def test_the_first_page_shows_before_every_row_is_read(
    qtbot: QtBot,
    make_window: Callable[[Database], MainWindow],
    db: Database,
    service: LibraryService,
    held: threading.Event,
) -> None:
    for title in TITLES:
        add(service, title)
    course = [row[2] for row in LibraryReader(db).first_rows(100)]
    assert sorted(course) == sorted(TITLES)
    window = make_window(db)
    view = library_of(window)
    assert shown_titles(view) == course[:3]  # painted now, the worker still reading
    assert view.loader.busy()
    assert view.pages.currentIndex() == PAGE_TABLE  # never the empty library
    assert not view.loading.isVisible()
    assert view.filters.count.text() == "…"  # no count claimed for a partial list
    held.set()
    qtbot.waitUntil(lambda: not view.loader.busy())
    assert shown_titles(view) == course
    assert view.filters.count.text() == "8 items"


def test_a_restored_sort_waits_for_every_row_and_sorts_once(
    qtbot: QtBot,
    make_window: Callable[[Database], MainWindow],
    db: Database,
    service: LibraryService,
    held: threading.Event,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for title in TITLES:
        add(service, title)
    held.set()
    first = make_window(db)
    view = library_of(first)
    qtbot.waitUntil(lambda: not view.loader.busy())
    view.table.sortByColumn(COL_TITLE, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not view.model.sorting())
    by_title = shown_titles(view)
    first.close()  # saves the header with its sort
    assert QSettings().value("library/header") is not None

    held.clear()
    sorts: list[object] = []
    real_sort_in_worker = LibraryTableModel._sort_in_worker

    def sort_in_worker(self: LibraryTableModel, *args: object) -> None:
        sorts.append(args)
        real_sort_in_worker(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(LibraryTableModel, "_sort_in_worker", sort_in_worker)
    second = make_window(db)
    again: LibraryView = library_of(second)
    # three rows in course order would not be the first three by title: none until all are in
    assert again.model.rowCount() == 0
    assert again.loading.isVisible()
    assert again.pages.currentIndex() == PAGE_TABLE
    held.set()
    qtbot.waitUntil(lambda: not again.loader.busy())
    assert shown_titles(again) == by_title
    assert sorts == []  # the worker sorted them the restored way: no second sort
    assert not again.loading.isVisible()


def test_an_item_picked_in_the_first_page_stays_picked(
    qtbot: QtBot,
    make_window: Callable[[Database], MainWindow],
    db: Database,
    service: LibraryService,
    held: threading.Event,
) -> None:
    """The rows arrive while the user already reads an item of the first page: it stays
    selected and shown, not replaced by the item selected when the app last closed."""
    ids = [add(service, title) for title in TITLES]
    held.set()
    first = make_window(db)
    view = library_of(first)
    qtbot.waitUntil(lambda: not view.loader.busy())
    view.select_item(ids[-1])  # stored at close, to be selected again at the next start
    first.close()

    held.clear()
    second = make_window(db)
    again = library_of(second)
    course = [row[2] for row in LibraryReader(db).first_rows(3)]
    assert shown_titles(again) == course
    again.table.selectRow(1)
    picked = again.current_item_id()
    assert picked is not None
    assert picked != ids[-1]
    qtbot.waitUntil(lambda: again.pane.item_id == picked)
    held.set()
    qtbot.waitUntil(lambda: not again.loader.busy())
    assert len(shown_titles(again)) == len(TITLES)
    assert again.current_item_id() == picked
    assert again.pane.item_id == picked
