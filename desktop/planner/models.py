"""Table models of the Today view: plan entries and review questions due."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from desktop.i18n import fill, format_date, format_minutes
from desktop.widgets.formatting import format_speed
from desktop.widgets.plain import plain_tooltip
from models.services.plan_rules import (
    REASON_COURSE,
    REASON_DUE,
    REASON_IN_PROGRESS,
    REASON_QUEUED,
    REASON_SCHEDULED,
    PlanEntry,
)
from models.services.review import QuestionRow

AnyIndex = QModelIndex | QPersistentModelIndex
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 3

COL_START, COL_STATUS, COL_TITLE, COL_PASS, COL_TIME, COL_DUE = range(6)
OVERDUE_COLOR = QColor("#b35f00")  # Okabe–Ito orange: readable on light and dark


class _Plurals(QObject):
    """%n plurals go through tr(): lupdate marks only tr(text, None, n) as numerus, and
    English needs the numerus forms ("1 day", "3 days")."""

    def overdue(self, days: int) -> str:
        return self.tr("Overdue %n day(s)", None, days)


def reason_label(entry: PlanEntry, day: date) -> str:
    """The status column; overdue says so in words, never by colour alone."""
    if entry.overdue and entry.due is not None:
        return _Plurals().overdue((day - entry.due).days)
    return {
        REASON_DUE: QCoreApplication.translate("Planner", "Due"),
        REASON_IN_PROGRESS: QCoreApplication.translate("Planner", "In progress"),
        REASON_SCHEDULED: QCoreApplication.translate("Planner", "Scheduled"),
        REASON_QUEUED: QCoreApplication.translate("Planner", "Queued"),
        REASON_COURSE: QCoreApplication.translate("Planner", "Next in course"),
    }.get(entry.reason, entry.reason)


def pass_label(entry: PlanEntry) -> str:
    if entry.kind in ("paper", "article"):
        return fill(QCoreApplication.translate("Planner", "Pass %1"), entry.pass_number)
    return fill(
        QCoreApplication.translate("Planner", "Pass %1 · %2"),
        entry.pass_number,
        format_speed(entry.speed),
    )


class PlanTableModel(QAbstractTableModel):
    """One row per plan entry; the first column holds the Start button (an index widget)."""

    def __init__(self, day: date, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[PlanEntry] = []
        self._day = day

    def set_plan(self, day: date, entries: tuple[PlanEntry, ...] | list[PlanEntry]) -> None:
        self.beginResetModel()
        self._day = day
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> PlanEntry:
        return self._entries[row]

    def entries(self) -> list[PlanEntry]:
        return list(self._entries)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [
            "",
            QCoreApplication.translate("Planner", "Status"),
            QCoreApplication.translate("Planner", "Title"),
            QCoreApplication.translate("Planner", "Pass"),
            QCoreApplication.translate("Planner", "Time"),
            QCoreApplication.translate("Planner", "Due"),
        ][section]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        e = self._entries[index.row()]
        col = index.column()
        if role == ENTRY_ROLE:
            return e
        if role == OVERDUE_ROLE:
            return e.overdue
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_STATUS:
                return reason_label(e, self._day)
            if col == COL_TITLE:
                return " ".join(e.title.split())
            if col == COL_PASS:
                return pass_label(e)
            if col == COL_TIME:
                return format_minutes(e.minutes)
            if col == COL_DUE:
                return format_date(e.due) if e.due else ""
            return None
        if role == SORT_ROLE:
            return {
                COL_START: index.row(),
                COL_STATUS: (not e.overdue, e.reason, index.row()),
                COL_TITLE: e.title.casefold(),
                COL_PASS: e.pass_number,
                COL_TIME: e.minutes,
                COL_DUE: (e.due is None, e.due or date.min),
            }.get(col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_TITLE:
                return plain_tooltip(
                    fill(QCoreApplication.translate("Planner", "%1 · %2"), e.title, e.source)
                )
            if col == COL_STATUS and e.overdue:
                return QCoreApplication.translate(
                    "Planner", "This pass is past its due date by the spacing rule."
                )
        if role == Qt.ItemDataRole.DecorationRole and col == COL_STATUS and e.overdue:
            return _warning_icon()
        if role == Qt.ItemDataRole.ForegroundRole and e.overdue and col in (COL_STATUS, COL_DUE):
            return QBrush(OVERDUE_COLOR)
        if role == Qt.ItemDataRole.FontRole and e.overdue and col == COL_STATUS:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_TIME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _warning_icon() -> QIcon:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    return QIcon()


class QuestionsModel(QAbstractTableModel):
    """Review questions due on the planned day (from the question bank)."""

    def __init__(self, day: date, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[QuestionRow] = []
        self._day = day

    def set_rows(self, day: date, rows: list[QuestionRow]) -> None:
        self.beginResetModel()
        self._day = day
        self._rows = list(rows)
        self.endResetModel()

    def question(self, row: int) -> QuestionRow:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [
            QCoreApplication.translate("Planner", "Question"),
            QCoreApplication.translate("Planner", "Category"),
            QCoreApplication.translate("Planner", "Due"),
        ][section]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        q = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if col == 0:
                text = " ".join(q.text.split())
                return text.casefold() if role == SORT_ROLE else text
            if col == 1:
                return q.category or ""
            if q.due_on is None:
                return (
                    (1, date.min)
                    if role == SORT_ROLE
                    else QCoreApplication.translate("Planner", "New")
                )
            if role == SORT_ROLE:
                return (0, q.due_on)
            return format_date(q.due_on)
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return plain_tooltip(q.text)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and col == 2
            and q.due_on is not None
            and q.due_on < self._day
        ):
            return QBrush(OVERDUE_COLOR)
        return None


class SortProxy(QSortFilterProxyModel):
    """Sorts on SORT_ROLE's real Python values (tuples, dates), not their display text."""

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        a = left.data(SORT_ROLE)
        b = right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)
