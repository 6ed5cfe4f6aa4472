"""What an import ended with, as the progress dialog shows it, and the table models for it.

`ImportOutcome` is a plain value built in the worker thread from the importing service's
summary, so the dialog never depends on how the service spells its counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop.widgets.plain import plain_tooltip

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class CountLine:
    """Counts for one kind of record (videos, papers, questions...)."""

    label: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0


@dataclass(frozen=True)
class ImportOutcome:
    source: str
    lines: tuple[CountLine, ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()
    """(where, reason) per skipped row."""
    not_modified: bool = False
    """The server said the source is unchanged since the last import: nothing to do."""
    items_changed: bool = True
    career_changed: bool = False
    message: str | None = None
    """One more sentence for the summary (e.g. where a backup went)."""

    @property
    def added(self) -> int:
        return sum(line.added for line in self.lines)

    @property
    def updated(self) -> int:
        return sum(line.updated for line in self.lines)

    @property
    def unchanged(self) -> int:
        return sum(line.unchanged for line in self.lines)

    @property
    def skipped_count(self) -> int:
        return max(len(self.skipped), sum(line.skipped for line in self.lines))


class CountsModel(QAbstractTableModel):
    """One row per record kind: added / updated / unchanged / skipped, plus a total row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[CountLine] = []

    def set_outcome(self, outcome: ImportOutcome) -> None:
        self.beginResetModel()
        self._lines = list(outcome.lines)
        if len(self._lines) > 1:
            self._lines.append(
                CountLine(
                    self.tr("Total"),
                    outcome.added,
                    outcome.updated,
                    outcome.unchanged,
                    outcome.skipped_count,  # includes rows skipped while parsing
                )
            )
        self.endResetModel()

    def headers(self) -> list[str]:
        return [
            self.tr("Records"),
            self.tr("Added"),
            self.tr("Updated"),
            self.tr("Unchanged"),
            self.tr("Skipped"),
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            values = (line.label, line.added, line.updated, line.unchanged, line.skipped)
            return str(values[index.column()])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if (
            role == Qt.ItemDataRole.FontRole
            and len(self._lines) > 1
            and (index.row() == len(self._lines) - 1)
        ):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None


class SkippedModel(QAbstractTableModel):
    """The skipped rows with the reason for each, so the user can fix the source."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str]] = []

    def set_rows(self, rows: tuple[tuple[str, str], ...]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._rows[index.row()][index.column()])
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return (self.tr("Where"), self.tr("Why it was skipped"))[section]
        return None
