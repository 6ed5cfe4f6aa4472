"""Edit and Delete in the career views are greyed out while nothing is selected: clicking
them then did nothing at all."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.career.board_view import BoardView
from desktop.career.companies_view import CompaniesView
from desktop.career.questions_view import QuestionsView
from desktop.context import AppContext, Events
from models.clock import FixedClock
from models.db import Database
from models.services.career import ApplicationInput, CareerService, CompanyInput, RoundInput
from models.services.review import QuestionInput, QuestionService


@pytest.fixture
def ctx(db: Database, clock: FixedClock) -> AppContext:
    return AppContext(db=db, clock=clock, events=Events())


def button(view: QWidget, text: str) -> QPushButton:
    (found,) = [b for b in view.findChildren(QPushButton) if b.text() == text]
    return found


def enabled(view: QWidget, *texts: str) -> list[bool]:
    return [button(view, text).isEnabled() for text in texts]


def test_companies_edit_and_delete_need_a_company(ctx: AppContext, qtbot: QtBot) -> None:
    CareerService(ctx.db, ctx.clock).add_company(CompanyInput(name="Minimax"))
    view = CompaniesView(ctx)
    qtbot.addWidget(view)
    view.table.setCurrentIndex(view.proxy.index(-1, -1))
    assert enabled(view, "&Add…", "&Edit…", "&Delete") == [True, False, False]
    view.table.selectRow(0)
    assert enabled(view, "&Edit…", "&Delete") == [True, True]
    view.search.setText("no such company")  # the filter hides the current row
    assert enabled(view, "&Edit…", "&Delete") == [False, False]


def test_questions_edit_and_delete_need_a_question(ctx: AppContext, qtbot: QtBot) -> None:
    QuestionService(ctx.db, ctx.clock).add_question(QuestionInput(text="什么是注意力？"))
    view = QuestionsView(ctx)
    qtbot.addWidget(view)
    view.table.setCurrentIndex(view.proxy.index(-1, -1))
    assert enabled(view, "&Add…", "&Edit…", "&Delete") == [True, False, False]
    view.table.selectRow(0)
    assert enabled(view, "&Edit…", "&Delete") == [True, True]


def test_board_delete_and_round_buttons_need_a_selection(ctx: AppContext, qtbot: QtBot) -> None:
    career = CareerService(ctx.db, ctx.clock)
    company = career.add_company(CompanyInput(name="Minimax"))
    app = career.apply(company, ApplicationInput(role="算法工程师"))
    career.add_round(app, RoundInput(held_on=date(2026, 3, 2), kind="coding"))
    view = BoardView(ctx)
    qtbot.addWidget(view)
    assert view.detail.app_id is None
    assert not button(view, "Delete application").isEnabled()

    view.detail.show_application(app)
    assert button(view, "Delete application").isEnabled()
    pane = view.detail
    pane.rounds_view.setCurrentIndex(pane.rounds.index(-1, -1))
    assert enabled(pane, "Add &round…", "Edit…", "Delete round") == [True, False, False]
    pane.rounds_view.selectRow(0)
    assert enabled(pane, "Edit…", "Delete round") == [True, True]

    view.detail.show_application(None)
    assert not button(view, "Delete application").isEnabled()
