"""Pass 1's "didn't understand" list: add, tick off (resolved in pass 2 or 3), delete, and
turn a point into a question of the interview bank in one click (it stays linked to the item).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.widgets.plain import plain_tooltip
from models.services.dto import OpenPointInfo

AnyIndex = QModelIndex | QPersistentModelIndex


class OpenPointsModel(QAbstractTableModel):
    """Column 0: the point (checkable = resolved); 1: the pass that resolved it; 2: its question."""

    resolve_requested = Signal(int, bool)  # point id, resolved?

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._points: list[OpenPointInfo] = []

    def set_points(self, points: tuple[OpenPointInfo, ...]) -> None:
        self.beginResetModel()
        self._points = list(points)
        self.endResetModel()

    def point_at(self, row: int) -> OpenPointInfo:
        return self._points[row]

    def unresolved(self) -> int:
        return sum(1 for p in self._points if p.resolved_in_pass is None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._points)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Didn't understand"), self.tr("Resolved"), self.tr("Question"))[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        point = self._points[index.row()]
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return point.text
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tooltip(point.text)
            if role == Qt.ItemDataRole.CheckStateRole:
                return (
                    Qt.CheckState.Checked
                    if point.resolved_in_pass is not None
                    else Qt.CheckState.Unchecked
                )
        elif index.column() == 2:
            if point.question_id is None:
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr("→ Q")  # short: the pass-1 card is narrow; the tooltip explains
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("In the question bank; double-click to open it")
        elif role == Qt.ItemDataRole.DisplayRole:
            if point.resolved_in_pass is None:
                return self.tr("open")
            return self.tr("pass {n}").replace("{n}", str(point.resolved_in_pass))
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            self.resolve_requested.emit(self._points[index.row()].id, checked)
            return True  # the owner saves and reloads
        return False


class OpenPointsWidget(QWidget):
    """The list plus an entry line; the owner performs the writes."""

    add_requested = Signal(str)
    delete_requested = Signal(int)
    resolve_in_pass = Signal(int, int)  # point id, pass 2 or 3 (0 = open again)
    question_requested = Signal(int)  # point id: make it a bank question
    question_opened = Signal(int)  # question id: show it in the question bank

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = OpenPointsModel(self)
        self.table = QTableView()
        self.table.setObjectName("OpenPointsTable")
        self.table.setAccessibleName(self.tr("Points you didn't understand"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().hide()  # the section label above names the list
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # sized to the cells only: ResizeToContents would also fit the hidden header's labels
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.doubleClicked.connect(self._double_clicked)

        self.entry = QLineEdit()
        self.entry.setObjectName("OpenPointEntry")
        self.entry.setPlaceholderText(self.tr("Something you didn't understand…"))
        self.entry.setAccessibleName(self.tr("New point you didn't understand"))
        self.entry.returnPressed.connect(self._add)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.clicked.connect(self._add)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete the selected point"))
        self.delete_button.clicked.connect(self._delete)
        self.question_button = QPushButton(self.tr("Make question"))
        self.question_button.setObjectName("MakeQuestionButton")
        self.question_button.setToolTip(
            self.tr("Add the selected point to the interview question bank, linked to this item")
        )
        self.question_button.clicked.connect(self._make_question)
        for button in (self.add_button, self.delete_button, self.question_button):
            button.setAutoDefault(False)
            button.setMinimumWidth(40)  # may shrink below the style's 80 px on small screens
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self.model.modelReset.connect(self._fit_columns)

        # the actions on the selected point sit under the list, the entry below them: the
        # pass-1 card is narrow on a small screen
        actions = QHBoxLayout()
        actions.setSpacing(6)
        actions.addStretch(1)
        actions.addWidget(self.question_button)
        actions.addWidget(self.delete_button)
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(self.entry, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addLayout(row)

    def _add(self) -> None:
        text = self.entry.text().strip()
        if text:
            self.add_requested.emit(text)

    def _context_menu(self, pos: QPoint) -> None:
        """Right-click: say exactly which pass resolved the point, reopen it, or delete it."""
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        point = self.model.point_at(index.row())
        menu = QMenu(self)
        for number in (2, 3):
            action = menu.addAction(self.tr("Resolved in pass {n}").replace("{n}", str(number)))
            action.setCheckable(True)
            action.setChecked(point.resolved_in_pass == number)
            action.triggered.connect(
                lambda _c=False, n=number: self.resolve_in_pass.emit(point.id, n)
            )
        reopen = menu.addAction(self.tr("Still open"))
        reopen.setEnabled(point.resolved_in_pass is not None)
        reopen.triggered.connect(lambda: self.resolve_in_pass.emit(point.id, 0))
        menu.addSeparator()
        question_id = point.question_id
        if question_id is None:
            menu.addAction(self.tr("Make question")).triggered.connect(
                lambda: self.question_requested.emit(point.id)
            )
        else:
            menu.addAction(self.tr("Open question")).triggered.connect(
                lambda: self.question_opened.emit(question_id)
            )
        menu.addSeparator()
        menu.addAction(self.tr("Delete")).triggered.connect(
            lambda: self.delete_requested.emit(point.id)
        )
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def selected_point(self) -> OpenPointInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.point_at(rows[0].row()) if rows else None

    def _delete(self) -> None:
        point = self.selected_point()
        if point is not None:
            self.delete_requested.emit(point.id)

    def _make_question(self) -> None:
        point = self.selected_point()
        if point is not None and point.question_id is None:
            self.question_requested.emit(point.id)

    def _double_clicked(self, index: QModelIndex) -> None:
        point = self.model.point_at(index.row())
        if index.column() == 2 and point.question_id is not None:
            self.question_opened.emit(point.question_id)

    def _fit_columns(self) -> None:
        """The state and question columns as narrow as their text, leaving room for the point."""
        header = self.table.horizontalHeader()
        for column in (1, 2):
            width = self.table.sizeHintForColumn(column) if self.model.rowCount() else 0
            header.resizeSection(column, width)

    def _update_buttons(self) -> None:
        point = self.selected_point()
        self.delete_button.setEnabled(point is not None)
        self.question_button.setEnabled(point is not None and point.question_id is None)
