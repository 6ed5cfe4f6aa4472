"""The empty Applications view leads with the step the user can take (issue #16).

With no company it offered "New application…" first (the default button), which then only
said "Add a company first". Without companies, "Add a company…" leads and New application is
disabled with a tooltip saying why; once a company exists, New application leads again.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.career.companies_view import CompanyDialog
from desktop.main_window import MainWindow
from models.services.career import CompanyInput
from tests.career.career_support import Services, accept_dialogs


def buttons(window: MainWindow) -> tuple[QWidget, QPushButton, QPushButton]:
    window.show_view("board")
    page = window.view("board").findChild(QWidget, "EmptyBoard")
    assert page is not None
    add = page.findChild(QPushButton, "EmptyBoardAddCompany")
    new = page.findChild(QPushButton, "EmptyBoardNew")
    assert isinstance(add, QPushButton)
    assert isinstance(new, QPushButton)
    return page, add, new


def leads(first: QPushButton, then: QPushButton) -> bool:
    """`first` is left of `then` and is the button Enter presses."""
    return first.isDefault() and not then.isDefault() and first.x() < then.x()


def test_without_companies_add_a_company_leads(
    make_window: Callable[[], MainWindow],
    svc: Services,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    window = make_window()
    page, add, new = buttons(window)
    assert page.isVisible()
    assert leads(add, new)
    assert add.isEnabled()
    assert not new.isEnabled()
    assert "Add a company first" in new.toolTip()

    accept_dialogs(monkeypatch, CompanyDialog, lambda dialog: dialog.name.setText("Zhipu"))
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert [c.name for c in svc.career.list_companies()] == ["Zhipu"]

    page, add, new = buttons(window)
    qtbot.waitUntil(new.isEnabled)
    assert page.isVisible()  # still no application
    qtbot.waitUntil(lambda: leads(new, add))  # laid out again once the page shows
    assert new.toolTip() == ""


def test_with_a_company_new_application_leads(
    make_window: Callable[[], MainWindow], svc: Services
) -> None:
    svc.career.add_company(CompanyInput(name="Minimax"))
    window = make_window()
    page, add, new = buttons(window)
    assert page.isVisible()
    assert new.isEnabled()
    assert leads(new, add)
