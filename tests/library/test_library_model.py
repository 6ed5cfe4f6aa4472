"""The table model and proxy: real-value sorting, light rows, selection kept across sorts."""

from __future__ import annotations

import gc
import random
from datetime import datetime

import pytest
from PySide6.QtCore import QItemSelectionModel, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desktop.library import table_model
from desktop.library.table_model import (
    COL_DURATION,
    COL_KIND,
    COL_LAST,
    COL_PASSES,
    COL_SOURCE,
    COL_TITLE,
    ID_ROLE,
    LibrarySortProxy,
    LibraryTableModel,
    prepare_rows,
)
from desktop.widgets.badges import BADGE_ROLE
from desktop.widgets.formatting import (
    format_duration,
    format_speed,
    format_stopwatch,
    parse_duration,
)
from models.services.dto import ItemRow
from models.services.plan_rules import pass_minutes
from models.speeds import time_at_speed


def row(
    item_id: int,
    title: str,
    duration: int | None = None,
    statuses: tuple[str, str, str] = ("todo", "todo", "todo"),
    last: datetime | None = None,
    category: str | None = None,
) -> ItemRow:
    return ItemRow(
        id=item_id,
        kind="paper_video",
        title=title,
        source="paper-reading",
        category=category,
        duration_seconds=duration,
        pass_statuses=statuses,
        last_studied=last,
    )


def proxied(rows: list[ItemRow]) -> tuple[LibraryTableModel, LibrarySortProxy]:
    model = LibraryTableModel()
    model.set_rows(rows)
    proxy = LibrarySortProxy()
    proxy.setSourceModel(model)
    return model, proxy


def column_ids(proxy: LibrarySortProxy) -> list[int]:
    return [proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())]


def test_durations_sort_numerically_not_as_strings(qapp: QApplication) -> None:
    rows = [row(1, "a", 36000), row(2, "b", 5225), row(3, "c", None), row(4, "d", 90)]
    _model, proxy = proxied(rows)
    # as display strings "10:00:00" < "1:27:05", but 10 hours is the longest
    assert sorted(format_duration(r.duration_seconds) for r in rows if r.duration_seconds)[0] == (
        "0:01:30"
    )
    proxy.sort(COL_DURATION, Qt.SortOrder.AscendingOrder)
    assert column_ids(proxy) == [3, 4, 2, 1]  # unknown first, then 1:30, 1:27:05, 10:00:00
    proxy.sort(COL_DURATION, Qt.SortOrder.DescendingOrder)
    assert column_ids(proxy) == [1, 2, 4, 3]
    proxy.sort(-1)  # cleared indicator: back to the service's order (course order)
    assert column_ids(proxy) == [1, 2, 3, 4]


def test_passes_last_studied_title_and_source_sort_on_values(qapp: QApplication) -> None:
    rows = [
        row(1, "beta", statuses=("done", "todo", "todo"), last=datetime(2026, 3, 1)),
        row(2, "Alpha", statuses=("done", "in_progress", "todo"), category="b"),
        row(3, "Γάμμα", statuses=("todo", "todo", "todo"), last=datetime(2026, 1, 1)),
        row(4, "变换器", statuses=("done", "done", "done"), category="a"),
    ]
    _model, proxy = proxied(rows)
    proxy.sort(COL_PASSES)
    assert column_ids(proxy) == [3, 1, 2, 4]
    proxy.sort(COL_LAST)
    assert column_ids(proxy) == [2, 4, 3, 1]  # never studied first, then oldest → newest
    proxy.sort(COL_TITLE)
    assert column_ids(proxy)[:2] == [2, 1]  # case-insensitive: Alpha before beta
    proxy.sort(COL_SOURCE)
    assert column_ids(proxy) == [1, 3, 4, 2]  # same source: no category, then a, then b


def test_display_badges_tooltips_and_cjk_titles(qapp: QApplication) -> None:
    model, _proxy = proxied(
        [row(7, "Transformer论文逐段精读【论文精读】", 5225, ("done", "in_progress", "todo"))]
    )
    assert model.index(0, COL_TITLE).data() == "Transformer论文逐段精读【论文精读】"
    assert model.index(0, COL_DURATION).data() == "1:27:05"
    badges = model.index(0, COL_PASSES)
    assert badges.data() == "● ◐ ○"  # readable without colour
    assert badges.data(BADGE_ROLE) == ("done", "in_progress", "todo")
    tooltip = badges.data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.splitlines() == ["Pass 1: done", "Pass 2: in progress", "Pass 3: not started"]


def test_a_cjk_font_is_installed_and_renders_titles(qapp: QApplication, qtbot: QtBot) -> None:
    families = QFontDatabase.families()
    assert any("CJK" in f or "WenQuanYi" in f for f in families), families[:20]
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    assert chinese
    label = QLabel("论文逐段精读")
    qtbot.addWidget(label)
    metrics = QFontMetrics(QFont(chinese[0]))
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "论文逐段精读")


def test_selection_survives_sorting(qapp: QApplication, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QTableView

    _model, proxy = proxied([row(1, "a", 30), row(2, "b", 10), row(3, "c", 20)])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.selectionModel().select(
        proxy.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    proxy.sort(COL_DURATION)
    (selected,) = view.selectionModel().selectedRows()
    assert selected.data(ID_ROLE) == 1
    assert selected.row() == 2


def test_update_row_changes_only_that_row(qapp: QApplication, qtbot: QtBot) -> None:
    model, proxy = proxied([row(1, "a"), row(2, "b")])
    with qtbot.waitSignal(model.dataChanged) as blocker:
        assert model.update_row(row(2, "b", statuses=("done", "todo", "todo")))
    assert blocker.args[0].row() == 1
    assert model.index(1, COL_PASSES).data() == "● ○ ○"
    assert not model.update_row(row(99, "missing"))
    proxy.sort(-1)
    assert model.item_at(1).pass_statuses[0] == "done"  # natural order copy updated too


def test_hundred_thousand_rows_stay_light(qapp: QApplication) -> None:
    rows = [row(i, f"第{i}课", (i * 7919) % 20000) for i in range(100_000)]
    model, proxy = proxied(rows)
    assert proxy.rowCount() == 100_000
    keep = QPersistentModelIndex(proxy.index(500, 0))
    proxy.sort(COL_DURATION, Qt.SortOrder.DescendingOrder)
    model.wait_sorted()  # this many rows are sorted in a worker
    durations = [model.item_at(r).duration_seconds for r in range(0, 100_000, 997)]
    assert None not in durations
    assert durations == sorted(durations, key=lambda seconds: seconds or 0, reverse=True)
    assert keep.isValid()
    assert keep.data(ID_ROLE) == 500
    assert proxy.index(99_999, COL_DURATION).data() == "0:00:00"


def test_duration_helpers(qapp: QApplication) -> None:
    seconds = parse_duration("1:27:05")
    assert seconds is not None
    assert format_duration(round(time_at_speed(seconds, 1.25))) == "1:09:40"
    assert format_duration(round(time_at_speed(5225, 1.5))) == "0:58:03"
    assert time_at_speed(60, 0) == 60  # a bad speed counts as 1x, never divides by zero
    # The planner's minutes and the pane's clock are the same division.
    assert pass_minutes("paper_video", 5225, None, 2, 1.25, (20, 60, 120)) == 5225 / 60 / 1.25
    assert format_speed(1.25) == "1.25×"
    assert format_speed(1.0) == "1×"
    assert format_stopwatch(5225) == "01:27:05"
    assert format_stopwatch(-3) == "00:00:00"
    assert parse_duration("27:05") == 27 * 60 + 5
    assert parse_duration("45") == 45 * 60
    assert parse_duration("45 分钟") == 45 * 60
    assert parse_duration("") is None
    for bad in ("1:75:00", "abc", "1:2:3:4"):
        try:
            parse_duration(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} accepted")


def test_field_positions_follow_item_row() -> None:
    """The model reads row tuples by position: the positions must be ItemRow's fields."""
    for name, position in (
        ("id", table_model.F_ID),
        ("kind", table_model.F_KIND),
        ("title", table_model.F_TITLE),
        ("source", table_model.F_SOURCE),
        ("category", table_model.F_CATEGORY),
        ("duration_seconds", table_model.F_DURATION),
        ("pass_statuses", table_model.F_PASSES),
        ("last_studied", table_model.F_LAST),
        ("tags", table_model.F_TAGS),
    ):
        assert ItemRow._fields[position] == name
    assert len(ItemRow._fields) == 9


@pytest.mark.parametrize("column", [COL_TITLE, COL_KIND, COL_SOURCE, COL_DURATION, COL_PASSES])
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_sorting_in_slices_gives_the_order_of_one_sort(column: int, order: Qt.SortOrder) -> None:
    """The loader sorts in slices (short GIL holds); ties must keep the service's order."""
    rng = random.Random(column)
    statuses = ("todo", "in_progress", "done")
    rows = [
        row(
            i,
            rng.choice(["b", "A", "a", "注意", "Γ"]),
            duration=rng.choice([None, 60, 5225]),
            statuses=(rng.choice(statuses), rng.choice(statuses), "todo"),
            category=rng.choice([None, "x", "Y"]),
        )
        for i in range(3000)
    ]
    whole = prepare_rows(rows, (column, order))
    sliced = prepare_rows(rows, (column, order), step=97)
    assert [r[0] for r in sliced.shown] == [r[0] for r in whole.shown]
    assert sliced.row_of == whole.row_of == {r[0]: i for i, r in enumerate(whole.shown)}
    assert [r[0] for r in sliced.natural] == list(range(3000))  # the service's order kept


def test_rows_prepared_for_an_old_sort_are_sorted_again(qapp: QApplication) -> None:
    rows = [row(1, "b", 30), row(2, "a", 10), row(3, "c", 20)]
    model, proxy = proxied(rows)
    prepared = prepare_rows(rows, (COL_TITLE, Qt.SortOrder.AscendingOrder))
    proxy.sort(COL_DURATION, Qt.SortOrder.AscendingOrder)  # the user sorted meanwhile
    model.swap(prepared)
    assert column_ids(proxy) == [2, 3, 1]
    assert model.row_of(1) == 2


def test_model_holds_plain_tuples_and_hands_out_item_rows(qapp: QApplication) -> None:
    """Plain tuples drop out of the garbage collector's walks; callers still get names."""
    model, _proxy = proxied([row(1, "a"), row(2, "b")])
    model.set_rows([tuple(r) for r in (row(1, "a"), row(2, "b"))])  # type: ignore[misc]
    assert model.update_row(row(2, "b", statuses=("done", "todo", "todo")))
    gc.collect()
    gc.collect()
    assert not any(gc.is_tracked(r) for r in model._rows)
    item = model.item_at(1)
    assert isinstance(item, ItemRow)
    assert item.title == "b"
    assert item.pass_statuses[0] == "done"
    assert [r.title for r in model.rows()] == ["a", "b"]
