"""The Notes view opens sorted A to Z by title in the UI language's order: pinyin in Chinese,
case-insensitive in English (not by code point: 他 < 前 < 大, "NLP" < "evaluation")."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.context import AppContext, Events
from desktop.journal.view import JournalView
from models.clock import FixedClock
from models.db import Database
from models.services.journal import JournalService
from tests.ui_locale import ui_language


def titles(view: JournalView) -> list[str]:
    proxy = view.proxy
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


@pytest.fixture
def make_view(qtbot: QtBot, db: Database, clock: FixedClock) -> Callable[[], JournalView]:
    def make() -> JournalView:
        view = JournalView(AppContext(db=db, clock=clock, events=Events()))
        qtbot.addWidget(view)
        return view

    return make


def test_titles_open_a_to_z_in_english(
    qapp: QApplication, db: Database, make_view: Callable[[], JournalView]
) -> None:
    journal = JournalService(db)
    for title in ("evaluation", "NLP", "attention", "Zero-shot"):
        journal.create(title, "body")
    with ui_language("en", qapp):
        view = make_view()
        assert titles(view) == ["attention", "evaluation", "NLP", "Zero-shot"]
        header = view.table.horizontalHeader()
        assert header.sortIndicatorSection() == 0
        assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder


def test_titles_sort_by_pinyin_in_chinese(
    qapp: QApplication, db: Database, make_view: Callable[[], JournalView]
) -> None:
    journal = JournalService(db)
    for title in ("他", "前", "大", "阿里"):  # code point order: 他 前 大 阿
        journal.create(title, "body")
    with ui_language("zh_CN", qapp):
        view = make_view()
        assert titles(view) == ["阿里", "大", "前", "他"]  # a, da, qian, ta
