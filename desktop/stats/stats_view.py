"""The Stats view: number cards, the year heatmap, passes per week and progress charts."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.i18n import fill, format_hours, format_minutes
from desktop.library.table_model import kind_label
from desktop.messages import source_name
from desktop.stats.charts import HeatmapChart, ProgressChart, WeeklyBarsChart
from desktop.widgets.background_read import BackgroundReads, is_large
from models.errors import ThreePassError
from models.services.library_read import data_epoch
from models.services.plan_rules import DEFAULT_VIDEO_MINUTES
from models.services.settings import SettingsService
from models.services.stats import HoursRow, StatsService, StudyStats

log = logging.getLogger(__name__)


class Card(QFrame):
    """One big number with a caption and a detail line."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("StatCard")
        self.value = QLabel("–")
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(caption)
        self.detail = QLabel()
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.detail.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)

    def set(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.setAccessibleName(f"{self.caption.text()}: {value}")


class ChartFrame(QFrame):
    """A titled chart with "Save as PNG…" (the chart widget's own pixels)."""

    def __init__(self, title: str, chart: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.chart = chart
        self.title = QLabel(title)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.save_button = QPushButton(self.tr("Save as PNG…"))
        self.save_button.setToolTip(self.tr("Save this chart as a PNG image"))
        self.save_button.clicked.connect(self.save_png)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(chart)
        layout.addStretch(1)

    def save_png(self) -> Path | None:
        from desktop.widgets import dialogs

        path = dialogs.save_file(
            self,
            "stats-chart",
            self.tr("Save chart"),
            self.title.text() + ".png",
            self.tr("PNG images (*.png)"),
        )
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != ".png":
            target = target.with_suffix(".png")
        if not self.chart.grab().save(str(target), "PNG"):
            self._fail(target)
            return None
        return target

    def _fail(self, target: Path) -> None:
        from desktop.widgets import dialogs  # the path is the user's: shown as plain text

        dialogs.inform(self, self.tr("Save chart"), fill(self.tr("Cannot write %1."), str(target)))


class StatsView(QScrollArea):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StatsView")
        self.setAccessibleName(self.tr("Statistics"))  # the scroll area takes focus to scroll
        self._ctx = ctx
        self._service = StatsService(ctx.db, ctx.clock)
        self._settings = SettingsService(ctx.db)
        self._dirty = True
        self.stats: StudyStats | None = None
        # a large library computes in a worker (~150 ms at 100k, which would freeze the
        # window each time an import or a timer changes the data while it shows); data
        # changed meanwhile computes once more after it
        self._reads: BackgroundReads[tuple[StudyStats, int, int | None]] = BackgroundReads(
            self, "stats", self.refresh
        )
        # the data epoch the stats shown were computed at: a change signal with nothing
        # written since (a refresh of other views, an outside-change check) computes nothing
        self._epoch: int | None = None

        self.streak_card = Card(self.tr("Current streak"))
        self.longest_card = Card(self.tr("Longest streak"))
        self.studied_card = Card(self.tr("Hours studied"))
        self.left_card = Card(self.tr("Hours left"))
        cards = QHBoxLayout()
        for card in (self.streak_card, self.longest_card, self.studied_card, self.left_card):
            cards.addWidget(card)

        self.heatmap = HeatmapChart(ctx.clock.today())
        self.heatmap.setObjectName("Heatmap")
        self.weekly = WeeklyBarsChart()
        self.by_source = ProgressChart(max_rows=8)
        self.by_category = ProgressChart(max_rows=12)
        self.heatmap_frame = ChartFrame(self.tr("Minutes studied per day, past year"), self.heatmap)
        self.weekly_frame = ChartFrame(self.tr("Passes finished per week"), self.weekly)
        self.source_frame = ChartFrame(self.tr("Progress per source"), self.by_source)
        self.category_frame = ChartFrame(self.tr("Progress per category"), self.by_category)
        self.hours_label = QLabel()
        self.hours_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hours_label.setWordWrap(True)

        content = QWidget()
        grid = QGridLayout(content)
        grid.addLayout(cards, 0, 0, 1, 2)
        grid.addWidget(self.heatmap_frame, 1, 0, 1, 2)
        grid.addWidget(self.weekly_frame, 2, 0)
        grid.addWidget(self.source_frame, 2, 1)
        grid.addWidget(self.category_frame, 3, 0, 1, 2)
        grid.addWidget(self.hours_label, 4, 0, 1, 2)
        grid.setRowStretch(5, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)

        for signal in (ctx.events.items_changed, ctx.events.study_changed):
            signal.connect(self._data_changed)

    def frames(self) -> list[ChartFrame]:
        return [self.heatmap_frame, self.weekly_frame, self.source_frame, self.category_frame]

    def _data_changed(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def refresh(self) -> None:
        """Recompute: at once for a small library, in a worker thread for a large one;
        not at all when nothing was written since the stats shown were computed."""
        self._dirty = False
        if self._reads.defer():
            return
        if (
            self.stats is not None
            and self._epoch is not None
            and self.stats.today == self._ctx.clock.today()  # streaks end at midnight
            and self._epoch == self._now()
        ):
            return
        if is_large(self._ctx.db):
            self._reads.start(self._compute, self._computed, self._failed)
            return
        try:
            computed = self._compute()
        except ThreePassError as err:
            log.warning("the stats could not be computed: %s", err)
            self._ctx.events.status_message.emit(str(err))
            return
        self._computed(computed)

    def wait_idle(self) -> None:
        """Let a running computation finish and show it (screenshots, window close)."""
        self._reads.wait_idle()  # shows it, and starts the rerun a change asked for

    def _now(self) -> int | None:
        """The data epoch now (one pragma); None when unknown (then always recompute)."""
        try:
            with self._ctx.db.connect() as connection:
                return data_epoch(connection)
        except ThreePassError:
            return None

    def _compute(self) -> tuple[StudyStats, int, int | None]:
        epoch = self._now()  # before reading: a write meanwhile moves it for the next check
        st = self._service.compute()
        return st, int(self._settings.get("daily_budget_minutes") or 90), epoch

    def _computed(self, computed: tuple[StudyStats, int, int | None]) -> None:
        st, budget, self._epoch = computed
        self._show(st, budget)

    def _failed(self, err: BaseException) -> None:
        if isinstance(err, ThreePassError):
            log.warning("the stats could not be computed: %s", err)
            message = str(err)
        else:  # reported on the GUI thread, not lost in the worker
            log.error("computing the stats failed", exc_info=err)
            message = f"{type(err).__name__}: {err}"
        self._ctx.events.status_message.emit(message)

    def _show(self, st: StudyStats, budget: int) -> None:
        self.stats = st
        self.streak_card.set(
            self.tr("%n day(s)", "", st.current_streak),
            self.tr("Days in a row with study time or a finished pass"),
        )
        self.longest_card.set(self.tr("%n day(s)", "", st.longest_streak))
        year_minutes = sum(st.minutes_by_day.values())
        self.studied_card.set(
            format_hours(st.hours_studied),
            fill(
                self.tr("%1 in the past year, on %n day(s)", "", len(st.minutes_by_day)),
                format_minutes(year_minutes),
            ),
        )
        left = fill(
            self.tr("at planned speeds, of %1 for all three passes"),
            format_hours(st.hours_planned),
        )
        if st.unknown_duration:
            left += "\n" + self._unknown_text(st.unknown_duration)
        self.left_card.set(format_hours(st.hours_left), left)
        self.heatmap.set_data(st.heatmap_start, st.today, st.minutes_by_day, budget)
        self.weekly.set_data(list(st.passes_by_week))
        # the sources by the names the user knows them by (论文精读, not paper-reading)
        self.by_source.set_data(
            [
                replace(r, label=source_name(r.label) if r.label else r.label)
                for r in st.progress_by_source
            ]
        )
        self.by_category.set_data(st.progress_by_category)
        self.hours_label.setText("\n".join(self._hours_lines(st)))

    def _unknown_text(self, count: int) -> str:
        """Hours of videos without a duration are a guess: say how many and how much."""
        return fill(
            self.tr("%n lesson(s) without a duration, counted as %1", "", count),
            format_minutes(DEFAULT_VIDEO_MINUTES),
        )

    def _hours_lines(self, st: StudyStats) -> list[str]:
        """Hours per source, then per kind where a source has several (videos vs papers)."""
        lines: list[str] = []

        def line(label: str, r: HoursRow, indent: str = "") -> str:
            text = indent + fill(
                self.tr("%1: %2 at 1x, %3 for all three passes, %4 left"),
                label,
                format_hours(r.hours_1x),
                format_hours(r.hours_planned),
                format_hours(r.hours_left),
            )
            if r.unknown_duration:
                text += " · " + self._unknown_text(r.unknown_duration)
            return text

        for r in st.hours_by_source:
            kinds = [k for k in st.hours_by_kind if k.source == r.source]
            name = source_name(r.source)
            if len(kinds) < 2:
                lines.append(line(name, r))
                continue
            lines.append(line(name, replace(r, unknown_duration=0)))
            lines.extend(line(f"{name} · {kind_label(k.kind or '')}", k, "    ") for k in kinds)
        return lines
