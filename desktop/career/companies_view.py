"""The Companies view: a filterable table of target companies and a detail pane.

The detail pane shows the company's fields, its readiness with a breakdown and next steps,
Markdown notes with `[[links]]`, linked study items with pass progress, questions with
confidence, applications and backlinks.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.career.common import (
    ROW_ID_ROLE,
    Index,
    PySortProxy,
    RefreshGate,
    RowsModel,
    SortedRowsModel,
    confidence_text,
    run_action,
    small_table,
    status_label,
    try_action,
)
from desktop.career.empty_state import IMPORT_NOTES, CareerEmptyState, import_notes_text
from desktop.career.link_dialog import pick_ids
from desktop.career.loading import ViewLoader
from desktop.career.markdown import MarkdownPane
from desktop.career.new_application import new_application
from desktop.career.selection import enable_with_current
from desktop.context import AppContext
from desktop.i18n import format_date
from desktop.widgets import dialogs
from desktop.widgets import links as web_links
from desktop.widgets.accessible import name_tab_pages
from desktop.widgets.collation import text_sort_key
from desktop.widgets.fit_columns import ColumnFitter, ColumnMenu
from desktop.widgets.pane_follow import PaneFollower
from desktop.widgets.plain import PlainLabel, plain_mnemonic, plain_tooltip
from models.services.career import (
    BOARD_STATUSES,
    CareerService,
    CompanyDetail,
    CompanyInput,
    CompanyRow,
    split_tags,
)
from models.services.library import LibraryService
from models.services.links import LinkService, NextStep, Readiness
from models.services.review import QuestionService


def step_text(step: NextStep) -> str:
    """A next step in the UI language."""
    if step.kind == "pass":
        return QCoreApplication.translate("career", "Do pass {n} of “{title}”").format(
            n=step.number, title=step.title
        )
    if step.kind == "review":
        return QCoreApplication.translate("career", "Review “{title}” (confidence {n}/5)").format(
            n=step.number, title=step.title
        )
    if step.kind == "link_items":
        return QCoreApplication.translate("career", "Link study items that matter for this company")
    return QCoreApplication.translate("career", "Add the questions this company asks and link them")


COLUMN_MIN_PX = 90  # a city, focus or tags column narrower than this shows little but "…"
STEP_PX = 300  # a longer "Next:" line is cut with "…" (the tooltip has all of it)
URL_CHARS = 40  # a link shows this much of a long URL; its tooltip and target are whole


class NextSteps(QWidget):
    """The readiness "Next:" lines, each a link-like button that opens what it names."""

    chosen = Signal(object)  # the NextStep clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NextSteps")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self.caption = PlainLabel(self.tr("Next:"))
        self._layout.addWidget(self.caption)
        self.buttons: list[QToolButton] = []
        self.show_steps(())

    def show_steps(self, steps: Sequence[NextStep]) -> None:
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.hide()  # at once: deleteLater waits for the event loop
            button.deleteLater()
        self.buttons = [self._button(step) for step in steps]
        for button in self.buttons:
            self._layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setVisible(bool(self.buttons))

    def _button(self, step: NextStep) -> QToolButton:
        text = step_text(step)
        button = QToolButton()
        button.setObjectName(f"NextStep_{step.kind}")
        button.setAutoRaise(True)
        one_line = " ".join(text.split())
        shown = button.fontMetrics().elidedText(one_line, Qt.TextElideMode.ElideRight, STEP_PX)
        button.setText(plain_mnemonic(f"• {shown}"))  # in pixels: CJK is twice as wide
        button.setToolTip(plain_tooltip(text))
        button.setAccessibleName(text)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setStyleSheet("color: palette(link); text-align: left;")
        button.clicked.connect(lambda _c=False, s=step: self.chosen.emit(s))
        return button


def shorten(text: str, limit: int) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


class CompaniesModel(SortedRowsModel):
    COLUMNS = ("name", "status", "ready", "priority", "city", "focus", "tags", "website", "careers")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CompanyRow] = []

    def set_rows(self, rows: list[CompanyRow]) -> None:
        self.reset_rows(rows)

    def _sorted(self, rows: list[CompanyRow]) -> list[CompanyRow]:
        """Rows of equal value are listed by name, A to Z, whichever way the column sorts:
        put in name order first, they keep it through the column's stable sort (reversed
        or not), where a name inside the key would be reversed with it."""
        if self._sort is not None:
            name_key = text_sort_key()
            rows = sorted(rows, key=lambda r: name_key(r.name))
        return super()._sorted(rows)

    def sort_key(self, row: CompanyRow, column: int) -> Any:
        name = self.COLUMNS[column]
        if name == "priority":
            return row.priority
        if name == "ready":
            return row.readiness
        if name == "status":
            status = row.application_status
            return BOARD_STATUSES.index(status) if status else -1
        text = {
            "name": row.name,
            "city": row.city or "",
            "focus": row.focus or "",
            "website": row.website or "",
            "careers": row.careers_url or "",
            "tags": ", ".join(row.tags),
        }[name]
        return self.text_key(text)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Name"),
            self.tr("Application"),
            self.tr("Readiness"),
            self.tr("Priority"),
            self.tr("City"),
            self.tr("Focus"),
            self.tr("Tags"),
            self.tr("Website"),
            self.tr("Careers page"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == ROW_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("priority", "ready"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        values: dict[str, Any] = {
            "name": row.name,
            "city": row.city or "",
            "focus": row.focus or "",
            "website": row.website or "",
            "careers": row.careers_url or "",
            "priority": "★" * row.priority if role == Qt.ItemDataRole.DisplayRole else row.priority,
            "tags": ", ".join(row.tags),
            "status": status_label(row.application_status),
            "ready": f"{row.readiness}%",
        }
        value = values[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(str(value))
        return value


class CompanyFilter(PySortProxy):
    """Search (name, city, focus, tags; any case, CJK substrings) and application status."""

    NO_APPLICATION = "__none__"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.status: str | None = None

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, status: str | None) -> None:
        self.beginFilterChange()
        self.status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, CompaniesModel)
        row = model.rows[source_row]
        if self.status == self.NO_APPLICATION and row.application_status is not None:
            return False
        if self.status not in (None, self.NO_APPLICATION) and row.application_status != self.status:
            return False
        if self.text:
            hay = " ".join([row.name, row.city or "", row.focus or "", *row.tags]).casefold()
            return self.text in hay
        return True


class CompanyDialog(QDialog):
    """Add or edit a company's fields (notes are edited in the detail pane)."""

    def __init__(self, parent: QWidget | None, data: CompanyInput | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Company"))
        data = data or CompanyInput(name="")
        self._notes = data.notes
        self.name = QLineEdit(data.name)
        self.city = QLineEdit(data.city or "")
        self.focus = QLineEdit(data.focus or "")
        self.website = QLineEdit(data.website or "")
        self.careers = QLineEdit(data.careers_url or "")
        self.priority = QSpinBox()
        self.priority.setRange(1, 5)
        self.priority.setValue(data.priority)
        self.tags = QLineEdit(", ".join(data.tags))
        self.tags.setPlaceholderText(self.tr("comma-separated"))
        form = QFormLayout(self)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&City:"), self.city)
        form.addRow(self.tr("&Focus:"), self.focus)
        form.addRow(self.tr("&Website:"), self.website)
        form.addRow(self.tr("Ca&reers page:"), self.careers)
        form.addRow(self.tr("&Priority (1-5):"), self.priority)
        form.addRow(self.tr("&Tags:"), self.tags)
        buttons = dialogs.ok_cancel(self)
        form.addRow(buttons)
        self.resize(460, self.sizeHint().height())

    def value(self) -> CompanyInput:
        return CompanyInput(
            name=self.name.text(),
            city=self.city.text(),
            focus=self.focus.text(),
            website=self.website.text(),
            careers_url=self.careers.text(),
            priority=self.priority.value(),
            tags=list(split_tags(self.tags.text())),
            notes=self._notes,
        )


def link_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText)  # built from escaped data only
    label.setOpenExternalLinks(False)
    label.linkActivated.connect(lambda url: web_links.open_url(label, url))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    return label


def url_html(url: str | None) -> str:
    if not url:
        return "—"
    target = html.escape(url, quote=True)
    return f'<a href="{target}">{html.escape(shorten(url, URL_CHARS))}</a>'


class CompanyDetailPane(QWidget):
    """Everything about one company; edits go through the services."""

    open_item = Signal(int)
    open_question = Signal(int)
    open_company = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.career = CareerService(ctx.db, ctx.clock)
        self.links = LinkService(ctx.db, ctx.clock)
        self.company_id: int | None = None

        self.title = PlainLabel(word_wrap=True)
        self.title.setObjectName("CompanyTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.info = PlainLabel(word_wrap=True)
        self.website = link_label()
        self.careers = link_label()
        self.readiness_bar = QProgressBar()
        self.readiness_bar.setRange(0, 100)
        self.readiness_bar.setFormat(self.tr("Readiness %p%"))
        self.breakdown = PlainLabel(word_wrap=True)
        self.steps = NextSteps()
        self.steps.chosen.connect(self._take_step)

        self.notes = MarkdownPane(self.links)
        self.notes.set_accessible_name(self.tr("Notes"))
        self.notes.link_activated.connect(self._follow)
        self.items_model = RowsModel([self.tr("Item"), self.tr("Passes done")])
        self.items_view = small_table(self.items_model)
        self.items_view.doubleClicked.connect(
            lambda index: self._emit_row(self.items_model, index.row(), self.open_item)
        )
        self.questions_model = RowsModel([self.tr("Question"), self.tr("Confidence")])
        self.questions_view = small_table(self.questions_model)
        self.questions_view.doubleClicked.connect(
            lambda index: self._emit_row(self.questions_model, index.row(), self.open_question)
        )
        self.apps_model = RowsModel(
            [self.tr("Role"), self.tr("Status"), self.tr("Next action"), self.tr("Due")]
        )
        self.apps_view = small_table(self.apps_model)
        self.backlinks_model = RowsModel(
            [self.tr("Linked from"), self.tr("Where"), self.tr("Text")]
        )
        self.backlinks_view = small_table(self.backlinks_model, stretch_column=2)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.notes, self.tr("Notes"))
        self.tabs.addTab(self.items_view, self.tr("Items"))
        self.tabs.addTab(self.questions_view, self.tr("Questions"))
        self.tabs.addTab(self.apps_view, self.tr("Applications"))
        self.tabs.addTab(self.backlinks_view, self.tr("Backlinks"))
        name_tab_pages(self.tabs)

        link_items = QPushButton(self.tr("Link &items…"))
        link_items.clicked.connect(self.link_items)
        link_questions = QPushButton(self.tr("Link &questions…"))
        link_questions.clicked.connect(self.link_questions)
        self.new_application_button = QPushButton(self.tr("New a&pplication…"))
        self.new_application_button.setObjectName("CompanyNewApplication")
        self.new_application_button.clicked.connect(self.new_application)
        link_row = QHBoxLayout()
        link_row.addWidget(link_items)
        link_row.addWidget(link_questions)
        link_row.addWidget(self.new_application_button)
        link_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Website:"), self.website)
        form.addRow(self.tr("Careers:"), self.careers)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.info)
        layout.addLayout(form)
        layout.addWidget(self.readiness_bar)
        layout.addWidget(self.breakdown)
        layout.addWidget(self.steps)
        layout.addLayout(link_row)
        layout.addWidget(self.tabs, 1)
        self.show_company(None)

    def show_company(self, company_id: int | None) -> None:
        self.notes.flush()
        self.company_id = company_id
        detail: CompanyDetail | None = None
        if company_id is not None:
            detail = run_action(self, lambda: self.career.get_company(company_id))
        if detail is None:
            self.company_id = None
            self.title.setText(self.tr("No company selected"))
            for w in (self.info, self.breakdown):
                w.setText("")
            self.steps.show_steps(())
            self.website.setText("—")
            self.careers.setText("—")
            self.readiness_bar.setValue(0)
            self.notes.load("", None)
            for m in (
                self.items_model,
                self.questions_model,
                self.apps_model,
                self.backlinks_model,
            ):
                m.set_rows([])
            self.setEnabled(False)
            return
        self.setEnabled(True)
        self.title.setText(detail.name)
        parts = [p for p in (detail.city, detail.focus, ", ".join(detail.tags)) if p]
        parts.append(self.tr("priority {n}/5").format(n=detail.priority))
        self.info.setText(" · ".join(parts))
        self.website.setText(url_html(detail.website))
        self.careers.setText(url_html(detail.careers_url))
        self.website.setToolTip(plain_tooltip(detail.website or ""))
        self.careers.setToolTip(plain_tooltip(detail.careers_url or ""))
        cid = detail.id
        self.notes.load(detail.notes, lambda text: self._save_notes(cid, text))
        self.apps_model.set_rows(
            [
                (
                    a.id,
                    [
                        a.role,
                        status_label(a.status),
                        a.next_action or "",
                        format_date(a.next_action_due),
                    ],
                )
                for a in detail.applications
            ]
        )
        self.show_readiness(self.links.readiness(cid))
        self.backlinks_model.set_rows(
            [
                (b.source.id, [b.source.title, b.where, b.snippet])
                for b in self.links.backlinks("company", cid)
            ]
        )

    def show_readiness(self, r: Readiness) -> None:
        self.readiness_bar.setValue(r.score)
        parts = []
        if r.items_score is not None:
            parts.append(
                self.tr("Items: {score}% of passes done ({n} linked)").format(
                    score=r.items_score, n=len(r.items)
                )
            )
        if r.questions_score is not None:
            parts.append(
                self.tr("Questions: {score}% confidence ({n} linked)").format(
                    score=r.questions_score, n=len(r.questions)
                )
            )
        self.breakdown.setText("   ".join(parts))
        self.steps.show_steps(r.next_steps)
        self.items_model.set_rows(
            [(i.id, [i.title, f"{i.passes_done}/{i.passes_total}"]) for i in r.items]
        )
        self.questions_model.set_rows(
            [(q.id, [q.text, confidence_text(q.confidence)]) for q in r.questions]
        )

    def link_items(self) -> None:
        """Pick the study items that matter for this company."""
        if self.company_id is None:
            return
        company_id = self.company_id
        items, _questions = self.links.company_links(company_id)
        rows = [
            (r.id, [r.title, r.category or ""])
            for r in LibraryService(self.ctx.db, self.ctx.clock).list_items()
        ]
        chosen = pick_ids(
            self,
            self.tr("Items for this company"),
            [self.tr("Item"), self.tr("Category")],
            rows,
            set(items),
        )
        if chosen is not None and try_action(
            self, lambda: self.links.set_company_links(company_id, chosen)
        ):
            self.ctx.events.career_changed.emit()

    def link_questions(self) -> None:
        """Pick the bank questions this company asks."""
        if self.company_id is None:
            return
        company_id = self.company_id
        items, questions = self.links.company_links(company_id)
        rows = [
            (q.id, [q.text, q.category or ""])
            for q in QuestionService(self.ctx.db, self.ctx.clock).list_questions()
        ]
        chosen = pick_ids(
            self,
            self.tr("Questions this company asks"),
            [self.tr("Question"), self.tr("Category")],
            rows,
            set(questions),
        )
        if chosen is not None and try_action(
            self, lambda: self.links.set_company_links(company_id, items, chosen)
        ):
            self.ctx.events.career_changed.emit()

    def new_application(self) -> None:
        """An application to this company; the Applications tab then shows it."""
        if self.company_id is None:
            return
        if new_application(self, self.ctx, self.company_id) is not None:
            self.tabs.setCurrentWidget(self.apps_view)

    def _save_notes(self, company_id: int, text: str) -> None:
        if try_action(self, lambda: self.career.set_company_notes(company_id, text)):
            self.ctx.events.career_changed.emit()

    def _take_step(self, step: NextStep) -> None:
        """A Next line was clicked: open what it names, or the picker it asks for."""
        if step.kind == "pass" and step.target_id is not None:
            self.open_item.emit(step.target_id)
        elif step.kind == "review" and step.target_id is not None:
            self.open_question.emit(step.target_id)
        elif step.kind == "link_items":
            self.link_items()
        elif step.kind == "link_questions":
            self.link_questions()

    def _emit_row(self, model: RowsModel, row: int, signal: Any) -> None:
        row_id = model.row_id(row)
        if row_id is not None:
            signal.emit(row_id)

    def _follow(self, kind: str, target_id: int) -> None:
        {"item": self.open_item, "question": self.open_question, "company": self.open_company}[
            kind
        ].emit(target_id)


class CompaniesView(QWidget):
    """Table of companies (search, status filter) beside the detail pane."""

    open_question = Signal(int)
    import_requested = Signal(str)  # the objectName of an Import menu action

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.career = CareerService(ctx.db, ctx.clock)
        self.model = CompaniesModel(self)
        self.proxy = CompanyFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search companies…"))
        self.search.setAccessibleName(self.tr("Search companies"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Application status"))
        self.status_filter.addItem(self.tr("Any application status"), None)
        self.status_filter.addItem(self.tr("No application yet"), CompanyFilter.NO_APPLICATION)
        for status in BOARD_STATUSES:
            self.status_filter.addItem(status_label(status), status)
        self.status_filter.currentIndexChanged.connect(
            lambda _i: self.proxy.set_status(self.status_filter.currentData())
        )
        add = QPushButton(self.tr("&Add…"))
        add.clicked.connect(self.add_company)
        edit = QPushButton(self.tr("&Edit…"))
        edit.clicked.connect(self.edit_company)
        delete = QPushButton(self.tr("&Delete"))
        delete.clicked.connect(self.delete_company)

        self.detail = CompanyDetailPane(ctx)
        self.detail.open_item.connect(ctx.events.item_selected.emit)
        self.detail.open_company.connect(self.select_company)
        self.detail.open_question.connect(self.open_question.emit)
        self.table = QTableView()
        self.table.setObjectName("CompaniesTable")
        self.table.setAccessibleName(self.tr("Companies"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # priority
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # the columns share the table's width (no horizontal scrolling); application,
        # readiness and priority take their contents' width, the name is shown whole (it is
        # what the user scans); in a narrow window tags, city, focus, priority and readiness
        # step aside in that order rather than every column being elided. The header's
        # menu shows or hides columns (remembered); the website and careers page are
        # hidden at first: they are links in the company pane.
        self.columns = ColumnFitter(
            self.table,
            {0: 3, 4: 2, 5: 3, 6: 2, 7: 2, 8: 2},
            minimum=COLUMN_MIN_PX,
            whole={0},
            drop_order=(8, 7, 6, 4, 5, 3, 2),
        )
        self.column_menu = ColumnMenu(
            self.columns, "companies/hiddenColumns", CompaniesModel.COLUMNS, {7, 8}
        )
        # a held Down highlights each row at once and renders the pane once the keys pause
        self.follower = PaneFollower(
            self.table, lambda: self.detail.show_company(self.current_id())
        )
        self.table.doubleClicked.connect(lambda _i: self.edit_company())
        enable_with_current(self.table, (edit, delete), lambda: self.current_id() is not None)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

        # two short rows rather than one long one: the search stays usable in a 1024 px window
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.status_filter)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(add)
        actions.addWidget(edit)
        actions.addWidget(delete)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        left_layout.addLayout(actions)
        left_layout.addWidget(self.table, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 420])
        self.empty = CareerEmptyState(
            "EmptyCompanies",
            self.tr("No target companies yet"),
            self.tr(
                "List the companies you are preparing for: link the items and interview "
                "questions that matter to each and see how ready you are, with what to do "
                "next. Import them from your study notes (a section listing companies), or "
                "add them by hand."
            ),
        )
        self.empty.add_button(
            import_notes_text(),
            "EmptyCompaniesImport",
            lambda: self.import_requested.emit(IMPORT_NOTES),
        )
        self.empty.add_button(self.tr("Add a company…"), "EmptyCompaniesAdd", self.add_company)
        self.pages = QStackedWidget()
        self.pages.addWidget(splitter)
        self.pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.loader = ViewLoader(self, "companies", ctx.db, self._read, self._apply, self.pages)
        self.gate = RefreshGate(self, self.loader.load)
        ctx.events.career_changed.connect(self.gate.request)
        ctx.events.items_changed.connect(self.gate.request)
        self.loader.load()

    def context_menu(self) -> QMenu:
        """What a right click on a company offers (built per click: the actions act on it)."""
        menu = QMenu(self)
        menu.setObjectName("CompanyContextMenu")
        selected = self.current_id() is not None
        for text, slot in (
            (self.tr("New application…"), self.detail.new_application),
            (self.tr("Edit…"), self.edit_company),
            (self.tr("Delete"), self.delete_company),
        ):
            action = menu.addAction(text)
            action.setEnabled(selected)
            action.triggered.connect(slot)
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid():
            self.table.selectRow(index.row())
        menu = self.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        value = self.proxy.data(index, ROW_ID_ROLE)
        return int(value) if value is not None else None

    def _search(self, text: str) -> None:
        with self.follower.deferred(self.search):  # the pane once typing pauses
            self.proxy.set_text(text)

    def refresh(self) -> None:
        """Reload rows keeping the selection (after any career or library change); at once
        (a large library's change signals read in a worker: self.loader)."""
        self.loader.now()

    def _read(self) -> list[CompanyRow]:
        return self.career.list_companies()

    def _apply(self, rows: list[CompanyRow]) -> None:
        selected = self.current_id()
        self.model.set_rows(rows)
        self.pages.setCurrentIndex(0 if self.model.rows else 1)  # 1: the empty state
        if selected is not None:
            self._select_visible(selected)
        elif self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        else:
            self.detail.show_company(None)

    def select_company(self, company_id: int) -> bool:
        """Show a company, clearing the search and filter if they hide it (navigation)."""
        if self._select_visible(company_id):
            return True
        if self.search.text() or self.status_filter.currentIndex() > 0:
            self.search.clear()
            self.status_filter.setCurrentIndex(0)
            if self._select_visible(company_id):
                return True
        self.refresh()  # made since the last reload (this view reloads lazily while hidden)
        return self._select_visible(company_id)

    def _select_visible(self, company_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.data(self.proxy.index(row, 0), ROW_ID_ROLE) == company_id:
                self.table.selectRow(row)
                self.detail.show_company(company_id)
                return True
        return False

    def add_company(self) -> None:
        dialog = CompanyDialog(self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            new_id = run_action(self, lambda: self.career.add_company(dialog.value()))
            if new_id is not None:
                self.ctx.events.career_changed.emit()
                self.select_company(new_id)
                return

    def edit_company(self) -> None:
        company_id = self.current_id()
        if company_id is None:
            return
        self.detail.notes.flush()
        detail = self.career.get_company(company_id)
        dialog = CompanyDialog(self, detail.to_input())
        while dialog.exec() == QDialog.DialogCode.Accepted:
            if try_action(self, lambda: self.career.update_company(company_id, dialog.value())):
                self.ctx.events.career_changed.emit()
                return

    def delete_company(self) -> None:
        company_id = self.current_id()
        if company_id is None:
            return
        name = self.proxy.data(self.proxy.index(self.table.currentIndex().row(), 0))
        if dialogs.confirm(
            self,
            self.tr("Delete company"),
            self.tr("Delete {name} with its applications and links?").format(name=name),
        ) and try_action(self, lambda: self.career.delete_company(company_id)):
            self.ctx.events.career_changed.emit()
