"""The acceptance path of issue 4 through the real window, on a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QModelIndex, QPointF, Qt
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QListView
from pytestqt.qtbot import QtBot

from desktop.career.board_dialogs import ApplicationDialog, RoundDialog
from desktop.career.board_models import APPLICATION_MIME
from desktop.career.board_view import BoardView
from desktop.career.companies_view import CompaniesView
from desktop.career.link_dialog import LinkDialog
from desktop.career.questions_view import QuestionsView
from desktop.context import AppContext, Events
from desktop.gui import build_window
from desktop.main_window import MainWindow
from models.clock import FixedClock
from models.db import Database, open_database
from models.paths import resolve_location
from models.services.career import CareerService, CompanyInput
from models.services.dto import ItemInput
from models.services.library import LibraryService
from models.services.links import LinkService
from models.services.review import QuestionInput, QuestionService


class Session:
    """One app run: a window on its own Database over the same data dir."""

    def __init__(self, data_dir: Path, clock: FixedClock, qtbot: QtBot) -> None:
        self.db: Database = open_database(resolve_location(data_dir=data_dir))
        self.ctx = AppContext(db=self.db, clock=clock, events=Events())
        self.window: MainWindow = build_window(self.ctx)
        qtbot.addWidget(self.window)
        self.window.resize(1280, 800)
        self.window.show()

    @property
    def board(self) -> BoardView:
        view = self.window.view("board")
        assert isinstance(view, BoardView)
        return view

    @property
    def companies(self) -> CompaniesView:
        view = self.window.view("companies")
        assert isinstance(view, CompaniesView)
        return view

    @property
    def questions(self) -> QuestionsView:
        view = self.window.view("questions")
        assert isinstance(view, QuestionsView)
        return view

    def close(self) -> None:
        self.window.close()
        self.db.close()


@pytest.fixture
def session(data_dir: Path, clock: FixedClock, qtbot: QtBot) -> Iterator[Session]:
    s = Session(data_dir, clock, qtbot)
    yield s
    s.close()


def drop_on_view(view: QListView, mime: QMimeData) -> None:
    """Deliver a drag-enter, drag-move and drop to a column, as a mouse drag would."""
    target = view.viewport()
    point = QPointF(target.width() / 2, target.height() - 5)
    buttons = Qt.MouseButton.LeftButton
    mods = Qt.KeyboardModifier.NoModifier
    action = Qt.DropAction.MoveAction
    # drag enter/move take a QPoint (PySide6 6.11 rejects QPointF there), the drop a QPointF
    enter = QDragEnterEvent(point.toPoint(), action, mime, buttons, mods)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(point.toPoint(), action, mime, buttons, mods, QEvent.Type.DragMove)
    QApplication.sendEvent(target, move)
    assert move.isAccepted()
    drop = QDropEvent(point, action, mime, buttons, mods)
    QApplication.sendEvent(target, drop)
    assert drop.isAccepted()


def companies_readiness(s: Session, name: str) -> int:
    rows = {r.name: r.readiness for r in s.companies.model.rows}
    return rows[name]


def test_application_board_rounds_links_readiness_survive_restart(
    data_dir: Path, clock: FixedClock, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Session(data_dir, clock, qtbot)
    company = CareerService(first.db, clock).add_company(CompanyInput(name="Minimax", city="上海"))
    bank = QuestionService(first.db, clock)
    q_attention = bank.add_question(QuestionInput(text="attention原理", confidence=2))
    q_lora = bank.add_question(QuestionInput(text="LoRA原理", confidence=4))
    bank.add_question(QuestionInput(text="多进程和多线程的区别"))
    library = LibraryService(first.db, clock)
    item = library.create_item(ItemInput(kind="paper_video", title="Transformer论文逐段精读"))
    first.ctx.events.career_changed.emit()
    first.ctx.events.items_changed.emit()

    # 1. create an application through the New application dialog
    def fill_application(dialog: ApplicationDialog) -> int:
        dialog.company.setCurrentIndex(dialog.company.findData(company))
        dialog.role.setText("大模型算法工程师")
        dialog.channel.setCurrentText("referral")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ApplicationDialog, "exec", fill_application)
    first.window.show_view("board")
    first.board.new_application()
    interested = first.board.columns["interested"]
    qtbot.waitUntil(lambda: interested.model.rowCount() == 1)
    app_id = interested.model.rows[0].id
    assert interested.model.rows[0].role == "大模型算法工程师"

    # 2. drag its card to "interviewing": the mime data a drag produces, dropped on the column
    mime = interested.model.mimeData([interested.model.index(0)])
    assert mime.hasFormat(APPLICATION_MIME)
    interviewing = first.board.columns["interviewing"]
    drop_on_view(interviewing.view, mime)
    qtbot.waitUntil(lambda: interviewing.model.rowCount() == 1)
    assert interested.model.rowCount() == 0
    history = CareerService(first.db, clock).get_application(app_id).events
    assert [(e.from_status, e.to_status) for e in history] == [
        (None, "interested"),
        ("interested", "interviewing"),
    ]
    # a drop on the column it came from changes nothing
    assert not interviewing.model.dropMimeData(
        interviewing.model.mimeData([interviewing.model.index(0)]),
        Qt.DropAction.MoveAction,
        -1,
        -1,
        QModelIndex(),
    )

    # 3. a round with two questions picked from the bank
    def pick_questions(dialog: RoundDialog) -> int:
        dialog.kind.setCurrentIndex(dialog.kind.findData("ml_concepts"))
        dialog.bank.set_checked(q_attention, True)
        dialog.bank.set_checked(q_lora, True)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(RoundDialog, "exec", pick_questions)
    first.board.detail.show_application(app_id)
    first.board.detail.add_round()
    qtbot.waitUntil(lambda: first.board.detail.rounds.rowCount() == 1)
    cells = [first.board.detail.rounds.index(0, c).data() for c in range(4)]
    assert cells[1] == "ML concepts"
    assert cells[3] == "attention原理; LoRA原理"

    # 4. link the item to the company through Edit ▸ Link item…
    def check_company(dialog: LinkDialog) -> int:
        dialog.companies.set_checked(company, True)
        dialog.apply_and_close()
        return dialog.result()

    monkeypatch.setattr(LinkDialog, "exec", check_company)
    first.ctx.events.item_selected.emit(item)
    action = first.window.findChild(QAction, "LinkItemAction")
    assert action is not None
    action.trigger()
    first.window.show_view("companies")
    qtbot.waitUntil(lambda: first.companies.detail.items_model.rowCount() == 1)
    before = companies_readiness(first, "Minimax")
    assert before == round(100 * 0.4 * (2 + 4) / 10)  # questions asked in the round; no pass yet

    # 5. finish the item's three passes: readiness rises, on the companies view and the card
    for number in (1, 2, 3):
        library.set_pass(item, number, "done")
    first.ctx.events.items_changed.emit()
    qtbot.waitUntil(lambda: companies_readiness(first, "Minimax") > before)
    after = companies_readiness(first, "Minimax")
    assert after == round(100 * (0.6 + 0.4 * 0.6))
    assert first.companies.detail.readiness_bar.value() == after
    assert interviewing.model.readiness.get(company) != after  # hidden: reloads when shown
    first.window.show_view("board")
    qtbot.waitUntil(lambda: interviewing.model.readiness.get(company) == after)
    first.close()

    # 6. close and reopen: everything is still there
    second = Session(data_dir, clock, qtbot)
    try:
        column = second.board.columns["interviewing"]
        assert [r.id for r in column.model.rows] == [app_id]
        assert column.model.readiness[company] == after
        second.board.detail.show_application(app_id)
        assert second.board.detail.rounds.rowCount() == 1
        assert second.board.detail.history.rowCount() == 2
        assert companies_readiness(second, "Minimax") == after
        second.companies.select_company(company)
        assert second.companies.detail.items_model.index(0, 1).data() == "3/3"
    finally:
        second.close()


def test_review_buttons_and_today_queue(session: Session, qtbot: QtBot) -> None:
    bank = QuestionService(session.db, session.ctx.clock)
    first = bank.add_question(QuestionInput(text="attention原理", category="神经网络基础"))
    second = bank.add_question(QuestionInput(text="LoRA原理", category="神经网络基础"))
    session.ctx.events.career_changed.emit()
    view = session.questions
    session.window.show_view("questions")
    view.due_only.setChecked(True)
    assert view.proxy.rowCount() == 2
    view.select_question(first)
    view.detail.show_answer_button.click()  # the queue grades an answer once it is shown
    view.detail.rating_buttons["good"].click()
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 1)
    assert view.current_id() == second  # the queue moves on
    detail = bank.get_question(first)
    assert (detail.due_on.isoformat() if detail.due_on else None, detail.confidence) == (
        "2026-03-04",  # FSRS: a new question recalled ("Good") comes back in 2 days
        4,
    )
    view.detail.show_answer_button.click()
    view.detail.rating_buttons["again"].click()
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 0)
    assert bank.get_question(second).confidence == 1


def test_answer_editor_saves_and_wiki_links_show_backlinks(session: Session, qtbot: QtBot) -> None:
    bank = QuestionService(session.db, session.ctx.clock)
    qid = bank.add_question(QuestionInput(text="attention原理"))
    company = CareerService(session.db).add_company(CompanyInput(name="Minimax"))
    session.ctx.events.career_changed.emit()
    view = session.questions
    session.window.show_view("questions")
    view.select_question(qid)
    pane = view.detail.answer
    pane.tabs.setCurrentIndex(1)
    pane.editor.setFocus()
    pane.editor.insertPlainText("Minimax 常问 ")  # QTest can only type ASCII keys
    qtbot.keyClicks(pane.editor, "[[Mini")
    assert pane.editor.typed_prefix() == "Mini"
    pane.editor.insert_completion("Minimax")
    assert pane.text() == "Minimax 常问 [[Minimax]]"
    pane.tabs.setCurrentIndex(0)  # leaving the editor saves
    assert bank.get_question(qid).answer == "Minimax 常问 [[Minimax]]"
    assert 'href="threepass:company/' in pane.preview.toHtml()
    opened: list[int] = []
    view.open_company.connect(opened.append)
    pane.link_activated.emit("company", company)
    assert opened == [company]
    session.companies.refresh()
    session.companies.select_company(company)
    assert session.companies.detail.backlinks_model.rowCount() == 1
    assert session.companies.detail.backlinks_model.index(0, 0).data() == "attention原理"


def test_link_dialog_turns_an_open_point_into_a_question(session: Session, qtbot: QtBot) -> None:
    library = LibraryService(session.db, session.ctx.clock)
    item = library.create_item(ItemInput(kind="paper_video", title="Transformer论文逐段精读"))
    point = library.add_open_point(item, "为什么除以 √d_k")
    CareerService(session.db).set_company_notes(
        CareerService(session.db).add_company(CompanyInput(name="Minimax")),
        "先看 [[Transformer论文逐段精读]]",
    )
    changed: list[bool] = []
    session.ctx.events.career_changed.connect(lambda: changed.append(True))
    dialog = LinkDialog(session.window, session.ctx, item)
    qtbot.addWidget(dialog)
    assert dialog.backlinks.rowCount() == 1
    assert dialog.backlinks.index(0, 0).data() == "Minimax"
    dialog.points_view.selectRow(0)
    dialog.point_to_question()
    assert changed
    question = library.get_item(item).open_points[0].question_id
    assert question is not None
    assert dialog.points.row_id(0) == point
    assert question in dialog.question_model.checked
    dialog.companies.set_checked(CareerService(session.db).company_id("minimax"), True)
    dialog.apply_and_close()
    links = LinkService(session.db).item_links(item)
    assert [t for _i, t, _c in links.questions] == ["为什么除以 √d_k"]
    assert [n for _i, n in links.companies] == ["Minimax"]


def test_companies_search_and_status_filter(session: Session) -> None:
    career = CareerService(session.db, session.ctx.clock)
    from models.services.career import ApplicationInput

    for name, city in (("Minimax", "上海"), ("五季智能", "北京"), ("衔远科技", "北京")):
        cid = career.add_company(CompanyInput(name=name, city=city))
        if name == "衔远科技":
            career.apply(cid, ApplicationInput(role="算法"), status="test")
    session.ctx.events.career_changed.emit()
    view = session.companies
    session.window.show_view("companies")  # a hidden view reloads when it is shown
    view.search.setText("北京")
    assert view.proxy.rowCount() == 2
    view.search.setText("mini")
    assert [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())] == ["Minimax"]
    view.search.clear()
    view.status_filter.setCurrentIndex(view.status_filter.findData("test"))
    assert [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())] == ["衔远科技"]
    view.status_filter.setCurrentIndex(1)  # no application yet
    assert view.proxy.rowCount() == 2


def test_sorting_happens_in_the_model_and_keeps_the_selection(session: Session) -> None:
    bank = QuestionService(session.db, session.ctx.clock)
    for text, confidence in (("b 问题", 3), ("a 问题", 5), ("c 问题", 1)):
        bank.add_question(QuestionInput(text=text, confidence=confidence))
    view = session.questions
    session.window.show_view("questions")
    view.refresh()
    view.select_question(bank.list_questions("a 问题")[0].id)

    def texts() -> list[str]:
        return [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]

    view.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # confidence
    assert texts() == ["a 问题", "b 问题", "c 问题"]
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert texts() == ["c 问题", "b 问题", "a 问题"]
    assert view.table.currentIndex().data() == "a 问题"  # the selection followed its row
    view.search.setText("b")
    assert texts() == ["b 问题"]


def test_duplicate_company_in_the_dialog_is_one_message_and_changes_nothing(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.career.companies_view import CompanyDialog
    from desktop.widgets import dialogs

    CareerService(session.db).add_company(CompanyInput(name="Minimax"))
    session.window.show_view("companies")
    session.companies.refresh()
    answers = iter([QDialog.DialogCode.Accepted.value, QDialog.DialogCode.Rejected.value])

    def typed(dialog: CompanyDialog) -> int:
        dialog.name.setText("MINIMAX")
        return next(answers)

    warnings: list[str] = []
    monkeypatch.setattr(CompanyDialog, "exec", typed)
    monkeypatch.setattr(dialogs, "inform", lambda _parent, _title, text: warnings.append(text))
    session.companies.add_company()
    assert warnings == ["A company named 'Minimax' already exists; names must be unique."]
    assert [r.name for r in CareerService(session.db).list_companies()] == ["Minimax"]


def test_company_pane_links_items_and_readiness_follows(
    session: Session, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import desktop.career.companies_view as companies_view

    library = LibraryService(session.db, session.ctx.clock)
    done = library.create_item(ItemInput(kind="paper", title="LoRA"))
    for number in (1, 2, 3):
        library.set_pass(done, number, "done")
    todo = library.create_item(ItemInput(kind="paper", title="GPT-3"))
    company = CareerService(session.db).add_company(CompanyInput(name="五季智能"))
    session.window.show_view("companies")
    session.companies.refresh()
    session.companies.select_company(company)
    offered: list[list[str]] = []

    def pick(
        _parent: object,
        _title: str,
        _headers: object,
        rows: list[tuple[int, list[str]]],
        checked: set[int],
    ) -> list[int]:
        offered.append([cells[0] for _id, cells in rows])
        assert checked == set()
        return [done, todo]

    monkeypatch.setattr(companies_view, "pick_ids", pick)
    session.companies.detail.link_items()
    assert sorted(offered[0]) == ["GPT-3", "LoRA"]
    qtbot.waitUntil(lambda: session.companies.detail.items_model.rowCount() == 2)
    assert session.companies.detail.readiness_bar.value() == 50  # 3 of 6 passes
    assert [r.readiness for r in session.companies.model.rows] == [50]
