"""Career lists at 100k (#17): holding Down highlights each row at once and renders the detail
pane once the keys pause (not once per row passed); anything else done in the list shows the
row first, so no shortcut acts on a row the list has left. A header click sorts without
measuring every row's width again."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from desktop.career.board_models import ApplicationsModel
from desktop.career.board_view import BoardView
from desktop.career.common import ROW_ID_ROLE
from desktop.career.companies_view import CompaniesView, CompanyDetailPane
from desktop.career.questions_view import QuestionDetailPane, QuestionsView
from desktop.main_window import MainWindow
from models.services.career import ApplicationInput, CompanyInput
from models.services.review import QuestionInput
from tests.career.career_support import Services

WindowFactory = Callable[[], MainWindow]
NAMES = ["Minimax", "Zhipu", "Moonshot", "Baichuan", "StepFun", "DeepSeek"]


def shown_id(table: QTableView) -> int:
    return int(table.model().data(table.currentIndex(), ROW_ID_ROLE))


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: type, name: str) -> list[Any]:
    calls: list[Any] = []
    real = getattr(owner, name)

    def counted(self: object, *args: Any) -> Any:
        calls.append(args)
        return real(self, *args)

    monkeypatch.setattr(owner, name, counted)
    return calls


@pytest.fixture
def companies(qtbot: QtBot, make_window: WindowFactory, svc: Services) -> CompaniesView:
    for n, name in enumerate(NAMES):
        svc.career.add_company(CompanyInput(name=name, priority=5 - n % 5, city=f"City {n}"))
    window = make_window()
    window.show_view("companies")
    view = window.view("companies")
    assert isinstance(view, CompaniesView)
    qtbot.waitUntil(lambda: view.proxy.rowCount() == len(NAMES))
    return view


def test_held_down_renders_the_company_pane_once_the_keys_pause(
    qtbot: QtBot, companies: CompaniesView, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = companies.table
    table.selectRow(0)
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    shows = count_calls(monkeypatch, CompanyDetailPane, "show_company")
    for _ in range(4):
        QTest.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 4  # each key moved the highlight at once
    assert shows == []  # …and rendered no pane for the rows passed
    assert companies.follower.pending()
    qtbot.waitUntil(lambda: not companies.follower.pending())
    assert shows == [(shown_id(table),)]
    assert companies.detail.company_id == shown_id(table)


def test_a_click_shows_its_company_at_once(
    companies: CompaniesView, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = companies.table
    shows = count_calls(monkeypatch, CompanyDetailPane, "show_company")
    rect = table.visualRect(table.model().index(2, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert table.currentIndex().row() == 2
    assert companies.detail.company_id == shown_id(table)
    assert len(shows) == 1


def test_leaving_the_list_shows_the_row_a_key_left(qtbot: QtBot, companies: CompaniesView) -> None:
    table = companies.table
    table.selectRow(0)
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    QTest.keyClick(table, Qt.Key.Key_Down)
    assert companies.follower.pending()
    companies.search.setFocus()  # e.g. a click on the pane's buttons
    qtbot.waitUntil(lambda: not table.hasFocus())
    assert not companies.follower.pending()
    assert companies.detail.company_id == shown_id(table)


def test_a_grade_key_right_after_down_grades_the_row_moved_to(
    qtbot: QtBot, make_window: WindowFactory, svc: Services
) -> None:
    """The grade keys (1-4) act on the pane's question: the pane must show the row first."""
    for n in range(4):
        svc.questions.add_question(QuestionInput(text=f"Question {n}"))
    window = make_window()
    window.show_view("questions")
    view = window.view("questions")
    assert isinstance(view, QuestionsView)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts fire only in the active window
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 4)
    table = view.table
    table.selectRow(0)
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    assert view.detail.answer_shown  # browsing the bank: the grade keys act
    QTest.keyClick(table, Qt.Key.Key_Down)
    target = shown_id(table)
    assert view.follower.pending()
    QTest.keyClick(table, Qt.Key.Key_3)  # "Good", at once
    assert view.detail.question_id == target  # shown before the shortcut's click lands
    qtbot.waitUntil(lambda: any(q.confidence for q in svc.questions.list_questions()))
    graded = [
        q.id for q in svc.questions.list_questions() if svc.questions.get_question(q.id).reviews
    ]
    assert graded == [target]


def test_held_down_in_questions_renders_the_pane_once(
    qtbot: QtBot, make_window: WindowFactory, svc: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(5):
        svc.questions.add_question(QuestionInput(text=f"Question {n}"))
    window = make_window()
    window.show_view("questions")
    view = window.view("questions")
    assert isinstance(view, QuestionsView)
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 5)
    view.table.selectRow(0)
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    shows = count_calls(monkeypatch, QuestionDetailPane, "show_question")
    for _ in range(3):
        QTest.keyClick(view.table, Qt.Key.Key_Down)
    assert shows == []
    qtbot.waitUntil(lambda: not view.follower.pending())
    assert shows == [(shown_id(view.table),)]


def test_sorting_companies_keeps_the_fitted_widths_without_measuring(
    companies: CompaniesView, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = companies.table
    header = table.horizontalHeader()
    widths = [header.sectionSize(c) for c in range(header.count())]
    measured = count_calls(monkeypatch, QTableView, "sizeHintForColumn")
    names_before = [table.model().index(r, 0).data() for r in range(len(NAMES))]
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [table.model().index(r, 0).data() for r in range(len(NAMES))]
    assert names == sorted(NAMES, key=str.casefold) != names_before
    assert measured == []  # the same rows in another order: the same widths
    assert [header.sectionSize(c) for c in range(header.count())] == widths


def test_new_rows_are_measured_again(
    qtbot: QtBot, companies: CompaniesView, svc: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    measured = count_calls(monkeypatch, QTableView, "sizeHintForColumn")
    svc.career.add_company(CompanyInput(name="A company with a long name", priority=1))
    companies.refresh()
    assert measured  # rows changed: the content-sized columns fit them


def test_sorting_applications_keeps_the_selected_one(
    qtbot: QtBot, make_window: WindowFactory, svc: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in NAMES:
        svc.career.apply(
            svc.career.add_company(CompanyInput(name=name)), ApplicationInput(role="R")
        )
    window = make_window()
    window.show_view("board")
    view = window.view("board")
    assert isinstance(view, BoardView)
    qtbot.waitUntil(lambda: view.table_proxy.rowCount() == len(NAMES))
    view.tabs.setCurrentWidget(view.table)
    view.table.selectRow(1)
    chosen = shown_id(view.table)
    asked = count_calls(monkeypatch, ApplicationsModel, "data")
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert asked == []  # one key per row, not data() for both rows of every comparison
    companies = [view.table_proxy.index(r, 0).data() for r in range(len(NAMES))]
    assert companies == sorted(NAMES, key=str.casefold)
    assert shown_id(view.table) == chosen
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert [view.table_proxy.index(r, 0).data() for r in range(len(NAMES))] == companies[::-1]
    assert shown_id(view.table) == chosen
    assert view.detail.app_id == chosen


def calls_into(code_paths: tuple[str, ...], act: Callable[[], object]) -> int:
    """Python function calls made by `act` in files whose path ends with one of these."""
    count = [0]

    def profile(frame: Any, event: str, _arg: object) -> None:
        if event == "call" and frame.f_code.co_filename.endswith(code_paths):
            count[0] += 1

    sys.setprofile(profile)
    try:
        act()
    finally:
        sys.setprofile(None)
    return count[0]


@pytest.fixture
def questions(qtbot: QtBot, make_window: WindowFactory, svc: Services) -> QuestionsView:
    for n in range(300):
        svc.questions.add_question(
            QuestionInput(text=f"{'Attention' if n % 3 else 'Softmax'} {n}", category="ML")
        )
    window = make_window()
    window.show_view("questions")
    view = window.view("questions")
    assert isinstance(view, QuestionsView)
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 300)
    return view


def test_a_keystroke_in_the_question_search_asks_nothing_per_question(
    questions: QuestionsView,
) -> None:
    """Qt's filterAcceptsRow was a Python call per question per keystroke (and each joined
    and casefolded the question again): the model now picks the shown rows in one pass."""
    paths = ("desktop/career/questions_view.py", "desktop/career/common.py")
    calls = calls_into(paths, lambda: questions.search.setText("soft"))
    assert questions.proxy.rowCount() == 100
    assert calls < 100  # not one per question
    calls = calls_into(paths, lambda: questions.search.setText("softm"))
    assert questions.proxy.rowCount() == 100
    assert calls < 100


def test_typing_keeps_the_current_question_and_the_pane_follows_once_typing_pauses(
    qtbot: QtBot, questions: QuestionsView, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = questions.table
    table.selectRow(1)  # "Attention 1"
    kept = shown_id(table)
    shows = count_calls(monkeypatch, QuestionDetailPane, "show_question")
    questions.search.setFocus()
    qtbot.waitUntil(questions.search.hasFocus)
    QTest.keyClicks(questions.search, "atten")
    assert questions.proxy.rowCount() == 200
    assert shown_id(table) == kept  # still shown: still current, no pane rendered
    assert shows == []
    QTest.keyClicks(questions.search, "x")  # hides every question: the pane says so later
    assert questions.proxy.rowCount() == 0
    assert questions.follower.pending()
    assert shows == []
    qtbot.waitUntil(lambda: not questions.follower.pending())
    assert shows == [(None,)]
    QTest.keyClick(questions.search, Qt.Key.Key_Backspace)
    assert questions.proxy.rowCount() == 200
    assert table.currentIndex().isValid()  # the first row is current again
    assert questions.follower.pending()
    table.setFocus()  # leaving the box shows the row at once
    qtbot.waitUntil(lambda: not questions.follower.pending())
    assert questions.detail.question_id == shown_id(table)


def test_a_reload_keeps_the_search_and_sorting_keeps_it_too(
    qtbot: QtBot, questions: QuestionsView, svc: Services
) -> None:
    questions.search.setText("softmax")
    assert questions.proxy.rowCount() == 100
    svc.questions.add_question(QuestionInput(text="Softmax temperature"))
    svc.questions.add_question(QuestionInput(text="Dropout"))
    questions.refresh()
    assert questions.proxy.rowCount() == 101  # the new load is filtered as the old one
    questions.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    texts = [questions.proxy.index(r, 0).data() for r in range(questions.proxy.rowCount())]
    assert len(texts) == 101
    assert all("softmax" in t.casefold() for t in texts)
    assert texts[0] == "Softmax temperature"
    questions.search.clear()
    assert questions.proxy.rowCount() == 302
    assert questions.pages.currentIndex() == 0  # rows, not the empty state


def test_a_filter_removing_rows_range_by_range_checks_the_buttons_once(
    qtbot: QtBot, make_window: WindowFactory, svc: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Edit/Delete follow the current row (desktop/career/selection.py); a filter removes
    rows range by range, and each range re-read the current row (thousands at 5k rows)."""
    for n in range(40):
        name = f"{'Alpha' if n % 2 else 'Beta'} {n:02d}"
        svc.career.add_company(CompanyInput(name=name, priority=n % 5 + 1))
    window = make_window()
    window.show_view("companies")
    view = window.view("companies")
    assert isinstance(view, CompaniesView)
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 40)
    view.table.selectRow(0)
    current = view.proxy.index(0, 0).data()
    ranges: list[int] = []
    view.proxy.rowsRemoved.connect(lambda *_: ranges.append(1))
    asked = count_calls(monkeypatch, CompaniesView, "current_id")
    view.proxy.set_text(current.split()[0])  # the current row's half stays
    assert view.proxy.rowCount() == 20
    assert len(ranges) > 3  # the other half went in several ranges
    assert len(asked) <= 2


def test_the_applications_filter_reads_each_cell_once_per_load_not_per_filter(
    qtbot: QtBot, make_window: WindowFactory, svc: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table shows the applications with any cell containing the text (any case); the
    model picks them in one pass instead of Qt asking data() for every cell per filter."""
    for n, name in enumerate(NAMES):
        svc.career.apply(
            svc.career.add_company(CompanyInput(name=name)),
            ApplicationInput(role="Researcher" if n % 2 else "Engineer", team=f"Team {n}"),
            status="offer" if n == 4 else "applied",
        )
    window = make_window()
    window.show_view("board")
    view = window.view("board")
    assert isinstance(view, BoardView)
    qtbot.waitUntil(lambda: view.table_proxy.rowCount() == len(NAMES))
    asked = count_calls(monkeypatch, ApplicationsModel, "data")
    texts = count_calls(monkeypatch, ApplicationsModel, "text")

    def shown(typed: str) -> list[str]:
        view.search.setText(typed)
        before = len(asked)
        view.apply_filter()  # what the debounce timer runs
        assert len(asked) == before  # no cell asked per filter…
        rows = range(view.table_proxy.rowCount())
        return sorted(view.table_proxy.index(r, 0).data() for r in rows)

    assert shown("RESEARCH") == sorted(NAMES[1::2])  # any case
    assert shown("offer") == [NAMES[4]]  # a status, as the table shows it
    assert shown("team 3") == [NAMES[3]]
    assert shown("nothing like it") == []
    assert shown("") == sorted(NAMES)
    # …each cell's text made once for the filter (and the company's for the reads above)
    assert len(texts) == len(NAMES) * len(ApplicationsModel.COLUMNS) + len(asked)


def test_each_content_sized_column_is_measured_once_for_the_same_rows(
    qtbot: QtBot, companies: CompaniesView, svc: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """sizeHintForColumn walks up to 1,000 rows: a fit asked for a column several times and
    every resize measured the same rows again (the first show of Companies at 100k)."""
    measured = count_calls(monkeypatch, QTableView, "sizeHintForColumn")
    companies.refresh()  # new rows: each content-sized column measured once
    once = sorted(measured)
    assert once
    assert once == sorted(set(once))
    measured.clear()
    window = companies.window()
    for width in (1000, 1200, 1280):
        window.resize(width, 800)
        qtbot.waitUntil(lambda: window.width() == width)  # noqa: B023 (waited for here)
    assert measured == []  # the same rows at other widths: nothing measured again
    svc.career.add_company(CompanyInput(name="Newcomer", priority=3))
    companies.refresh()
    assert sorted(measured) == once
