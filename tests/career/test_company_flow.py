"""From a company to what to do about it (issue #16, Flow): a new application starts on the
company in view, and each readiness "Next:" line opens what it names. The real window."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.career import companies_view
from desktop.career.board_dialogs import ApplicationDialog
from desktop.career.board_view import BoardView
from desktop.career.companies_view import CompaniesView
from desktop.main_window import MainWindow
from models.services.career import CompanyInput
from models.services.review import QuestionInput
from tests.career.career_support import Services, accept_dialogs, shown_view


class DialogSpy:
    """Stands in for ApplicationDialog.exec: notes the preselected company, fills a role."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.preselected: list[str] = []

        def fill(dialog: ApplicationDialog) -> None:
            self.preselected.append(dialog.company.currentText())
            dialog.role.setText("LLM engineer")

        accept_dialogs(monkeypatch, ApplicationDialog, fill)


@pytest.fixture
def three(svc: Services) -> dict[str, int]:
    """Three companies; Minimax and Zhipu sort after Alpha (the old dialog chose Alpha)."""
    return {
        name: svc.career.add_company(CompanyInput(name=name))
        for name in ("Zhipu", "Alpha", "Minimax")
    }


def companies(window: MainWindow) -> CompaniesView:
    return shown_view(window, "companies", CompaniesView)


def board(window: MainWindow) -> BoardView:
    return shown_view(window, "board", BoardView)


def test_new_application_on_the_company_page_is_for_that_company(
    make_window: Callable[[], MainWindow],
    three: dict[str, int],
    svc: Services,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    spy = DialogSpy(monkeypatch)
    view = companies(make_window())
    assert view.select_company(three["Minimax"])
    button = view.detail.new_application_button
    assert button.isVisible()
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert spy.preselected == ["Minimax"]
    (app,) = svc.career.list_applications()
    assert (app.company, app.role) == ("Minimax", "LLM engineer")
    assert view.detail.tabs.currentWidget() is view.detail.apps_view
    qtbot.waitUntil(lambda: view.detail.apps_model.rowCount() == 1)  # the reload is queued


def test_the_companies_context_menu_offers_a_new_application(
    make_window: Callable[[], MainWindow],
    three: dict[str, int],
    svc: Services,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spy = DialogSpy(monkeypatch)
    view = companies(make_window())
    assert view.select_company(three["Zhipu"])
    menu = view.context_menu()
    texts = [a.text() for a in menu.actions()]
    assert texts == ["New application…", "Edit…", "Delete"]
    menu.actions()[0].trigger()
    assert spy.preselected == ["Zhipu"]
    assert [a.company for a in svc.career.list_applications()] == ["Zhipu"]


def test_the_board_preselects_the_company_in_view(
    make_window: Callable[[], MainWindow],
    three: dict[str, int],
    svc: Services,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    spy = DialogSpy(monkeypatch)
    window = make_window()
    companies(window).select_company(three["Zhipu"])  # selected in the Companies view
    view = board(window)
    view.new_application()
    assert spy.preselected == ["Zhipu"]

    view.search.setText("minim")  # a filter naming one company wins
    view.new_application()
    assert spy.preselected[-1] == "Minimax"

    view.search.clear()
    companies(window).select_company(three["Alpha"])
    (zhipu_app,) = [a.id for a in svc.career.list_applications() if a.company == "Zhipu"]
    view = board(window)
    view.detail.show_application(zhipu_app)  # the application shown names its company
    view.new_application()
    assert spy.preselected[-1] == "Zhipu"


def test_each_next_line_opens_what_it_names(
    make_window: Callable[[], MainWindow],
    three: dict[str, int],
    svc: Services,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    minimax = three["Minimax"]
    item = svc.item("Attention Is All You Need")
    question = svc.questions.add_question(QuestionInput(text="What does softmax scaling fix?"))
    svc.links.set_company_links(minimax, [item], [question])
    window = make_window()
    view = companies(window)
    assert view.select_company(minimax)
    steps = view.detail.steps
    assert steps.isVisible()
    assert [b.objectName() for b in steps.buttons] == ["NextStep_pass", "NextStep_review"]

    qtbot.mouseClick(steps.buttons[0], Qt.MouseButton.LeftButton)
    assert window.current_view_key() == "library"
    library = window.library_view  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: library.current_item_id() == item)

    view = companies(window)
    qtbot.mouseClick(view.detail.steps.buttons[1], Qt.MouseButton.LeftButton)
    assert window.current_view_key() == "questions"
    assert window.view("questions").current_id() == question  # type: ignore[attr-defined]

    # a company with nothing linked: the lines open the pickers that link things
    asked: list[str] = []

    def pick(_parent: object, title: str, *_args: object) -> None:
        asked.append(title)

    monkeypatch.setattr(companies_view, "pick_ids", pick)
    view = companies(window)
    assert view.select_company(three["Alpha"])
    names = [b.objectName() for b in view.detail.steps.buttons]
    assert names == ["NextStep_link_items", "NextStep_link_questions"]
    for button in view.detail.steps.buttons:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked == ["Items for this company", "Questions this company asks"]
