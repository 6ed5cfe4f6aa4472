"""The import worker starts after the progress dialog is on screen (docs/benchmarks.md, "GUI
responsive"): a busy worker would otherwise compete with the dialog's first paint."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QEvent, QObject
from pytestqt.qtbot import QtBot

from desktop.importing.progress_dialog import DialogState
from desktop.importing.worker import Reporter, TaskRunner
from desktop.main_window import MainWindow
from models.services.import_summary import ImportSummary
from tests.importing.importing_helpers import controller, wait_state


class PaintRecorder(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.painted_at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = time.perf_counter()
        return False


def test_the_task_runs_after_the_dialog_is_shown(qtbot: QtBot, window: MainWindow) -> None:
    ctl = controller(window)
    ran_at: list[float] = []

    def task(reporter: Reporter) -> ImportSummary:
        ran_at.append(time.perf_counter())
        return ImportSummary(source="paper-reading")  # changes nothing: no refresh

    recorder = PaintRecorder()
    ctl.start("test", task)
    dialog = ctl.progress_dialog
    assert dialog is not None
    dialog.installEventFilter(recorder)  # no event loop has run yet: nothing painted
    assert ctl.is_running()
    wait_state(qtbot, window, DialogState.FINISHED)
    assert recorder.painted_at is not None
    assert ran_at
    assert recorder.painted_at < ran_at[0], "the worker started before the dialog painted"


def test_wait_starts_a_pending_worker_instead_of_dropping_it(qtbot: QtBot) -> None:
    started = threading.Event()
    runner = TaskRunner(lambda reporter: started.set())
    with qtbot.waitSignal(runner.finished, timeout=10000):
        runner.start(after_ms=60_000)  # a delay no test waits for
        assert not started.is_set()
        assert runner.wait(10000)  # the window closing: the task runs (and ends) now
    assert started.is_set()
    assert not runner.is_running()
