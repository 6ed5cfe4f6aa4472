"""Layout at real window sizes (#16): rows shown with an item open, how small the window may
get, dates, statuses, minutes and names shown whole at 1024x700 and 1280x800 in English and
Chinese, tables without sideways scrolling, dark check boxes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QListView,
    QSpinBox,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
)
from pytestqt.qtbot import QtBot

from desktop import i18n, theme
from desktop.career.board_models import CardDelegate, company_lines, role_lines
from desktop.career.board_view import BoardView
from desktop.career.companies_view import CompaniesModel, CompaniesView
from desktop.library.view import LibraryView
from desktop.main_window import MainWindow
from desktop.widgets.formatting import local_time
from models.clock import FixedClock
from models.db import Database
from tests.layout.layout_data import (
    COMPANIES,
    LONG_ENGLISH_ROLE,
    LONG_ROLE,
    PASS_1_MINUTES,
    Seeded,
    seed,
)
from tests.ui_locale import ui_language

SMALLEST = (840, 560)  # the smallest window every view fits (docs/preferences.md)
LANGUAGES = (i18n.ENGLISH, i18n.CHINESE)
SIZES = ((1024, 700), (1280, 800))  # the window sizes of the issue (#16)
EVERY_WAY = [(lang, size) for lang in LANGUAGES for size in SIZES]


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


@pytest.mark.parametrize(("language", "size"), EVERY_WAY)
def test_company_names_and_headers_show_whole(
    language: str,
    size: tuple[int, int],
    make_window: Callable[[], MainWindow],
    seeded: Seeded,
    qapp: QApplication,
) -> None:
    with ui_language(language, qapp):
        window = make_window()
        window.resize(*size)
        window.show_view("companies")
        view = window.view("companies")
        assert isinstance(view, CompaniesView)
        settle()
        table = view.table
        header = table.horizontalHeader()
        model = table.model()
        names = [model.index(r, 0).data() for r in range(model.rowCount())]
        assert sorted(names) == sorted(COMPANIES)
        metrics = table.fontMetrics()
        margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
        for name in names:  # the name column is what the user scans: never "Minim…"
            assert metrics.horizontalAdvance(name) + margin <= header.sectionSize(0), name
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        for column in shown:  # no "Ci…" / "Ta…": a column without room steps aside
            assert header.sectionSize(column) >= header.sectionSizeHint(column), column
        assert {0, 1, 2} <= set(shown)  # name, application, readiness
        assert sum(header.sectionSize(c) for c in shown) <= table.viewport().width()
        assert not table.horizontalScrollBar().isVisible()
        if size == (1280, 800):
            assert {3, 4, 5, 6} <= set(shown)  # priority, city, focus, tags: room for all
        window.close()


def test_the_header_menu_hides_columns_and_remembers(
    make_window: Callable[[], MainWindow], seeded: Seeded
) -> None:
    window = make_window()
    window.show_view("companies")
    view = window.view("companies")
    assert isinstance(view, CompaniesView)
    settle()
    header = view.table.horizontalHeader()
    city, website = CompaniesModel.COLUMNS.index("city"), CompaniesModel.COLUMNS.index("website")
    assert not header.isSectionHidden(city)
    assert header.isSectionHidden(website)  # a link in the company pane: hidden at first
    menu = view.column_menu.menu()
    titles = {a.text(): a for a in menu.actions()}
    assert "Name" not in titles  # the name is always shown
    assert titles["City"].isChecked()
    assert not titles["Website"].isChecked()
    titles["City"].setChecked(False)
    titles["Website"].setChecked(True)
    settle()
    assert header.isSectionHidden(city)
    assert not header.isSectionHidden(website)
    window.close()

    again = make_window()
    again.show_view("companies")
    view = again.view("companies")
    assert isinstance(view, CompaniesView)
    settle()
    header = view.table.horizontalHeader()
    assert header.isSectionHidden(city)
    assert not header.isSectionHidden(website)
    # too narrow for it now: it steps aside, and the menu says why rather than nothing
    again.resize(*SIZES[0])
    settle()
    if header.isSectionHidden(website):
        texts = [a.text() for a in view.column_menu.menu().actions()]
        assert any(t.startswith("Website") and t != "Website" for t in texts), texts


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
    width = CardDelegate.text_width(cards)
    for role, joiner in ((LONG_ROLE, ""), (LONG_ENGLISH_ROLE, " ")):
        lines = role_lines(cards.font(), role, width)
        # too long for one line of the card, whole on two: nothing elided
        assert len(lines) == 2, lines
        assert joiner.join(lines) == role
        row = next(r for text, r in roles.items() if text.endswith(role))
        assert cards.visualRect(cards.model().index(row, 0)).height() >= (
            CardDelegate.height_for(cards.font(), 1, 2)
        )


def whole(lines: list[str], text: str) -> bool:
    """The lines are all of `text`, wrapped (between words or, in CJK, anywhere)."""
    return "…" not in "".join(lines) and "".join(lines).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize(("language", "size"), EVERY_WAY)
def test_board_cards_show_companies_and_roles_whole(
    language: str,
    size: tuple[int, int],
    make_window: Callable[[], MainWindow],
    seeded: Seeded,
    qapp: QApplication,
) -> None:
    with ui_language(language, qapp):
        window = make_window()
        window.resize(*size)
        window.show_view("board")
        view = window.view("board")
        assert isinstance(view, BoardView)
        settle()
        cards_seen = 0
        for column in view.columns.values():
            cards: QListView = column.view
            width = CardDelegate.text_width(cards)
            # the room a dozen characters need, even where the board would have to scroll
            assert width >= CardDelegate.min_text_width(cards.font()), column.model.status
            for row in column.model.rows:
                company = company_lines(cards.font(), row.company, width)
                role = role_lines(cards.font(), row.role, width)
                assert whole(company, row.company), (column.model.status, company)
                assert whole(role, row.role), (column.model.status, role)
                index = cards.model().index(column.model.rows.index(row), 0)
                assert cards.visualRect(index).height() >= CardDelegate.height_for(
                    cards.font(), len(company), len(role)
                )
                cards_seen += 1
        assert cards_seen == 6
        # the demo's names fit one line at both sizes: nothing wraps mid-word
        interested = view.columns["interested"].view
        assert company_lines(
            interested.font(), "huggingface", CardDelegate.text_width(interested)
        ) == ["huggingface"]
        # five columns and the pane fit the window: no sideways scrolling at 1024 either
        board = view.tabs.widget(0)
        assert isinstance(board, QAbstractScrollArea)
        assert not board.horizontalScrollBar().isVisible(), size
        window.close()


def spin_text_fits(spin: QSpinBox) -> bool:
    """The spin box's whole text inside its editor (QLineEdit keeps 2 px each side)."""
    editor = spin.lineEdit()
    return editor.fontMetrics().horizontalAdvance(editor.text()) <= (
        editor.contentsRect().width() - 4
    )


@pytest.mark.parametrize(("language", "size"), EVERY_WAY)
def test_pass_cards_show_their_status_and_minutes_whole(
    language: str,
    size: tuple[int, int],
    make_window: Callable[[], MainWindow],
    seeded: Seeded,
    qapp: QApplication,
) -> None:
    with ui_language(language, qapp):
        window = make_window()
        window.resize(*size)
        view = library(window)
        for item in (seeded.item, seeded.paper):  # a video's pace; a paper's depth, not started
            view.select_item(item)
            settle()
            for card in view.pane.cards:
                state = card.state
                assert state.fontMetrics().horizontalAdvance(state.text()) <= (
                    state.contentsRect().width()
                ), (item, card.number, state.text())
                assert spin_text_fits(card.minutes), (item, card.number, card.minutes.text())
                # the pace gave way instead (its tooltip then has the whole text)
                assert card.pace.shown_text(), card.pace.text()
            # three cards side by side, no sideways scrolling
            assert not view.pane.item_scroll.horizontalScrollBar().isVisible()
        view.select_item(seeded.item)
        settle()
        assert view.pane.cards[0].minutes.value() == PASS_1_MINUTES
        window.close()


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
