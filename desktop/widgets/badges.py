"""Pass-state badges: a glyph per state so the state reads without colour (○ ◐ ●)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
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


class PassBadgesDelegate(QStyledItemDelegate):
    """Paints the three passes as small pills "1 ●" so the numbers and glyphs stay readable."""

    PILL_GAP = 4

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
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(opt.font)
        rect = opt.rect
        height = min(rect.height() - 6, metrics.height() + 4)
        width = metrics.horizontalAdvance("3 ●") + 12
        x = rect.x() + 6
        y = rect.y() + (rect.height() - height) / 2
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_color = opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        for number, status in enumerate(statuses, start=1):
            pill = QRectF(x, y, width, height)
            tint = status_color(status)
            fill = QColor(tint)
            fill.setAlpha(56 if status == "done" else 26)
            painter.setPen(tint if not selected else text_color)
            painter.setBrush(fill)
            painter.drawRoundedRect(pill, height / 2, height / 2)
            painter.setPen(text_color if selected else tint)
            painter.drawText(
                pill, Qt.AlignmentFlag.AlignCenter, f"{number} {GLYPHS.get(status, '?')}"
            )
            x += width + self.PILL_GAP
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        metrics = QFontMetrics(option.font)
        width = 3 * (metrics.horizontalAdvance("3 ●") + 12) + 2 * self.PILL_GAP + 12
        return QSize(width, metrics.height() + 10)
