"""The question bank: a filterable table, a "review today" queue and a detail pane.

The detail pane edits the Markdown answer (with `[[links]]`), grades a review with four
buttons (keys 1–4, the grades FSRS schedules with: models/services/review_schedule.py), and
lists the items that answer the question, the companies that asked it (with rounds), reviews
and backlinks. In the "review today" queue the answer stays hidden until shown (Space), as
in Anki: the buttons and their keys grade only once it is; Ctrl+Z takes the last grade back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
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
    kind_label,
    run_action,
    small_table,
    try_action,
)
from desktop.career.empty_state import (
    IMPORT_FASTAI,
    IMPORT_NOTES,
    CareerEmptyState,
    import_notes_text,
)
from desktop.career.link_dialog import pick_ids
from desktop.career.loading import ViewLoader
from desktop.career.markdown import MarkdownPane
from desktop.career.selection import enable_with_current
from desktop.context import AppContext
from desktop.i18n import format_date
from desktop.widgets import dialogs
from desktop.widgets.accessible import name_tab_pages
from desktop.widgets.flow import FlowLayout
from desktop.widgets.formatting import format_stamp
from desktop.widgets.pane_follow import PaneFollower
from desktop.widgets.plain import PlainLabel, plain_tooltip
from models.services.career import CareerService, split_tags
from models.services.library import LibraryService
from models.services.links import LinkService
from models.services.review import (
    BUTTON_GRADES,
    Graded,
    QuestionInput,
    QuestionRow,
    QuestionService,
)


@dataclass(frozen=True)
class QuestionsData:
    """The bank as read for the view (in a worker for a large library)."""

    today: date
    rows: list[QuestionRow]
    queue: set[int]  # ids in today's review queue
    categories: list[str]


class QuestionsModel(SortedRowsModel):
    COLUMNS = ("text", "category", "confidence", "due")

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[QuestionRow] = []
        self.today = today
        self.due_ids: set[int] = set()
        self._haystacks: dict[int, str] = {}  # id -> searchable text, for this load

    def set_rows(self, rows: list[QuestionRow], today: date, due_ids: set[int]) -> None:
        """`due_ids`: the day's queue (the service's: reviews due, new ones up to the limit)."""
        self.today = today
        self.due_ids = due_ids
        self._haystacks = {}
        self.reset_rows(rows)

    def haystacks(self) -> dict[int, str]:
        """What the search box looks in (text, category, tags) by id, casefolded once per
        load."""
        if len(self._haystacks) != len(self.loaded):
            self._haystacks = {
                r.id: " ".join([r.text, r.category or "", *r.tags]).casefold() for r in self.loaded
            }
        return self._haystacks

    def sort_key(self, row: QuestionRow, column: int) -> Any:
        name = self.COLUMNS[column]
        if name == "confidence":
            return (row.confidence, row.id)
        if name == "due":
            return (row.due_on is not None, row.due_on or self.today, row.id)
        if name == "category":
            return (self.text_key(row.category or ""), row.id)
        return (self.text_key(row.text), row.id)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Question"), self.tr("Category"), self.tr("Confidence"), self.tr("Due"))[
            section
        ]

    def is_due(self, row: QuestionRow) -> bool:
        return row.id in self.due_ids

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == ROW_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and column == "due" and self.is_due(row):
            return QColor("#4f86c6") if row.due_on is None else QColor("#c0504d")
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._text(row, column))
        return None

    def _text(self, row: QuestionRow, column: str) -> str:
        if column == "text":
            return row.text
        if column == "category":
            return row.category or ""
        if column == "confidence":
            return confidence_text(row.confidence)
        if row.due_on is None:
            return self.tr("New")
        return self.tr("today") if row.due_on == self.today else format_date(row.due_on)


class QuestionFilter(PySortProxy):
    """Search text, category and the review-today queue.

    The model shows the questions that pass, chosen in one pass over its rows
    (`SortedRowsModel.set_filter`; each question's searchable text casefolded once per
    load): Qt's filterAcceptsRow was a Python call per question per keystroke, and each
    joined and casefolded the question's text again, ~10-40 ms a key at 5k questions (#17).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.category: str | None = None
        self.due_only = False

    def configure(self, text: str, category: str | None, due_only: bool) -> None:
        self.text = needle = text.strip().casefold()
        self.category = category
        self.due_only = due_only
        model = self.sourceModel()
        assert isinstance(model, QuestionsModel)
        if not (needle or category or due_only):
            model.set_filter(None)
            return

        def choose(rows: list[QuestionRow]) -> list[QuestionRow]:
            due = model.due_ids
            haystacks = model.haystacks() if needle else {}
            return [
                r
                for r in rows
                if (not due_only or r.id in due)
                and (not category or r.category == category)
                and (not needle or needle in haystacks[r.id])
            ]

        model.set_filter(choose)


class QuestionDialog(QDialog):
    """Add or edit a question's text, category, tags and confidence."""

    def __init__(
        self, parent: QWidget | None, categories: list[str], data: QuestionInput | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Question"))
        data = data or QuestionInput(text="")
        self._answer = data.answer
        self.text = QPlainTextEdit(data.text)
        self.text.setMaximumHeight(80)
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.addItems(["", *categories])
        self.category.setCurrentText(data.category or "")
        self.tags = QLineEdit(", ".join(data.tags))
        self.detail = QPlainTextEdit(data.detail)
        self.detail.setPlaceholderText(self.tr("Sub-points (Markdown)"))
        self.detail.setMaximumHeight(100)
        self.confidence = QSpinBox()
        self.confidence.setRange(0, 5)
        self.confidence.setSpecialValueText(self.tr("not rated"))
        self.confidence.setValue(data.confidence)
        form = QFormLayout(self)
        form.addRow(self.tr("&Question:"), self.text)
        form.addRow(self.tr("&Category:"), self.category)
        form.addRow(self.tr("&Tags:"), self.tags)
        form.addRow(self.tr("&Details:"), self.detail)
        form.addRow(self.tr("C&onfidence:"), self.confidence)
        buttons = dialogs.ok_cancel(self)
        form.addRow(buttons)
        self.resize(480, self.sizeHint().height())

    def value(self) -> QuestionInput:
        return QuestionInput(
            text=self.text.toPlainText(),
            category=self.category.currentText(),
            tags=list(split_tags(self.tags.text())),
            answer=self._answer,
            detail=self.detail.toPlainText(),
            confidence=self.confidence.value(),
        )


class QuestionDetailPane(QWidget):
    """One question: answer editor, review buttons, links, reviews and backlinks."""

    reviewed = Signal(object)  # the Graded the service returned
    open_item = Signal(int)
    open_company = Signal(int)
    open_question = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.questions = QuestionService(ctx.db, ctx.clock)
        self.links = LinkService(ctx.db, ctx.clock)
        self.question_id: int | None = None
        self.quiz = False  # the review queue: each question opens with its answer hidden
        self.answer_shown = True
        self.title = PlainLabel(word_wrap=True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.meta = PlainLabel(word_wrap=True)
        self.schedule = PlainLabel(word_wrap=True)
        self.rating_buttons: dict[str, QPushButton] = {}
        rating_row = FlowLayout(spacing=6)  # wraps in a narrow pane rather than widen it
        rating_row.addWidget(QLabel(self.tr("Review:")))
        self.show_answer_button = QPushButton(self.tr("Show answer (Space)"))
        self.show_answer_button.setShortcut(QKeySequence(Qt.Key.Key_Space))
        self.show_answer_button.clicked.connect(lambda: self.show_answer(True))
        rating_row.addWidget(self.show_answer_button)
        self.grade_labels = {
            "again": self.tr("Again"),
            "hard": self.tr("Hard"),
            "good": self.tr("Good"),
            "easy": self.tr("Easy"),
        }
        tips = {
            "again": self.tr("Forgotten: it comes back tomorrow"),
            "hard": self.tr("Recalled, with effort"),
            "good": self.tr("Recalled"),
            "easy": self.tr("Recalled at once: it comes back much later"),
        }
        for number, (key, label) in enumerate(self.grade_labels.items(), start=1):
            button = QPushButton(f"{label} ({number})")
            button.setShortcut(QKeySequence(str(number)))  # inactive while disabled
            button.setToolTip(tips[key])
            button.clicked.connect(lambda _c=False, k=key: self.rate(k))
            button.setMinimumWidth(56)  # below the style's 80 px: the pane fits a 1024 px window
            self.rating_buttons[key] = button
            rating_row.addWidget(button)
        link_items = QPushButton(self.tr("Link &items…"))
        link_items.clicked.connect(self.link_items)
        link_companies = QPushButton(self.tr("Link &companies…"))
        link_companies.clicked.connect(self.link_companies)
        # the schedule wraps on its own line; the link buttons share the line below
        schedule_row = QVBoxLayout()
        schedule_row.addWidget(self.schedule)
        link_row = QHBoxLayout()
        link_row.addWidget(link_items)
        link_row.addWidget(link_companies)
        link_row.addStretch(1)
        schedule_row.addLayout(link_row)
        self.answer = MarkdownPane(self.links)
        self.answer.set_accessible_name(self.tr("Answer"))
        self.answer.link_activated.connect(self._follow)
        self.answer_hidden = QLabel(self.tr("Recall the answer, then show it (Space)."))
        self.answer_hidden.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.answer_hidden.setProperty("role", "muted")
        answer_page = QWidget()
        answer_layout = QVBoxLayout(answer_page)
        answer_layout.setContentsMargins(0, 0, 0, 0)
        answer_layout.addWidget(self.answer)
        answer_layout.addWidget(self.answer_hidden)
        self.detail_text = PlainLabel(word_wrap=True)
        self.items_model = RowsModel([self.tr("Item"), self.tr("Passes done")])
        items_view = small_table(self.items_model)
        items_view.doubleClicked.connect(lambda i: self._emit(self.items_model, i, self.open_item))
        self.companies_model = RowsModel([self.tr("Company"), self.tr("Asked in")])
        companies_view = small_table(self.companies_model, stretch_column=1)
        companies_view.doubleClicked.connect(
            lambda i: self._emit(self.companies_model, i, self.open_company)
        )
        self.reviews_model = RowsModel([self.tr("When"), self.tr("Grade")])
        self.backlinks_model = RowsModel(
            [self.tr("Linked from"), self.tr("Where"), self.tr("Text")]
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(answer_page, self.tr("Answer"))
        self.tabs.addTab(items_view, self.tr("Items"))
        self.tabs.addTab(companies_view, self.tr("Companies"))
        self.tabs.addTab(small_table(self.reviews_model, stretch_column=1), self.tr("Reviews"))
        self.tabs.addTab(small_table(self.backlinks_model, stretch_column=2), self.tr("Backlinks"))
        name_tab_pages(self.tabs)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.detail_text)
        layout.addLayout(rating_row)
        layout.addLayout(schedule_row)
        layout.addWidget(self.tabs, 1)
        self.show_question(None)

    def show_question(self, question_id: int | None) -> None:
        self.answer.flush()
        self.question_id = question_id
        detail = (
            run_action(self, lambda: self.questions.get_question(question_id))
            if question_id is not None
            else None
        )
        if detail is None:
            self.question_id = None
            self.title.setText(self.tr("No question selected"))
            for label in (self.meta, self.schedule, self.detail_text):
                label.setText("")
            self.answer.load("", None)
            for m in (
                self.items_model,
                self.companies_model,
                self.reviews_model,
                self.backlinks_model,
            ):
                m.set_rows([])
            self.setEnabled(False)
            return
        self.setEnabled(True)
        self.show_answer(not self.quiz)
        self.title.setText(detail.text)
        meta = [p for p in (detail.category, ", ".join(detail.tags)) if p]
        meta.append(self.tr("confidence {stars}").format(stars=confidence_text(detail.confidence)))
        self.meta.setText(" · ".join(meta))
        self.detail_text.setText(detail.detail)
        self.detail_text.setVisible(bool(detail.detail))
        if detail.due_on is None:
            self.schedule.setText(self.tr("New: not reviewed yet."))
        elif detail.stability is None or detail.difficulty is None:  # a schedule without history
            self.schedule.setText(
                self.tr("Next review {due} (every {days} d, {n} in a row)").format(
                    due=format_date(detail.due_on), days=detail.interval_days, n=detail.repetitions
                )
            )
        else:
            self.schedule.setText(
                self.tr(
                    "Next review {due} (every {days} d, {n} in a row; stability {stability:.1f} d,"
                    " difficulty {difficulty:.1f} of 10)"
                ).format(
                    due=format_date(detail.due_on),
                    days=detail.interval_days,
                    n=detail.repetitions,
                    stability=detail.stability,
                    difficulty=detail.difficulty,
                )
            )
        qid = detail.id
        self.answer.load(detail.answer, lambda text: self._save_answer(qid, text))
        self.items_model.set_rows([(i.id, [i.title, f"{i.passes_done}/3"]) for i in detail.items])
        self.companies_model.set_rows(
            [
                (
                    c.company_id,
                    [
                        c.company,
                        "; ".join(
                            f"{format_date(d) if d else '?'} {kind_label(k)}" for d, k in c.rounds
                        ),
                    ],
                )
                for c in detail.companies
            ]
        )
        self.reviews_model.set_rows(
            [
                (None, [format_stamp(r.reviewed_at), self._grade_text(r.rating)])
                for r in reversed(detail.reviews)
            ]
        )
        self.backlinks_model.set_rows(
            [
                (b.source.id, [b.source.title, b.where, b.snippet])
                for b in self.links.backlinks("question", qid)
            ]
        )

    def link_items(self) -> None:
        """Pick the study items that answer this question."""
        if self.question_id is None:
            return
        qid = self.question_id
        detail = self.questions.get_question(qid)
        rows = [
            (r.id, [r.title, r.category or ""])
            for r in LibraryService(self.ctx.db, self.ctx.clock).list_items()
        ]
        chosen = pick_ids(
            self,
            self.tr("Items that answer this question"),
            [self.tr("Item"), self.tr("Category")],
            rows,
            {i.id for i in detail.items},
        )
        companies = [c.company_id for c in detail.companies]
        if chosen is not None and try_action(
            self, lambda: self.links.set_question_links(qid, chosen, companies)
        ):
            self.ctx.events.career_changed.emit()

    def link_companies(self) -> None:
        """Pick the companies that ask this question."""
        if self.question_id is None:
            return
        qid = self.question_id
        detail = self.questions.get_question(qid)
        rows = [(c.id, [c.name, c.city or ""]) for c in CareerService(self.ctx.db).list_companies()]
        chosen = pick_ids(
            self,
            self.tr("Companies that ask this question"),
            [self.tr("Company"), self.tr("City")],
            rows,
            {c.company_id for c in detail.companies},
        )
        items = [i.id for i in detail.items]
        if chosen is not None and try_action(
            self, lambda: self.links.set_question_links(qid, items, chosen)
        ):
            self.ctx.events.career_changed.emit()

    def set_quiz(self, on: bool) -> None:
        """In the review queue the answer waits to be shown; elsewhere it is on view."""
        self.quiz = on
        if self.question_id is not None:
            self.show_answer(not on)

    def show_answer(self, shown: bool) -> None:
        """Grading (buttons and keys 1–4) is for an answer that was recalled, then seen."""
        self.answer_shown = shown
        self.answer.setVisible(shown)
        self.answer_hidden.setVisible(not shown)
        self.show_answer_button.setVisible(not shown)
        for button in self.rating_buttons.values():
            button.setEnabled(shown)
        if shown and self.quiz:
            self.tabs.setCurrentIndex(0)

    def rate(self, key: str) -> None:
        if self.question_id is None or not self.answer_shown:
            return
        qid = self.question_id
        self.answer.flush()
        graded = run_action(self, lambda: self.questions.grade(qid, BUTTON_GRADES[key]))
        if isinstance(graded, Graded):
            self.reviewed.emit(graded)
            self.ctx.events.career_changed.emit()
            due = graded.row.due_on
            self.ctx.events.status_message.emit(
                self.tr("{grade}: next review {due}. Ctrl+Z takes the grade back.").format(
                    grade=self.grade_labels[key], due=format_date(due) if due else ""
                )
            )

    def _grade_text(self, grade: int) -> str:
        """A logged 0–5 grade as the button that gives it (older logs hold 0 and 2 too)."""
        key = ("again", "again", "again", "hard", "good", "easy")[grade] if 0 <= grade <= 5 else ""
        return f"{self.grade_labels[key]} ({grade})" if key else str(grade)

    def _save_answer(self, question_id: int, text: str) -> None:
        if try_action(self, lambda: self.questions.set_answer(question_id, text)):
            self.ctx.events.career_changed.emit()

    def _emit(self, model: RowsModel, index: QModelIndex, signal: Any) -> None:
        row_id = model.row_id(index.row())
        if row_id is not None:
            signal.emit(row_id)

    def _follow(self, kind: str, target_id: int) -> None:
        {"item": self.open_item, "question": self.open_question, "company": self.open_company}[
            kind
        ].emit(target_id)


class QuestionsView(QWidget):
    """The bank table with search, category filter and the review-today queue."""

    open_company = Signal(int)
    import_requested = Signal(str)  # the objectName of an Import menu action

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.questions = QuestionService(ctx.db, ctx.clock)
        self.model = QuestionsModel(ctx.clock.today(), self)
        self.proxy = QuestionFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search questions…"))
        self.search.setAccessibleName(self.tr("Search questions"))
        self.search.setMinimumWidth(110)
        self.search.setClearButtonEnabled(True)
        self.category = QComboBox()
        self.category.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.category.setMinimumContentsLength(11)  # "All categories" without clipping
        self.category.setAccessibleName(self.tr("Category"))
        self.due_only = QCheckBox(self.tr("Review today"))
        for signal in (self.search.textChanged, self.category.currentIndexChanged):
            signal.connect(self._filter)
        self.due_only.toggled.connect(self._filter)
        add = QPushButton(self.tr("&Add…"))
        add.clicked.connect(self.add_question)
        edit = QPushButton(self.tr("&Edit…"))
        edit.clicked.connect(self.edit_question)
        delete = QPushButton(self.tr("&Delete"))
        delete.clicked.connect(self.delete_question)
        for button in (add, edit, delete):
            button.setMinimumWidth(56)  # below the style's 80 px: fits a 1024 px window
        self.detail = QuestionDetailPane(ctx)
        self.detail.reviewed.connect(self._after_review)
        self.detail.open_item.connect(ctx.events.item_selected.emit)
        self.detail.open_question.connect(self.select_question)
        self.detail.open_company.connect(self.open_company.emit)
        self.table = QTableView()
        self.table.setObjectName("QuestionsTable")
        self.table.setAccessibleName(self.tr("Questions"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        for column, width in ((1, 96), (2, 78), (3, 78)):  # fixed: no per-row measuring
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            # never narrower than the header's own (translated) title
            self.table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        # a held Down highlights each row at once and renders the pane once the keys pause;
        # any other key (Space, the grades) shows the row first: it acts on the pane's row
        self.follower = PaneFollower(
            self.table, lambda: self.detail.show_question(self.current_id())
        )
        self.table.doubleClicked.connect(lambda _i: self.edit_question())
        enable_with_current(self.table, (edit, delete), lambda: self.current_id() is not None)
        # two short rows rather than one long one: the view fits a 1024 px window
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.category)
        actions = QHBoxLayout()
        actions.addWidget(self.due_only)
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
        splitter.setObjectName("QuestionsSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 540])
        self.empty = CareerEmptyState(
            "EmptyQuestions",
            self.tr("No interview questions yet"),
            self.tr(
                "Keep the questions interviews ask, with your answers, and review them on "
                "a spaced schedule until you are sure of them. Import them from your study "
                "notes or from the questionnaires of the fast.ai book, turn a "
                '"didn\'t understand" point of a pass into a question, or add them by hand.'
            ),
        )
        self.empty.add_button(
            import_notes_text(),
            "EmptyQuestionsImportNotes",
            lambda: self.import_requested.emit(IMPORT_NOTES),
        )
        self.empty.add_button(
            self.tr("Import the fast.ai questionnaires…"),
            "EmptyQuestionsImportFastai",
            lambda: self.import_requested.emit(IMPORT_FASTAI),
        )
        self.empty.add_button(self.tr("Add a question…"), "EmptyQuestionsAdd", self.add_question)
        self.pages = QStackedWidget()
        self.pages.addWidget(splitter)
        self.pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self._advance_after: int | None = None
        self._grades: list[Graded] = []  # what Ctrl+Z takes back, latest last
        self.loader = ViewLoader(self, "questions", ctx.db, self._read, self._apply, self.pages)
        self.gate = RefreshGate(self, self.loader.load)
        ctx.events.career_changed.connect(self.gate.request)
        ctx.events.items_changed.connect(self.gate.request)
        self.loader.load()

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        value = self.proxy.data(index, ROW_ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def refresh(self) -> None:
        """Reload at once (a large library's change signals read in a worker: self.loader)."""
        self.loader.now()

    def _read(self) -> QuestionsData:
        today = self.ctx.clock.today()
        queue = {r.id for r in self.questions.due_questions(today)}
        return QuestionsData(
            today, self.questions.list_questions(), queue, self.questions.categories()
        )

    def _apply(self, data: QuestionsData) -> None:
        selected = self.current_id()
        current_row = self.table.currentIndex().row()
        self.model.set_rows(data.rows, data.today, data.queue)
        self.pages.setCurrentIndex(0 if self.model.loaded else 1)  # 1: the empty state
        categories = data.categories
        chosen = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(self.tr("All categories"), None)
        for name in categories:
            self.category.addItem(name, name)
        self.category.setCurrentIndex(max(0, self.category.findData(chosen)))
        self.category.blockSignals(False)
        self.due_only.setText(
            self.tr("Review today ({n})").format(
                n=sum(1 for r in self.model.loaded if self.model.is_due(r))
            )
        )
        if self._advance_after is not None:
            # in the queue a reviewed question leaves: go on with the one now at its place
            self._advance_after = None
            if self.proxy.rowCount():
                self.table.selectRow(min(max(current_row, 0), self.proxy.rowCount() - 1))
                return
        if selected is not None and self._select_visible(selected):
            return
        if self.proxy.rowCount():
            self.table.selectRow(0)
        else:
            self.detail.show_question(None)

    def _after_review(self, graded: Graded) -> None:
        self._grades.append(graded)
        if self.due_only.isChecked():
            self._advance_after = graded.row.id

    def undo_grade(self) -> None:
        """Take the last grade back (Ctrl+Z) and show its question again."""
        if not self._grades:
            return
        graded = self._grades.pop()
        self.detail.answer.flush()
        if run_action(self, lambda: self.questions.undo_grade(graded)) is None:
            return
        self.ctx.events.career_changed.emit()
        self.ctx.events.status_message.emit(
            self.tr("Grade taken back: “{question}” is as it was.").format(question=graded.row.text)
        )
        self.refresh()
        self.select_question(graded.row.id)

    def event(self, event: QEvent) -> bool:
        """Ctrl+Z is the view's while a grade can be taken back: claimed before any
        window-wide Undo (the library's), so the shortcut is never ambiguous; a text field
        with the focus keeps its own Undo (it claims the key first)."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and self._grades
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Undo)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._grades and event.matches(QKeySequence.StandardKey.Undo):
            event.accept()
            self.undo_grade()
            return
        super().keyPressEvent(event)

    def _filter(self) -> None:
        if self.detail.quiz != self.due_only.isChecked():
            self.detail.set_quiz(self.due_only.isChecked())
        # the pane follows a row the filter moved to once typing pauses (a question's pane
        # is ~10 ms: typing in 5k questions stays within a frame per key)
        with self.follower.deferred(self.search):
            self.proxy.configure(
                self.search.text(), self.category.currentData(), self.due_only.isChecked()
            )
            if not self.table.currentIndex().isValid() and self.proxy.rowCount():
                self.table.selectRow(0)
            elif self.current_id() != self.detail.question_id:
                self.follower.row_changed()  # the filter hid it: no signal says so

    def _select_visible(self, question_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.data(self.proxy.index(row, 0), ROW_ID_ROLE) == question_id:
                self.table.selectRow(row)
                self.detail.show_question(question_id)
                return True
        return False

    def select_question(self, question_id: int) -> bool:
        """Show a question, clearing the search and filters if they hide it (navigation)."""
        if self._select_visible(question_id):
            return True
        if self.search.text() or self.due_only.isChecked() or self.category.currentIndex() > 0:
            self.search.clear()
            self.due_only.setChecked(False)
            self.category.setCurrentIndex(0)
            if self._select_visible(question_id):
                return True
        self.refresh()  # made since the last reload (this view reloads lazily while hidden)
        return self._select_visible(question_id)

    def add_question(self) -> None:
        dialog = QuestionDialog(self, self.questions.categories())
        while dialog.exec() == QDialog.DialogCode.Accepted:
            new_id = run_action(self, lambda: self.questions.add_question(dialog.value()))
            if new_id:
                self.ctx.events.career_changed.emit()
                self.select_question(new_id)
                return

    def edit_question(self) -> None:
        question_id = self.current_id()
        if question_id is None:
            return
        self.detail.answer.flush()
        data = self.questions.get_question(question_id).to_input()
        dialog = QuestionDialog(self, self.questions.categories(), data)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            if try_action(
                self, lambda: self.questions.update_question(question_id, dialog.value())
            ):
                self.ctx.events.career_changed.emit()
                return

    def delete_question(self) -> None:
        question_id = self.current_id()
        if question_id is None:
            return
        if QMessageBox.question(
            self, self.tr("Delete question"), self.tr("Delete this question and its reviews?")
        ) == QMessageBox.StandardButton.Yes and try_action(
            self, lambda: self.questions.delete_question(question_id)
        ):
            self.ctx.events.career_changed.emit()
