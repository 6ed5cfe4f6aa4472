"""The board's models and card painting: status columns, the table, drag-and-drop data.

Each column is a QListView over a `StatusColumnModel`; dragging a card produces
`APPLICATION_MIME` data and the target column's `dropMimeData` moves the application through
the callback the board gives it (`CareerService.set_status`), so every move lands in the
application's history.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QLocale,
    QMimeData,
    QModelIndex,
    QObject,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPalette,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.career.common import (
    ROW_ID_ROLE,
    STATUS_COLOURS,
    Index,
    SortedRowsModel,
    channel_label,
    status_label,
)
from desktop.i18n import format_date
from desktop.widgets.formatting import local_time
from desktop.widgets.plain import plain_tooltip
from models.services.career import BOARD_STATUSES, ApplicationRow

APPLICATION_MIME = "application/x-threepass-application"
CARD_ROLE = Qt.ItemDataRole.UserRole + 10


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

    def rowCount(self, parent: Index = QModelIndex()) -> int:
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

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:
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


COMPANY_LINES = 2  # a company name longer than a card is wide wraps, then is elided
ROLE_LINES = 3


def wrapped_lines(font: QFont, text: str, width: int, most: int) -> list[str]:
    """`text` on one line, or wrapped (between words, else anywhere: CJK has no spaces) onto
    at most `most` lines, the last elided if even those are too few."""
    metrics = QFontMetrics(font)
    rest = " ".join(text.split())
    if width <= 0 or metrics.horizontalAdvance(rest) <= width:
        return [rest]
    lines: list[str] = []
    while rest and len(lines) < most - 1:
        layout = QTextLayout(rest, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(width)
        cut = max(1, line.textStart() + line.textLength())
        layout.endLayout()
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].strip()
    if rest:
        lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return lines


def role_lines(font: QFont, text: str, width: int) -> list[str]:
    """The role wraps onto up to three lines: "算法工程师（预训练方向）" or "ML Engineer,
    Open Source" did not fit one line of a narrow card."""
    return wrapped_lines(font, text, width, ROLE_LINES)


def company_lines(font: QFont, text: str, width: int) -> list[str]:
    """The company (in the card's bold font) whole on up to two lines: "huggingface" was
    cut to "huggin…" in a 1024 px window."""
    bold = QFont(font)
    bold.setBold(True)
    return wrapped_lines(bold, text, width, COMPANY_LINES)


class CardDelegate(QStyledItemDelegate):
    """Paints an application as a card: company (one or two lines), role (one to three),
    readiness bar with the next action's due date."""

    INSET = 2  # the card inside its row, each side
    MARGINS = 2 * INSET + 9 + 5  # around the text, left (the colour bar) and right
    PADDING = 2 * INSET + 5 + 5  # above and below the text
    GAP = 6  # between the role and the readiness bar
    MIN_TEXT_CHARS = 12  # average bold characters a column's cards have room for at least

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[tuple[str, str, int, str], int] = {}  # see sizeHint

    @classmethod
    def text_width(cls, view: QAbstractItemView) -> int:
        """The list view stretches cards to its width (less its spacing)."""
        return view.viewport().width() - 2 - cls.MARGINS

    @classmethod
    def min_text_width(cls, font: QFont) -> int:
        bold = QFont(font)
        bold.setBold(True)
        return QFontMetrics(bold).averageCharWidth() * cls.MIN_TEXT_CHARS

    @classmethod
    def height_for(cls, font: QFont, companies: int, roles: int) -> int:
        """A card's height with its company on `companies` lines and its role on `roles`."""
        bold = QFont(font)
        bold.setBold(True)
        line = QFontMetrics(font).height()
        return (
            cls.PADDING
            + companies * QFontMetrics(bold).height()
            + roles * line
            + cls.GAP
            + line
            + 2
        )

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        view = option.widget
        value = index.data(CARD_ROLE)
        if not isinstance(view, QAbstractItemView) or value is None:
            return QSize(100, self.height_for(option.font, 1, 1))
        width = self.text_width(view)
        # the list asks for every card at each layout: wrapping the texts anew for 500
        # applications was ~50 ms of a first show (#17); the same texts at the same width
        # and font have the same height
        key = (value[0].company, value[0].role, width, option.font.key())
        cached = self._heights.get(key)
        if cached is None:
            if len(self._heights) >= 4096:
                self._heights.clear()
            companies = company_lines(option.font, value[0].company, width)
            roles = role_lines(option.font, value[0].role, width)
            cached = self._heights[key] = self.height_for(option.font, len(companies), len(roles))
        return QSize(100, cached)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        value = index.data(CARD_ROLE)
        if value is None:
            super().paint(painter, option, index)
            return
        row, readiness, today = value
        palette = option.palette
        inset = self.INSET
        rect: QRect = option.rect.adjusted(inset, inset, -inset, -inset)
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
        inner = rect.adjusted(9, 5, -5, -5)
        text_colour = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        bold_line = painter.fontMetrics().height()
        painter.setPen(text_colour)
        top = inner.top()
        for text in company_lines(option.font, row.company, inner.width()):
            painter.drawText(QRect(inner.left(), top, inner.width(), bold_line), left, text)
            top += bold_line
        painter.setFont(option.font)
        metrics = painter.fontMetrics()
        line = metrics.height()
        for text in role_lines(option.font, row.role, inner.width()):
            painter.drawText(QRect(inner.left(), top, inner.width(), line), left, text)
            top += line
        # readiness bar, then the due date and the figure: in a narrow column the bar
        # gives way, never the company or the date
        bar_top = top + self.GAP
        due = card_date(row.next_action_due, today)
        due_width = metrics.horizontalAdvance(due) + 8 if due else 0
        label_width = metrics.horizontalAdvance("100%") + 4
        if due_width + label_width > inner.width():
            label_width = 0  # a very narrow card keeps the date; the pane has the figure
        label_rect = QRect(inner.right() - label_width + 1, bar_top, label_width, line)
        if due:
            overdue = (
                today is not None
                and row.next_action_due is not None
                and row.next_action_due <= today
            )
            painter.setPen(QColor("#c0504d") if overdue else muted)
            painter.drawText(
                QRect(label_rect.left() - due_width, bar_top, due_width, line), right, due
            )
        bar_width = max(0, inner.width() - label_width - due_width - 4)
        bar = QRect(inner.left(), bar_top + line // 2 - 3, bar_width, 6)
        if bar_width:
            painter.fillRect(bar, palette.color(QPalette.ColorRole.Mid).lighter(130))
            filled = QRect(bar.left(), bar.top(), int(bar_width * readiness / 100), bar.height())
            painter.fillRect(filled, QColor("#3c9d5d"))
        painter.setPen(muted)
        if label_width:
            painter.drawText(label_rect, right, f"{readiness}%")
        painter.restore()


class ApplicationsModel(SortedRowsModel):
    """The Table tab's rows, sorted in Python by one key per row (`SortedRowsModel`): the
    proxy's sort asked data() for both rows of every comparison, ~85 ms a header click."""

    COLUMNS = ("company", "role", "team", "channel", "status", "next", "due", "ready", "updated")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ApplicationRow] = []
        self.readiness: dict[int, int] = {}
        self._haystacks: dict[int, str] = {}

    def set_rows(self, rows: list[ApplicationRow], readiness: dict[int, int]) -> None:
        self.readiness = readiness
        self._haystacks = {}
        self.reset_rows(rows)

    def text(self, row: ApplicationRow, column: str) -> str:
        """A cell's text: only the one asked for (painting and the filter ask per cell)."""
        if column == "company":
            return row.company
        if column == "role":
            return row.role
        if column == "team":
            return row.team or ""
        if column == "channel":
            return channel_label(row.channel)
        if column == "status":
            return status_label(row.status)
        if column == "next":
            return row.next_action or ""
        if column == "due":
            return format_date(row.next_action_due)
        if column == "ready":
            return f"{self.readiness.get(row.company_id, 0)}%"
        return format_date(local_time(row.updated_at))

    def haystacks(self) -> dict[int, str]:
        """Every cell's text of each row (by id), casefolded once per load: what the filter
        box looks in. The proxy's filter had asked data() for each cell per filter (~50 ms
        for 500 applications, every cell's text made for each)."""
        if len(self._haystacks) != len(self.loaded):
            self._haystacks = {
                r.id: "\x1f".join(self.text(r, c) for c in self.COLUMNS).casefold()
                for r in self.loaded
            }
        return self._haystacks

    def sort_key(self, row: ApplicationRow, column: int) -> Any:
        name = self.COLUMNS[column]
        if name == "status":
            return BOARD_STATUSES.index(row.status)
        if name == "ready":
            return self.readiness.get(row.company_id, 0)
        # dates sort by their value: the displayed text follows the UI language's order
        if name == "due":
            return row.next_action_due.isoformat() if row.next_action_due else ""
        if name == "updated":
            return row.updated_at.isoformat()
        text = {
            "company": row.company,
            "role": row.role,
            "team": row.team or "",
            "channel": channel_label(row.channel),
            "next": row.next_action or "",
        }[name]
        return self.text_key(text)  # the UI language's order (pinyin in Chinese)

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
        if role == Qt.ItemDataRole.ForegroundRole and column == "status":
            return QColor(STATUS_COLOURS.get(row.status, "#888888"))
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        text = self.text(row, column)
        return plain_tooltip(text) if role == Qt.ItemDataRole.ToolTipRole else text
