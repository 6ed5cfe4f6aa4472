"""A large library says "Loading…" while its first rows are read, never "Your library is empty".

(With no sort restored it paints its first rows in course order at once instead:
test_library_first_page.py. "Loading…" shows when no first page can: a restored column sort.)"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop.library import loader as loader_module
from desktop.library import view as view_module
from desktop.library.view import PAGE_TABLE
from models.db import Database
from models.services.library import LibraryService
from tests.library.library_helpers import WindowFactory, add, library_of, shown_titles


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Every library load waits in its worker until the test opens the gate."""
    monkeypatch.setattr(loader_module, "ASYNC_ROWS", 0)
    monkeypatch.setattr(view_module, "FIRST_PAGE", 0)  # no first page: what a restored sort sees
    opened = threading.Event()
    real = loader_module._load

    def held(*args: object) -> loader_module.LoadedRows:
        opened.wait(30)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(loader_module, "_load", held)
    yield opened
    opened.set()  # never leave a worker waiting


def test_first_load_shows_loading_not_the_empty_state(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    service: LibraryService,
    gate: threading.Event,
) -> None:
    add(service, "Attention Is All You Need")
    add(service, "ResNet")
    window = make_window(db)
    view = library_of(window)
    qtbot.wait(50)  # the window has painted; the worker still holds the rows
    assert view.loader.busy()
    assert view.pages.currentIndex() == PAGE_TABLE
    assert view.empty.isHidden() or not view.empty.isVisible()
    assert view.loading.isVisible()
    assert view.loading.label.text() == "Loading…"
    gate.set()
    qtbot.waitUntil(lambda: len(shown_titles(view)) == 2)
    assert not view.loading.isVisible()
    assert view.pages.currentIndex() == PAGE_TABLE
