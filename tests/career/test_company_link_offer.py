"""`[[Minimax]]` typed in an item's note offers to link the item to Minimax (issue #16): Link
makes the readiness link, Not now is remembered for that item and company. The real window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.career.companies_view import CompaniesView
from desktop.career.link_offer import CompanyLinkOffer
from desktop.main_window import MainWindow
from models.services.career import CompanyInput
from tests.career.career_support import Services, shown_view


def open_item(window: MainWindow, qtbot: QtBot, item_id: int) -> CompanyLinkOffer:
    window.show_view("library")
    library = window.library_view  # type: ignore[attr-defined]
    library.select_item(item_id)
    qtbot.waitUntil(lambda: library.pane.item_id == item_id)
    offer = library.pane.findChild(CompanyLinkOffer)
    assert isinstance(offer, CompanyLinkOffer)
    return offer


def type_in_pass_notes(window: MainWindow, number: int, text: str) -> None:
    editor = window.library_view.pane.cards[number - 1].notes.editor  # type: ignore[attr-defined]
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    QTest.keyClicks(editor, text)


def test_typing_a_company_link_offers_the_readiness_link(
    make_window: Callable[[], MainWindow], svc: Services, qtbot: QtBot
) -> None:
    minimax = svc.career.add_company(CompanyInput(name="Minimax"))
    item = svc.item("Attention Is All You Need")
    window = make_window()
    offer = open_item(window, qtbot, item)
    assert not offer.isVisible()

    type_in_pass_notes(window, 2, "Asked at [[Minimax]] about scaling.")
    qtbot.waitUntil(offer.isVisible)
    assert "Link this item to Minimax?" in offer.label.text()
    qtbot.mouseClick(offer.link_button, Qt.MouseButton.LeftButton)

    assert [cid for cid, _n in svc.links.item_links(item).companies] == [minimax]
    qtbot.waitUntil(lambda: not offer.isVisible())
    readiness = svc.links.readiness(minimax)
    assert [i.id for i in readiness.items] == [item]
    companies = shown_view(window, "companies", CompaniesView)
    assert companies.select_company(minimax)
    assert companies.detail.items_model.rowCount() == 1  # the item counts for readiness
    assert companies.detail.steps.buttons[0].objectName() == "NextStep_pass"


def test_not_now_is_remembered_for_that_item_and_company(
    make_window: Callable[[], MainWindow], svc: Services, qtbot: QtBot
) -> None:
    svc.career.add_company(CompanyInput(name="Minimax"))
    zhipu = svc.career.add_company(CompanyInput(name="Zhipu"))
    first = svc.item("GPT-3")
    second = svc.item("BERT")
    window = make_window()
    offer = open_item(window, qtbot, first)
    type_in_pass_notes(window, 1, "[[Minimax]] and [[Zhipu]] both ask this.")
    qtbot.waitUntil(offer.isVisible)
    assert "Minimax" in offer.label.text()
    qtbot.mouseClick(offer.later_button, Qt.MouseButton.LeftButton)
    assert "Zhipu" in offer.label.text()  # the next company named comes next
    qtbot.mouseClick(offer.later_button, Qt.MouseButton.LeftButton)
    assert not offer.isVisible()
    assert svc.links.item_links(first).companies == ()

    type_in_pass_notes(window, 1, " More on [[Minimax]].")  # declined: no new offer
    offer.check()  # what the pause after typing runs
    assert not offer.isVisible()

    offer = open_item(window, qtbot, second)  # another item: its own offer
    type_in_pass_notes(window, 3, "Compare with [[Zhipu]].")
    qtbot.waitUntil(offer.isVisible)
    qtbot.mouseClick(offer.link_button, Qt.MouseButton.LeftButton)
    assert [cid for cid, _n in svc.links.item_links(second).companies] == [zhipu]
