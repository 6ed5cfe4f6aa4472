"""The list of backups (date, kind, size) for the restore dialog.

Dates show in the UI language's format; sorting uses SORT_ROLE (the UTC timestamp), never
the displayed text.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop import i18n
from desktop.widgets.formatting import format_stamp
from desktop.widgets.plain import plain_tooltip
from models.services.backup import AUTOMATIC, PRE_IMPORT, PRE_RESTORE, PRE_UPGRADE, BackupInfo

SORT_ROLE = Qt.ItemDataRole.UserRole
INFO_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


def kind_label(kind: str) -> str:
    labels = {
        AUTOMATIC: QCoreApplication.translate("Safety", "Automatic"),
        PRE_RESTORE: QCoreApplication.translate("Safety", "Before a restore"),
        PRE_UPGRADE: QCoreApplication.translate("Safety", "Before an upgrade"),
        PRE_IMPORT: QCoreApplication.translate("Safety", "Before an import"),
    }
    return labels.get(kind, kind)


class BackupTableModel(QAbstractTableModel):
    DATE, KIND, SIZE = range(3)

    def __init__(self, backups: list[BackupInfo] | None = None) -> None:
        super().__init__()
        self._rows: list[BackupInfo] = list(backups or [])

    def backup(self, row: int) -> BackupInfo:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("Safety", "Date"),
            QCoreApplication.translate("Safety", "Kind"),
            QCoreApplication.translate("Safety", "Size"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        info = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.DATE:
                return format_stamp(info.created)
            if column == self.KIND:
                return kind_label(info.kind)
            return i18n.format_size(info.size)
        if role == SORT_ROLE:
            return (info.created.isoformat(), info.kind, info.size)[column]
        if role == INFO_ROLE:
            return info
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(str(info.path))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
