"""What imports, the board and the notes preview say in zh_CN: no English left.

The checks of test_gui_chinese.py see the window at rest; these drive the paths that build
their text at run time: an import's progress lines, its error dialog, its summary and the
status bar (against a local HTTP server that fails or serves the saved README), application
channels on the board, and the preview's counts in both languages (Qt numerus forms).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.career.board_dialogs import ApplicationDialog
from desktop.career.board_view import BoardView
from desktop.career.common import CHANNELS
from desktop.context import AppContext, Events
from desktop.gui import build_window
from desktop.importing.controller import ImportController
from desktop.importing.notes_preview import NotesPreviewDialog, SectionMappingModel, SectionPreview
from desktop.importing.progress_dialog import DialogState
from desktop.main_window import MainWindow
from desktop.preferences.dialog import PreferencesDialog
from models.clock import FixedClock
from models.db import Database
from models.services.career import ApplicationInput, CareerService, CompanyInput
from tests.fixture_paths import require
from tests.i18n.test_gui_chinese import ALLOWED, WORD
from tests.importing.importing_helpers import (
    accept_source,
    controller,
    trigger,
    wait_error,
    wait_state,
)


def _english(text: str, *data: str) -> list[str]:
    """Latin words of `text` a Chinese UI would not keep; `data` (URLs, what a server
    said) is removed first, as it is the user's or the server's, not the UI's."""
    for value in data:
        text = text.replace(value, " ")
    allowed = ALLOWED | {"http"}  # "HTTP 500": the protocol's name
    return [word for word in WORD.findall(text.replace("&", "")) if word.lower() not in allowed]


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    i18n.install_translators(i18n.CHINESE, qapp)
    yield
    i18n.install_translators(i18n.ENGLISH, qapp)
    QLocale.setDefault(QLocale("en_US"))


@pytest.fixture
def window(chinese: None, qtbot: QtBot, db: Database, clock: FixedClock) -> Iterator[MainWindow]:
    win = build_window(AppContext(db=db, clock=clock, events=Events()))
    qtbot.addWidget(win)
    win.resize(1100, 700)
    win.show()
    yield win
    controller(win).shutdown()


def _record_stages(ctl: ImportController) -> list[str]:
    """Every progress line of the import just started (its worker starts a moment later)."""
    assert ctl.runner is not None
    seen: list[str] = []
    ctl.runner.progress.connect(lambda text, _done, _total: seen.append(text))
    ctl.runner.detail.connect(seen.append)  # the download a step waits on
    return seen


def test_a_failed_download_is_told_in_chinese(
    qtbot: QtBot, window: MainWindow, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/README.md").respond_with_data("nope", status=500)
    ctl = controller(window)
    ctl.fetch_options = {"backoff_factor": 0}  # 500 is retried; no wait between tries
    url = httpserver.url_for("/README.md")
    trigger(window, "action_import_paper_reading")
    accept_source(qtbot, window, url)
    stages = _record_stages(ctl)

    text = wait_error(qtbot, window)
    assert "论文精读" in text
    assert "HTTP 500" in text
    assert ctl.error_box is not None
    assert ctl.progress_dialog is not None
    shown = {
        "error": text,
        "informative": ctl.error_box.informativeText(),
        "title": ctl.error_box.windowTitle(),
        "heading": ctl.progress_dialog.heading.text(),
        "stage": ctl.progress_dialog.stage_label.text(),
        **{f"progress {i}": stage for i, stage in enumerate(stages)},
    }
    assert any(url in stage and "下载" in stage for stage in stages), stages  # "Downloading …"
    english = {
        where: words
        for where, value in shown.items()
        if (words := _english(value, url, "INTERNAL SERVER ERROR", "Internal Server Error"))
    }
    assert not english, f"English in the zh_CN import: {english}\n{shown}"


@pytest.mark.parametrize(
    ("action", "path", "body", "content_type"),
    [
        (
            "action_import_fastai",
            "/index.html",
            "<html><body><p>a page</p></body></html>",
            "text/html",
        ),
        ("action_import_paper_reading", "/README.md", "# A page\n\nNo tables.\n", "text/markdown"),
    ],
)
def test_a_page_that_is_not_the_source_is_told_in_chinese(
    qtbot: QtBot,
    window: MainWindow,
    httpserver: HTTPServer,
    action: str,
    path: str,
    body: str,
    content_type: str,
) -> None:
    httpserver.expect_request(path).respond_with_data(body, content_type=content_type)
    url = httpserver.url_for(path)
    trigger(window, action)
    accept_source(qtbot, window, url)
    stages = _record_stages(controller(window))
    text = wait_error(qtbot, window)
    assert "未导入" in text or "课程的导航" in text, text
    for value in (text, *stages):
        assert not _english(value, url), value


def test_a_successful_import_is_summed_up_in_chinese(
    qtbot: QtBot, window: MainWindow, httpserver: HTTPServer, fixtures_dir: Path
) -> None:
    readme = require(fixtures_dir / "paper-reading" / "README.md").read_bytes()
    httpserver.expect_request("/README.md").respond_with_data(readme, content_type="text/plain")
    url = httpserver.url_for("/README.md")
    ctl = controller(window)
    trigger(window, "action_import_paper_reading")
    accept_source(qtbot, window, url)
    stages = _record_stages(ctl)
    wait_state(qtbot, window, DialogState.FINISHED)

    dialog = ctl.progress_dialog
    assert dialog is not None
    assert dialog.heading.text() == "导入完成：论文精读"
    model = dialog.counts_view.model()
    rows = [str(model.index(row, 0).data()) for row in range(model.rowCount(QModelIndex()))]
    headers = [
        str(model.headerData(col, Qt.Orientation.Horizontal))
        for col in range(model.columnCount(QModelIndex()))
    ]
    status = window.statusBar().currentMessage()
    assert "论文精读" in status
    shown = [dialog.stage_label.text(), dialog.skipped_toggle.text(), status, *rows, *headers]
    for value in [*shown, *stages]:
        assert not _english(value, url), value
    assert any(url in stage for stage in stages), stages


def test_the_board_names_every_channel_in_chinese(
    chinese: None, qtbot: QtBot, db: Database, clock: FixedClock
) -> None:
    career = CareerService(db, clock)
    company = career.add_company(CompanyInput(name="Minimax"))
    for channel in CHANNELS:
        career.apply(company, ApplicationInput(role="算法", channel=channel))
    win = build_window(AppContext(db=db, clock=clock, events=Events()))
    qtbot.addWidget(win)
    win.show()
    win.show_view("board")
    board = win.view("board")
    assert isinstance(board, BoardView)
    model = board.table_model
    qtbot.waitUntil(lambda: model.rowCount() == len(CHANNELS))
    column = model.COLUMNS.index("channel")
    shown = sorted(str(model.index(row, column).data()) for row in range(model.rowCount()))
    assert shown == sorted(["内推", "官网", "招聘专员", "猎头", "招聘活动", "其他"])

    dialog = ApplicationDialog(win, [(company, "Minimax")], clock.today())
    qtbot.addWidget(dialog)
    items = [dialog.channel.itemText(i) for i in range(dialog.channel.count())]
    assert [text for text in items if _english(text)] == []
    dialog.channel.setCurrentIndex(dialog.channel.findData("referral"))
    assert dialog.channel.currentText() == "内推"
    assert dialog.value()[1].channel == "referral"  # stored as the CLI shows it
    dialog.channel.setCurrentText("校园招聘")  # a channel of one's own stays as typed
    assert dialog.value()[1].channel == "校园招聘"


def _sections(companies: int) -> list[SectionPreview]:
    return [
        SectionPreview(key="0", path="公司", guessed="companies", counts={"companies": companies})
    ]


@pytest.mark.parametrize(
    ("language", "one", "three", "one_day", "three_days"),
    [
        ("en", "1 company", "3 companies", "1 day", "3 days"),
        ("zh_CN", "1 家公司", "3 家公司", "1 天", "3 天"),
    ],
)
def test_counts_read_right_in_english_and_chinese(
    qapp: QApplication,
    qtbot: QtBot,
    db: Database,
    clock: FixedClock,
    language: str,
    one: str,
    three: str,
    one_day: str,
    three_days: str,
) -> None:
    i18n.install_translators(language, qapp)
    try:
        for companies, expected in ((1, one), (3, three)):
            dialog = NotesPreviewDialog(_sections(companies), "notes.md")
            qtbot.addWidget(dialog)
            cell = dialog.model.index(0, SectionMappingModel.COUNT).data()
            assert cell == expected
            assert expected in dialog.totals_label.text()
            assert "(s)" not in dialog.totals_label.text()
            if language != "en":
                assert not _english(dialog.totals_label.text()), dialog.totals_label.text()
        preferences = PreferencesDialog(AppContext(db=db, clock=clock, events=Events()))
        qtbot.addWidget(preferences)
        spin = preferences.spacing[0]
        spin.setValue(1)
        assert spin.text() == one_day
        spin.setValue(3)
        assert spin.text() == three_days
    finally:
        i18n.install_translators(i18n.ENGLISH, qapp)
        QLocale.setDefault(QLocale("en_US"))
