"""How the import dialog shows an `ImportSummary`: translated labels, counts, skipped rows.

The summary itself is the models' one type (models/services/import_summary.py), returned by
every import as is; only its rendering lives here.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from desktop.widgets.plain import plain_tooltip
from models.services.import_summary import ImportSummary, KindCounts

Index = QModelIndex | QPersistentModelIndex


def kind_label(kind: str) -> str:
    labels = {
        "paper_video": QCoreApplication.translate("ImportJobs", "Videos"),
        "paper": QCoreApplication.translate("ImportJobs", "Papers"),
        "course_video": QCoreApplication.translate("ImportJobs", "Lessons"),
        "article": QCoreApplication.translate("ImportJobs", "Articles"),
        "question": QCoreApplication.translate("ImportJobs", "Questions"),
        "company": QCoreApplication.translate("ImportJobs", "Companies"),
        "note": QCoreApplication.translate("ImportJobs", "Notes"),
    }
    return labels.get(kind, kind)


def _table_labels() -> dict[str, str]:
    """The tables of a JSON document the dialog lists (the rest are parts of these)."""
    return {
        "items": QCoreApplication.translate("ImportJobs", "Items"),
        "notes": QCoreApplication.translate("ImportJobs", "Notes"),
        "open_points": QCoreApplication.translate("ImportJobs", "Open points"),
        "study_sessions": QCoreApplication.translate("ImportJobs", "Study sessions"),
        "companies": QCoreApplication.translate("ImportJobs", "Companies"),
        "applications": QCoreApplication.translate("ImportJobs", "Applications"),
        "questions": QCoreApplication.translate("ImportJobs", "Questions"),
    }


def shown_lines(summary: ImportSummary) -> list[tuple[str, KindCounts]]:
    """(label, counts) per line the dialog lists; a document lists the tables it wrote to."""
    if summary.document:
        labels = _table_labels()
        return [(labels[ln.kind], ln) for ln in summary.lines if ln.kind in labels and ln.added]
    return [(kind_label(line.kind), line) for line in summary.lines]


def totals(summary: ImportSummary) -> KindCounts:
    """The sums of the lines listed, with every skipped row (those skipped while parsing too)."""
    lines = [line for _, line in shown_lines(summary)]
    return KindCounts(
        "total",
        added=sum(line.added for line in lines),
        updated=sum(line.updated for line in lines),
        unchanged=sum(line.unchanged for line in lines),
        skipped=summary.skipped_count,
    )


class CountsModel(QAbstractTableModel):
    """One row per record kind: added / updated / unchanged / skipped, plus a total row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[tuple[str, KindCounts]] = []

    def set_summary(self, summary: ImportSummary) -> None:
        self.beginResetModel()
        self._lines = shown_lines(summary)
        if len(self._lines) > 1:
            self._lines.append((self.tr("Total"), totals(summary)))
        self.endResetModel()

    def headers(self) -> list[str]:
        return [
            self.tr("Records"),
            self.tr("Added"),
            self.tr("Updated"),
            self.tr("Unchanged"),
            self.tr("Skipped"),
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        label, line = self._lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            values = (label, line.added, line.updated, line.unchanged, line.skipped)
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

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
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
