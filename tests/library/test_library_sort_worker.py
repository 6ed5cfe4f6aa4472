"""A large library is sorted in a worker when a header is clicked (the key sort of 100k
titles held the window up to 270 ms); the old order shows until then and the selection
follows its row."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from desktop.library import table_model
from desktop.library.table_model import COL_DURATION, COL_TITLE, PreparedRows, SortSpec
from models.db import Database
from models.services.library import LibraryService
from models.services.library_read import RowValues
from tests.library.library_helpers import WindowFactory, add, library_of, shown_titles


@pytest.fixture
def sort_gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[threading.Event, list[int]]]:
    """Every sort of more than 2 rows goes to the worker, where it waits for the gate."""
    monkeypatch.setattr(table_model, "ASYNC_SORT_ROWS", 2)
    opened = threading.Event()
    threads: list[int] = []
    real = table_model.prepare_rows

    def held(rows: list[RowValues], sort: SortSpec, *, step: int | None = None) -> PreparedRows:
        if step is not None:  # the worker's call (the GUI thread's sorts pass no step)
            threads.append(threading.get_ident())
            opened.wait(30)
        return real(rows, sort, step=step)

    monkeypatch.setattr(table_model, "prepare_rows", held)
    yield opened, threads
    opened.set()


def test_a_header_click_sorts_in_the_worker_and_keeps_the_selection(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    service: LibraryService,
    sort_gate: tuple[threading.Event, list[int]],
) -> None:
    opened, threads = sort_gate
    for title, minutes in (("b", 30), ("a", 10), ("c", 20), ("d", 40)):
        add(service, title, duration_seconds=minutes * 60)
    window = make_window(db)
    view = library_of(window)
    qtbot.waitUntil(lambda: len(shown_titles(view)) == 4)
    view.select_item(view.model.item_at(2).id)  # "c"
    assert view.pane.title.text() == "c"

    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(COL_DURATION) + header.sectionSize(COL_DURATION) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    qtbot.waitUntil(lambda: bool(threads))
    assert threads[0] != threading.get_ident()
    assert view.model.sorting()
    assert shown_titles(view) == ["b", "a", "c", "d"]  # the old order until the rows come
    opened.set()
    qtbot.waitUntil(lambda: not view.model.sorting())
    assert shown_titles(view) == ["a", "c", "b", "d"]
    assert view.current_item_id() == view.model.item_at(1).id  # "c" moved, still selected
    assert view.table.currentIndex().row() == 1
    assert view.pane.title.text() == "c"


def test_a_newer_sort_wins_over_one_still_running(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    service: LibraryService,
    sort_gate: tuple[threading.Event, list[int]],
) -> None:
    opened, _threads = sort_gate
    for title, minutes in (("b", 30), ("a", 10), ("c", 20)):
        add(service, title, duration_seconds=minutes * 60)
    window = make_window(db)
    view = library_of(window)
    qtbot.waitUntil(lambda: len(shown_titles(view)) == 3)
    view.table.sortByColumn(COL_DURATION, Qt.SortOrder.AscendingOrder)
    view.table.sortByColumn(COL_TITLE, Qt.SortOrder.DescendingOrder)
    opened.set()
    qtbot.waitUntil(lambda: not view.model.sorting())
    qtbot.wait(50)  # a stale answer, if any, would arrive now
    assert shown_titles(view) == ["c", "b", "a"]
    assert view.model.sort_spec == (COL_TITLE, Qt.SortOrder.DescendingOrder)
