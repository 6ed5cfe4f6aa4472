"""The library table: a light model over ItemRow DTOs plus a proxy that sorts by real values.

Rows are plain frozen dataclasses, so data() is a tuple lookup; 100k rows stay responsive.
Sorting happens on precomputed Python keys (one list.sort), not through per-comparison
data() calls, which would be far too slow from Python at that size.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from desktop.widgets.badges import BADGE_ROLE, badge_text, badge_tooltip
from desktop.widgets.formatting import format_duration, format_stamp, plain_tooltip
from models.services.dto import ItemRow

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

COL_TITLE, COL_KIND, COL_SOURCE, COL_DURATION, COL_PASSES, COL_LAST = range(6)
COLUMN_COUNT = 6

_STATUS_WEIGHT = {"todo": 0, "in_progress": 1, "done": 2}

AnyIndex = QModelIndex | QPersistentModelIndex


def kind_label(kind: str) -> str:
    labels = {
        "course_video": QCoreApplication.translate("Library", "Course video"),
        "paper_video": QCoreApplication.translate("Library", "Paper video"),
        "paper": QCoreApplication.translate("Library", "Paper"),
        "article": QCoreApplication.translate("Library", "Article"),
    }
    return labels.get(kind, kind)


def source_text(row: ItemRow) -> str:
    if row.category and row.category.casefold() != row.source.casefold():
        return f"{row.source} · {row.category}"
    return row.source


def progress_key(statuses: Sequence[str]) -> tuple[int, int, int, int]:
    """Total progress first, then pass 1, 2, 3: "● ◐ ○" sorts after "● ○ ○"."""
    weights = [_STATUS_WEIGHT.get(s, 0) for s in statuses]
    return (sum(weights), weights[0], weights[1], weights[2])


def _key_for(column: int) -> Callable[[ItemRow], Any]:
    """Sort key on the real value; unknown values (None) always sort as smallest."""
    if column == COL_TITLE:
        return lambda r: r.title.casefold()
    if column == COL_KIND:
        return lambda r: kind_label(r.kind).casefold()
    if column == COL_SOURCE:
        return lambda r: (r.source.casefold(), (r.category or "").casefold())
    if column == COL_DURATION:
        return lambda r: (r.duration_seconds is not None, r.duration_seconds or 0)
    if column == COL_PASSES:
        return lambda r: progress_key(r.pass_statuses)
    if column == COL_LAST:
        return lambda r: (r.last_studied is not None, r.last_studied or datetime.min)
    raise IndexError(column)


class LibraryTableModel(QAbstractTableModel):
    """Read-only rows; writes go through LibraryService and come back via set_rows/update_row."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ItemRow] = []
        self._natural: list[ItemRow] = []  # the service's order (course order, then id)
        self._row_of: dict[int, int] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._headers = (
            self.tr("Title"),
            self.tr("Kind"),
            self.tr("Source / category"),
            self.tr("Duration"),
            self.tr("Passes"),
            self.tr("Last studied"),
        )

    # ---- Qt API --------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_TITLE:
                return row.title
            if column == COL_KIND:
                return kind_label(row.kind)
            if column == COL_SOURCE:
                return source_text(row)
            if column == COL_DURATION:
                return format_duration(row.duration_seconds)
            if column == COL_PASSES:
                return badge_text(row.pass_statuses)
            if column == COL_LAST:
                return format_stamp(row.last_studied)
            return None
        if role == ID_ROLE:
            return row.id
        if role == BADGE_ROLE and column == COL_PASSES:
            return row.pass_statuses
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == COL_PASSES:
                return badge_tooltip(row.pass_statuses)
            if column == COL_TITLE and role == Qt.ItemDataRole.ToolTipRole:
                tags = ("\n#" + "  #".join(row.tags)) if row.tags else ""
                return plain_tooltip(row.title + tags)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_DURATION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            return _key_for(column)(row)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder rows by the column's real value (column -1: the service's natural order).

        Selections survive: persistent indexes are moved to the rows' new positions.
        """
        self._sort = (column, order) if 0 <= column < COLUMN_COUNT else None
        self.layoutAboutToBeChanged.emit()
        old_ids = [r.id for r in self._rows]
        self._rows = list(self._natural)
        self._apply_sort()
        self._reindex()
        moved_from: list[QModelIndex] = []
        moved_to: list[QModelIndex] = []
        for persistent in self.persistentIndexList():
            if not persistent.isValid():
                continue
            new_row = self._row_of.get(old_ids[persistent.row()])
            moved_from.append(persistent)
            moved_to.append(
                self.index(new_row, persistent.column()) if new_row is not None else QModelIndex()
            )
        self.changePersistentIndexList(moved_from, moved_to)
        self.layoutChanged.emit()

    # ---- our API -------------------------------------------------------------------------
    def set_rows(self, rows: list[ItemRow]) -> None:
        self.beginResetModel()
        self._natural = list(rows)
        self._rows = list(rows)
        self._apply_sort()
        self._reindex()
        self.endResetModel()

    def update_row(self, item: ItemRow) -> bool:
        """Replace one row in place (after a pass change); False if it is not shown."""
        position = self._row_of.get(item.id)
        if position is None:
            return False
        self._rows[position] = item
        for i, old in enumerate(self._natural):
            if old.id == item.id:
                self._natural[i] = item
                break
        self.dataChanged.emit(self.index(position, 0), self.index(position, COLUMN_COUNT - 1))
        return True

    def row_of(self, item_id: int) -> int | None:
        return self._row_of.get(item_id)

    def item_at(self, row: int) -> ItemRow:
        return self._rows[row]

    def rows(self) -> list[ItemRow]:
        return list(self._rows)

    def _apply_sort(self) -> None:
        if self._sort is None:
            return
        column, order = self._sort
        self._rows.sort(key=_key_for(column), reverse=order == Qt.SortOrder.DescendingOrder)

    def _reindex(self) -> None:
        self._row_of = {r.id: i for i, r in enumerate(self._rows)}


class LibrarySortProxy(QSortFilterProxyModel):
    """Sorting is delegated to the source model's key sort; filtering is the service's job.

    Kept as a proxy so the view code follows the list convention (and future client-side
    filters have a home), while sort() stays one Python list.sort on real values.
    """

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, LibraryTableModel):
            source.sort(column, order)
        else:  # pragma: no cover - only used with LibraryTableModel
            super().sort(column, order)

    def item_id(self, index: AnyIndex) -> int | None:
        value = index.data(ID_ROLE)
        return int(value) if value is not None else None
