"""A search that finds nothing says so over the table, with a Clear button (not a blank
table), and stays distinct from the first-run state of an empty library."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.library.view import PAGE_EMPTY, PAGE_TABLE
from models.db import Database
from models.services.library import LibraryService
from tests.library.library_helpers import WindowFactory, add, library_of, shown_titles, type_text


def test_no_match_says_what_found_nothing_and_clear_shows_everything(
    qtbot: QtBot, make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    add(service, "ViT", summary="引入自注意力做视觉问题")
    add(service, "BERT", category="NLP")
    window = make_window(db)
    view = library_of(window)
    assert len(shown_titles(view)) == 2
    assert not view.no_match.isVisible()

    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_text(view.filters.search, "视觉问题")  # found in the description
    qtbot.waitUntil(lambda: shown_titles(view) == ["ViT"])
    assert not view.no_match.isVisible()

    view.filters.search.clear()
    type_text(view.filters.search, "没有这个词")
    qtbot.waitUntil(view.no_match.isVisible)
    assert shown_titles(view) == []
    assert view.pages.currentIndex() == PAGE_TABLE  # the filter bar stays, not the first run
    assert view.no_match.headline.text() == "No items match “没有这个词”"
    assert view.no_match.hint.isVisible()
    assert view.no_match.clear_button.text() == "Clear search"
    viewport = view.table.viewport()
    assert view.no_match.geometry() == viewport.rect()  # covers the table's body
    view.resize(view.width() - 100, view.height() - 50)
    qtbot.waitUntil(lambda: view.no_match.geometry() == viewport.rect())

    qtbot.mouseClick(view.no_match.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(shown_titles(view)) == 2)
    assert view.filters.search.text() == ""
    assert not view.no_match.isVisible()
    assert view.filters.search.hasFocus()  # ready to type the next search


def test_no_match_with_other_filters_clears_them_too(
    qtbot: QtBot, make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    add(service, "ViT", kind="paper", summary="视觉")
    add(service, "Lesson", kind="course_video")
    view = library_of(make_window(db))
    view.filters.kind.setCurrentIndex(view.filters.kind.findData("course_video"))
    view.filters.search.setText("视觉")
    view.filters.flush()
    qtbot.waitUntil(view.no_match.isVisible)
    assert view.no_match.headline.text() == "No items match “视觉” with these filters"
    assert view.no_match.clear_button.text() == "Clear filters"
    view.filters.search.clear()
    view.filters.flush()
    qtbot.waitUntil(lambda: shown_titles(view) == ["Lesson"])
    assert not view.no_match.isVisible()
    view.filters.kind.setCurrentIndex(view.filters.kind.findData("article"))
    qtbot.waitUntil(lambda: view.no_match.headline.text() == "No items match these filters")
    assert not view.no_match.hint.isVisible()
    view.no_match.clear_button.click()
    qtbot.waitUntil(lambda: len(shown_titles(view)) == 2)
    assert view.filters.kind.currentData() is None


def test_an_empty_library_shows_the_first_run_state_not_no_matches(
    make_window: WindowFactory, db: Database
) -> None:
    view = library_of(make_window(db))
    assert view.pages.currentIndex() == PAGE_EMPTY
    assert not view.no_match.isVisible()
    assert LibraryService(db).count() == 0
