"""Empty views say what they are for and how to fill them, with buttons that do it (issue #16):
Companies, Applications and Questions, and the library's first run. The real window."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.career.board_dialogs import ApplicationDialog
from desktop.career.companies_view import CompanyDialog
from desktop.career.questions_view import QuestionDialog
from desktop.importing.controller import ImportController
from desktop.main_window import MainWindow
from tests.career.career_support import Services, accept_dialogs


def shown(window: MainWindow, key: str) -> QWidget:
    window.show_view(key)
    return window.view(key)


def empty_page(view: QWidget, name: str) -> QWidget:
    page = view.findChild(QWidget, name)
    assert page is not None, name
    return page


def click(qtbot: QtBot, page: QWidget, name: str) -> None:
    button = page.findChild(QPushButton, name)
    assert isinstance(button, QPushButton), name
    assert button.isVisible()
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def page_text(page: QWidget) -> str:
    return " ".join(label.text() for label in page.findChildren(QLabel))


def notes_chooser(window: MainWindow) -> list[str]:
    """Replace the notes file picker: the list records each time the import asked for a file."""
    controller = window.findChild(ImportController)
    assert isinstance(controller, ImportController)
    asked: list[str] = []

    def choose() -> None:
        asked.append("notes")

    controller.choose_notes_file = choose
    return asked


def test_companies_empty_state_imports_notes_or_adds_a_company(
    make_window: Callable[[], MainWindow],
    svc: Services,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    window = make_window()
    asked = notes_chooser(window)
    view = shown(window, "companies")
    page = empty_page(view, "EmptyCompanies")
    assert page.isVisible()
    assert "No target companies yet" in page_text(page)
    assert "study notes" in page_text(page)

    click(qtbot, page, "EmptyCompaniesImport")
    assert asked == ["notes"]

    accept_dialogs(monkeypatch, CompanyDialog, lambda dialog: dialog.name.setText("Minimax"))
    click(qtbot, page, "EmptyCompaniesAdd")
    assert [c.name for c in svc.career.list_companies()] == ["Minimax"]
    qtbot.waitUntil(lambda: not page.isVisible())
    assert view.table.isVisible()  # type: ignore[attr-defined]


def test_the_empty_board_leads_to_a_company_then_an_application(
    make_window: Callable[[], MainWindow],
    svc: Services,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    window = make_window()
    board = shown(window, "board")
    page = empty_page(board, "EmptyBoard")
    assert page.isVisible()
    assert "No applications yet" in page_text(page)

    accept_dialogs(monkeypatch, CompanyDialog, lambda dialog: dialog.name.setText("Zhipu"))
    click(qtbot, page, "EmptyBoardAddCompany")
    assert window.current_view_key() == "companies"
    assert [c.name for c in svc.career.list_companies()] == ["Zhipu"]

    accept_dialogs(monkeypatch, ApplicationDialog, lambda dialog: dialog.role.setText("Researcher"))
    board = shown(window, "board")
    click(qtbot, page, "EmptyBoardNew")
    assert [(a.company, a.role) for a in svc.career.list_applications()] == [
        ("Zhipu", "Researcher")
    ]
    qtbot.waitUntil(lambda: not page.isVisible())


def test_questions_empty_state_imports_or_adds(
    make_window: Callable[[], MainWindow],
    svc: Services,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    window = make_window()
    asked = notes_chooser(window)
    view = shown(window, "questions")
    page = empty_page(view, "EmptyQuestions")
    assert page.isVisible()
    assert "No interview questions yet" in page_text(page)

    click(qtbot, page, "EmptyQuestionsImportNotes")
    assert asked == ["notes"]

    controller = window.findChild(ImportController)
    assert isinstance(controller, ImportController)
    click(qtbot, page, "EmptyQuestionsImportFastai")
    source = controller.source_dialog
    assert source is not None
    assert source.isVisible()
    assert source.questionnaires_box is not None  # the fast.ai dialog, questionnaires offered
    source.reject()

    accept_dialogs(
        monkeypatch,
        QuestionDialog,
        lambda dialog: dialog.text.setPlainText("Why scale the dot products by 1/sqrt(d)?"),
    )
    click(qtbot, page, "EmptyQuestionsAdd")
    assert [q.text for q in svc.questions.list_questions()] == [
        "Why scale the dot products by 1/sqrt(d)?"
    ]
    qtbot.waitUntil(lambda: not page.isVisible())


def test_the_first_run_library_names_every_way_to_fill_it(
    make_window: Callable[[], MainWindow], qtbot: QtBot
) -> None:
    window = make_window()
    asked = notes_chooser(window)
    library = shown(window, "library")
    page = empty_page(library, "EmptyLibrary")
    assert page.isVisible()
    text = page_text(page)
    for way in ("paper-reading", "fast.ai", "study notes"):
        assert way in text
    click(qtbot, page, "EmptyImportNotes")
    assert asked == ["notes"]
    controller = window.findChild(ImportController)
    assert isinstance(controller, ImportController)
    click(qtbot, page, "EmptyImportFastai")
    source = controller.source_dialog
    assert source is not None
    assert source.isVisible()
    assert source.questionnaires_box is not None
    source.reject()
