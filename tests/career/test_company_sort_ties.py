"""Companies of equal priority (or city, readiness…) are listed by name, A to Z (issue #16).

The name broke ties inside one key that was reversed as a whole, so the default order,
priority high to low, listed the companies of one priority Z to A. Names stay ascending in
the UI language's order whichever way the column sorts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.career.companies_view import CompaniesModel, CompaniesView
from desktop.main_window import MainWindow
from models.services.career import CompanyInput
from tests.career.career_support import Services
from tests.ui_locale import ui_language

PRIORITY = CompaniesModel.COLUMNS.index("priority")
CITY = CompaniesModel.COLUMNS.index("city")
NAME = CompaniesModel.COLUMNS.index("name")


def shown(view: CompaniesView) -> list[tuple[str, int]]:
    """(name, priority) per row as listed; the priority column draws one ★ per level."""
    model = view.proxy
    return [
        (str(model.index(r, NAME).data()), len(str(model.index(r, PRIORITY).data())))
        for r in range(model.rowCount())
    ]


def companies_view(window: MainWindow) -> CompaniesView:
    window.show_view("companies")
    view = window.view("companies")
    assert isinstance(view, CompaniesView)
    return view


def click_header(qtbot: QtBot, view: CompaniesView, column: int) -> None:
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def add(svc: Services, name: str, priority: int, city: str | None = None) -> None:
    svc.career.add_company(CompanyInput(name=name, priority=priority, city=city))


def test_equal_priorities_list_names_a_to_z_both_ways(
    make_window: Callable[[], MainWindow], svc: Services, qtbot: QtBot
) -> None:
    for name, priority in (
        ("Zhipu", 3),
        ("minimax", 3),
        ("Baichuan", 3),
        ("Moonshot", 5),
        ("DeepSeek", 5),
        ("Apple", 1),
    ):
        add(svc, name, priority)
    view = companies_view(make_window())
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 6)

    # the view opens by priority, high to low
    assert view.table.horizontalHeader().sortIndicatorSection() == PRIORITY
    assert shown(view) == [
        ("DeepSeek", 5),
        ("Moonshot", 5),
        ("Baichuan", 3),
        ("minimax", 3),
        ("Zhipu", 3),
        ("Apple", 1),
    ]
    click_header(qtbot, view, PRIORITY)  # low to high: the names within a priority still A-Z
    assert view.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert shown(view) == [
        ("Apple", 1),
        ("Baichuan", 3),
        ("minimax", 3),
        ("Zhipu", 3),
        ("DeepSeek", 5),
        ("Moonshot", 5),
    ]


def test_any_column_breaks_ties_by_name_ascending(
    make_window: Callable[[], MainWindow], svc: Services
) -> None:
    add(svc, "Zhipu", 3, "Beijing")
    add(svc, "Baichuan", 3, "Beijing")
    add(svc, "Moonshot", 3, "Shanghai")
    view = companies_view(make_window())
    for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
        view.table.sortByColumn(CITY, order)
        names = [name for name, _priority in shown(view)]
        beijing = names.index("Baichuan"), names.index("Zhipu")
        assert beijing[0] + 1 == beijing[1], (order, names)


@pytest.fixture
def zh(qapp: QApplication) -> Iterator[str]:
    with ui_language("zh_CN", qapp) as lang:
        yield lang


def test_ties_follow_pinyin_in_chinese(
    make_window: Callable[[], MainWindow], svc: Services, zh: str
) -> None:
    for name in ("字节跳动", "月之暗面", "百度", "阿里巴巴"):  # code point order, pinyin z y b a
        add(svc, name, 4)
    view = companies_view(make_window())
    view.table.sortByColumn(PRIORITY, Qt.SortOrder.DescendingOrder)
    assert [name for name, _p in shown(view)] == ["阿里巴巴", "百度", "月之暗面", "字节跳动"]
