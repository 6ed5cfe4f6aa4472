"""Markup in data is shown as characters in every tooltip, label, card and window title.

Qt renders a tooltip or a label as HTML whenever `Qt.mightBeRichText` guesses so: a company
named `<h1 style=…>ACME</h1><img src=…>` showed a red heading and an image read from disk,
and `<img src="/dev/zero">` aborted the app when hovered. Here every field a view shows holds
such markup (with a real image file, so an interpreted tag would load it), every view is
opened, and what each model, label and real hovered tooltip *shows* must be the data.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPoint,
    Qt,
)
from PySide6.QtGui import QColor, QHelpEvent, QImage, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QListView,
    QToolTip,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.career.board_view import BoardView
from desktop.career.companies_view import CompaniesView
from desktop.career.questions_view import QuestionsView
from desktop.importing.notes_preview import NotesPreviewDialog, SectionPreview
from desktop.importing.progress_dialog import ImportProgressDialog
from desktop.journal.view import JournalView
from desktop.library.view import LibraryView
from desktop.main_window import MainWindow
from desktop.planner.today_view import TodayView
from desktop.stats.stats_view import StatsView
from desktop.widgets.plain import PlainLabel, plain_mnemonic, plain_title, plain_tooltip
from importers.records import SkippedRow
from models.db import Database
from models.services.career import ApplicationInput, CareerService, CompanyInput, RoundInput
from models.services.dto import ItemInput
from models.services.import_summary import ImportSummary, KindCounts
from models.services.journal import JournalService
from models.services.library import LibraryService
from models.services.review import QuestionInput, QuestionService

ROOT = Path(__file__).resolve().parents[2]
FIELDS = (
    "item-title",
    "item-category",
    "item-tag",
    "open-point",
    "company-name",
    "company-city",
    "company-focus",
    "company-tag",
    "app-role",
    "app-team",
    "app-channel",
    "app-next",
    "round-outcome",
    "round-notes",
    "round-question",
    "question-text",
    "question-category",
    "question-tag",
    "question-detail",
    "journal-title",
    "journal-category",
    "journal-body",
    "skipped-where",
    "skipped-reason",
    "section-path",
)


@dataclass(frozen=True)
class Hostile:
    """One markup string per field, each with a marker that survives being rendered."""

    image: Path

    def __getitem__(self, field: str) -> str:
        return f'<h1 style="color:red">{field.upper()}</h1><img src="{self.image}">'

    def values(self) -> Iterator[str]:
        return (self[f] for f in FIELDS)


@pytest.fixture
def hostile(tmp_path: Path) -> Hostile:
    """A real image on disk: a tag that gets interpreted loads it, and the test sees that."""
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    path = tmp_path / "pixel.png"
    assert image.save(str(path))
    return Hostile(path)


def rendered(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> QTextDocument | None:
    """The document Qt builds for text shown in a tooltip or label, None if shown as typed."""
    rich = fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    if not rich:
        return None
    document = QTextDocument()
    document.setHtml(text)
    return document


def has_image(document: QTextDocument) -> bool:
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().isImageFormat():
                return True
            it += 1
        block = block.next()
    return False


def shown(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What the user reads; fails if the text would embed an image."""
    document = rendered(text, fmt)
    if document is None:
        return text
    assert not has_image(document), f"an image is rendered from {text!r}"
    return document.toPlainText()


def check(
    hostile: Hostile, where: str, text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText
) -> int:
    """Every field whose marker shows must show whole, tags included: nothing was interpreted.

    Returns how many hostile values were found (callers assert they looked at real data).
    """
    seen = shown(text, fmt)
    found = 0
    for field in FIELDS:
        if field.upper() in seen:
            assert hostile[field] in seen, f"{where}: {field} shows as {seen!r} (from {text!r})"
            found += 1
    return found


def fill_library(db: Database, hostile: Hostile) -> dict[str, int]:
    library = LibraryService(db)
    item = library.create_item(
        ItemInput(
            kind="paper_video",
            title=hostile["item-title"],
            category=hostile["item-category"],
            tags=[hostile["item-tag"]],
            duration_seconds=1800,
        )
    )
    library.add_open_point(item, hostile["open-point"])
    library.set_pass(item, 1, "start")  # on Today's plan
    career = CareerService(db)
    company = career.add_company(
        CompanyInput(
            name=hostile["company-name"],
            city=hostile["company-city"],
            focus=hostile["company-focus"],
            tags=[hostile["company-tag"]],
        )
    )
    questions = QuestionService(db)
    question = questions.add_question(
        QuestionInput(
            text=hostile["question-text"],
            category=hostile["question-category"],
            tags=[hostile["question-tag"]],
            detail=hostile["question-detail"],
        )
    )
    application = career.apply(
        company,
        ApplicationInput(
            role=hostile["app-role"],
            team=hostile["app-team"],
            channel=hostile["app-channel"],
            next_action=hostile["app-next"],
        ),
    )
    career.add_round(
        application,
        RoundInput(
            held_on=None,
            kind="coding",
            interviewer_notes=hostile["round-notes"],
            outcome=hostile["round-outcome"],
            question_ids=[question],
            new_questions=[hostile["round-question"]],
        ),
    )
    journal = JournalService(db).create(
        hostile["journal-title"],
        body="first line\n" + hostile["journal-body"],
        category=hostile["journal-category"],
    )
    return {
        "item": item,
        "company": company,
        "question": question,
        "application": application,
        "journal": journal,
    }


def columns(model: QAbstractItemModel) -> int:
    """A list model's column count is private in PySide6: it has one."""
    return 1 if isinstance(model, QAbstractListModel) else model.columnCount()


def model_texts(view: QAbstractItemView) -> Iterator[tuple[str, str]]:
    model = view.model()
    if model is None:
        return
    for row in range(model.rowCount(QModelIndex())):
        for column in range(columns(model)):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if isinstance(value, str) and value:
                    yield f"{type(model).__name__}[{row},{column}] role {role.name}", value


def check_widget_tree(hostile: Hostile, root: QWidget) -> int:
    """Every model cell (display and tooltip), label and widget tooltip under root."""
    found = 0
    for view in root.findChildren(QAbstractItemView):
        for where, text in model_texts(view):
            role_display = "DisplayRole" in where
            # item views paint DisplayRole as plain text; tooltips are guessed
            fmt = Qt.TextFormat.PlainText if role_display else Qt.TextFormat.AutoText
            found += check(hostile, where, text, fmt)
    for label in root.findChildren(QLabel):
        found += check(hostile, f"label {label.objectName()!r}", label.text(), label.textFormat())
    for widget in root.findChildren(QWidget):
        if widget.toolTip():
            found += check(hostile, f"tooltip of {type(widget).__name__}", widget.toolTip())
    return found


def hover(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex) -> str:
    """A real hover: the mouse moves over the cell and Qt's tooltip event shows the tooltip."""
    QToolTip.hideText()
    QApplication.processEvents()  # a view just filled settles first (its columns fit its width)
    view.scrollTo(index)
    point = view.visualRect(index).center()
    QTest.mouseMove(view.viewport(), point)
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible)
    return QToolTip.text()


def index_showing(view: QAbstractItemView, marker: str) -> QModelIndex:
    model = view.model()
    for row in range(model.rowCount(QModelIndex())):
        for column in range(columns(model)):
            index = model.index(row, column)
            if marker in str(index.data() or ""):
                return index
    raise AssertionError(f"no cell of {type(model).__name__} shows {marker}")


def test_plain_tooltip_shows_exactly_the_text(qapp: QApplication, hostile: Hostile) -> None:
    for text in (
        hostile["company-name"],
        '<img src="/dev/zero">',
        "  indented\ttab & <b>bold</b> &amp; &lt;  ",
        "two\nlines <i>x</i>",
        "公司 <script>alert('x')</script>",
    ):
        tooltip = plain_tooltip(text)
        assert QtGui.Qt.mightBeRichText(tooltip)  # so Qt renders our escaped form, never a guess
        assert shown(tooltip) == text
    assert shown(plain_tooltip("windows\r\nline")) == "windows\nline"
    assert plain_tooltip("") == ""


def test_plain_label_title_and_mnemonic(qtbot: QtBot, hostile: Hostile) -> None:
    label = PlainLabel(hostile["company-name"], word_wrap=True)
    qtbot.addWidget(label)
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.wordWrap()
    assert shown(label.text(), label.textFormat()) == hostile["company-name"]
    window = QWidget()
    qtbot.addWidget(window)
    window.setWindowTitle(plain_title("notes[*] R&D.md"))
    window.show()
    qtbot.waitExposed(window)
    handle = window.windowHandle()
    assert handle is not None
    assert handle.title() == "notes[*] R&D.md"
    assert plain_mnemonic("R&D") == "R&&D"


def test_every_view_shows_hostile_data_as_characters(
    db: Database,
    make_window: Callable[[Database], MainWindow],
    qtbot: QtBot,
    hostile: Hostile,
) -> None:
    ids = fill_library(db, hostile)
    window = make_window(db)
    found = 0

    window.show_view("library")
    library = window.view("library")
    assert isinstance(library, LibraryView)
    library.select_item(ids["item"])
    qtbot.waitUntil(lambda: library.pane.item_id == ids["item"])
    found += check_widget_tree(hostile, library)

    window.show_view("companies")
    companies = window.view("companies")
    assert isinstance(companies, CompaniesView)
    assert companies.select_company(ids["company"])
    found += check_widget_tree(hostile, companies)

    window.show_view("board")
    board = window.view("board")
    assert isinstance(board, BoardView)
    board.detail.show_application(ids["application"])
    found += check_widget_tree(hostile, board)

    window.show_view("questions")
    questions = window.view("questions")
    assert isinstance(questions, QuestionsView)
    questions.detail.show_question(ids["question"])
    found += check_widget_tree(hostile, questions)

    window.show_view("notes")
    journal = window.view("notes")
    assert isinstance(journal, JournalView)
    journal.table.selectRow(0)
    qtbot.waitUntil(lambda: hostile["journal-title"] in journal.title.text())
    found += check_widget_tree(hostile, journal)

    window.show_view("today")
    today = window.view("today")
    assert isinstance(today, TodayView)
    today.refresh()
    assert today.plan_model.rowCount() >= 1
    found += check_widget_tree(hostile, today)

    # Every field went through some view; nothing hostile was dropped silently.
    assert found >= 40
    seen_fields = {
        f
        for f in FIELDS
        if any(
            f.upper() in text
            for view in window.findChildren(QAbstractItemView)
            for _where, text in model_texts(view)
        )
    }
    assert {"company-name", "question-text", "app-role", "journal-title", "item-title"} <= (
        seen_fields
    )


def _column(view: CompaniesView, title: str) -> int:
    model = view.table.model()
    return next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == title
    )


def test_hovering_each_feature_shows_the_data(
    db: Database,
    make_window: Callable[[Database], MainWindow],
    qtbot: QtBot,
    hostile: Hostile,
) -> None:
    """Real hovers, one or more per feature: the tooltip Qt shows reads as the data."""
    ids = fill_library(db, hostile)
    window = make_window(db)

    def hover_check(view: QAbstractItemView, field: str, *also: str) -> None:
        text = hover(qtbot, view, index_showing(view, field.upper()))
        seen = shown(text)
        for f in (field, *also):
            assert hostile[f] in seen, f"hovering {type(view.model()).__name__}: {seen!r}"

    window.show_view("library")
    library = window.view("library")
    assert isinstance(library, LibraryView)
    hover_check(library.table, "item-title")

    window.show_view("companies")
    companies = window.view("companies")
    assert isinstance(companies, CompaniesView)
    assert companies.select_company(ids["company"])
    window.resize(1600, 1000)  # room for every column: a narrow table hides its lesser ones
    qtbot.waitUntil(lambda: not companies.table.isColumnHidden(_column(companies, "Focus")))
    hover_check(companies.table, "company-name")
    hover_check(companies.table, "company-focus")
    companies.detail.tabs.setCurrentWidget(companies.detail.apps_view)
    hover_check(companies.detail.apps_view, "app-role")

    window.show_view("board")
    board = window.view("board")
    assert isinstance(board, BoardView)
    card_list = next(
        v for v in board.findChildren(QListView) if v.isVisible() and v.model().rowCount()
    )
    hover_check(card_list, "company-name", "app-role", "app-team", "app-next")
    board.tabs.setCurrentIndex(1)
    hover_check(board.table, "app-channel")
    board.detail.show_application(ids["application"])
    rounds = board.detail.rounds_view
    qtbot.waitUntil(lambda: not rounds.isColumnHidden(3), timeout=3000)  # the notes column
    hover_check(rounds, "round-notes")

    window.show_view("questions")
    questions = window.view("questions")
    assert isinstance(questions, QuestionsView)
    hover_check(questions.table, "question-text")

    window.show_view("notes")
    journal = window.view("notes")
    assert isinstance(journal, JournalView)
    text = hover(qtbot, journal.table, journal.proxy.index(0, 0))
    assert hostile["journal-body"] in shown(text)

    window.show_view("today")
    today = window.view("today")
    assert isinstance(today, TodayView)
    today.refresh()
    hover_check(today.plan_table, "item-title")
    hover_check(today.questions_table, "question-text")


def test_the_category_chart_tooltip_shows_the_category(
    db: Database,
    make_window: Callable[[Database], MainWindow],
    qtbot: QtBot,
    hostile: Hostile,
) -> None:
    fill_library(db, hostile)
    window = make_window(db)
    window.show_view("stats")
    stats = window.view("stats")
    assert isinstance(stats, StatsView)
    chart = stats.by_category
    qtbot.waitUntil(lambda: any(r.label == hostile["item-category"] for r in chart.rows()))
    row = next(i for i, r in enumerate(chart.rows()) if r.label == hostile["item-category"])
    point = QPoint(chart.width() // 2, 34 + row * chart.ROW + chart.ROW // 2)
    QToolTip.hideText()
    QTest.mouseMove(chart, point)
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, point, chart.mapToGlobal(point)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert hostile["item-category"] in shown(QToolTip.text())


def test_import_summary_and_notes_preview_show_data(
    qtbot: QtBot, hostile: Hostile, tmp_path: Path
) -> None:
    dialog = ImportProgressDialog("Import notes")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_summary(
        ImportSummary(
            source=hostile["skipped-where"],
            lines=(KindCounts("note", added=1),),
            skipped=(SkippedRow(hostile["skipped-where"], hostile["skipped-reason"]),),
        )
    )
    dialog.skipped_toggle.setChecked(True)
    assert check_widget_tree(hostile, dialog) >= 3
    text = hover(qtbot, dialog.skipped_view, dialog.skipped_model.index(0, 1))
    assert hostile["skipped-reason"] in shown(text)

    section = SectionPreview(
        key="s1", path=hostile["section-path"], guessed="items", counts={"items": 1}, preview="x"
    )
    preview = NotesPreviewDialog([section], "notes[*] <b>R&D</b>.md")
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitExposed(preview)
    handle = preview.windowHandle()
    assert handle is not None
    assert "notes[*] <b>R&D</b>.md" in handle.title()
    assert check_widget_tree(hostile, preview) >= 1
    text = hover(qtbot, preview.view, preview.model.index(0, 0))
    assert hostile["section-path"] in shown(text)


CHILD = textwrap.dedent(
    """
    import resource, sys
    from pathlib import Path
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip
    from desktop.context import AppContext, Events
    from desktop.career.questions_view import QuestionsView
    from models.clock import SystemClock
    from models.db import open_database
    from models.paths import resolve_location
    from models.services.review import QuestionInput, QuestionService

    app = QApplication([])
    db = open_database(resolve_location(data_dir=Path(sys.argv[1])))
    QuestionService(db).add_question(QuestionInput(text='<img src="/dev/zero">'))
    view = QuestionsView(AppContext(db=db, clock=SystemClock(), events=Events()))
    view.resize(900, 500)
    view.show()
    app.processEvents()
    # Reading /dev/zero into an image stops at this cap instead of at the machine's memory.
    with open("/proc/self/status") as status:
        size = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
    limit = size * 1024 + (512 << 20)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    index = view.table.model().index(0, 0)
    point = view.table.visualRect(index).center()
    viewport = view.table.viewport()
    QApplication.sendEvent(
        viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    )
    app.processEvents()
    print("shown:", QToolTip.text())
    """
)


def test_a_dev_zero_image_in_a_question_does_not_abort_the_app(tmp_path: Path) -> None:
    """The reported crash, in a child process with capped memory: hovering must survive."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "&lt;img src=&quot;/dev/zero&quot;&gt;" in done.stdout
