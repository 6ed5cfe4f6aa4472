"""The Today view: the day's plan with one-click Start, the timer, the week ahead, questions due."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.crash import report_exception
from desktop.i18n import fill, format_date, format_minutes
from desktop.planner.models import (
    COL_START,
    COL_TITLE,
    PlanTableModel,
    QuestionsModel,
    SortProxy,
)
from desktop.planner.timer_panel import TimerPanel
from desktop.planner.week_chart import WeekChart
from desktop.widgets.background_read import BackgroundReads, is_large
from desktop.widgets.loading import loading_text
from desktop.widgets.plain import plain_tooltip
from models.errors import ThreePassError
from models.kinds import VIDEO_KINDS
from models.logs import SHOWN
from models.services.plan_rules import DayPlan, PlanEntry, WeekPlan
from models.services.planner import PlannerService
from models.services.review import QuestionRow, QuestionService
from models.services.timer import RunningTimer, TimerService

QUESTIONS_SHOWN = 100

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TodayData:
    """Everything Today shows, read in one go (in the worker for a large library)."""

    day: date
    running: RunningTimer | None
    week: WeekPlan
    plan: DayPlan
    questions: list[QuestionRow]
    due_total: int


def make_table(model: PlanTableModel | QuestionsModel, proxy: SortProxy) -> QTableView:
    proxy.setSourceModel(model)
    table = QTableView()
    table.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
    table.setModel(proxy)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSortingEnabled(True)
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the planner's priority order
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    return table


class TodayView(QWidget):
    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        show_view: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("TodayView")
        self._ctx = ctx
        self._planner = PlannerService(ctx.db, ctx.clock)
        self._questions = QuestionService(ctx.db, ctx.clock)
        self._timer = TimerService(ctx.db, ctx.clock)
        self._show_view = show_view
        self._offset_days = 0  # the plan shown: today + offset
        self._dirty = True
        self.plan: DayPlan | None = None
        self.week: WeekPlan | None = None
        # a large library's plan is made in a worker: at 100k, plan_week and the queries
        # beside it held the window for ~0.6 s on every first show
        self._reads: BackgroundReads[TodayData] = BackgroundReads(self, "today", self.refresh)

        # header
        self.heading = QLabel()
        self.heading.setObjectName("TodayHeading")
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.prev_button = QToolButton()
        self.prev_button.setText("◀")
        self.prev_button.setToolTip(self.tr("Previous day"))
        self.today_button = QPushButton(self.tr("Today"))
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setToolTip(self.tr("Next day"))
        for arrow in (self.prev_button, self.next_button):
            arrow.setAccessibleName(arrow.toolTip())  # "◀" and "▶" say nothing aloud
        self.prev_button.clicked.connect(lambda: self.go_day(self._offset_days - 1))
        self.next_button.clicked.connect(lambda: self.go_day(self._offset_days + 1))
        self.today_button.clicked.connect(lambda: self.go_day(0))
        header = QHBoxLayout()
        header.addWidget(self.heading, 1)
        header.addWidget(self.prev_button)
        header.addWidget(self.today_button)
        header.addWidget(self.next_button)

        # plan tab
        self.plan_model = PlanTableModel(ctx.clock.today(), self)
        self.plan_proxy = SortProxy(self)
        self.plan_table = make_table(self.plan_model, self.plan_proxy)
        self.plan_table.setAccessibleName(self.tr("Plan"))
        self.plan_table.setObjectName("PlanTable")
        self.plan_table.doubleClicked.connect(self._open_item)
        self.plan_table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.plan_proxy.layoutChanged.connect(self._place_start_buttons)
        self.total_label = QLabel()
        self.total_label.setObjectName("PlanTotal")
        self.total_label.setTextFormat(Qt.TextFormat.PlainText)
        self.deferred_label = QLabel()
        self.deferred_label.setTextFormat(Qt.TextFormat.PlainText)
        for wrapped in (self.total_label, self.deferred_label):
            wrapped.setWordWrap(True)  # a long line wraps rather than widen the window
        self._nothing_planned = self.tr(
            "Nothing planned. Import the paper-reading list or the fast.ai course, "
            "or schedule an item for this day."
        )
        self.empty_label = QLabel(self._nothing_planned)
        self.empty_label.setObjectName("PlanEmpty")
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setWordWrap(True)
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(1, 24 * 60)
        self.minutes_spin.setValue(30)
        self.minutes_spin.setSuffix(self.tr(" min"))
        self.minutes_spin.setAccessibleName(self.tr("Minutes to log"))
        self.log_button = QPushButton(self.tr("Log minutes"))
        self.log_button.setToolTip(
            self.tr("Add time studied without the timer to the selected pass")
        )
        self.log_button.clicked.connect(self.log_minutes)
        manual = QHBoxLayout()
        manual_label = QLabel(self.tr("Studied without the timer?"))
        manual_label.setWordWrap(True)
        manual.addWidget(manual_label, 1)
        manual.addWidget(self.minutes_spin)
        manual.addWidget(self.log_button)
        manual.addStretch(1)
        plan_tab = QWidget()
        plan_layout = QVBoxLayout(plan_tab)
        plan_layout.addWidget(self.empty_label)
        plan_layout.addWidget(self.plan_table, 1)
        plan_layout.addWidget(self.total_label)
        plan_layout.addWidget(self.deferred_label)
        plan_layout.addLayout(manual)

        # week tab
        self.week_chart = WeekChart()
        self.week_chart.setObjectName("WeekChart")
        self.week_chart.day_clicked.connect(self._week_day_selected)
        self.week_day_label = QLabel()
        self.week_day_label.setTextFormat(Qt.TextFormat.PlainText)
        self.week_model = PlanTableModel(ctx.clock.today(), self)
        self.week_proxy = SortProxy(self)
        self.week_table = make_table(self.week_model, self.week_proxy)
        self.week_table.setAccessibleName(self.tr("Week"))
        self.week_table.setColumnHidden(COL_START, True)
        self.week_rule = QLabel(
            self.tr(
                "Assumes each day's plan is done that day: finished passes come back by the "
                "spacing rule and what does not fit moves to the next day."
            )
        )
        self.week_rule.setWordWrap(True)
        self.week_rule.setEnabled(False)
        week_tab = QWidget()
        week_layout = QVBoxLayout(week_tab)
        week_layout.addWidget(self.week_chart, 3)
        week_layout.addWidget(self.week_day_label)
        week_layout.addWidget(self.week_table, 2)
        week_layout.addWidget(self.week_rule)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("PlannerTabs")
        self.tabs.addTab(plan_tab, self.tr("Plan"))
        self.tabs.addTab(week_tab, self.tr("Week"))

        # right column: timer and review questions
        self.timer_panel = TimerPanel(ctx, load=False)  # refresh() reads it with the plan
        self.timer_panel.changed.connect(self._timer_changed)
        self.questions_model = QuestionsModel(ctx.clock.today(), self)
        self.questions_proxy = SortProxy(self)
        self.questions_table = make_table(self.questions_model, self.questions_proxy)
        self.questions_table.setAccessibleName(self.tr("Review questions due"))
        self.questions_table.setObjectName("DueQuestions")
        self.questions_table.doubleClicked.connect(lambda _i: self._go("questions"))
        self.questions_box = QGroupBox(self.tr("Review questions due"))
        qlayout = QVBoxLayout(self.questions_box)
        qlayout.addWidget(self.questions_table)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.timer_panel)
        right_layout.addWidget(self.questions_box, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tabs)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 380])
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)

        for signal in (
            ctx.events.items_changed,
            ctx.events.study_changed,
            ctx.events.career_changed,
        ):
            signal.connect(self._data_changed)
        # (item id, pass number) -> "player" / "timer" / "": what runs where (desktop/player/)
        self._study_states: dict[tuple[int, int], str] = {}
        ctx.events.studying.connect(self._studying)
        self._selection_changed()

    # ---- refresh ---------------------------------------------------------------------------
    def day(self) -> date:
        return self._ctx.clock.today() + timedelta(days=self._offset_days)

    def _data_changed(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def go_day(self, offset: int) -> None:
        self._offset_days = offset
        self.refresh()

    def refresh(self) -> None:
        """Read the timer, the plans and the questions due: at once for a small library, in
        a worker for a large one (the view says "Loading…" until its first answer)."""
        self._dirty = False
        if self._reads.defer():
            return
        day = self.day()
        if is_large(self._ctx.db):
            if self.plan is None:  # nothing shown yet: not a false "Nothing planned"
                self.empty_label.setText(loading_text())
                self.empty_label.setVisible(True)
            self._reads.start(
                lambda: self._read(day),
                self._read_done,
                lambda err: self._failed(self.day(), err),
            )
            return
        try:
            data = self._read(day)
        except Exception as err:
            self._failed(day, err)
            return
        self._apply(data)

    def is_loading(self) -> bool:
        return self._reads.busy()

    def wait_idle(self) -> None:
        """Let a running read finish and show it (screenshots)."""
        self._reads.wait_idle()

    def _read(self, day: date) -> TodayData:
        """Any thread: services only, plain values back."""
        running = self._timer.running()
        week = self._planner.plan_week(self._ctx.clock.today())
        # today's plan is the week's first day; other days are planned on their own
        plan = week.days[0] if day == week.start else self._planner.plan_day(day)
        questions = self._questions.due_questions(day, limit=QUESTIONS_SHOWN)
        return TodayData(day, running, week, plan, questions, self._questions.due_count(day))

    def _read_done(self, data: TodayData) -> None:
        if data.day != self.day():  # the user went to another day meanwhile
            self._reads.defer()  # read that day once this read is over
        else:
            self._apply(data)

    def _failed(self, day: date, err: BaseException) -> None:
        if isinstance(err, ThreePassError):
            log.warning("the plan of %s could not be made: %s", day, err, extra=SHOWN)
            self._show_error(str(err))
            self._ctx.events.status_message.emit(str(err))
        else:  # a bug: shown by the crash handler, and here not as "nothing"
            self._show_error(f"{type(err).__name__}: {err}")
            report_exception(err, where="the Today view")

    def _apply(self, data: TodayData) -> None:
        day = data.day
        self.week, self.plan = data.week, data.plan
        # first: a forgotten timer is stopped here, which asks for a fresh read
        self.timer_panel.mirror(data.running)
        self.empty_label.setText(self._nothing_planned)
        self.plan_model.set_plan(day, self.plan.entries)
        self._place_start_buttons()
        self._update_heading()
        self._update_totals()
        self.questions_model.set_rows(day, data.questions)
        self.questions_box.setTitle(fill(self.tr("Review questions due (%1)"), data.due_total))
        self.questions_table.resizeColumnToContents(2)
        days = [(d.day, d.total_minutes) for d in self.week.days]
        self.week_chart.set_days(days, self.week.budget_minutes)
        self._week_day_selected(min(self._offset_days, 6) if self._offset_days >= 0 else 0)
        self._resize_columns()

    def _show_error(self, message: str) -> None:
        """An error state instead of the last plan or a false "Nothing planned"."""
        self.plan = None
        self.week = None
        day = self.day()
        self.plan_model.set_plan(day, [])
        self.week_model.set_plan(day, [])
        self.questions_model.set_rows(day, [])
        self.week_chart.set_days([], 0)
        self.week_day_label.setText("")
        self._update_heading()
        self.total_label.setText("")
        self.deferred_label.setVisible(False)
        self.empty_label.setText(
            fill(self.tr("The plan could not be made: %1"), message)
            + "\n"
            + self.tr("The details are in the log; your data is safe.")
        )
        self.empty_label.setVisible(True)

    def _update_heading(self) -> None:
        day = self.day()
        today = self._ctx.clock.today()
        if day == today:
            prefix = self.tr("Today")
        elif day == today + timedelta(days=1):
            prefix = self.tr("Tomorrow")
        elif day == today - timedelta(days=1):
            prefix = self.tr("Yesterday")
        else:
            prefix = self.tr("Plan")
        self.heading.setText(f"{prefix} · {format_date(day, long=True)}")

    def _update_totals(self) -> None:
        plan = self.plan
        if plan is None:
            return
        overdue = sum(1 for e in plan.entries if e.overdue)
        text = fill(
            self.tr("Total %1 of %2 budget · %n entry(s)", "", len(plan.entries)),
            format_minutes(plan.total_minutes),
            format_minutes(plan.budget_minutes),
        )
        if overdue:
            text += " · " + fill(self.tr("⚠ %1 overdue"), overdue)
        self.total_label.setText(text)
        self.deferred_label.setText(
            self.tr("%n more due pass(es) did not fit in the budget.", "", plan.deferred)
            if plan.deferred
            else ""
        )
        self.deferred_label.setVisible(bool(plan.deferred))
        self.empty_label.setVisible(not plan.entries)

    def _resize_columns(self) -> None:
        for table in (self.plan_table, self.week_table):
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        qheader = self.questions_table.horizontalHeader()
        qheader.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        qheader.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

    def _place_start_buttons(self) -> None:
        """One-click Start: a button in the first column of every plan row."""
        panel = getattr(self, "timer_panel", None)
        running = panel.running() if panel is not None else None
        for row in range(self.plan_proxy.rowCount()):
            index = self.plan_proxy.index(row, COL_START)
            source_row = self.plan_proxy.mapToSource(index).row()
            entry = self.plan_model.entry(source_row)
            button = QToolButton()
            key = (entry.item_id, entry.pass_number)
            states = getattr(self, "_study_states", {})
            if states.get(key) == "player":
                button.setText(self.tr("● Playing"))
                button.setEnabled(False)
            elif running is not None and (running.item_id, running.pass_number) == key:
                button.setText(self.tr("● Timing"))
                button.setEnabled(False)
            else:
                button.setText(self.tr("▶ Start"))
            button.setObjectName(f"start-{entry.item_id}-{entry.pass_number}")
            if entry.kind in VIDEO_KINDS:
                tip = self.tr("Watch pass %1 of %2 in mpv at its speed")
            else:
                tip = self.tr("Start the timer on pass %1 of %2")
            button.setToolTip(plain_tooltip(fill(tip, entry.pass_number, entry.title)))
            button.setAutoRaise(True)
            button.clicked.connect(lambda _checked=False, e=entry: self.start_entry(e))
            self.plan_table.setIndexWidget(index, button)

    # ---- actions ---------------------------------------------------------------------------
    def start_entry(self, entry: PlanEntry) -> None:
        """Videos play in mpv at the pass's speed (the player feature falls back to the timer
        when it cannot); papers and articles start the timer."""
        if entry.kind in VIDEO_KINDS:
            self._ctx.events.watch_requested.emit(entry.item_id, entry.pass_number)
        else:
            self.timer_panel.start(entry.item_id, entry.pass_number)

    def _studying(self, item_id: int, pass_number: int, state: str) -> None:
        self._study_states[(item_id, pass_number)] = state
        self._place_start_buttons()

    def start_button(self, row: int) -> QToolButton:
        widget = self.plan_table.indexWidget(self.plan_proxy.index(row, COL_START))
        assert isinstance(widget, QToolButton)
        return widget

    def selected_entry(self) -> PlanEntry | None:
        rows = self.plan_table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.plan_model.entry(self.plan_proxy.mapToSource(rows[0]).row())

    def _selection_changed(self, *_args: object) -> None:
        self.log_button.setEnabled(self.selected_entry() is not None)

    def log_minutes(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self._ctx.events.status_message.emit(self.tr("Select a plan entry first."))
            return
        minutes = self.minutes_spin.value()
        try:
            result = self._timer.add_manual(entry.item_id, entry.pass_number, minutes)
        except ThreePassError as err:
            self._ctx.events.status_message.emit(str(err))
            return
        self._ctx.events.status_message.emit(
            fill(
                self.tr("Logged %1 on pass %2 of %3."),
                format_minutes(result.minutes),
                result.pass_number,
                result.title,
            )
        )
        self._ctx.events.study_changed.emit()
        self._ctx.events.items_changed.emit()

    def _timer_changed(self) -> None:
        self._ctx.events.study_changed.emit()
        self._ctx.events.items_changed.emit()

    def _open_item(self, index: QModelIndex) -> None:
        """Double-click: show the item in the library (its passes and notes)."""
        if index.isValid():
            entry = self.plan_model.entry(self.plan_proxy.mapToSource(index).row())
            self._ctx.events.item_selected.emit(entry.item_id)

    def _go(self, key: str) -> None:
        if self._show_view is not None:
            with contextlib.suppress(ValueError):
                self._show_view(key)

    # ---- week ------------------------------------------------------------------------------
    def show_week(self) -> None:
        self.tabs.setCurrentIndex(1)

    def _week_day_selected(self, index: int) -> None:
        if self.week is None or not self.week.days:
            return
        index = max(0, min(index, len(self.week.days) - 1))
        plan = self.week.days[index]
        self.week_chart.set_selected(index)
        self.week_model.set_plan(plan.day, plan.entries)
        self.week_day_label.setText(
            fill(
                self.tr("%1: %2 planned in %n entry(s)", "", len(plan.entries)),
                format_date(plan.day, long=True),
                format_minutes(plan.total_minutes),
            )
        )
