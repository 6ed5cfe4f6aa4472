"""Link a study item to companies and questions; turn its open points into questions.

`open_link_dialog(parent, ctx, item_id)` is the entry point other features (the library pane)
call; the Edit menu action "Link item to company/question…" calls it for the last item
announced on `ctx.events.item_selected`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.career.common import (
    CheckListModel,
    RowsModel,
    check_table,
    confidence_text,
    small_table,
    try_action,
)
from desktop.context import AppContext
from desktop.widgets import dialogs
from models.services.career import CareerService
from models.services.library import LibraryService
from models.services.links import LinkService
from models.services.review import QuestionService


class LinkDialog(QDialog):
    """Check the companies and questions an item is relevant for."""

    def __init__(self, parent: QWidget | None, ctx: AppContext, item_id: int) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.item_id = item_id
        self.links = LinkService(ctx.db, ctx.clock)
        self.questions = QuestionService(ctx.db, ctx.clock)
        item = LibraryService(ctx.db, ctx.clock).get_item(item_id)
        current = self.links.item_links(item_id)
        self.setWindowTitle(self.tr("Link item"))
        title = QLabel(item.title)
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setWordWrap(True)
        font = title.font()
        font.setBold(True)
        title.setFont(font)

        self.companies = CheckListModel([self.tr("Company"), self.tr("City")], self)
        self.companies.set_rows(
            [(c.id, [c.name, c.city or ""]) for c in CareerService(ctx.db).list_companies()],
            {cid for cid, _ in current.companies},
        )
        self.companies_view, self.companies_proxy = check_table(self.companies)
        self.question_model = CheckListModel(
            [self.tr("Question"), self.tr("Category"), self.tr("Confidence")], self
        )
        self.question_model.set_rows(
            [
                (q.id, [q.text, q.category or "", confidence_text(q.confidence)])
                for q in self.questions.list_questions()
            ],
            {qid for qid, _t, _c in current.questions},
        )
        self.questions_view, self.questions_proxy = check_table(self.question_model)

        self.points = RowsModel([self.tr("Open point"), self.tr("Question")])
        self.points_view: QTableView = small_table(self.points)
        self._open_points = [p for p in item.open_points]
        self._load_points()
        to_question = QPushButton(self.tr("Turn into &question"))
        to_question.clicked.connect(self.point_to_question)
        points_box = QWidget()
        points_layout = QVBoxLayout(points_box)
        points_layout.addWidget(self.points_view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(to_question)
        points_layout.addLayout(row)

        self.backlinks = RowsModel([self.tr("Linked from"), self.tr("Where"), self.tr("Text")])
        self.backlinks.set_rows(
            [
                (b.source.id, [b.source.title, b.where, b.snippet])
                for b in self.links.backlinks("item", item_id)
            ]
        )

        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.companies_proxy.setFilterFixedString)
        self.filter.textChanged.connect(self.questions_proxy.setFilterFixedString)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.companies_view, self.tr("Companies"))
        self.tabs.addTab(self.questions_view, self.tr("Questions"))
        self.tabs.addTab(points_box, self.tr("Open points"))
        self.tabs.addTab(small_table(self.backlinks, stretch_column=2), self.tr("Backlinks"))
        buttons = dialogs.ok_cancel(self, self.apply_and_close)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.filter)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(560, 520)

    def _load_points(self) -> None:
        self.points.set_rows(
            [
                (
                    p.id,
                    [
                        p.text,
                        self.tr("question #{id}").format(id=p.question_id) if p.question_id else "",
                    ],
                )
                for p in self._open_points
            ]
        )

    def point_to_question(self) -> None:
        """One action: the open point becomes a bank question linked to this item."""
        index = self.points_view.currentIndex()
        point_id = self.points.row_id(index.row()) if index.isValid() else None
        if point_id is None:
            return
        question_id = question_from_open_point(self, self.ctx, point_id)
        if question_id is not None:
            item = LibraryService(self.ctx.db, self.ctx.clock).get_item(self.item_id)
            self._open_points = list(item.open_points)
            self._load_points()
            checked = set(self.question_model.checked) | {question_id}
            self.question_model.set_rows(
                [
                    (q.id, [q.text, q.category or "", confidence_text(q.confidence)])
                    for q in self.questions.list_questions()
                ],
                checked,
            )

    def apply_and_close(self) -> None:
        if try_action(
            self,
            lambda: self.links.set_item_links(
                self.item_id, self.companies.checked_ids(), self.question_model.checked_ids()
            ),
        ):
            self.ctx.events.career_changed.emit()
            self.accept()


def open_link_dialog(parent: QWidget | None, ctx: AppContext, item_id: int) -> bool:
    """Show the link dialog for an item; True if links were saved."""
    dialog = LinkDialog(parent, ctx, item_id)
    return dialog.exec() == QDialog.DialogCode.Accepted


def question_from_open_point(parent: QWidget | None, ctx: AppContext, point_id: int) -> int | None:
    """One action for the library's open-point list: make it a bank question linked to its item.

    Returns the question id (None after showing the error), and announces the change.
    """
    new_id: list[int] = []
    service = QuestionService(ctx.db, ctx.clock)
    if not try_action(parent, lambda: new_id.append(service.open_point_to_question(point_id))):
        return None
    ctx.events.career_changed.emit()
    ctx.events.items_changed.emit()
    ctx.events.status_message.emit(
        QCoreApplication.translate("LinkDialog", "The open point is now a question in the bank.")
    )
    return new_id[0]


class PickDialog(QDialog):
    """Check rows of a filterable list (items for a company, companies for a question...)."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        headers: list[str],
        rows: list[tuple[int, list[str]]],
        checked: set[int],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.model = CheckListModel(headers, self)
        self.model.set_rows(rows, checked)
        self.view, proxy = check_table(self.model)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(proxy.setFilterFixedString)
        buttons = dialogs.ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(520, 520)


def pick_ids(
    parent: QWidget | None,
    title: str,
    headers: list[str],
    rows: list[tuple[int, list[str]]],
    checked: set[int],
) -> list[int] | None:
    """The checked ids after OK, or None when cancelled."""
    dialog = PickDialog(parent, title, headers, rows, checked)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.model.checked_ids()
