"""Columns that share a table's width, so a table fits its viewport without a scroll bar."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

MIN_SECTION = 24  # below this a column shows nothing but its ellipsis


class ColumnFitter(QObject):
    """Gives the columns not in `weights` the width of their contents (header included)
    and shares what is left among the others by weight, whenever the table's viewport
    changes width. Text that still does not fit is elided; the model's tooltip has it.

    The user can still drag a column wider (the header stays Interactive): the next
    resize of the table fits them again.
    """

    def __init__(self, table: QTableView, weights: Mapping[int, int], minimum: int = 48) -> None:
        """`minimum`: what a shared column gets before the content-sized ones give way."""
        super().__init__(table)
        self.table = table
        self.weights = dict(weights)
        self.minimum = minimum
        self._width = -1
        self._rows = -1  # the row count the widths were fitted to
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.viewport().installEventFilter(self)
        model = table.model()
        model.modelReset.connect(self.refit)
        model.layoutChanged.connect(self._reordered)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.table.viewport().width() != self._width:
            self.fit()
        return super().eventFilter(watched, event)

    def refit(self) -> None:
        """New rows may need another width for the content-sized columns."""
        self._width = -1
        self.fit()

    def _reordered(self, *_args: object) -> None:
        """A sort moves the rows and keeps them: the widths fitted to them still hold.
        (Measuring walks up to 1,000 rows per content-sized column: ~90 ms a header click
        in Companies at 100k items, #17.) A layout change that also changed the rows fits."""
        if self.table.model().rowCount() != self._rows:
            self.refit()

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        available = self.table.viewport().width()
        self._width = available
        self._rows = self.table.model().rowCount()
        columns = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        shared = [c for c in columns if c in self.weights]
        natural = {
            c: max(self.table.sizeHintForColumn(c), header.sectionSizeHint(c))
            for c in columns
            if c not in self.weights
        }
        # the content-sized columns give way too (elided) when the shared ones would
        # otherwise get less than their minimum
        room = available - self.minimum * len(shared)
        total_natural = sum(natural.values())
        scale = 1.0 if total_natural <= room or total_natural == 0 else max(0, room) / total_natural
        for column, width in natural.items():
            width = width if scale == 1.0 else max(MIN_SECTION, int(width * scale))
            header.resizeSection(column, width)
            available -= width
        total = sum(self.weights[c] for c in shared) or 1
        left = max(0, available)
        for index, column in enumerate(shared):
            if index == len(shared) - 1:
                width = left  # the rounding remainder goes to the last one
            else:
                width = max(0, available) * self.weights[column] // total
                left -= width
            header.resizeSection(column, max(MIN_SECTION, width))
