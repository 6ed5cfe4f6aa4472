"""Fitting columns to their contents reads a bounded number of rows: Qt's default measured
up to 1,000 per column, ~140 ms of the first show of Companies at 500 companies (#17)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from desktop.widgets.fit_columns import MEASURED_ROWS, ColumnFitter

ROWS = 2000


class Counting(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows_read: set[int] = set()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else ROWS

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            self.rows_read.add(index.row())
            # the longest name far down: measured rows decide, the rest is elided
            return "深度学习公司" * (20 if index.row() == ROWS - 1 else 1) + str(index.column())
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return f"Column {section}"
        return None


def test_a_refit_reads_at_most_the_measured_rows(qtbot: QtBot) -> None:
    model = Counting()
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.resize(900, 400)
    fitter = ColumnFitter(table, {2: 1}, whole=(0,))
    table.show()
    qtbot.waitExposed(table)
    model.rows_read.clear()
    model.beginResetModel()
    model.endResetModel()  # new rows: the fitter measures again
    fitter.fit()
    assert model.rows_read  # measured
    assert len(model.rows_read) <= MEASURED_ROWS + 1  # not every row (Qt's default: 1,000)
    assert ROWS - 1 not in model.rows_read or MEASURED_ROWS >= ROWS
    assert table.columnWidth(0) > 0
