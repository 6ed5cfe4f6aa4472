"""Charts drawn with QPainter (no QtCharts in PySide6-Essentials, no matplotlib).

Every chart keeps the numbers it draws and can tell where a value is drawn (`cell_rect`,
`bar_rect`), so tests check data and pixels, and tooltips say the numbers in words so no
chart relies on colour alone.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.i18n import fill, format_date, format_integer, format_minutes
from desktop.widgets.plain import plain_tooltip
from models.services.stats import HEATMAP_WEEKS, ProgressRow

LIGHT_LEVELS = ("#ebedf0", "#9be9a8", "#40c463", "#30a14e", "#216e39")
DARK_LEVELS = ("#2d333b", "#0e4429", "#006d32", "#26a641", "#39d353")
BAR_COLOR = QColor("#0072b2")
# Okabe–Ito, colour-blind safe: not started, 1, 2, 3 passes done
PASS_COLORS = (QColor("#c9ced6"), QColor("#e69f00"), QColor("#56b4e9"), QColor("#009e73"))


def is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Base).lightness() < 128


class Chart(QWidget):
    """Base: background, text colours, a fixed height and an accessible description."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def colors(self) -> tuple[QColor, QColor, QColor]:
        pal = self.palette()
        return (
            pal.color(QPalette.ColorRole.Base),
            pal.color(QPalette.ColorRole.WindowText),
            pal.color(QPalette.ColorRole.PlaceholderText),
        )


# ---- calendar heatmap -------------------------------------------------------------------------
class HeatmapChart(Chart):
    """GitHub-style year: one column per week (Monday on top), one cell per day."""

    MIN_CELL = 11
    MAX_CELL = 19
    GAP = 3
    LEFT = 40
    TOP = 22

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._start = today
        self._today = today
        self._minutes: dict[date, float] = {}
        self._budget = 90
        self.CELL = self.MIN_CELL  # grows with the width, see resizeEvent
        self.setMinimumWidth(self.LEFT + HEATMAP_WEEKS * (self.MIN_CELL + self.GAP) + 12)
        self._fit_height()
        self.setAccessibleName(
            QCoreApplication.translate("Stats", "Minutes studied per day, past year")
        )

    def sizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), self.height())

    def _fit_height(self) -> None:
        self.setFixedHeight(self.TOP + 7 * (self.CELL + self.GAP) + 34)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Cells grow to use the width (up to MAX_CELL), like a calendar should."""
        super().resizeEvent(event)
        room = (self.width() - self.LEFT - 12) // HEATMAP_WEEKS - self.GAP
        cell = max(self.MIN_CELL, min(self.MAX_CELL, room))
        if cell != self.CELL:
            self.CELL = cell
            self._fit_height()
            self.update()

    def set_data(self, start: date, today: date, minutes: dict[date, float], budget: int) -> None:
        self._start = start
        self._today = today
        self._minutes = dict(minutes)
        self._budget = max(1, budget)
        self.update()

    def minutes_on(self, day: date) -> float:
        return self._minutes.get(day, 0.0)

    def level(self, minutes: float) -> int:
        """0 = nothing, then by share of the daily budget: under a third, two thirds, all, more."""
        if minutes <= 0:
            return 0
        share = minutes / self._budget
        if share < 1 / 3:
            return 1
        if share < 2 / 3:
            return 2
        if share < 1:
            return 3
        return 4

    def level_colors(self) -> tuple[QColor, ...]:
        return tuple(QColor(c) for c in (DARK_LEVELS if is_dark(self) else LIGHT_LEVELS))

    def color_for(self, day: date) -> QColor:
        return self.level_colors()[self.level(self.minutes_on(day))]

    def cell_rect(self, day: date) -> QRect:
        offset = (day - self._start).days
        week, weekday = divmod(offset, 7)
        step = self.CELL + self.GAP
        return QRect(self.LEFT + week * step, self.TOP + weekday * step, self.CELL, self.CELL)

    def _days(self) -> list[date]:
        return [
            self._start + timedelta(days=k) for k in range((self._today - self._start).days + 1)
        ]

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        base, text, muted = self.colors()
        p.fillRect(self.rect(), base)
        levels = self.level_colors()
        for day in self._days():
            p.fillRect(self.cell_rect(day), levels[self.level(self.minutes_on(day))])
        # today outlined so the eye finds "now"
        p.setPen(QPen(text, 1))
        p.drawRect(self.cell_rect(self._today).adjusted(-1, -1, 0, 0))
        # month labels over the first week that starts in a month
        p.setPen(muted)
        fm = p.fontMetrics()
        step = self.CELL + self.GAP
        last_month = None
        for week in range(HEATMAP_WEEKS):
            first = self._start + timedelta(weeks=week)
            if first.month != last_month:
                last_month = first.month
                if week < HEATMAP_WEEKS - 1:
                    label = self.locale().monthName(
                        first.month, self.locale().FormatType.ShortFormat
                    )
                    p.drawText(self.LEFT + week * step, self.TOP - 6, label)
        # weekday labels: Mon, Wed, Fri
        for weekday in (0, 2, 4):
            name = self.locale().dayName(weekday + 1, self.locale().FormatType.ShortFormat)
            p.drawText(
                QRect(0, self.TOP + weekday * step - 1, self.LEFT - 6, self.CELL + 2),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
        # legend: Less □□□□□ More, and the scale in words
        legend_y = self.TOP + 7 * step + 8
        x = self.LEFT
        less = QCoreApplication.translate("Stats", "Less")
        p.drawText(
            QRect(x, legend_y - 2, fm.horizontalAdvance(less) + 4, self.CELL + 4),
            Qt.AlignmentFlag.AlignVCenter,
            less,
        )
        x += fm.horizontalAdvance(less) + 6
        for color in levels:
            p.fillRect(QRect(x, legend_y, self.CELL, self.CELL), color)
            x += step
        more = QCoreApplication.translate("Stats", "More")
        p.drawText(
            QRect(x + 2, legend_y - 2, fm.horizontalAdvance(more) + 4, self.CELL + 4),
            Qt.AlignmentFlag.AlignVCenter,
            more,
        )
        x += fm.horizontalAdvance(more) + 16
        scale = fill(
            QCoreApplication.translate(
                "Stats", "(the last colour = the daily budget of %1 or more)"
            ),
            format_minutes(self._budget),
        )
        p.drawText(
            QRect(x, legend_y - 2, self.width() - x, self.CELL + 4),
            Qt.AlignmentFlag.AlignVCenter,
            scale,
        )

    def day_at(self, pos: QPoint) -> date | None:
        step = self.CELL + self.GAP
        if pos.x() < self.LEFT or pos.y() < self.TOP:
            return None
        week, weekday = (pos.x() - self.LEFT) // step, (pos.y() - self.TOP) // step
        if weekday > 6 or week >= HEATMAP_WEEKS:
            return None
        day = self._start + timedelta(weeks=week, days=weekday)
        return day if day <= self._today else None

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent):
            day = self.day_at(event.pos())
            if day is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(
                    event.globalPos(),
                    f"{format_date(day, long=True)}: {format_minutes(self.minutes_on(day))}",
                    self,
                )
            return True
        return super().event(event)  # type: ignore[arg-type]


# ---- vertical bars: passes finished per week --------------------------------------------------
class WeeklyBarsChart(Chart):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._weeks: list[tuple[date, int]] = []
        self.setFixedHeight(200)
        self.setMinimumWidth(360)
        self.setAccessibleName(QCoreApplication.translate("Stats", "Passes finished per week"))

    def set_data(self, weeks: list[tuple[date, int]]) -> None:
        self._weeks = list(weeks)
        self.update()

    def weeks(self) -> list[tuple[date, int]]:
        return list(self._weeks)

    def _plot(self) -> QRectF:
        # room for the highest count on the axis: "1,618" passes a week at 100k items
        top = max([n for _, n in self._weeks] or [0])
        left = max(34, self.fontMetrics().horizontalAdvance(format_integer(top)) + 12)
        return QRectF(left, 22, max(10, self.width() - left - 12), max(10, self.height() - 58))

    def bar_rect(self, index: int) -> QRectF:
        plot = self._plot()
        top = max([n for _, n in self._weeks] or [1]) or 1
        slot = plot.width() / max(1, len(self._weeks))
        h = plot.height() * self._weeks[index][1] / top
        return QRectF(plot.left() + slot * index + 1.5, plot.bottom() - h, max(1.0, slot - 3), h)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        base, text, muted = self.colors()
        p.fillRect(self.rect(), base)
        plot = self._plot()
        fm = p.fontMetrics()
        top = max([n for _, n in self._weeks] or [0])
        p.setPen(muted)
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        p.drawText(
            QRectF(0, plot.top() - fm.height() / 2, plot.left() - 6, fm.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            format_integer(top),
        )
        p.drawText(
            QRectF(0, plot.bottom() - fm.height() / 2, plot.left() - 6, fm.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            "0",
        )
        if not self._weeks:
            return
        slot = plot.width() / len(self._weeks)
        # numbers over the bars only when the widest fits its slot (else they run together;
        # the tooltip still gives each week's count)
        widest = max(fm.horizontalAdvance(format_integer(n)) for _monday, n in self._weeks)
        for i, (monday, n) in enumerate(self._weeks):
            if n:
                rect = self.bar_rect(i)
                p.fillRect(rect, BAR_COLOR)
                if slot >= widest + 2:
                    p.setPen(text)
                    p.drawText(
                        QRectF(
                            rect.left() - 4,
                            rect.top() - fm.height() - 1,
                            rect.width() + 8,
                            fm.height(),
                        ),
                        Qt.AlignmentFlag.AlignCenter,
                        format_integer(n),
                    )
            if i % 4 == 0:
                p.setPen(muted)
                p.drawText(
                    QRectF(plot.left() + slot * i - slot, plot.bottom() + 4, slot * 4, fm.height()),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    f"{monday.month}/{monday.day}",
                )
        p.setPen(muted)
        p.drawText(
            QRectF(plot.left(), plot.bottom() + 4 + fm.height(), plot.width(), fm.height()),
            Qt.AlignmentFlag.AlignHCenter,
            QCoreApplication.translate("Stats", "Week starting (Monday)"),
        )

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent) and self._weeks:
            plot = self._plot()
            index = int((event.pos().x() - plot.left()) / (plot.width() / len(self._weeks)))
            if 0 <= index < len(self._weeks):
                monday, n = self._weeks[index]
                QToolTip.showText(
                    event.globalPos(),
                    fill(
                        self.tr("Week of %1: %n pass(es) finished", "", n),
                        format_date(monday),
                    ),
                    self,
                )
            return True
        return super().event(event)  # type: ignore[arg-type]


# ---- horizontal stacked bars: items by passes done ---------------------------------------------
class ProgressChart(Chart):
    ROW = 24
    LABEL = 170

    def __init__(self, parent: QWidget | None = None, max_rows: int = 12) -> None:
        super().__init__(parent)
        self._rows: list[ProgressRow] = []
        self._max_rows = max_rows
        self.setMinimumWidth(360)
        self.setAccessibleName(QCoreApplication.translate("Stats", "Items by passes done"))
        self.set_data([])

    def set_data(self, rows: list[ProgressRow] | tuple[ProgressRow, ...]) -> None:
        self._rows = list(rows)[: self._max_rows]
        self.setFixedHeight(34 + max(1, len(self._rows)) * self.ROW + 8)
        self.update()

    def rows(self) -> list[ProgressRow]:
        return list(self._rows)

    def _done_text(self, row: ProgressRow) -> str:
        return fill(
            QCoreApplication.translate("Stats", "%1/%2 done"),
            format_integer(row.counts[3]),
            format_integer(row.total),
        )

    def _done_width(self) -> int:
        """Room for the widest "done" label (large libraries have five-digit counts)."""
        fm = self.fontMetrics()
        return max([90, *(fm.horizontalAdvance(self._done_text(r)) for r in self._rows)]) + 10

    def segment_rect(self, row: int, passes_done: int) -> QRectF:
        data = self._rows[row]
        width = max(10, self.width() - self.LABEL - self._done_width())
        total = max(1, data.total)
        x = self.LABEL + width * sum(data.counts[:passes_done]) / total
        w = width * data.counts[passes_done] / total
        return QRectF(x, 34 + row * self.ROW + 3, w, self.ROW - 6)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        base, text, muted = self.colors()
        p.fillRect(self.rect(), base)
        fm = p.fontMetrics()
        # legend
        x = self.LABEL
        names = [
            QCoreApplication.translate("Stats", "not started"),
            QCoreApplication.translate("Stats", "1 pass"),
            QCoreApplication.translate("Stats", "2 passes"),
            QCoreApplication.translate("Stats", "3 passes"),
        ]
        for color, name in zip(PASS_COLORS, names, strict=True):
            p.fillRect(QRectF(x, 9, 12, 12), color)
            p.setPen(text)
            p.drawText(
                QRectF(x + 16, 4, fm.horizontalAdvance(name) + 4, 22),
                Qt.AlignmentFlag.AlignVCenter,
                name,
            )
            x += 16 + fm.horizontalAdvance(name) + 14
        if not self._rows:
            p.setPen(muted)
            p.drawText(
                QRectF(0, 34, self.width(), self.ROW),
                Qt.AlignmentFlag.AlignCenter,
                QCoreApplication.translate("Stats", "No items yet."),
            )
            return
        for i, row in enumerate(self._rows):
            y = 34 + i * self.ROW
            label = row.label or QCoreApplication.translate("Stats", "(no category)")
            p.setPen(text)
            p.drawText(
                QRectF(0, y, self.LABEL - 8, self.ROW),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(label, Qt.TextElideMode.ElideMiddle, self.LABEL - 10),
            )
            for k in range(4):
                rect = self.segment_rect(i, k)
                if rect.width() <= 0:
                    continue
                p.fillRect(rect, PASS_COLORS[k])
                count = format_integer(row.counts[k])
                if rect.width() > fm.horizontalAdvance(count) + 6:
                    p.setPen(QColor("#1f2328"))
                    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, count)
            p.setPen(muted)
            done_width = self._done_width() - 4
            p.drawText(
                QRectF(self.width() - done_width - 4, y, done_width, self.ROW),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self._done_text(row),
            )

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent):
            index = (event.pos().y() - 34) // self.ROW
            if 0 <= index < len(self._rows):
                row = self._rows[index]
                QToolTip.showText(
                    event.globalPos(),
                    plain_tooltip(  # the label is a category name: data
                        fill(
                            QCoreApplication.translate(
                                "Stats",
                                "%1: %2 not started, %3 with 1 pass, %4 with 2, %5 with all 3",
                            ),
                            row.label or QCoreApplication.translate("Stats", "(no category)"),
                            *row.counts,
                        )
                    ),
                    self,
                )
            return True
        return super().event(event)  # type: ignore[arg-type]
