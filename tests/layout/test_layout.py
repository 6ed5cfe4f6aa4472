"""Layout at real window sizes (#16): rows shown with an item open, how small the window may
get, dates and names shown whole, tables without sideways scrolling, dark check boxes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QListView,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
)
from pytestqt.qtbot import QtBot

from desktop import i18n, theme
from desktop.career.board_models import CardDelegate, role_lines
from desktop.career.board_view import BoardView
from desktop.career.companies_view import CompaniesView
from desktop.library.view import LibraryView
from desktop.main_window import MainWindow
from desktop.widgets.formatting import local_time
from models.clock import FixedClock
from models.db import Database
from tests.layout.layout_data import LONG_ENGLISH_ROLE, LONG_ROLE, Seeded, seed
from tests.ui_locale import ui_language

SMALLEST = (840, 560)  # the smallest window every view fits (docs/preferences.md)
LANGUAGES = (i18n.ENGLISH, i18n.CHINESE)


@pytest.fixture
def seeded(db: Database, clock: FixedClock) -> Seeded:
    return seed(db, clock)


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[QApplication]:
    theme.apply_theme(theme.DARK, qapp)
    yield qapp
    theme.apply_theme(theme.LIGHT, qapp)


def settle() -> None:
    app = QApplication.instance()
    assert app is not None
    for _ in range(3):
        app.processEvents()


def library(window: MainWindow) -> LibraryView:
    view = window.view("library")
    assert isinstance(view, LibraryView)
    return view


def rows_in_view(table: QTableView) -> int:
    """Rows drawn whole inside the table's viewport."""
    model = table.model()
    viewport = table.viewport().rect()
    return sum(
        viewport.contains(table.visualRect(model.index(row, 0))) for row in range(model.rowCount())
    )


def test_eight_library_rows_show_with_an_item_open_at_1280_by_800(
    make_window: Callable[[], MainWindow], seeded: Seeded
) -> None:
    window = make_window()
    view = library(window)
    view.select_item(seeded.item)
    settle()
    assert (window.width(), window.height()) == (1280, 800)
    assert view.pane.item_id == seeded.item
    assert view.pane.pages.currentWidget() is view.pane.item_scroll  # the item, not the hint
    assert rows_in_view(view.table) >= 8
    # the item's notes are still there, below (the pane scrolls rather than squeezing them)
    assert view.pane.item_scroll.verticalScrollBar().maximum() > 0
    assert view.pane.cards[0].notes.editor.height() >= 60


def test_the_users_divider_is_restored(
    make_window: Callable[[], MainWindow], seeded: Seeded, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    first = make_window()
    view = library(first)
    view.select_item(seeded.item)
    settle()
    total = sum(view.splitter.sizes())
    view.splitter.setSizes([150, total - 150])
    chosen = view.splitter.sizes()
    assert chosen[0] == 150
    view.save_state(settings)
    first.close()

    second = make_window()
    again = library(second)
    again.restore_state(settings)
    settle()
    assert again.splitter.sizes() == chosen


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_view_fits_a_window_smaller_than_1024_by_700(
    language: str, make_window: Callable[[], MainWindow], seeded: Seeded, qapp: QApplication
) -> None:
    with ui_language(language, qapp):
        window = make_window()
        library(window).select_item(seeded.item)
        window.resize(*SMALLEST)
        for key in window.view_keys():
            window.show_view(key)
            settle()
            hint = window.minimumSizeHint()
            assert hint.width() <= SMALLEST[0], f"{key} needs {hint.width()} px ({language})"
            assert hint.height() <= SMALLEST[1], f"{key} needs {hint.height()} px ({language})"
            assert (window.width(), window.height()) == SMALLEST, key
        window.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_pass_dates_show_whole_at_1280(
    language: str, make_window: Callable[[], MainWindow], seeded: Seeded, qapp: QApplication
) -> None:
    with ui_language(language, qapp):
        window = make_window()
        view = library(window)
        view.select_item(seeded.item)
        settle()
        first, second, third = view.pane.cards
        for card in (first, second, third):
            label = card.stamps
            room = label.contentsRect()
            lines = label.text().splitlines()
            metrics = label.fontMetrics()
            for line in lines:
                assert metrics.horizontalAdvance(line) <= room.width(), (language, line)
            assert len(lines) * metrics.lineSpacing() <= room.height() + 1, (language, lines)
        # pass 1: started and done, each a short date; the tooltip has the times
        assert len(first.stamps.text().splitlines()) == 2
        assert i18n.format_date(seeded_stamp_date()) in first.stamps.text()
        tooltip = first.stamps.toolTip()
        assert len(tooltip.splitlines()) == 2
        assert all(
            len(line) > len(short)
            for line, short in zip(
                tooltip.splitlines(), first.stamps.text().splitlines(), strict=True
            )
        )
        assert len(second.stamps.text().splitlines()) == 1  # started only
        window.close()


def seeded_stamp_date() -> date:
    """The passes were started and finished at the clock's now (UTC), shown in local time."""
    stamp = local_time(datetime(2026, 3, 2, 9, 0, 0))
    assert stamp is not None
    return stamp.date()


def test_companies_table_fits_its_width_at_1280(
    make_window: Callable[[], MainWindow], seeded: Seeded
) -> None:
    window = make_window()
    window.show_view("companies")
    view = window.view("companies")
    assert isinstance(view, CompaniesView)
    view.table.selectRow(0)
    settle()
    table = view.table
    header = table.horizontalHeader()
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    assert sum(header.sectionSize(c) for c in shown) <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    # the name keeps room to be read; elided text is whole in its tooltip
    assert header.sectionSize(0) >= 80
    focus = table.model().index(0, 5)
    tooltip = table.model().data(focus, Qt.ItemDataRole.ToolTipRole)
    assert "大模型预训练、对齐与推理加速；多模态生成" in tooltip
    # and it still fits once the window is as small as it gets
    window.resize(*SMALLEST)
    settle()
    assert sum(header.sectionSize(c) for c in shown) <= table.viewport().width()


def test_board_cards_show_long_roles_on_two_lines(
    make_window: Callable[[], MainWindow], seeded: Seeded
) -> None:
    window = make_window()
    window.show_view("board")
    view = window.view("board")
    assert isinstance(view, BoardView)
    settle()
    column = view.columns["interested"]
    cards: QListView = column.view
    roles = {cards.model().index(r, 0).data(): r for r in range(cards.model().rowCount())}
    assert cards.model().rowCount() == 2
    width = cards.viewport().width() - 2 - CardDelegate.MARGINS
    line = cards.fontMetrics().height()
    for role, joiner in ((LONG_ROLE, ""), (LONG_ENGLISH_ROLE, " ")):
        lines = role_lines(cards.font(), role, width)
        # too long for one line of the card, whole on two: nothing elided
        assert len(lines) == 2, lines
        assert joiner.join(lines) == role
        row = next(r for text, r in roles.items() if text.endswith(role))
        assert cards.visualRect(cards.model().index(row, 0)).height() >= (
            CardDelegate.HEIGHT + line
        )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def best_contrast(image: QImage, x0: int, y0: int, x1: int, y1: int) -> float:
    """The strongest contrast in the area against its most common colour (the background)."""
    pixels = [image.pixelColor(x, y) for x in range(x0, x1) for y in range(y0, y1)]
    background = QColor(Counter(c.rgb() for c in pixels).most_common(1)[0][0])
    return max(contrast(c, background) for c in pixels)


@pytest.mark.usefixtures("dark")
def test_dark_check_boxes_stand_out(
    make_window: Callable[[], MainWindow], seeded: Seeded, qtbot: QtBot
) -> None:
    # a plain check box, as in the dialogs
    check = QCheckBox()
    qtbot.addWidget(check)
    check.resize(24, 24)
    image = check.grab().toImage()
    assert best_contrast(image, 0, 0, image.width(), image.height()) >= 3.0

    # the open points' "didn't understand" boxes in the item pane
    window = make_window()
    view = library(window)
    view.select_item(seeded.item)
    settle()
    points = view.pane.open_points
    table = points.findChild(QTableView)
    assert table is not None
    model = table.model()
    image = table.viewport().grab().toImage()
    assert model.rowCount() == 2  # one open, one resolved
    for row in range(model.rowCount()):
        option = QStyleOptionViewItem()
        option.initFrom(table)
        option.rect = table.visualRect(model.index(row, 0))
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        box = table.style().subElementRect(
            QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, table
        )
        assert box.width() >= 10
        background = image.pixelColor(box.right() + 3, box.center().y())  # the row, beside it
        ratio = max(
            contrast(image.pixelColor(x, y), background)
            for x in range(box.left(), box.right() + 1)
            for y in range(box.top(), box.bottom() + 1)
        )
        assert ratio >= 3.0, (row, ratio)
