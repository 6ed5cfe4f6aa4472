"""The applications board: one column per status with draggable cards, a table, a detail pane.

The models and the card delegate are in `board_models.py`, the dialogs in `board_dialogs.py`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.career.board_dialogs import (
    RoundDialog,
    date_edit,
    date_value,
    fill_channels,
    show_channel,
)
from desktop.career.board_models import ApplicationsModel, CardDelegate, StatusColumnModel
from desktop.career.common import (
    ROW_ID_ROLE,
    STATUS_COLOURS,
    PySortProxy,
    RefreshGate,
    RowsModel,
    channel_label,
    channel_value,
    kind_label,
    run_action,
    small_table,
    status_label,
    try_action,
)
from desktop.career.empty_state import CareerEmptyState
from desktop.career.loading import ViewLoader
from desktop.career.new_application import company_matching, new_application
from desktop.career.selection import enable_with_current
from desktop.context import AppContext
from desktop.i18n import format_date
from desktop.widgets.accessible import name_tab_pages
from desktop.widgets.fit_columns import ColumnFitter
from desktop.widgets.fit_scroll import FitScrollArea
from desktop.widgets.formatting import format_stamp
from desktop.widgets.plain import PlainLabel
from models.career import ENDINGS, PIPELINE
from models.services.career import (
    BOARD_STATUSES,
    ApplicationDetail,
    ApplicationInput,
    ApplicationRow,
    CareerService,
    RoundInfo,
)
from models.services.links import LinkService

FILTER_DEBOUNCE_MS = 150  # as the library's search: filter once typing pauses
CARD_BATCH = 40  # cards laid out per event-loop turn (QListView.LayoutMode.Batched)


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
        self.title.setBuddy(self.view)  # the column's status names its list of cards
        self.view.setModel(model)
        self.view.setItemDelegate(CardDelegate(self.view))
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # not uniform: a card whose role wraps onto a second line is taller
        self.view.setUniformItemSizes(False)
        # cards are measured a batch per event-loop turn: a column of hundreds of cards
        # measured at once held a first show ~50 ms (#17)
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(CARD_BATCH)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setSpacing(1)
        self.view.setFrameShape(QFrame.Shape.NoFrame)  # the column's frame is the border
        # room for a company name of about a dozen characters: below that the board
        # scrolls sideways (FitScrollArea) rather than cutting names to "huggin…"
        self.view.setMinimumWidth(
            CardDelegate.min_text_width(self.view.font())
            + CardDelegate.MARGINS
            + 2  # the list's spacing
            + 2 * self.view.frameWidth()
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        model.modelReset.connect(self._update_title)
        self._update_title()

    def _update_title(self) -> None:
        self.title.setText(f"{status_label(self.model.status)} ({self.model.rowCount()})")


class ApplicationPane(QWidget):
    """One application: status, fields, history and interview rounds."""

    shown = Signal()  # show_application() ran: app_id may have changed

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
        fill_channels(self.channel)
        self.contacts = QPlainTextEdit()
        self.contacts.setMaximumHeight(54)
        self.next_action = QLineEdit()
        self.due = date_edit(None, today=ctx.clock.today)
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
        self.rounds_view.setAccessibleName(self.tr("Rounds"))
        # the pane is narrow: no horizontal scroll; the date whole, and the notes, then the
        # questions step aside rather than every column ending in "…" (the tooltip and
        # the round's dialog have them)
        ColumnFitter(self.rounds_view, {3: 1, 4: 1}, whole={0}, drop_order=(4, 3))
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
        for button in (add_round, edit_round, delete_round):
            # as wide as their words, not the style's 80 px: the pane stays narrow enough
            # for five board columns beside it in a 1024 px window
            text = button.text().replace("&", "")
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(text) + 12)
            buttons.addWidget(button)
        buttons.addStretch(1)
        rounds_layout.addLayout(buttons)
        enable_with_current(
            self.rounds_view, (edit_round, delete_round), lambda: self._current_round() is not None
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(rounds_box, self.tr("Rounds"))
        self.tabs.addTab(small_table(self.history, stretch_column=1), self.tr("History"))
        name_tab_pages(self.tabs)
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
            self.shown.emit()
            return
        self.setEnabled(True)
        self.title.setText(f"{detail.company} — {detail.role}")
        self.status.setCurrentIndex(self.status.findData(detail.status))
        self.role.setText(detail.role)
        self.team.setText(detail.team or "")
        show_channel(self.channel, detail.channel)
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
        self.shown.emit()

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
            channel=channel_value(self.channel.currentText()),
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
    add_company_requested = Signal()  # the empty board's "Add a company…"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.career = CareerService(ctx.db, ctx.clock)
        self.links = LinkService(ctx.db, ctx.clock)
        self.columns: dict[str, StatusColumn] = {}
        # the company selected in the Companies view, if built (the feature sets it)
        self.selected_company: Callable[[], int | None] = lambda: None

        board = QWidget()
        grid = QGridLayout(board)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
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
        self.table_proxy = PySortProxy(self)  # filters; the model sorts (in the UI's order)
        self.table_proxy.setSourceModel(self.table_model)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
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
        # the columns scroll sideways in a narrow window rather than widen it
        self.tabs.addTab(FitScrollArea(board), self.tr("Board"))
        self.tabs.addTab(self.table, self.tr("Table"))
        self.table.setAccessibleName(self.tr("Applications"))
        name_tab_pages(self.tabs)  # the board's scroll area is announced as "Board"

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter applications…"))
        self.search.setAccessibleName(self.tr("Filter applications"))
        self.search.setClearButtonEnabled(True)
        # filtered once typing pauses, from the rows in memory (no reload per key)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DEBOUNCE_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._filter_timer.start())
        self._rows: list[ApplicationRow] = []
        self._readiness: dict[int, int] = {}
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
        # Delete acts on the application the pane shows
        self.detail.shown.connect(lambda: delete.setEnabled(self.detail.app_id is not None))
        delete.setEnabled(self.detail.app_id is not None)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([780, 340])
        self.empty = CareerEmptyState(
            "EmptyBoard",
            self.tr("No applications yet"),
            self.tr(
                "Follow each application from interested to offer: drag its card from column "
                "to column, note the next step and its date, record the interview rounds and "
                "the questions asked. An application is for one of your target companies: "
                "add the company first, then a new application."
            ),
        )
        self.empty_new = self.empty.add_button(
            self.tr("New application…"), "EmptyBoardNew", self.new_application
        )
        self.empty_add_company = self.empty.add_button(
            self.tr("Add a company…"), "EmptyBoardAddCompany", self.add_company_requested.emit
        )
        self.pages = QStackedWidget()
        self.pages.addWidget(splitter)
        self.pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.loader = ViewLoader(self, "applications", ctx.db, self._read, self._apply, self.pages)
        self.gate = RefreshGate(self, self.loader.load)
        ctx.events.career_changed.connect(self.gate.request)
        ctx.events.items_changed.connect(self.gate.request)
        self.loader.load()

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
        """Read and show at once (a large library's change signals read in a worker)."""
        self.loader.now()

    def _read(self) -> tuple[list[ApplicationRow], dict[int, int], bool]:
        rows = self.career.list_applications()
        has_companies = bool(rows) or bool(self.career.list_companies())
        return rows, self.links.readiness_scores(), has_companies

    def _apply(self, data: tuple[list[ApplicationRow], dict[int, int], bool]) -> None:
        rows, self._readiness, has_companies = data
        self._rows = rows
        self.pages.setCurrentIndex(0 if rows else 1)  # 1: the empty state
        if not rows:
            self._lead_empty_state(has_companies)
        self.table_model.set_rows(rows, self._readiness)
        self.apply_filter()
        self.detail.show_application(
            self.detail.app_id if any(r.id == self.detail.app_id for r in rows) else None
        )

    def _lead_empty_state(self, has_companies: bool) -> None:
        """An application needs a company: without one, "Add a company…" leads and New
        application waits, saying why; with one, New application leads."""
        self.empty_new.setEnabled(has_companies)
        self.empty_new.setToolTip(
            ""
            if has_companies
            else QCoreApplication.translate("career", "Add a company first (Companies view).")
        )
        self.empty.lead_with(self.empty_new if has_companies else self.empty_add_company)

    def apply_filter(self) -> None:
        """The search box's text filters the columns and the table (rows in memory)."""
        self._filter_timer.stop()
        text = self.search.text()
        self._filter_table(text.casefold())
        needle = text.strip().casefold()
        shown = [
            r
            for r in self._rows
            if not needle
            or needle
            in " ".join(
                [r.company, r.role, r.team or "", r.channel or "", channel_label(r.channel)]
            ).casefold()
        ]
        today = self.ctx.clock.today()
        for status, column in self.columns.items():
            column.model.set_rows([r for r in shown if r.status == status], self._readiness, today)

    def _filter_table(self, needle: str) -> None:
        """The table shows the applications with a cell containing `needle` (casefolded),
        picked in one pass by the model, not a Python call per row and cell from Qt."""
        model = self.table_model
        if not needle:
            model.set_filter(None)
            return

        def choose(rows: list[ApplicationRow]) -> list[ApplicationRow]:
            haystacks = model.haystacks()
            return [r for r in rows if needle in haystacks[r.id]]

        model.set_filter(choose)

    def new_application(self) -> None:
        """The dialog opens on the company the user is looking at (see preselected_company)."""
        app_id = new_application(self, self.ctx, self.preselected_company())
        if app_id is not None:
            self.detail.app_id = app_id  # shown by the reload career_changed brings

    def preselected_company(self) -> int | None:
        """The company the filter names, else that of the application shown, else the one
        selected in the Companies view (`selected_company`, set by the feature)."""
        rows = self.career.list_applications()
        names = [(c.id, c.name) for c in self.career.list_companies()]
        found = company_matching(names, self.search.text())
        if found is not None:
            return found
        shown = next((r for r in rows if r.id == self.detail.app_id), None)
        if shown is not None:
            return shown.company_id
        return self.selected_company()

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
