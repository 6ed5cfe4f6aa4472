"""The item selected when the app closed is selected again at the next start."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from desktop.library import loader as loader_module
from desktop.library.view import LibraryView
from desktop.main_window import MainWindow
from models.db import Database
from models.services.library import LibraryService
from tests.library.library_helpers import add


def library(window: MainWindow) -> LibraryView:
    return window.library_view  # type: ignore[attr-defined, no-any-return]


@pytest.mark.parametrize("in_worker", [False, True], ids=["small", "worker"])
def test_the_last_selected_item_is_selected_again(
    qtbot: QtBot,
    make_window: Callable[[Database], MainWindow],
    db: Database,
    service: LibraryService,
    monkeypatch: pytest.MonkeyPatch,
    in_worker: bool,
) -> None:
    if in_worker:
        monkeypatch.setattr(loader_module, "ASYNC_ROWS", 0)  # rows arrive from the loader
    add(service, "如何读论文")
    chosen = add(service, "Transformer 论文逐段精读")
    add(service, "ResNet")
    first = make_window(db)
    view = library(first)
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    assert view.current_item_id() is None  # nothing stored yet: nothing selected
    view.select_item(chosen)
    assert view.current_item_id() == chosen
    first.close()  # close hooks save the layout and the selection

    second = make_window(db)
    again = library(second)
    qtbot.waitUntil(lambda: again.current_item_id() == chosen)
    assert again.pane.item_id == chosen


def test_a_deleted_item_is_not_reopened(
    qtbot: QtBot,
    make_window: Callable[[Database], MainWindow],
    db: Database,
    service: LibraryService,
) -> None:
    add(service, "如何读论文")
    gone = add(service, "ViT")
    first = make_window(db)
    library(first).select_item(gone)
    first.close()
    service.delete_item(gone)
    second = make_window(db)
    view = library(second)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.current_item_id() is None
