"""Small pieces the career views share: translated labels, a generic rows model, error display."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from desktop.widgets import dialogs
from desktop.widgets.collation import text_sort_key
from desktop.widgets.plain import plain_tooltip
from models.errors import ThreePassError

Index = QModelIndex | QPersistentModelIndex
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def status_label(status: str | None) -> str:
    labels = {
        "interested": QCoreApplication.translate("career", "Interested"),
        "applied": QCoreApplication.translate("career", "Applied"),
        "test": QCoreApplication.translate("career", "Test"),
        "interviewing": QCoreApplication.translate("career", "Interviewing"),
        "offer": QCoreApplication.translate("career", "Offer"),
        "accepted": QCoreApplication.translate("career", "Accepted"),
        "rejected": QCoreApplication.translate("career", "Rejected"),
        "withdrawn": QCoreApplication.translate("career", "Withdrawn"),
        "ghosted": QCoreApplication.translate("career", "Ghosted"),
    }
    if status is None:
        return ""
    return labels.get(status, status)


CHANNELS = ("referral", "website", "recruiter", "headhunter", "event", "other")
"""Stored as these English words (the CLI and exports show them); the UI shows labels."""


def channel_label(channel: str | None) -> str:
    """A known channel in the UI's language; a channel the user typed, as typed."""
    labels = {
        "referral": QCoreApplication.translate("career", "Referral"),
        "website": QCoreApplication.translate("career", "Website"),
        "recruiter": QCoreApplication.translate("career", "Recruiter"),
        "headhunter": QCoreApplication.translate("career", "Headhunter"),
        "event": QCoreApplication.translate("career", "Event"),
        "other": QCoreApplication.translate("career", "Other"),
    }
    return labels.get(channel or "", channel or "")


def channel_value(text: str) -> str:
    """The channel to store for what the combo shows: a label back to its word."""
    typed = text.strip()
    for channel in CHANNELS:
        if typed.casefold() in (channel, channel_label(channel).casefold()):
            return channel
    return typed


def kind_label(kind: str) -> str:
    labels = {
        "coding": QCoreApplication.translate("career", "Coding / LeetCode"),
        "ml_concepts": QCoreApplication.translate("career", "ML concepts"),
        "handwritten_code": QCoreApplication.translate("career", "Hand-written code"),
        "systems": QCoreApplication.translate("career", "Systems & frameworks"),
        "cross": QCoreApplication.translate("career", "Cross interview"),
        "hr": QCoreApplication.translate("career", "HR"),
        "other": QCoreApplication.translate("career", "Other"),
    }
    return labels.get(kind, kind)


STATUS_COLOURS = {
    "interested": "#8e9aaf",
    "applied": "#4f86c6",
    "test": "#9b6fc3",
    "interviewing": "#e09f3e",
    "offer": "#3c9d5d",
    "accepted": "#2a7a47",
    "rejected": "#c0504d",
    "withdrawn": "#7f7f7f",
    "ghosted": "#a3a3a3",
}


def confidence_text(value: int) -> str:
    return (
        "★" * value + "☆" * (5 - value)
        if value
        else QCoreApplication.translate("career", "not rated")
    )


def run_action(parent: QWidget | None, action: Callable[[], Any]) -> Any:
    """Run a service call; a ThreePassError becomes one clear sentence in a dialog."""
    try:
        return action()
    except ThreePassError as err:
        title = QCoreApplication.translate("career", "ThreePass")
        dialogs.inform(parent, title, str(err))  # errors quote names: plain text
        return None


def try_action(parent: QWidget | None, action: Callable[[], Any]) -> bool:
    """Like run_action for calls without a result: True when it succeeded."""
    try:
        action()
    except ThreePassError as err:
        title = QCoreApplication.translate("career", "ThreePass")
        dialogs.inform(parent, title, str(err))  # errors quote names: plain text
        return False
    return True


class RowsModel(QAbstractTableModel):
    """A read-only table of small detail lists (linked items, history...): rows of cells."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[tuple[int | None, list[str]]] = []

    def set_rows(self, rows: Sequence[tuple[int | None, Sequence[str]]]) -> None:
        self.beginResetModel()
        self._rows = [(row_id, list(cells)) for row_id, cells in rows]
        self.endResetModel()

    def row_id(self, row: int) -> int | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row_id, cells = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(cells[index.column()])
        if role == ROW_ID_ROLE:
            return row_id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


def small_table(model: RowsModel, stretch_column: int = 0) -> QTableView:
    """A compact read-only table for a detail pane."""
    view = QTableView()
    view.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
    view.setModel(model)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    return view


class CheckListModel(QAbstractTableModel):
    """Rows of (id, cells) with a check box in the first column: pick questions, companies."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[tuple[int, list[str]]] = []
        self.checked: set[int] = set()

    def set_rows(self, rows: Sequence[tuple[int, Sequence[str]]], checked: set[int]) -> None:
        self.beginResetModel()
        self._rows = [(row_id, list(cells)) for row_id, cells in rows]
        self.checked = set(checked)
        self.endResetModel()

    def checked_ids(self) -> list[int]:
        """Checked ids in row order."""
        return [row_id for row_id, _ in self._rows if row_id in self.checked]

    def set_checked(self, row_id: int, on: bool) -> None:
        for row, (rid, _cells) in enumerate(self._rows):
            if rid == row_id:
                self.setData(
                    self.index(row, 0),
                    (Qt.CheckState.Checked if on else Qt.CheckState.Unchecked).value,
                    Qt.ItemDataRole.CheckStateRole,
                )

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and index.column() == 0:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row_id, cells = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(cells[index.column()])
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            return (
                Qt.CheckState.Checked if row_id in self.checked else Qt.CheckState.Unchecked
            ).value
        if role == ROW_ID_ROLE:
            return row_id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        row_id = self._rows[index.row()][0]
        state = value.value if isinstance(value, Qt.CheckState) else int(value)
        if state == Qt.CheckState.Checked.value:
            self.checked.add(row_id)
        else:
            self.checked.discard(row_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


def check_table(model: CheckListModel) -> tuple[QTableView, QSortFilterProxyModel]:
    """A filterable table of check boxes (filter with proxy.setFilterFixedString)."""
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    view = QTableView()
    view.setTabKeyNavigation(False)
    view.setModel(proxy)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return view, proxy


class RefreshGate(QObject):
    """Coalesce change signals into one reload: soon if the view is shown, else when shown.

    Imports and timers emit many change signals; a hidden view should not reload each time.
    """

    def __init__(self, widget: QWidget, refresh: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._refresh = refresh
        self._dirty = False
        self._pending = False
        widget.installEventFilter(self)

    def request(self) -> None:
        if self._widget.isVisible():
            if not self._pending:
                self._pending = True
                QTimer.singleShot(0, self._run)
        else:
            self._dirty = True

    def _run(self) -> None:
        self._pending = False
        self._dirty = False
        self._refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Show and self._dirty:
            self._run()
        return False


class SortedRowsModel(QAbstractTableModel):
    """A table model that sorts its own rows with Python's sorted(), and may filter them.

    QSortFilterProxyModel sorting calls data() from C++ for every comparison: about 70k Python
    calls (1.3 s) for 5k questions. Sorting the row list with a key is one C-level sort.
    Likewise its filterAcceptsRow is a Python call per row and per keystroke; `set_filter`
    chooses the rows shown in one pass instead (#17). Rows must have an `id`. Use with
    `PySortProxy`, which forwards sort() here.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []  # the rows shown: those the filter passes, in order
        self.loaded: list[Any] = []  # every row of the last load, in the shown order
        self._choose: Callable[[list[Any]], list[Any]] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None
        # sort_key's key for text in the UI language, read once per sort (widgets/collation.py)
        self.text_key: Callable[[str], Any] = str.casefold

    COLUMNS: tuple[str, ...] = ()  # the column names, in order

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def sort_key(self, row: Any, column: int) -> Any:
        raise NotImplementedError

    def _sorted(self, rows: list[Any]) -> list[Any]:
        if self._sort is None:
            return rows
        column, order = self._sort
        self.text_key = text_sort_key()
        return sorted(
            rows,
            key=lambda r: self.sort_key(r, column),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def _passing(self, rows: list[Any]) -> list[Any]:
        return rows if self._choose is None else self._choose(rows)

    def reset_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.loaded = self._sorted(list(rows))
        self.rows = self._passing(self.loaded)
        self.endResetModel()

    def set_filter(self, choose: Callable[[list[Any]], list[Any]] | None) -> None:
        """Show the loaded rows `choose(rows)` keeps (None: every one; also applied to the
        rows of later loads), in the current order (sorted once per sort, not per filter);
        the current row and the selection stay on their rows while those are shown."""
        self._choose = choose
        self._relayout(self._passing(self.loaded))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.loaded = self._sorted(self.loaded)
        self._relayout(self._passing(self.loaded))

    def _relayout(self, rows: list[Any]) -> None:
        """Show `rows` (the same, fewer or more of the loaded ones), moving persistent
        indexes with their rows; those of rows no longer shown become invalid."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self.rows[i.row()].id if i.isValid() else None for i in old]
        self.rows = rows
        position = {r.id: n for n, r in enumerate(self.rows)}
        new = [
            self.index(position[row_id], i.column()) if row_id in position else QModelIndex()
            for row_id, i in zip(ids, old, strict=True)
        ]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()


class PySortProxy(QSortFilterProxyModel):
    """Filters in Python, but leaves sorting to the source model (see SortedRowsModel)."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)
