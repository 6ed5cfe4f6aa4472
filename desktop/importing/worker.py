"""An import step as a background task (desktop/tasks.py) and its outcome as signals.

A task is a plain callable taking a :class:`Reporter`; it calls importers and services (which
open their own Session in the worker thread) and returns plain values. Nothing from the ORM
crosses threads. What this module adds to the task API is the import's own vocabulary: a
progress line with a bar, the errors that carry a sentence for the user, and a fetch
cancelled mid-download counting as a cancel.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop import messages
from desktop.tasks import BackgroundTask, TaskCancelled, TaskControl
from importers.http import FetchCancelled, FetchError
from models.errors import ThreePassError
from models.logs import SHOWN

log = logging.getLogger(__name__)


class ImportCancelledError(TaskCancelled):
    """Raised inside a task when the user pressed Cancel; nothing must have been written."""


class Reporter:
    """What a task sees of the GUI: progress reports and the cancel flag (thread-safe)."""

    def __init__(
        self,
        emit: Callable[[str, int, int], None],
        cancel_event: threading.Event,
        *,
        emit_detail: Callable[[str], None] | None = None,
    ):
        self._emit = emit
        self._emit_detail = emit_detail
        self._cancel = cancel_event

    def stage(self, text: str, done: int = 0, total: int = 0) -> None:
        """Show `text`; with total > 0 also a bar at done/total, else a busy indicator."""
        self._emit(text, done, total)

    def detail(self, text: str) -> None:
        """A line under the current stage (what it waits on); the stage and its bar stay."""
        if self._emit_detail is not None:
            self._emit_detail(text)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Stop here if the user cancelled (call before anything is written)."""
        if self._cancel.is_set():
            raise ImportCancelledError()


Task = Callable[[Reporter], Any]


@dataclass(frozen=True)
class _Detail:
    """A detail line on its way through the task's one ordered progress channel."""

    text: str


class TaskRunner(QObject):
    """One import step run as a background task; its outcome as signals on the GUI thread.

    Connect to the signals, then call start(). `failed` carries the sentence to show.
    """

    progress = Signal(str, int, int)
    detail = Signal(str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, task: Task, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = getattr(task, "__qualname__", type(task).__name__)

        def work(control: TaskControl) -> object:
            reporter = Reporter(
                lambda *stage: control.progress(stage),
                control.cancel_event,
                emit_detail=lambda text: control.progress(_Detail(text)),
            )
            log.info("import task %s started", self._name)
            try:
                return task(reporter)
            except FetchCancelled as err:  # a download stopped by the cancel flag
                raise ImportCancelledError() from err

        # The runner is the receiver: its deletion cancels the import and drops the signals.
        self._task = BackgroundTask(
            work,
            parent=self,
            name="import",
            on_success=self._on_succeeded,
            on_failure=self._on_failed,
            on_progress=self._on_progress,
            on_cancelled=self._on_cancelled,
            on_finished=self.finished.emit,
        )

    def start(self, *, after_ms: int = 0) -> None:
        """Start the worker now, or `after_ms` later so the GUI thread can first show the
        progress dialog: its first paint competes for the GIL with a busy worker (the event
        loop stalled 30-50 ms at the start of an import; ~15 ms with the delay)."""
        self._task.start(after_ms=after_ms)

    def cancel(self) -> None:
        self._task.cancel()

    def is_running(self) -> bool:
        return self._task.is_running()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the work ends (used when the window closes mid-import); a start still
        waiting for its delay happens now (a cancel makes the task stop at once)."""
        return self._task.wait(msecs)

    def _on_progress(self, value: object) -> None:
        if isinstance(value, _Detail):
            self.detail.emit(value.text)
        elif isinstance(value, tuple):
            self.progress.emit(*value)

    def _on_succeeded(self, result: object) -> None:
        log.info("import task %s finished", self._name)
        self.succeeded.emit(result)

    def _on_cancelled(self) -> None:
        log.info("import task %s cancelled", self._name)
        self.cancelled.emit()

    def _on_failed(self, err: BaseException) -> None:
        if isinstance(err, (ThreePassError, FetchError)):  # a sentence for the user
            log.warning("import task %s failed: %s", self._name, err, extra=SHOWN)
            self.failed.emit(messages.error_text(err))
            return
        # a bug must not kill the app: logged with its traceback, told as one sentence
        log.error("import task %s failed", self._name, exc_info=err)
        self.failed.emit(
            QCoreApplication.translate("TaskWorker", "The import failed unexpectedly: {0}").format(
                f"{type(err).__name__}: {err}"
            )
        )
