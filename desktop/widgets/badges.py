"""Pass-state badges: a glyph per state so the state reads without colour (○ ◐ ●)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop import theme

GLYPHS = {"todo": "○", "in_progress": "◐", "done": "●"}

BADGE_ROLE = Qt.ItemDataRole.UserRole + 10  # tuple of three status strings


def status_color(status: str) -> QColor:
    """The theme's colour-blind-safe status colour; the glyph carries the meaning anyway."""
    c = theme.colors()
    return QColor(
        {"todo": c.todo, "in_progress": c.in_progress, "done": c.done}.get(status, c.muted)
    )


def status_label(status: str) -> str:
    """Translated word for a pass status (for tooltips, accessibility and buttons)."""
    labels = {
        "todo": QCoreApplication.translate("PassBadges", "not started"),
        "in_progress": QCoreApplication.translate("PassBadges", "in progress"),
        "done": QCoreApplication.translate("PassBadges", "done"),
    }
    return labels.get(status, status)


def badge_text(statuses: Sequence[str]) -> str:
    """Compact text form, e.g. "● ◐ ○" (what copy/paste and screen readers get)."""
    return " ".join(GLYPHS.get(s, "?") for s in statuses)


def badge_tooltip(statuses: Sequence[str]) -> str:
    return "\n".join(
        QCoreApplication.translate("PassBadges", "Pass {n}: {state}").format(
            n=n, state=status_label(s)
        )
        for n, s in enumerate(statuses, start=1)
    )


PILL_GAP = 4
# the three pills of a row as one picture, per look: 27 status combinations at most, times
# selected or not, per font, size and theme. Painting them afresh (rounded, antialiased
# paths and text, from Python) cost ~0.5 ms a row: ~6 ms for each repaint of the library's
# visible rows, on every search result, scroll step and arrow key.
_PILLS: dict[tuple[object, ...], QPixmap] = {}


def _pills(
    statuses: tuple[str, ...],
    selected: bool,
    width: int,
    height: int,
    font: QFont,
    text_color: QColor,
    ratio: float,
) -> QPixmap:
    colors = tuple(status_color(status).rgba() for status in statuses)
    key = (statuses, selected, width, height, font.key(), text_color.rgba(), ratio, colors)
    found = _PILLS.get(key)
    if found is not None:
        return found
    if len(_PILLS) >= 512:  # fonts or themes changed many times: start again
        _PILLS.clear()
    count = len(statuses)
    size = QSize(count * width + max(count - 1, 0) * PILL_GAP, height)
    pixmap = QPixmap(size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    x = 0.0
    for number, status in enumerate(statuses, start=1):
        # inset by half the pen's width, so the outline is not clipped at the picture's edge
        pill = QRectF(x + 0.5, 0.5, width - 1, height - 1)
        tint = status_color(status)
        fill = QColor(tint)
        fill.setAlpha(56 if status == "done" else 26)
        painter.setPen(tint if not selected else text_color)
        painter.setBrush(fill)
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(text_color if selected else tint)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, f"{number} {GLYPHS.get(status, '?')}")
        x += width + PILL_GAP
    painter.end()
    _PILLS[key] = pixmap
    return pixmap


class PassBadgesDelegate(QStyledItemDelegate):
    """Paints the three passes as small pills "1 ●" so the numbers and glyphs stay readable."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        statuses = index.data(BADGE_ROLE)
        if not statuses:
            super().paint(painter, option, index)
            return
        widget = option.widget
        style = widget.style() if widget is not None else None
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        metrics = QFontMetrics(opt.font)
        rect = opt.rect
        height = min(rect.height() - 6, metrics.height() + 4)
        width = metrics.horizontalAdvance("3 ●") + 12
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_color = opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        pills = _pills(tuple(statuses), selected, width, height, opt.font, text_color, ratio)
        y = rect.y() + (rect.height() - height) // 2
        painter.drawPixmap(rect.x() + 6, y, pills)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        metrics = QFontMetrics(option.font)
        width = 3 * (metrics.horizontalAdvance("3 ●") + 12) + 2 * PILL_GAP + 12
        return QSize(width, metrics.height() + 10)
