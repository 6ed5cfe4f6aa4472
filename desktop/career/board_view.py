"""The applications board: one column per status with draggable cards, and a table view.

Each column is a QListView over a `StatusColumnModel`; dragging a card produces
`APPLICATION_MIME` data and the target column's `dropMimeData` moves the application through
`CareerService.set_status`, so every move lands in the application's history.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QDate,
    QLocale,
    QMimeData,
    QModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.career.common import (
    ROW_ID_ROLE,
    SORT_ROLE,
    STATUS_COLOURS,
    CheckListModel,
    Index,
    RefreshGate,
    RowsModel,
    check_table,
    kind_label,
    run_action,
    small_table,
    status_label,
    try_action,
)
from desktop.context import AppContext
from desktop.i18n import format_date
from desktop.widgets import dialogs
from desktop.widgets.formatting import format_stamp, local_time
from desktop.widgets.plain import PlainLabel, plain_tooltip
from models.career import ENDINGS, PIPELINE, ROUND_KINDS
from models.services.career import (
    BOARD_STATUSES,
    ApplicationDetail,
    ApplicationInput,
    ApplicationRow,
    CareerService,
    RoundInfo,
    RoundInput,
)
from models.services.links import LinkService
from models.services.review import QuestionService

APPLICATION_MIME = "application/x-threepass-application"
CARD_ROLE = Qt.ItemDataRole.UserRole + 10
CHANNELS = ("referral", "website", "recruiter", "headhunter", "event", "other")


def application_mime(app_ids: Sequence[int]) -> QMimeData:
    """What a dragged card carries: the application ids, as JSON."""
    mime = QMimeData()
    mime.setData(APPLICATION_MIME, json.dumps(list(app_ids)).encode())
    return mime


def mime_application_ids(mime: QMimeData) -> list[int]:
    if not mime.hasFormat(APPLICATION_MIME):
        return []
    try:
        value = json.loads(bytes(mime.data(APPLICATION_MIME).data()).decode())
    except ValueError:
        return []
    return [int(v) for v in value if isinstance(v, int)] if isinstance(value, list) else []


class StatusColumnModel(QAbstractListModel):
    """The cards of one status; dropping a card here moves the application to this status."""

    def __init__(
        self, status: str, move: Callable[[int, str], bool], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.status = status
        self._move = move
        self.rows: list[ApplicationRow] = []
        self.readiness: dict[int, int] = {}
        self.today: date | None = None

    def set_rows(
        self, rows: list[ApplicationRow], readiness: dict[int, int], today: date | None = None
    ) -> None:
        self.beginResetModel()
        self.rows = rows
        self.readiness = readiness
        self.today = today
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.company} — {row.role}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(
                "\n".join(
                    p for p in (row.company, row.role, row.team or "", row.next_action or "") if p
                )
            )
        if role == ROW_ID_ROLE:
            return row.id
        if role == CARD_ROLE:
            return (row, self.readiness.get(row.company_id, 0), self.today)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def mimeTypes(self) -> list[str]:
        return [APPLICATION_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = [self.rows[i.row()].id for i in indexes if i.isValid()]
        return application_mime(list(dict.fromkeys(ids)))

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return bool(mime_application_ids(data))

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Move every dropped application to this column's status through the service."""
        ids = mime_application_ids(data)
        if action == Qt.DropAction.IgnoreAction or not ids:
            return False
        moved = False
        for app_id in ids:
            moved = self._move(app_id, self.status) or moved
        return moved

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        """The board reloads from the database after a move; nothing to remove by hand."""
        return False


_YEAR = re.compile(r"^y+[^dMy]*|[^dMy]*y+")


def card_date(value: date | None, today: date | None) -> str:
    """A card's due date in the UI language's short format, without the year if it is this year.

    Cards are narrow: "12/2" fits where "12/2/26" or "2026/12/2" would squeeze the role.
    """
    if value is None:
        return ""
    if today is None or value.year != today.year:
        return format_date(value)
    pattern = _YEAR.sub("", QLocale().dateFormat(QLocale.FormatType.ShortFormat))
    return QLocale().toString(QDate(value.year, value.month, value.day), pattern)


class CardDelegate(QStyledItemDelegate):
    """Paints an application as a card: company, role, readiness bar, next action."""

    HEIGHT = 78

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(100, self.HEIGHT)  # the list view stretches cards to its width

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        value = index.data(CARD_ROLE)
        if value is None:
            super().paint(painter, option, index)
            return
        row, readiness, today = value
        palette = option.palette
        rect: QRect = option.rect.adjusted(4, 3, -4, -3)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        path = QPainterPath()
        path.addRoundedRect(rect, 6, 6)
        painter.fillPath(path, palette.color(QPalette.ColorRole.Base))
        if selected:
            tint = QColor(palette.color(QPalette.ColorRole.Highlight))
            tint.setAlpha(48)
            painter.fillPath(path, tint)
        painter.setPen(QColor(STATUS_COLOURS.get(row.status, "#888888")))
        painter.drawPath(path)
        painter.fillRect(
            QRect(rect.left(), rect.top() + 6, 4, rect.height() - 12), painter.pen().color()
        )
        inner = rect.adjusted(10, 6, -8, -6)
        text_colour = palette.color(QPalette.ColorRole.Text)
        painter.setPen(text_colour)
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        metrics = painter.fontMetrics()
        line = metrics.height()
        painter.drawText(
            QRect(inner.left(), inner.top(), inner.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(row.company, Qt.TextElideMode.ElideRight, inner.width()),
        )
        painter.setFont(option.font)
        metrics = painter.fontMetrics()
        due = card_date(row.next_action_due, today)
        due_width = metrics.horizontalAdvance(due) + 6 if due else 0
        role_rect = QRect(inner.left(), inner.top() + line, inner.width() - due_width, line)
        painter.drawText(
            role_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(row.role, Qt.TextElideMode.ElideRight, role_rect.width()),
        )
        if due:
            overdue = (
                today is not None
                and row.next_action_due is not None
                and (row.next_action_due <= today)
            )
            painter.setPen(
                QColor("#c0504d") if overdue else palette.color(QPalette.ColorRole.PlaceholderText)
            )
            painter.drawText(
                QRect(role_rect.right(), role_rect.top(), due_width, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                due,
            )
            painter.setPen(text_colour)
        # readiness bar + figure
        bar_top = inner.top() + 2 * line + 6
        label = f"{readiness}%"
        label_width = metrics.horizontalAdvance("100%") + 4
        bar = QRect(inner.left(), bar_top + line // 2 - 3, inner.width() - label_width, 6)
        painter.fillRect(bar, palette.color(QPalette.ColorRole.Mid).lighter(130))
        filled = QRect(bar.left(), bar.top(), int(bar.width() * readiness / 100), bar.height())
        painter.fillRect(filled, QColor("#3c9d5d"))
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(
            QRect(bar.right() + 4, bar_top, label_width, line),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            label,
        )
        painter.restore()


class StatusColumn(QFrame):
    """A titled list of cards for one status."""

    def __init__(self, model: StatusColumnModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setObjectName(f"BoardColumn_{model.status}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setStyleSheet(f"color: {STATUS_COLOURS.get(model.status, '#888')};")
        self.view = QListView()
        self.view.setModel(model)
        self.view.setItemDelegate(CardDelegate(self.view))
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setUniformItemSizes(True)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setSpacing(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        model.modelReset.connect(self._update_title)
        self._update_title()

    def _update_title(self) -> None:
        self.title.setText(f"{status_label(self.model.status)} ({self.model.rowCount()})")


class ApplicationsModel(QAbstractTableModel):
    COLUMNS = ("company", "role", "team", "channel", "status", "next", "due", "ready", "updated")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ApplicationRow] = []
        self.readiness: dict[int, int] = {}

    def set_rows(self, rows: list[ApplicationRow], readiness: dict[int, int]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.readiness = readiness
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Company"),
            self.tr("Role"),
            self.tr("Team"),
            self.tr("Channel"),
            self.tr("Status"),
            self.tr("Next action"),
            self.tr("Due"),
            self.tr("Readiness"),
            self.tr("Updated"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == ROW_ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            if column == "status":
                return BOARD_STATUSES.index(row.status)
            if column == "ready":
                return self.readiness.get(row.company_id, 0)
            # dates sort by their value: the displayed text follows the UI language's order
            if column == "due":
                return row.next_action_due.isoformat() if row.next_action_due else ""
            if column == "updated":
                return row.updated_at.isoformat()
            return (self.data(index) or "").casefold()
        if role == Qt.ItemDataRole.ForegroundRole and column == "status":
            return QColor(STATUS_COLOURS.get(row.status, "#888888"))
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        text = {
            "company": row.company,
            "role": row.role,
            "team": row.team or "",
            "channel": row.channel or "",
            "status": status_label(row.status),
            "next": row.next_action or "",
            "due": format_date(row.next_action_due),
            "ready": f"{self.readiness.get(row.company_id, 0)}%",
            "updated": format_date(local_time(row.updated_at)),
        }[column]
        return plain_tooltip(text) if role == Qt.ItemDataRole.ToolTipRole else text


def date_edit(value: date | None) -> QDateEdit:
    """A date field where the minimum date means 'none'."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(QDate(2000, 1, 1))
    edit.setSpecialValueText("—")
    edit.setDate(QDate(value.year, value.month, value.day) if value else edit.minimumDate())
    return edit


def date_value(edit: QDateEdit) -> date | None:
    if edit.date() == edit.minimumDate():
        return None
    d = edit.date()
    return date(d.year(), d.month(), d.day())


class ApplicationDialog(QDialog):
    """A new application: company, role, team, channel, first status, next action."""

    def __init__(
        self,
        parent: QWidget | None,
        companies: list[tuple[int, str]],
        today: date,
        company_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New application"))
        self.company = QComboBox()
        for cid, name in companies:
            self.company.addItem(name, cid)
        if company_id is not None:
            self.company.setCurrentIndex(max(0, self.company.findData(company_id)))
        self.role = QLineEdit()
        self.team = QLineEdit()
        self.channel = QComboBox()
        self.channel.setEditable(True)
        self.channel.addItems(["", *CHANNELS])
        self.status = QComboBox()
        for status in BOARD_STATUSES:
            self.status.addItem(status_label(status), status)
        self.next_action = QLineEdit()
        self.due = date_edit(None)
        self._today = today
        form = QFormLayout(self)
        form.addRow(self.tr("&Company:"), self.company)
        form.addRow(self.tr("&Role:"), self.role)
        form.addRow(self.tr("&Team:"), self.team)
        form.addRow(self.tr("C&hannel:"), self.channel)
        form.addRow(self.tr("&Status:"), self.status)
        form.addRow(self.tr("&Next action:"), self.next_action)
        form.addRow(self.tr("&Due:"), self.due)
        buttons = dialogs.ok_cancel(self)
        form.addRow(buttons)
        self.resize(420, self.sizeHint().height())

    def value(self) -> tuple[int | None, ApplicationInput, str]:
        return (
            self.company.currentData(),
            ApplicationInput(
                role=self.role.text(),
                team=self.team.text(),
                channel=self.channel.currentText(),
                next_action=self.next_action.text(),
                next_action_due=date_value(self.due),
            ),
            str(self.status.currentData()),
        )


class RoundDialog(QDialog):
    """An interview round: date, kind, notes, outcome; questions from the bank or new ones."""

    def __init__(
        self, parent: QWidget | None, ctx: AppContext, today: date, initial: RoundInfo | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Interview round"))
        self.held_on = date_edit(initial.held_on if initial else today)
        self.kind = QComboBox()
        for kind in ROUND_KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("What was asked, how it went…"))
        self.notes.setMaximumHeight(90)
        self.outcome = QLineEdit()
        self.outcome.setPlaceholderText(self.tr("passed / failed / waiting…"))
        self.bank = CheckListModel([self.tr("Question from the bank"), self.tr("Category")], self)
        rows = QuestionService(ctx.db, ctx.clock).list_questions()
        self.bank.set_rows(
            [(q.id, [q.text, q.category or ""]) for q in rows],
            {qid for qid, _text in initial.questions} if initial else set(),
        )
        self.bank_view, self.bank_proxy = check_table(self.bank)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter questions…"))
        self.search.textChanged.connect(self.bank_proxy.setFilterFixedString)
        self.new_questions = QPlainTextEdit()
        self.new_questions.setPlaceholderText(self.tr("New questions, one per line"))
        self.new_questions.setMaximumHeight(70)
        if initial is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(initial.kind)))
            self.notes.setPlainText(initial.interviewer_notes)
            self.outcome.setText(initial.outcome or "")
        form = QFormLayout(self)
        form.addRow(self.tr("&Date:"), self.held_on)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Notes:"), self.notes)
        form.addRow(self.tr("&Outcome:"), self.outcome)
        form.addRow(self.search)
        form.addRow(self.bank_view)
        form.addRow(self.tr("Ne&w:"), self.new_questions)
        buttons = dialogs.ok_cancel(self)
        form.addRow(buttons)
        self.resize(560, 620)

    def value(self) -> RoundInput:
        return RoundInput(
            held_on=date_value(self.held_on),
            kind=str(self.kind.currentData()),
            interviewer_notes=self.notes.toPlainText(),
            outcome=self.outcome.text(),
            question_ids=self.bank.checked_ids(),
            new_questions=self.new_questions.toPlainText().splitlines(),
        )


class ApplicationPane(QWidget):
    """One application: status, fields, history and interview rounds."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.career = CareerService(ctx.db, ctx.clock)
        self.app_id: int | None = None
        self.title = PlainLabel(word_wrap=True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.status = QComboBox()
        for status in BOARD_STATUSES:
            self.status.addItem(status_label(status), status)
        self.status.activated.connect(self._status_chosen)
        self.role = QLineEdit()
        self.team = QLineEdit()
        self.channel = QComboBox()
        self.channel.setEditable(True)
        self.channel.addItems(["", *CHANNELS])
        self.contacts = QPlainTextEdit()
        self.contacts.setMaximumHeight(54)
        self.next_action = QLineEdit()
        self.due = date_edit(None)
        save = QPushButton(self.tr("&Save"))
        save.clicked.connect(self.save)
        form = QFormLayout()
        form.addRow(self.tr("Status:"), self.status)
        form.addRow(self.tr("Role:"), self.role)
        form.addRow(self.tr("Team:"), self.team)
        form.addRow(self.tr("Channel:"), self.channel)
        form.addRow(self.tr("Contacts:"), self.contacts)
        form.addRow(self.tr("Next action:"), self.next_action)
        form.addRow(self.tr("Due:"), self.due)
        form.addRow("", save)
        self.history = RowsModel([self.tr("When"), self.tr("Change")])
        self.rounds = RowsModel(
            [
                self.tr("Date"),
                self.tr("Kind"),
                self.tr("Outcome"),
                self.tr("Questions"),
                self.tr("Notes"),
            ]
        )
        self.round_infos: dict[int, RoundInfo] = {}
        self.rounds_view = small_table(self.rounds, stretch_column=3)
        self.rounds_view.doubleClicked.connect(lambda _i: self.edit_round())
        add_round = QPushButton(self.tr("Add &round…"))
        add_round.clicked.connect(self.add_round)
        edit_round = QPushButton(self.tr("Edit…"))
        edit_round.clicked.connect(self.edit_round)
        delete_round = QPushButton(self.tr("Delete round"))
        delete_round.clicked.connect(self.delete_round)
        rounds_box = QWidget()
        rounds_layout = QVBoxLayout(rounds_box)
        rounds_layout.setContentsMargins(0, 0, 0, 0)
        rounds_layout.addWidget(self.rounds_view, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(add_round)
        buttons.addWidget(edit_round)
        buttons.addWidget(delete_round)
        buttons.addStretch(1)
        rounds_layout.addLayout(buttons)
        self.tabs = QTabWidget()
        self.tabs.addTab(rounds_box, self.tr("Rounds"))
        self.tabs.addTab(small_table(self.history, stretch_column=1), self.tr("History"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)
        self.show_application(None)

    def show_application(self, app_id: int | None) -> None:
        self.app_id = app_id
        detail: ApplicationDetail | None = None
        if app_id is not None:
            detail = run_action(self, lambda: self.career.get_application(app_id))
        if detail is None:
            self.app_id = None
            self.title.setText(self.tr("No application selected"))
            for field in (self.role, self.team, self.next_action):
                field.clear()
            self.channel.setCurrentText("")
            self.contacts.clear()
            self.due.setDate(self.due.minimumDate())
            self.history.set_rows([])
            self.rounds.set_rows([])
            self.setEnabled(False)
            return
        self.setEnabled(True)
        self.title.setText(f"{detail.company} — {detail.role}")
        self.status.setCurrentIndex(self.status.findData(detail.status))
        self.role.setText(detail.role)
        self.team.setText(detail.team or "")
        self.channel.setCurrentText(detail.channel or "")
        self.contacts.setPlainText(detail.contacts)
        self.next_action.setText(detail.next_action or "")
        self.due.setDate(
            QDate(
                detail.next_action_due.year,
                detail.next_action_due.month,
                detail.next_action_due.day,
            )
            if detail.next_action_due
            else self.due.minimumDate()
        )
        self.history.set_rows(
            [
                (
                    None,
                    [
                        format_stamp(e.at),
                        (
                            f"{status_label(e.from_status)} → {status_label(e.to_status)}"
                            if e.from_status
                            else self.tr("created as {status}").format(
                                status=status_label(e.to_status)
                            )
                        ),
                    ],
                )
                for e in reversed(detail.events)
            ]
        )
        self.rounds.set_rows(
            [
                (
                    r.id,
                    [
                        format_date(r.held_on),
                        kind_label(r.kind),
                        r.outcome or "",
                        "; ".join(text for _qid, text in r.questions),
                        " ".join(r.interviewer_notes.split()),
                    ],
                )
                for r in detail.rounds
            ]
        )
        self.round_infos = {r.id: r for r in detail.rounds}

    def _status_chosen(self, _index: int) -> None:
        if self.app_id is None:
            return
        app_id = self.app_id
        status = str(self.status.currentData())
        if try_action(self, lambda: self.career.set_status(app_id, status)):
            self.ctx.events.career_changed.emit()

    def save(self) -> None:
        if self.app_id is None:
            return
        app_id = self.app_id
        data = ApplicationInput(
            role=self.role.text(),
            team=self.team.text(),
            channel=self.channel.currentText(),
            contacts=self.contacts.toPlainText(),
            next_action=self.next_action.text(),
            next_action_due=date_value(self.due),
        )
        if try_action(self, lambda: self.career.update_application(app_id, data)):
            self.ctx.events.career_changed.emit()
            self.ctx.events.status_message.emit(self.tr("Application saved."))

    def add_round(self) -> None:
        if self.app_id is None:
            return
        app_id = self.app_id
        dialog = RoundDialog(self, self.ctx, self.ctx.clock.today())
        while dialog.exec() == QDialog.DialogCode.Accepted:
            if run_action(self, lambda: self.career.add_round(app_id, dialog.value())):
                self.ctx.events.career_changed.emit()
                return

    def _current_round(self) -> int | None:
        index = self.rounds_view.currentIndex()
        return self.rounds.row_id(index.row()) if index.isValid() else None

    def edit_round(self) -> None:
        round_id = self._current_round()
        if round_id is None or round_id not in self.round_infos:
            return
        dialog = RoundDialog(self, self.ctx, self.ctx.clock.today(), self.round_infos[round_id])
        while dialog.exec() == QDialog.DialogCode.Accepted:
            if try_action(self, lambda: self.career.update_round(round_id, dialog.value())):
                self.ctx.events.career_changed.emit()
                return

    def delete_round(self) -> None:
        round_id = self._current_round()
        if round_id is None:
            return
        if QMessageBox.question(
            self, self.tr("Delete round"), self.tr("Delete this round?")
        ) == QMessageBox.StandardButton.Yes and try_action(
            self, lambda: self.career.delete_round(round_id)
        ):
            self.ctx.events.career_changed.emit()


class BoardView(QWidget):
    """Pipeline columns on top, closed applications below; a table tab; a detail pane."""

    application_moved = Signal(int, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.career = CareerService(ctx.db, ctx.clock)
        self.links = LinkService(ctx.db, ctx.clock)
        self.columns: dict[str, StatusColumn] = {}

        board = QWidget()
        grid = QGridLayout(board)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        for i, status in enumerate(PIPELINE):
            column = StatusColumn(StatusColumnModel(status, self.move_application, self), board)
            self._watch(column)
            grid.addWidget(column, 0, i)
        closed = QHBoxLayout()
        for status in ENDINGS:
            column = StatusColumn(StatusColumnModel(status, self.move_application, self), board)
            column.setMaximumHeight(200)
            self._watch(column)
            closed.addWidget(column)
        grid.addLayout(closed, 1, 0, 1, len(PIPELINE))
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 1)

        self.table_model = ApplicationsModel(self)
        self.table_proxy = QSortFilterProxyModel(self)
        self.table_proxy.setSourceModel(self.table_model)
        self.table_proxy.setSortRole(SORT_ROLE)
        self.table_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table_proxy.setFilterKeyColumn(-1)
        self.table = QTableView()
        self.table.setModel(self.table_proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(8, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        for section, width in enumerate((110, 170, 100, 80, 95, 150, 90, 75)):
            self.table.setColumnWidth(section, width)
        self.table.selectionModel().currentRowChanged.connect(self._table_row_changed)

        self.tabs = QTabWidget()
        self.tabs.addTab(board, self.tr("Board"))
        self.tabs.addTab(self.table, self.tr("Table"))

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter applications…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.table_proxy.setFilterFixedString)
        self.search.textChanged.connect(lambda _t: self.refresh())
        new = QPushButton(self.tr("&New application…"))
        new.clicked.connect(self.new_application)
        delete = QPushButton(self.tr("Delete application"))
        delete.clicked.connect(self.delete_application)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(new)
        bar.addWidget(delete)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.tabs, 1)

        self.detail = ApplicationPane(ctx)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([780, 340])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.gate = RefreshGate(self, self.refresh)
        ctx.events.career_changed.connect(self.gate.request)
        ctx.events.items_changed.connect(self.gate.request)
        self.refresh()

    def _watch(self, column: StatusColumn) -> None:
        self.columns[column.model.status] = column
        column.view.clicked.connect(
            lambda index: self.detail.show_application(index.data(ROW_ID_ROLE))
        )

    def _table_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.detail.show_application(self.table_proxy.data(current, ROW_ID_ROLE))

    def move_application(self, app_id: int, status: str) -> bool:
        """The drop path: the service records the change; the board reloads after the drag."""
        moved = bool(run_action(self, lambda: self.career.set_status(app_id, status)))
        if moved:
            self.application_moved.emit(app_id, status)
            self.ctx.events.status_message.emit(
                self.tr("Moved to {status}.").format(status=status_label(status))
            )
            # after the drag finishes: the source view must not see its model reset mid-drag
            QTimer.singleShot(0, self.ctx.events.career_changed.emit)
            self.detail.app_id = app_id
        return moved

    def refresh(self) -> None:
        rows = self.career.list_applications()
        readiness = self.links.readiness_scores()
        needle = self.search.text().strip().casefold()
        shown = [
            r
            for r in rows
            if not needle
            or needle in " ".join([r.company, r.role, r.team or "", r.channel or ""]).casefold()
        ]
        for status, column in self.columns.items():
            column.model.set_rows(
                [r for r in shown if r.status == status], readiness, self.ctx.clock.today()
            )
        self.table_model.set_rows(rows, readiness)
        self.detail.show_application(
            self.detail.app_id if any(r.id == self.detail.app_id for r in rows) else None
        )

    def new_application(self) -> None:
        companies = [(c.id, c.name) for c in self.career.list_companies()]
        if not companies:
            QMessageBox.information(
                self, self.tr("New application"), self.tr("Add a company first (Companies view).")
            )
            return
        dialog = ApplicationDialog(
            self, sorted(companies, key=lambda c: c[1].casefold()), self.ctx.clock.today()
        )
        while dialog.exec() == QDialog.DialogCode.Accepted:
            company_id, data, status = dialog.value()
            if company_id is None:
                return
            app_id = run_action(
                self, partial(self.career.apply, int(company_id), data, status=status)
            )
            if app_id:
                self.detail.app_id = app_id
                self.ctx.events.career_changed.emit()
                return

    def delete_application(self) -> None:
        app_id = self.detail.app_id
        if app_id is None:
            return
        if QMessageBox.question(
            self, self.tr("Delete application"), self.tr("Delete this application and its rounds?")
        ) == QMessageBox.StandardButton.Yes and try_action(
            self, lambda: self.career.delete_application(app_id)
        ):
            self.detail.app_id = None
            self.ctx.events.career_changed.emit()
