"""Seven bars, one per day ahead, with the planned minutes and the daily budget as a line."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.i18n import fill, format_date, format_minutes, format_weekday

BAR_COLOR = QColor("#0072b2")
SELECTED_COLOR = QColor("#e69f00")


class WeekChart(QWidget):
    """Click a bar to pick that day; the chart keeps its data for tests (`days()`)."""

    day_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._days: list[tuple[date, float]] = []
        self._budget = 90
        self._selected = 0
        self.setMinimumSize(280, 160)  # seven bars still read in a 900 px window
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Planned minutes for the next seven days"))

    def sizeHint(self) -> QSize:
        return QSize(520, 240)

    def set_days(self, days: list[tuple[date, float]], budget: int) -> None:
        self._days = list(days)
        self._budget = budget
        self._selected = min(self._selected, max(0, len(days) - 1))
        self.setToolTip("\n".join(f"{format_date(d)}: {format_minutes(m)}" for d, m in self._days))
        self.update()

    def days(self) -> list[tuple[date, float]]:
        return list(self._days)

    def set_selected(self, index: int) -> None:
        self._selected = index
        self.update()

    # ---- geometry --------------------------------------------------------------------------
    def _plot(self) -> QRectF:
        return QRectF(12, 26, max(10, self.width() - 24), max(10, self.height() - 26 - 42))

    def _scale(self) -> float:
        top = max([self._budget, *(m for _, m in self._days)])
        return top * 1.18

    def bar_rect(self, index: int) -> QRectF:
        plot = self._plot()
        n = max(1, len(self._days))
        slot = plot.width() / n
        minutes = self._days[index][1]
        h = plot.height() * minutes / self._scale()
        return QRectF(plot.left() + slot * index + slot * 0.18, plot.bottom() - h, slot * 0.64, h)

    # ---- painting --------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        if not self._days:
            p.setPen(muted)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No plan yet."))
            return
        plot = self._plot()
        n = len(self._days)
        slot = plot.width() / n
        fm = p.fontMetrics()
        for i, (day, minutes) in enumerate(self._days):
            rect = self.bar_rect(i)
            p.fillRect(rect, SELECTED_COLOR if i == self._selected else BAR_COLOR)
            p.setPen(text)
            label = format_minutes(minutes) if minutes else "–"
            if fm.horizontalAdvance(label) > slot - 2:  # "1 小时 20 分钟" in a narrow slot
                hours, mins = divmod(round(minutes), 60)
                label = f"{hours}:{mins:02d}"  # the tooltip says it in words
            p.drawText(
                QRectF(plot.left() + slot * i, rect.top() - fm.height() - 2, slot, fm.height()),
                Qt.AlignmentFlag.AlignCenter,
                label,
            )
            weekday = format_weekday(day)
            p.setPen(text if i != self._selected else SELECTED_COLOR.darker(130))
            p.drawText(
                QRectF(plot.left() + slot * i, plot.bottom() + 4, slot, fm.height()),
                Qt.AlignmentFlag.AlignCenter,
                weekday,
            )
            p.setPen(muted)
            p.drawText(
                QRectF(plot.left() + slot * i, plot.bottom() + 4 + fm.height(), slot, fm.height()),
                Qt.AlignmentFlag.AlignCenter,
                f"{day.month}/{day.day}",
            )
        # the budget line, dashed, labelled
        y = plot.bottom() - plot.height() * self._budget / self._scale()
        pen = QPen(muted, 1, Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.drawText(
            QRectF(plot.left(), 4, plot.width(), fm.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            fill(self.tr("Budget %1 per day (dashed)"), format_minutes(self._budget)),
        )
        p.setPen(QPen(muted, 1))
        p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))

    def _index_at(self, x: float) -> int | None:
        plot = self._plot()
        if not self._days or not plot.left() <= x <= plot.right():
            return None
        return min(len(self._days) - 1, int((x - plot.left()) / (plot.width() / len(self._days))))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self._index_at(event.position().x())
        if index is not None:
            self.set_selected(index)
            self.day_clicked.emit(index)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self._index_at(event.position().x())
        if index is not None:
            day, minutes = self._days[index]
            QToolTip.showText(
                event.globalPosition().toPoint(),
                f"{format_date(day, long=True)}: {format_minutes(minutes)}",
                self,
            )
