"""Every view fits a 1024×700 window (a small laptop screen) with real, long, Chinese data."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QSplitter
from pytestqt.qtbot import QtBot

from desktop.career.questions_view import QuestionsView
from desktop.main_window import MainWindow
from models.clock import FixedClock
from models.db import Database
from models.services.career import CareerService, CompanyInput
from models.services.dto import ItemInput
from models.services.library import LibraryService
from models.services.links import LinkService
from models.services.review import QuestionInput, QuestionService
from tests.library.library_helpers import library_of

LONG_QUESTION = (
    "大语言模型有哪几种架构（encoder-only、decoder-only、encoder-decoder），"
    "各自的代表模型、训练目标和适用场景分别是什么？"
)


def seed(db: Database, clock: FixedClock) -> int:
    library = LibraryService(db, clock)
    career = CareerService(db, clock)
    questions = QuestionService(db, clock)
    links = LinkService(db, clock)
    item = library.create_item(
        ItemInput(
            kind="paper_video",
            title="Transformer论文逐段精读【论文精读】 Attention Is All You Need",
            duration_seconds=5225,
        )
    )
    other = library.create_item(ItemInput(kind="paper", title="BERT: Pre-training of Deep ..."))
    for name in ("Minimax", "五季智能", "衔远科技", "光年之外", "昆仑万维", "stability.ai"):
        links.link_item_company(item, career.add_company(CompanyInput(name=name)))
    for n in range(4):
        qid = questions.add_question(QuestionInput(text=f"{LONG_QUESTION} ({n})", category="LLM"))
        links.link_item_question(item, qid)
    library.add_open_point(item, "为什么要除以 sqrt(d_k)？softmax 饱和以后梯度会怎样？")
    library.add_open_point(item, "LayerNorm 和 BatchNorm 的区别")
    library.save_note(item, 1, "对比 [[Minimax]] 的面经；[[BERT: Pre-training of Deep ...]]")
    title = "Transformer论文逐段精读【论文精读】 Attention Is All You Need"
    library.save_note(other, 2, f"先看 [[{title}]]")
    return item


def test_every_view_fits_1024_by_700(
    window: MainWindow, db: Database, clock: FixedClock, qtbot: QtBot
) -> None:
    item = seed(db, clock)
    library_of(window).select_item(item)
    window.resize(1024, 700)
    app = QApplication.instance()
    assert app is not None
    for key in window.view_keys():
        window.show_view(key)
        app.processEvents()
        hint = window.minimumSizeHint()
        assert hint.width() <= 1024, f"{key} needs {hint.width()} px"
        assert hint.height() <= 700, f"{key} needs {hint.height()} px of height"
        assert (window.width(), window.height()) == (1024, 700), key

    # the question bank still shows a usable table and detail side by side
    questions = window.view("questions")
    assert isinstance(questions, QuestionsView)
    window.show_view("questions")
    app.processEvents()
    splitter = questions.findChild(QSplitter, "QuestionsSplitter")
    assert isinstance(splitter, QSplitter)
    table_width, detail_width = splitter.sizes()
    assert table_width >= 300
    assert detail_width >= 300
    assert questions.detail.title.wordWrap()
    assert questions.detail.title.width() <= detail_width
