"""Table model of journal notes: title, category, source, last edited."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.widgets.formatting import format_stamp
from desktop.widgets.plain import plain_tooltip
from models.services.journal import JournalEntry

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""What a column sorts by: its text, or for "Edited" the time itself (not its display)."""


class JournalModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[JournalEntry] = []

    def set_rows(self, rows: list[JournalEntry]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def entry(self, row: int) -> JournalEntry:
        return self._rows[row]

    def row_of(self, note_id: int) -> int | None:
        return next((i for i, e in enumerate(self._rows) if e.id == note_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Title"), self.tr("Section"), self.tr("Edited"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (entry.title, entry.category or "", format_stamp(entry.updated_at))[
                index.column()
            ]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return plain_tooltip(entry.body[:400])
        if role == Qt.ItemDataRole.UserRole:
            return entry.id
        if role == SORT_ROLE:
            if index.column() == 2:
                return entry.updated_at.isoformat()
            return entry.title if index.column() == 0 else entry.category or ""
        return None
