"""Installs the career views (companies, board, questions) and the item link action."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.context import AppContext
from desktop.main_window import MainWindow

if TYPE_CHECKING:
    from desktop.career.board_view import BoardView
    from desktop.career.companies_view import CompaniesView
    from desktop.career.questions_view import QuestionsView


class SelectedItem:
    """The last library item announced on ctx.events.item_selected (the link action's target)."""

    def __init__(self, ctx: AppContext) -> None:
        self.item_id: int | None = None
        ctx.events.item_selected.connect(self._set)

    def _set(self, item_id: int) -> None:
        self.item_id = item_id


def install(window: MainWindow, ctx: AppContext) -> None:
    """Register the three career views; each is built when first shown (the questions view
    alone sorts and shows the whole question bank)."""

    def build_companies() -> QWidget:
        from desktop.career.companies_view import CompaniesView

        view = CompaniesView(ctx)
        view.setObjectName("CompaniesView")
        view.open_question.connect(show_question)
        view.import_requested.connect(lambda name: trigger_import(window, name))
        return view

    def build_board() -> QWidget:
        from desktop.career.board_view import BoardView

        view = BoardView(ctx)
        view.setObjectName("BoardView")

        def selected_company() -> int | None:
            shown = window.built_view("companies")  # never built just to ask
            return None if shown is None else cast("CompaniesView", shown).current_id()

        view.selected_company = selected_company
        view.add_company_requested.connect(add_company)
        return view

    def build_questions() -> QWidget:
        from desktop.career.questions_view import QuestionsView

        view = QuestionsView(ctx)
        view.setObjectName("QuestionsView")
        view.open_company.connect(show_company)
        view.import_requested.connect(lambda name: trigger_import(window, name))
        return view

    window.add_view("companies", QCoreApplication.translate("career", "Companies"), build_companies)
    window.add_view("board", QCoreApplication.translate("career", "Applications"), build_board)
    window.add_view("questions", QCoreApplication.translate("career", "Questions"), build_questions)

    def companies() -> CompaniesView:
        return cast("CompaniesView", window.view("companies"))

    def questions() -> QuestionsView:
        return cast("QuestionsView", window.view("questions"))

    def show_company(company_id: int) -> None:
        window.show_view("companies")
        companies().select_company(company_id)

    def add_company() -> None:
        window.show_view("companies")
        companies().add_company()

    def show_question(question_id: int) -> None:
        window.show_view("questions")
        questions().select_question(question_id)

    def navigate(kind: str, target_id: int) -> None:
        """Other features (the item pane's [[links]]) ask to show a company or question."""
        if kind == "company":
            show_company(target_id)
        elif kind == "question":
            show_question(target_id)

    ctx.events.navigate.connect(navigate)

    def offer_links(library: QWidget) -> None:
        """`[[Company]]` in an item's notes offers to link the item to it (readiness)."""
        pane = getattr(library, "pane", None)
        if isinstance(pane, QWidget):
            from desktop.career.link_offer import attach

            attach(ctx, pane)

    window.when_built("library", offer_links)

    selected = SelectedItem(ctx)
    link_action = QAction(
        QCoreApplication.translate("career", "&Link item to company/question…"), window
    )
    link_action.setObjectName("LinkItemAction")

    def target_item() -> int | None:
        """The library's selected row if the library exposes it, else the last announced item."""
        library = getattr(window, "library_view", None)
        current = getattr(library, "current_item_id", None)
        if callable(current):
            item_id = current()
            if isinstance(item_id, int):
                return item_id
        return selected.item_id

    def link_selected() -> None:
        item_id = target_item()
        if item_id is None:
            QMessageBox.information(
                window,
                QCoreApplication.translate("career", "Link item"),
                QCoreApplication.translate("career", "Select an item in the library first."),
            )
            return
        from desktop.career.link_dialog import open_link_dialog

        open_link_dialog(window, ctx, item_id)

    link_action.triggered.connect(link_selected)
    window.menu("edit").addAction(link_action)

    def flush_notes() -> None:
        """Save text typed in the views that were shown (the others hold none)."""
        shown_companies = window.built_view("companies")
        if shown_companies is not None:
            cast("CompaniesView", shown_companies).detail.notes.flush()
        shown_questions = window.built_view("questions")
        if shown_questions is not None:
            cast("QuestionsView", shown_questions).detail.answer.flush()

    window.on_close(flush_notes)

    window.add_screenshot_view("companies", partial(_shot_companies, window))
    window.add_screenshot_view("questions", partial(_shot_questions, window))
    window.add_screenshot_view("board", partial(_shot_board, window))


def trigger_import(window: MainWindow, name: str) -> None:
    """Run an Import menu action (the importing feature owns them; they exist once the
    window has painted); before that, open the Import menu instead."""
    action = window.findChild(QAction, name)
    if isinstance(action, QAction):
        if action.isEnabled():
            action.trigger()
        return
    menu = window.menu("import")
    geometry = window.menuBar().actionGeometry(menu.menuAction())
    menu.popup(window.menuBar().mapToGlobal(geometry.bottomLeft()))


# ---- screenshots (`threepass --screenshot FILE --view VIEW`) ----------------------------------
def _shot_questions(window: MainWindow) -> None:
    """Show a question with an answer and links when there is one."""
    from desktop.career.common import ROW_ID_ROLE

    window.show_view("questions")
    view = cast("QuestionsView", window.view("questions"))
    view.loader.wait_idle()  # a large library's rows come from a worker
    best, best_score = 0, -1
    for row in range(min(view.proxy.rowCount(), 50)):
        qid = view.proxy.index(row, 0).data(ROW_ID_ROLE)
        detail = view.questions.get_question(int(qid))
        score = len(detail.items) + len(detail.companies) + len(detail.reviews)
        score += 1 if detail.answer else 0
        if score > best_score:
            best, best_score = row, score
    if view.proxy.rowCount():
        view.table.selectRow(best)


def _shot_board(window: MainWindow) -> None:
    """Show the board with an application in interview selected (it has rounds)."""
    window.show_view("board")
    view = cast("BoardView", window.view("board"))
    view.loader.wait_idle()  # a large library's rows come from a worker
    order = ["interviewing", *view.columns]
    for status in order:
        column = view.columns[status]
        if column.model.rowCount():
            column.view.setCurrentIndex(column.model.index(0))
            view.detail.show_application(column.model.rows[0].id)
            break


def _shot_companies(window: MainWindow) -> None:
    """The companies table with the top-priority company in the pipeline opened."""
    window.show_view("companies")
    view = cast("CompaniesView", window.view("companies"))
    view.loader.wait_idle()  # a large library's rows come from a worker
    proxy = view.proxy
    for row in range(proxy.rowCount()):
        if proxy.index(row, 1).data():  # has an application status
            view.table.selectRow(row)
            return
