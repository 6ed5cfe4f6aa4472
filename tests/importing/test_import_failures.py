"""Imports that fail or are cancelled: an error dialog with one sentence, and nothing written."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from werkzeug import Request, Response

from desktop.importing.progress_dialog import DialogState
from desktop.importing.worker import Reporter
from desktop.main_window import MainWindow
from models.db import Database
from models.errors import DatabaseBusyError
from models.services.library import LibraryService
from models.services.transfer import TransferService
from tests.importing.importing_helpers import (
    WAIT_MS,
    accept_source,
    controller,
    trigger,
    wait_error,
    wait_state,
)


def test_import_menu_lists_the_four_sources(window: MainWindow) -> None:
    names = [action.objectName() for action in window.menu("import").actions()]
    assert [n for n in names if n] == [
        "action_import_paper_reading",
        "action_import_fastai",
        "action_import_notes",
        "action_import_json",
    ]


@pytest.mark.parametrize("status", [404, 500])
def test_http_error_shows_the_message_and_writes_nothing(
    qtbot: QtBot, window: MainWindow, db: Database, httpserver: HTTPServer, status: int
) -> None:
    httpserver.expect_request("/README.md").respond_with_data("nope", status=status)
    ctl = controller(window)
    ctl.fetch_options = {"backoff_factor": 0}  # 500 is retried; don't wait between tries
    trigger(window, "action_import_paper_reading")
    accept_source(qtbot, window, httpserver.url_for("/README.md"))

    message = wait_error(qtbot, window)
    text = message
    assert text.startswith("Could not fetch paper-reading from http://")
    assert f"HTTP {status}" in text
    assert ctl.progress_dialog is not None
    assert ctl.progress_dialog.state is DialogState.FAILED
    assert not ctl.progress_dialog.isVisible()
    assert LibraryService(db).count() == 0
    qtbot.waitUntil(lambda: not ctl.is_running(), timeout=WAIT_MS)
    assert ctl.paper_reading_action.isEnabled()


def test_missing_local_file_is_reported(
    qtbot: QtBot, window: MainWindow, db: Database, tmp_path: Path
) -> None:
    trigger(window, "action_import_paper_reading")
    accept_source(qtbot, window, str(tmp_path / "nowhere.md"))
    message = wait_error(qtbot, window)
    assert "does not exist" in message
    assert LibraryService(db).count() == 0


def test_cancel_during_a_slow_fetch_writes_nothing(
    qtbot: QtBot, window: MainWindow, db: Database, httpserver: HTTPServer, paper_readme: Path
) -> None:
    """The server holds the answer until the test has pressed Cancel, then sends the README."""
    release = threading.Event()
    body = paper_readme.read_bytes()

    def slow(_request: Request) -> Response:
        release.wait(timeout=WAIT_MS / 1000)
        return Response(body, content_type="text/plain; charset=utf-8")

    httpserver.expect_request("/README.md").respond_with_handler(slow)
    ctl = controller(window)
    trigger(window, "action_import_paper_reading")
    accept_source(qtbot, window, httpserver.url_for("/README.md"))
    dialog = ctl.progress_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: "Downloading" in dialog.detail_label.text(), timeout=WAIT_MS)
    assert dialog.cancel_button.isVisible()

    dialog.cancel_button.click()
    cancelling = dialog.state
    assert cancelling is DialogState.CANCELLING
    release.set()
    wait_state(qtbot, window, DialogState.CANCELLED, DialogState.FINISHED)

    assert dialog.state is DialogState.CANCELLED
    assert "Nothing was written" in dialog.stage_label.text()
    assert dialog.close_button.isVisible()
    assert LibraryService(db).count() == 0
    assert ctl.error_box is None
    assert len(httpserver.log) == 1  # the fetch really happened; only the write was skipped


def test_escape_while_running_cancels_instead_of_hiding(
    qtbot: QtBot, window: MainWindow, db: Database, httpserver: HTTPServer
) -> None:
    release = threading.Event()

    def slow(_request: Request) -> Response:
        release.wait(timeout=WAIT_MS / 1000)
        return Response("| a |\n|---|\n| b |\n", content_type="text/plain")

    httpserver.expect_request("/README.md").respond_with_handler(slow)
    ctl = controller(window)
    trigger(window, "action_import_paper_reading")
    accept_source(qtbot, window, httpserver.url_for("/README.md"))
    dialog = ctl.progress_dialog
    assert dialog is not None
    dialog.reject()  # what Escape and the title bar's close button do
    assert dialog.isVisible()
    assert dialog.state is DialogState.CANCELLING
    release.set()
    wait_state(qtbot, window, DialogState.CANCELLED)
    assert LibraryService(db).count() == 0


def test_bad_json_file_is_reported_and_nothing_changes(
    qtbot: QtBot, window: MainWindow, db: Database, tmp_path: Path
) -> None:
    bad = tmp_path / "export.json"
    bad.write_text('{"format": "threepass", "version": 1, "items": [', encoding="utf-8")
    ctl = controller(window)
    ctl.choose_json_file = lambda: str(bad)
    trigger(window, "action_import_json")
    message = wait_error(qtbot, window)
    assert "is not valid JSON" in message
    assert TransferService(db).content_counts()["items"] == 0


def test_closing_the_window_mid_import_cancels_it(
    qtbot: QtBot, window: MainWindow, db: Database, httpserver: HTTPServer, paper_readme: Path
) -> None:
    """The close hook cancels and waits, so no thread outlives the window and nothing is written."""
    body = paper_readme.read_bytes()
    asked = threading.Event()

    def slow(_request: Request) -> Response:
        asked.set()
        threading.Event().wait(1.0)  # still answering when the window closes
        return Response(body, content_type="text/plain; charset=utf-8")

    httpserver.expect_request("/README.md").respond_with_handler(slow)
    ctl = controller(window)
    trigger(window, "action_import_paper_reading")
    accept_source(qtbot, window, httpserver.url_for("/README.md"))
    qtbot.waitUntil(asked.is_set, timeout=WAIT_MS)
    assert ctl.is_running()
    runner = ctl.runner
    assert runner is not None
    window.close()  # runs ImportController.shutdown via window.on_close
    assert runner.wait(0)  # the worker thread had already ended when close() returned
    qtbot.waitUntil(lambda: not ctl.is_running(), timeout=WAIT_MS)
    assert LibraryService(db).count() == 0


def test_a_service_error_and_a_bug_both_reach_the_user_as_one_sentence(
    qtbot: QtBot, window: MainWindow
) -> None:
    ctl = controller(window)

    def busy(_reporter: Reporter) -> None:
        raise DatabaseBusyError("The database is busy: another ThreePass window is writing.")

    ctl.start("Busy", busy)
    assert wait_error(qtbot, window) == "The database is busy: another ThreePass window is writing."
    qtbot.waitUntil(lambda: not ctl.is_running(), timeout=WAIT_MS)
    assert ctl.error_box is not None
    ctl.error_box.close()

    def bug(_reporter: Reporter) -> None:
        raise KeyError("lesson")

    ctl.error_box = None
    ctl.start("Bug", bug)
    assert wait_error(qtbot, window).startswith("The import failed unexpectedly: KeyError")
    qtbot.waitUntil(lambda: not ctl.is_running(), timeout=WAIT_MS)
    assert all(action.isEnabled() for action in ctl.actions())
