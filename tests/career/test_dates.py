"""Career views show dates in the UI language's short format and still sort them by date.

The dates are picked so that sorting the displayed text would give a different order in both
languages ("12/1/26" < "3/2/26", "2026/12/1" < "2026/3/2"): a table that sorted by its text
would fail here.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.career.board_models import ApplicationsModel, card_date
from desktop.career.board_view import BoardView
from desktop.career.companies_view import CompaniesView
from desktop.career.questions_view import QuestionsView
from desktop.context import AppContext, Events
from models.clock import FixedClock
from models.db import Database
from models.services.career import ApplicationInput, CareerService, CompanyInput, RoundInput
from models.services.review import QuestionInput, QuestionService
from tests.ui_locale import local_time_utc, ui_language

OLD, MID, NEW = date(2025, 11, 30), date(2026, 3, 2), date(2026, 12, 1)
SHORT = {
    "en": {OLD: "11/30/25", MID: "3/2/26", NEW: "12/1/26"},
    "zh_CN": {OLD: "2025/11/30", MID: "2026/3/2", NEW: "2026/12/1"},
}
SHORT_2026_06_15 = {"en": "6/15/26", "zh_CN": "2026/6/15"}
NNBSP = "\u202f"  # CLDR puts a narrow no-break space before AM/PM


@pytest.fixture(params=["en", "zh_CN"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    with ui_language(request.param, qapp) as lang:
        yield lang


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with local_time_utc(monkeypatch):
        yield


@pytest.fixture
def ctx(db: Database, clock: FixedClock) -> AppContext:
    return AppContext(db=db, clock=clock, events=Events())


def column(model: QAbstractItemModel, col: int) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def stamp(lang: str, day: dict[str, str], hour: int, minute: int) -> str:
    """A short date and time as each language writes it (only afternoons are used here)."""
    if lang == "en":
        return f"{day[lang]} {hour - 12}:{minute:02d}{NNBSP}PM"
    return f"{day[lang]} {hour:02d}:{minute:02d}"


def test_applications_table_dates_are_localised_and_sort_by_date(
    ctx: AppContext, clock: FixedClock, qtbot: QtBot, language: str, utc: None
) -> None:
    career = CareerService(ctx.db, clock)
    ids = {}
    for name, day in (("月之暗面", MID), ("Minimax", NEW), ("智谱", OLD), ("百川", None)):
        company = career.add_company(CompanyInput(name=name))
        when = day or date(2026, 6, 15)
        clock.set(datetime(when.year, when.month, when.day, 14, 30))
        ids[name] = career.apply(
            company, ApplicationInput(role="算法工程师", next_action="面试", next_action_due=day)
        )
    view = BoardView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    due = ApplicationsModel.COLUMNS.index("due")
    updated = ApplicationsModel.COLUMNS.index("updated")
    short = SHORT[language]

    view.table.sortByColumn(due, Qt.SortOrder.AscendingOrder)
    shown = column(view.table_proxy, due)
    assert shown == ["", short[OLD], short[MID], short[NEW]]
    assert shown != sorted(shown)  # the text alone would have sorted differently
    view.table.sortByColumn(due, Qt.SortOrder.DescendingOrder)
    assert column(view.table_proxy, due) == [short[NEW], short[MID], short[OLD], ""]

    view.table.sortByColumn(updated, Qt.SortOrder.AscendingOrder)
    expected_updated = [short[OLD], short[MID], SHORT_2026_06_15[language], short[NEW]]
    assert column(view.table_proxy, updated) == expected_updated
    assert column(view.table_proxy, 0) == ["智谱", "月之暗面", "百川", "Minimax"]

    # the detail pane: status history (local date and time) and interview rounds (dates)
    clock.set(datetime(2026, 12, 2, 15, 45))
    career.set_status(ids["Minimax"], "interviewing")
    career.add_round(ids["Minimax"], RoundInput(held_on=NEW, kind="coding"))
    career.add_round(ids["Minimax"], RoundInput(held_on=OLD, kind="hr"))
    view.detail.show_application(ids["Minimax"])
    assert column(view.detail.history, 0) == [
        stamp(language, {"en": "12/2/26", "zh_CN": "2026/12/2"}, 15, 45),
        stamp(language, {lang: SHORT[lang][NEW] for lang in SHORT}, 14, 30),
    ]
    assert sorted(column(view.detail.rounds, 0)) == sorted([short[NEW], short[OLD]])


def test_company_pane_lists_application_due_dates_localised(
    ctx: AppContext, clock: FixedClock, qtbot: QtBot, language: str
) -> None:
    career = CareerService(ctx.db, clock)
    company = career.add_company(CompanyInput(name="深度求索"))
    career.apply(company, ApplicationInput(role="研究员", next_action_due=NEW))
    career.apply(company, ApplicationInput(role="工程师"))
    view = CompaniesView(ctx)
    qtbot.addWidget(view)
    view.detail.show_company(company)
    roles, dues = column(view.detail.apps_model, 0), column(view.detail.apps_model, 3)
    assert dict(zip(roles, dues, strict=True)) == {"研究员": SHORT[language][NEW], "工程师": ""}


def test_questions_due_column_reviews_and_rounds_are_localised(
    ctx: AppContext, clock: FixedClock, qtbot: QtBot, language: str, utc: None
) -> None:
    bank = QuestionService(ctx.db, clock)
    career = CareerService(ctx.db, clock)
    ids = {}
    for text, due in (("b LoRA原理", MID), ("a attention原理", NEW), ("c 多线程", OLD)):
        ids[text] = bank.add_question(QuestionInput(text=text))
        # a first "Again" is due the next day
        clock.set(datetime(due.year, due.month, due.day, 20, 10) - timedelta(days=1))
        bank.review(ids[text], 1)
    bank.add_question(QuestionInput(text="d 新问题"))
    company = career.add_company(CompanyInput(name="Minimax"))
    app = career.apply(company, ApplicationInput(role="算法"))
    career.add_round(app, RoundInput(held_on=MID, kind="coding", question_ids=[ids["c 多线程"]]))
    clock.set(datetime(2026, 6, 15, 14, 30))

    view = QuestionsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    short = SHORT[language]
    new = "New" if language == "en" else "新题"
    view.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    shown = column(view.proxy, 3)
    assert shown == [new, short[OLD], short[MID], short[NEW]]
    assert column(view.proxy, 0) == ["d 新问题", "c 多线程", "b LoRA原理", "a attention原理"]
    view.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert column(view.proxy, 3) == [short[NEW], short[MID], short[OLD], new]

    view.detail.show_question(ids["c 多线程"])
    assert short[OLD] in view.detail.schedule.text()
    assert "2025-11-30" not in view.detail.schedule.text()
    reviewed = {"en": "11/29/25", "zh_CN": "2025/11/29"}
    assert column(view.detail.reviews_model, 0) == [stamp(language, reviewed, 20, 10)]
    asked_in = column(view.detail.companies_model, 1)
    assert len(asked_in) == 1
    assert asked_in[0].startswith(short[MID] + " ")


def test_board_cards_drop_the_year_only_for_this_year(language: str) -> None:
    this_year = date(2026, 6, 15)
    assert card_date(NEW, this_year) == "12/1"  # both languages write month/day
    assert card_date(OLD, this_year) == SHORT[language][OLD]
    assert card_date(NEW, None) == SHORT[language][NEW]
    assert card_date(None, this_year) == ""
