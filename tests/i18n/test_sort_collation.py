"""Tables sort Chinese names in the UI language's order (pinyin in zh_CN), not by code point.

By code point 字节跳动 (U+5B57) < 月之暗面 (U+6708) < 百度 (U+767E) < 阿里巴巴 (U+963F): the
reverse of pinyin (a, b, y, z). The English UI keeps its casefold order for ASCII names.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.career.board_view import BoardView
from desktop.career.companies_view import CompaniesView
from desktop.career.questions_view import QuestionsView
from desktop.context import AppContext, Events
from desktop.library.table_model import (
    COL_TITLE,
    ID_ROLE,
    LibrarySortProxy,
    LibraryTableModel,
    prepare_rows,
)
from desktop.widgets.collation import text_sort_key
from models.clock import FixedClock
from models.db import Database
from models.services.career import ApplicationInput, CareerService, CompanyInput
from models.services.dto import ItemRow
from models.services.review import QuestionInput, QuestionService
from tests.ui_locale import ui_language

NAMES = ["字节跳动", "月之暗面", "百度", "阿里巴巴"]  # code point order
PINYIN = ["阿里巴巴", "百度", "月之暗面", "字节跳动"]  # a, b, y, z
ASCII = ["Minimax", "apple", "_x", "a{", "ab", "Apple", "huggingface"]
ASCII_CASEFOLD = sorted(ASCII, key=str.casefold)  # _x ab apple Apple a{ huggingface Minimax
ASC = Qt.SortOrder.AscendingOrder


@pytest.fixture
def zh(qapp: QApplication) -> Iterator[str]:
    with ui_language("zh_CN", qapp) as lang:
        yield lang


@pytest.fixture
def en(qapp: QApplication) -> Iterator[str]:
    with ui_language("en", qapp) as lang:
        yield lang


@pytest.fixture
def ctx(db: Database, clock: FixedClock) -> AppContext:
    return AppContext(db=db, clock=clock, events=Events())


def column(model: QAbstractItemModel, col: int) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_text_key_is_pinyin_in_chinese_and_casefold_in_english(qapp: QApplication) -> None:
    with ui_language("zh_CN", qapp):
        assert sorted(NAMES, key=text_sort_key()) == PINYIN
        key = text_sort_key()
        assert key("百度") is key("百度")  # cached: a re-sort does not build keys again
    with ui_language("en", qapp):
        assert text_sort_key() is str.casefold
        assert sorted(ASCII, key=text_sort_key()) == ASCII_CASEFOLD


def library_rows(titles: list[str]) -> list[ItemRow]:
    return [
        ItemRow(
            id=n,
            kind="paper_video",
            title=title,
            source="paper-reading",
            category=None,
            duration_seconds=None,
            pass_statuses=("todo", "todo", "todo"),
            last_studied=None,
        )
        for n, title in enumerate(titles)
    ]


def library_titles(titles: list[str]) -> list[str]:
    rows = library_rows(titles)
    # the loader's sliced sort and the header click give the same order
    sliced = prepare_rows(rows, (COL_TITLE, ASC), step=2)
    model = LibraryTableModel()
    model.set_rows(rows)
    proxy = LibrarySortProxy()
    proxy.setSourceModel(model)
    proxy.sort(COL_TITLE, ASC)
    shown = [titles[proxy.index(r, 0).data(ID_ROLE)] for r in range(proxy.rowCount())]
    assert [titles[row[0]] for row in sliced.shown] == shown
    return shown


def test_library_sorts_titles_by_pinyin_in_chinese(zh: str) -> None:
    assert library_titles(NAMES) == PINYIN
    assert library_titles([n + " 论文" for n in NAMES]) == [n + " 论文" for n in PINYIN]


def test_library_keeps_casefold_order_in_english(en: str) -> None:
    assert library_titles(ASCII) == ASCII_CASEFOLD


def test_companies_and_applications_sort_by_pinyin_in_chinese(
    ctx: AppContext, clock: FixedClock, qtbot: QtBot, zh: str
) -> None:
    career = CareerService(ctx.db, clock)
    for name in NAMES:
        career.apply(career.add_company(CompanyInput(name=name)), ApplicationInput(role="算法"))
    companies = CompaniesView(ctx)
    qtbot.addWidget(companies)
    companies.refresh()
    companies.table.sortByColumn(0, ASC)
    assert column(companies.proxy, 0) == PINYIN

    board = BoardView(ctx)
    qtbot.addWidget(board)
    board.refresh()
    board.table.sortByColumn(0, ASC)
    assert column(board.table_proxy, 0) == PINYIN


def test_applications_keep_casefold_order_in_english(
    ctx: AppContext, clock: FixedClock, qtbot: QtBot, en: str
) -> None:
    career = CareerService(ctx.db, clock)
    for name in ("bravo", "Alpha", "charlie"):
        career.apply(career.add_company(CompanyInput(name=name)), ApplicationInput(role="ML"))
    board = BoardView(ctx)
    qtbot.addWidget(board)
    board.refresh()
    board.table.sortByColumn(0, ASC)
    assert column(board.table_proxy, 0) == ["Alpha", "bravo", "charlie"]


def test_questions_sort_by_pinyin_in_chinese(
    ctx: AppContext, clock: FixedClock, qtbot: QtBot, zh: str
) -> None:
    questions = QuestionService(ctx.db, clock)
    for name in NAMES:
        questions.add_question(QuestionInput(text=name + "的面试题"))
    view = QuestionsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.table.sortByColumn(0, ASC)
    assert column(view.proxy, 0) == [n + "的面试题" for n in PINYIN]
