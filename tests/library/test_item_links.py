"""The item pane joined to the career feature: [[links]] in pass notes, the item's links and
backlinks, the link dialog, and open points made into bank questions — on the real window."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QStringListModel, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTextBrowser, QToolButton
from pytestqt.qtbot import QtBot

from desktop.career.companies_view import CompaniesView
from desktop.career.link_dialog import LinkDialog
from desktop.career.questions_view import QuestionsView
from desktop.library.item_pane import ItemPane
from desktop.main_window import MainWindow
from desktop.widgets.wiki import WikiEditor
from models.clock import FixedClock
from models.db import Database
from models.services.career import CareerService, CompanyInput
from models.services.dto import ItemInput
from models.services.library import LibraryService
from models.services.links import LinkService
from models.services.review import QuestionInput, QuestionService
from tests.library.library_helpers import library_of, type_text

ATTENTION_Q = "attention 原理：为什么除以 sqrt(d_k)？"


def seed(db: Database, clock: FixedClock) -> dict[str, int]:
    library = LibraryService(db, clock)
    career = CareerService(db, clock)
    questions = QuestionService(db, clock)
    ids = {
        "gpt": library.create_item(ItemInput(kind="paper_video", title="GPT-4 论文精读")),
        "bert": library.create_item(ItemInput(kind="paper_video", title="BERT 论文逐段精读")),
        "minimax": career.add_company(CompanyInput(name="Minimax")),
        "guangnian": career.add_company(CompanyInput(name="光年之外")),
        "question": questions.add_question(QuestionInput(text=ATTENTION_Q, category="LLM")),
    }
    return ids


def show(window: MainWindow, qtbot: QtBot, item_id: int) -> ItemPane:
    view = library_of(window)
    view.select_item(item_id)
    qtbot.waitUntil(lambda: view.pane.item_id == item_id)
    return view.pane


def click_anchor(qtbot: QtBot, preview: QTextBrowser, href: str) -> None:
    """Click the rendered link `href` where it is drawn, as a user would."""
    block = preview.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(preview.document())
                cursor.setPosition(fragment.position() + 1)
                preview.ensureCursorVisible()
                preview.setTextCursor(cursor)
                point: QPoint = preview.cursorRect(cursor).center()
                qtbot.mouseClick(preview.viewport(), Qt.MouseButton.LeftButton, pos=point)
                return
            it += 1
        block = block.next()
    raise AssertionError(f"no link {href} in the preview: {preview.toHtml()}")


def chip(qtbot: QtBot, pane: ItemPane, kind: str, target_id: int) -> QToolButton:
    found = pane.findChild(QToolButton, f"LinkChip_{kind}_{target_id}")
    assert isinstance(found, QToolButton), f"no {kind} chip {target_id}"
    qtbot.waitUntil(found.isVisible)  # a widget added to a shown layout appears on the next loop
    return found


def test_wiki_links_in_pass_notes_navigate(
    window: MainWindow, db: Database, clock: FixedClock, qtbot: QtBot
) -> None:
    ids = seed(db, clock)
    note = f"对比 [[BERT 论文逐段精读]]，面 [[minimax]] 前看；问题 [[{ATTENTION_Q}]]；[[没有这页]]"
    LibraryService(db, clock).save_note(ids["gpt"], 2, note)
    pane = show(window, qtbot, ids["gpt"])
    preview = pane.cards[1].notes.preview
    html = preview.toHtml()
    assert f"threepass:item/{ids['bert']}" in html
    assert f"threepass:company/{ids['minimax']}" in html  # names match case-insensitively
    assert "没有这页" in html
    assert "threepass:item/0" not in html

    click_anchor(qtbot, preview, f"threepass:item/{ids['bert']}")
    view = library_of(window)
    qtbot.waitUntil(lambda: view.pane.item_id == ids["bert"])
    assert view.current_item_id() == ids["bert"]
    assert window.stack.currentWidget() is view

    pane = show(window, qtbot, ids["gpt"])
    click_anchor(qtbot, pane.cards[1].notes.preview, f"threepass:company/{ids['minimax']}")
    companies = window.view("companies")
    assert isinstance(companies, CompaniesView)
    assert window.stack.currentWidget() is companies
    assert companies.current_id() == ids["minimax"]

    pane = show(window, qtbot, ids["gpt"])
    click_anchor(qtbot, pane.cards[1].notes.preview, f"threepass:question/{ids['question']}")
    questions = window.view("questions")
    assert isinstance(questions, QuestionsView)
    assert window.stack.currentWidget() is questions
    assert questions.current_id() == ids["question"]
    assert questions.detail.title.text() == ATTENTION_Q


def test_typing_double_bracket_completes_company_names(
    window: MainWindow, db: Database, clock: FixedClock, qtbot: QtBot
) -> None:
    ids = seed(db, clock)
    pane = show(window, qtbot, ids["gpt"])
    editor = pane.cards[0].notes.editor
    assert isinstance(editor, WikiEditor)
    editor.setFocus()
    type_text(editor, "面试 [[Mini")
    popup = editor.completer.popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    model = editor.completer.completionModel()
    offered = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert offered == ["Minimax"]
    source = editor.completer.model()
    assert isinstance(source, QStringListModel)
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert editor.toPlainText() == "面试 [[Minimax]]"
    assert not popup.isVisible()
    # autosaved like any note, and the link renders in the live preview
    qtbot.waitUntil(
        lambda: LibraryService(db, clock).get_item(ids["gpt"]).notes.get(1) == "面试 [[Minimax]]"
    )
    qtbot.waitUntil(
        lambda: f"threepass:company/{ids['minimax']}" in pane.cards[0].notes.preview.toHtml()
    )
    # Chinese names complete too
    type_text(editor, " [[光年")
    qtbot.waitUntil(popup.isVisible)
    assert editor.completer.completionModel().index(0, 0).data() == "光年之外"


def test_links_and_backlinks_show_and_navigate(
    window: MainWindow, db: Database, clock: FixedClock, qtbot: QtBot
) -> None:
    ids = seed(db, clock)
    links = LinkService(db, clock)
    links.link_item_company(ids["gpt"], ids["guangnian"])
    links.link_item_question(ids["gpt"], ids["question"])
    LibraryService(db, clock).save_note(ids["bert"], 3, "先看 [[GPT-4 论文精读]] 的第二节")
    CareerService(db, clock).set_company_notes(ids["minimax"], "重点复习 [[gpt-4 论文精读]]")
    pane = show(window, qtbot, ids["gpt"])

    assert chip(qtbot, pane, "company", ids["guangnian"]).text() == "光年之外"
    assert chip(qtbot, pane, "question", ids["question"]).text().startswith("attention 原理")
    backlink = chip(qtbot, pane, "item", ids["bert"])
    assert backlink.text() == "BERT 论文逐段精读"
    assert "pass 3 notes" in backlink.toolTip()
    assert chip(qtbot, pane, "company", ids["minimax"]).text() == "Minimax"  # its notes link here
    assert pane.findChild(QToolButton, f"LinkChip_item_{ids['gpt']}") is None

    qtbot.mouseClick(backlink, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: library_of(window).pane.item_id == ids["bert"])

    pane = show(window, qtbot, ids["gpt"])
    qtbot.mouseClick(chip(qtbot, pane, "company", ids["guangnian"]), Qt.MouseButton.LeftButton)
    companies = window.view("companies")
    assert isinstance(companies, CompaniesView)
    assert window.stack.currentWidget() is companies
    assert companies.current_id() == ids["guangnian"]


def test_link_button_opens_the_link_dialog_and_shows_new_links(
    window: MainWindow, db: Database, clock: FixedClock, qtbot: QtBot
) -> None:
    ids = seed(db, clock)
    pane = show(window, qtbot, ids["bert"])
    assert pane.findChild(QToolButton, f"LinkChip_company_{ids['minimax']}") is None
    seen: list[str] = []

    def check_minimax() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LinkDialog)
        seen.append(dialog.windowTitle())
        dialog.companies.set_checked(ids["minimax"], True)
        dialog.apply_and_close()

    QTimer.singleShot(0, check_minimax)
    qtbot.mouseClick(pane.link_items_button, Qt.MouseButton.LeftButton)
    assert seen == ["Link item"]
    links = LinkService(db, clock).item_links(ids["bert"])
    assert links.companies == ((ids["minimax"], "Minimax"),)
    assert chip(qtbot, pane, "company", ids["minimax"]).text() == "Minimax"


def test_make_question_from_an_open_point(
    window: MainWindow, db: Database, clock: FixedClock, qtbot: QtBot
) -> None:
    ids = seed(db, clock)
    library = LibraryService(db, clock)
    library.add_open_point(ids["gpt"], "RLHF 的奖励模型怎么训练？")
    library.add_open_point(ids["gpt"], "MoE 路由")
    pane = show(window, qtbot, ids["gpt"])
    points = pane.open_points
    assert not points.question_button.isEnabled()  # nothing selected yet
    points.table.selectRow(0)
    assert points.question_button.isEnabled()
    assert points.model.index(0, 2).data() is None

    qtbot.mouseClick(points.question_button, Qt.MouseButton.LeftButton)

    detail = library.get_item(ids["gpt"])
    made = [p for p in detail.open_points if p.question_id is not None]
    assert [p.text for p in made] == ["RLHF 的奖励模型怎么训练？"]
    question_id = made[0].question_id
    assert question_id is not None
    question = QuestionService(db, clock).get_question(question_id)
    assert question.text == "RLHF 的奖励模型怎么训练？"
    assert [i.id for i in question.items] == [ids["gpt"]]  # still linked to the item
    assert (question_id, "RLHF 的奖励模型怎么训练？", 0) in LinkService(db, clock).item_links(
        ids["gpt"]
    ).questions
    # the point shows it has a question, the pane lists it, the bank has it
    row = next(r for r in range(points.model.rowCount()) if points.model.point_at(r).question_id)
    assert points.model.index(row, 2).data() == "→ Q"
    points.table.selectRow(row)
    assert not points.question_button.isEnabled()  # one question per point
    assert chip(qtbot, pane, "question", question_id).text().startswith("RLHF")
    questions = window.view("questions")
    assert isinstance(questions, QuestionsView)

    # double-clicking the marker opens the question in the bank
    index = points.model.index(row, 2)
    rect = points.table.visualRect(index)
    assert points.table.viewport().rect().contains(rect.center())
    qtbot.mouseClick(points.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(points.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.stack.currentWidget() is questions
    assert questions.current_id() == question_id


def test_make_question_from_the_context_menu(
    window: MainWindow, db: Database, clock: FixedClock, qtbot: QtBot
) -> None:
    ids = seed(db, clock)
    library = LibraryService(db, clock)
    library.add_open_point(ids["bert"], "为什么用 [MASK]？")
    pane = show(window, qtbot, ids["bert"])
    table = pane.open_points.table
    chosen: list[str] = []

    def pick_make_question() -> None:
        menu = QApplication.activePopupWidget()
        assert menu is not None
        for action in menu.actions():
            if action.text() == "Make question":
                chosen.append(action.text())
                action.trigger()
        menu.close()

    QTimer.singleShot(0, pick_make_question)
    rect = table.visualRect(pane.open_points.model.index(0, 0))
    table.customContextMenuRequested.emit(rect.center())
    assert chosen == ["Make question"]
    point = library.get_item(ids["bert"]).open_points[0]
    assert point.question_id is not None
    assert QuestionService(db, clock).get_question(point.question_id).text == "为什么用 [MASK]？"
