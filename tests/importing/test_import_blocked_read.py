"""Cancel and closing the window while the download is stuck in a read.

The server sends the headers and then nothing: the read would block for the whole 30 s
read timeout (and again for each retry). Cancel and closing the window must not wait
for it: the fetch's sockets are shut down from the cancelling side.
"""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.importing.progress_dialog import DialogState
from desktop.main_window import MainWindow
from models.db import Database
from models.services.library import LibraryService
from tests.importing.importing_helpers import (
    WAIT_MS,
    accept_source,
    controller,
    trigger,
    wait_state,
)
from tests.trickle_server import TrickleServer


def test_cancel_ends_an_import_blocked_in_a_read(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    with TrickleServer("silent_body") as server:
        ctl = controller(window)
        trigger(window, "action_import_paper_reading")
        accept_source(qtbot, window, server.url())
        qtbot.waitUntil(server.headers_sent.is_set, timeout=WAIT_MS)
        dialog = ctl.progress_dialog
        assert dialog is not None
        dialog.cancel_button.click()
        wait_state(qtbot, window, DialogState.CANCELLED)
        assert "Nothing was written" in dialog.stage_label.text()
        assert server.connections == 1
    assert LibraryService(db).count() == 0


def test_the_window_closes_while_an_import_is_blocked_in_a_read(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    # a lesson page's content type: the fetch reads on into the silent body (text/plain would
    # be refused at the headers, before the window is closed)
    with TrickleServer("silent_body", content_type="text/html; charset=utf-8") as server:
        ctl = controller(window)
        trigger(window, "action_import_fastai")
        accept_source(qtbot, window, server.url("/"))
        qtbot.waitUntil(server.headers_sent.is_set, timeout=WAIT_MS)
        runner = ctl.runner
        assert runner is not None
        assert ctl.is_running()
        window.close()  # ImportController.shutdown: cancel, then wait for the worker
        assert runner.wait(0), "the worker thread outlived the window"
    qtbot.waitUntil(lambda: not ctl.is_running(), timeout=WAIT_MS)
    assert LibraryService(db).count() == 0
