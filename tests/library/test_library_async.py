"""Large libraries load rows in a worker thread; the view stays correct and closes cleanly."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from desktop.library import loader as loader_module
from desktop.library.table_model import COL_DURATION
from models.db import Database
from models.services.library import LibraryService
from tests.library.library_helpers import WindowFactory, add, library_of, shown_titles


@pytest.fixture(autouse=True)
def _everything_is_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader_module, "ASYNC_ROWS", 0)


def test_rows_arrive_from_the_worker_and_filters_apply(
    qtbot: QtBot, make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    first = add(service, "Transformer 论文逐段精读", duration_seconds=5225)
    second = add(service, "ResNet", tags=["CV"])
    service.save_note(second, 1, "残差连接")
    window = make_window(db)
    view = library_of(window)
    qtbot.waitUntil(lambda: len(shown_titles(view)) == 2)

    view.filters.search.setText("残差")
    view.filters.flush()
    # the query went to the worker: the answer can only arrive through the event loop
    assert view.filters.count.text() == "…"
    assert len(shown_titles(view)) == 2
    qtbot.waitUntil(lambda: shown_titles(view) == ["ResNet"])
    assert view.filters.count.text() == "1 of 2 items"

    window.ctx.events.item_selected.emit(first)  # hidden by the search: filters are cleared
    qtbot.waitUntil(lambda: view.current_item_id() == first)
    assert view.filters.search.text() == ""
    assert view.pane.title.text() == "Transformer 论文逐段精读"


def test_only_the_newest_answer_is_shown(
    qtbot: QtBot, make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    for n in range(30):
        add(service, f"第{n}课")
    window = make_window(db)
    view = library_of(window)
    for text in ("第1", "第2", "第29"):
        view.filters.search.setText(text)
        view.filters.flush()
    assert len(view.loader._running) == 1  # one load at a time; only the newest waits
    qtbot.waitUntil(lambda: not view.loader.busy())
    assert shown_titles(view) == ["第29课"]


def test_closing_while_loading_waits_for_the_worker(
    qtbot: QtBot, make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    add(service, "BERT")
    window = make_window(db)
    view = library_of(window)
    view.reload()
    window.close()  # must not destroy a running QThread
    assert not view.loader.busy()


def test_screenshot_views_wait_for_the_worker(
    make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    item = add(service, "带笔记的条目")
    service.save_note(item, 2, "笔记")
    window = make_window(db)
    view = library_of(window)
    view.reload()  # a load is running again
    window.prepare_screenshot("item")
    assert not view.loader.busy()
    assert view.current_item_id() == item
    assert view.pane.cards[1].notes.text() == "笔记"


def test_typing_runs_no_query_on_the_gui_thread(
    qtbot: QtBot, make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    """Search as you type: the worker counts and filters; the GUI thread only swaps rows in."""
    add(service, "Transformer 论文逐段精读")
    resnet = add(service, "ResNet")
    service.save_note(resnet, 1, "残差连接")
    window = make_window(db)
    view = library_of(window)
    qtbot.waitUntil(lambda: len(shown_titles(view)) == 2 and not view.loader.busy())
    gui_thread = threading.get_ident()
    on_gui: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if threading.get_ident() == gui_thread:
            on_gui.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        for typed in ("残", "残差", "Trans"):
            view.filters.search.setText(typed)
            view.filters.flush()
            qtbot.waitUntil(lambda: not view.loader.busy())
            assert view.filters.count.text() == "1 of 2 items"
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert shown_titles(view) == ["Transformer 论文逐段精读"]
    assert on_gui == []


def test_sorted_table_gets_sorted_rows_from_the_worker(
    qtbot: QtBot, make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    for title, minutes in (("b", 30), ("a", 10), ("c", 20)):
        add(service, title, duration_seconds=minutes * 60)
    window = make_window(db)
    view = library_of(window)
    qtbot.waitUntil(lambda: len(shown_titles(view)) == 3)
    view.table.sortByColumn(COL_DURATION, Qt.SortOrder.DescendingOrder)
    assert shown_titles(view) == ["b", "c", "a"]
    view.filters.search.setText("c")
    view.filters.flush()
    qtbot.waitUntil(lambda: shown_titles(view) == ["c"])
    view.filters.clear()
    qtbot.waitUntil(lambda: len(shown_titles(view)) == 3 and not view.loader.busy())
    assert shown_titles(view) == ["b", "c", "a"]
    assert view.model.sort_spec == (COL_DURATION, Qt.SortOrder.DescendingOrder)
