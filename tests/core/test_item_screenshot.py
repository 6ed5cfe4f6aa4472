"""`--view item` shows one item's passes, not the same picture as `--view library`."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.context import AppContext, Events
from desktop.gui import build_window
from desktop.library.view import LibraryView
from desktop.main_window import MainWindow
from models.clock import FixedClock
from models.db import Database
from models.services.dto import ItemInput
from models.services.library import LibraryService


def make_window(qtbot: QtBot, db: Database, clock: FixedClock) -> MainWindow:
    window = build_window(AppContext(db=db, clock=clock, events=Events()))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def library_view(window: MainWindow) -> LibraryView:
    view = window.findChild(LibraryView)
    assert isinstance(view, LibraryView)
    return view


def test_item_view_selects_an_item_under_way_and_gives_its_passes_the_room(
    qtbot: QtBot, db: Database, clock: FixedClock
) -> None:
    service = LibraryService(db, clock)
    ids = [
        service.create_item(ItemInput(kind="paper_video", title=f"论文精读 {n}")) for n in range(30)
    ]
    started = ids[17]
    service.toggle_pass(started, 1)  # no notes anywhere: the QA library had none

    library = make_window(qtbot, db, clock)
    library.prepare_screenshot("library")
    lib_view = library_view(library)
    library_sizes = lib_view.splitter.sizes()
    library_choice = lib_view.current_item_id()

    item = make_window(qtbot, db, clock)
    item.prepare_screenshot("item")
    view = library_view(item)

    assert view.current_item_id() == started != library_choice
    assert view.pane.item_id == started
    table_part, pane_part = view.splitter.sizes()
    assert table_part < library_sizes[0]
    assert pane_part > library_sizes[1]
    assert item.grab().toImage() != library.grab().toImage()


def test_item_view_on_a_fresh_import_still_differs_from_the_library_view(
    qtbot: QtBot, db: Database, clock: FixedClock
) -> None:
    service = LibraryService(db, clock)
    for n in range(10):
        service.create_item(ItemInput(kind="course_video", title=f"Lesson {n}"))

    library = make_window(qtbot, db, clock)
    library.prepare_screenshot("library")
    item = make_window(qtbot, db, clock)
    item.prepare_screenshot("item")

    view = library_view(item)
    assert view.current_item_id() is not None
    assert view.pane.item_id == view.current_item_id()
    assert view.splitter.sizes()[0] < library_view(library).splitter.sizes()[0]
