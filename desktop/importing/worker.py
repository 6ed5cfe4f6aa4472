"""Running one import step off the GUI thread: progress, cancel, and errors as signals.

A task is a plain callable taking a :class:`Reporter`; it calls importers and services (which
open their own Session in the worker thread) and returns plain values. Nothing from the ORM
crosses threads. Results, errors and cancellation reach the GUI only through queued signals.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot

from importers.http import FetchCancelled, FetchError
from models.errors import ThreePassError
from models.logs import SHOWN

log = logging.getLogger(__name__)


class ImportCancelledError(Exception):
    """Raised inside a task when the user pressed Cancel; nothing must have been written."""


class Reporter:
    """What a task sees of the GUI: progress reports and the cancel flag (thread-safe)."""

    def __init__(self, emit: Callable[[str, int, int], None], cancel_event: threading.Event):
        self._emit = emit
        self._cancel = cancel_event

    def stage(self, text: str, done: int = 0, total: int = 0) -> None:
        """Show `text`; with total > 0 also a bar at done/total, else a busy indicator."""
        self._emit(text, done, total)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Stop here if the user cancelled (call before anything is written)."""
        if self._cancel.is_set():
            raise ImportCancelledError()


Task = Callable[[Reporter], Any]


class TaskWorker(QObject):
    """Lives in a worker QThread; runs one task and reports exactly one outcome, then `done`."""

    progress = Signal(str, int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    done = Signal()

    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task
        self._cancel_event = threading.Event()

    def request_cancel(self) -> None:
        """Safe to call from any thread; the task notices at its next check."""
        self._cancel_event.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel_event.is_set()

    @Slot()
    def run(self) -> None:
        reporter = Reporter(self.progress.emit, self._cancel_event)
        name = getattr(self._task, "__qualname__", type(self._task).__name__)
        log.info("import task %s started", name)
        try:
            result = self._task(reporter)
        except (ImportCancelledError, FetchCancelled):
            log.info("import task %s cancelled", name)
            self.cancelled.emit()
        except ThreePassError as err:
            log.warning("import task %s failed: %s", name, err, extra=SHOWN)
            self.failed.emit(str(err))
        except (
            Exception
        ) as err:  # FetchError carries a sentence for the user; a bug must not kill the app
            if isinstance(err, FetchError):
                log.warning("import task %s failed: %s", name, err, extra=SHOWN)
                self.failed.emit(str(err))
            else:
                log.exception("import task failed")
                self.failed.emit(
                    QCoreApplication.translate(
                        "TaskWorker", "The import failed unexpectedly: {0}"
                    ).format(f"{type(err).__name__}: {err}")
                )
        else:
            log.info("import task %s finished", name)
            self.succeeded.emit(result)
        finally:
            self.done.emit()


class TaskRunner(QObject):
    """Owns one worker thread for one task; forwards the worker's signals to the GUI thread.

    Connect to the runner's signals (they are emitted on the GUI thread), then call start().
    """

    progress = Signal(str, int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, task: Task, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("import-worker")
        self._worker = TaskWorker(task)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        # Bound slots of this GUI-thread object: Qt queues the calls across threads.
        self._worker.progress.connect(self._on_progress)
        self._worker.succeeded.connect(self._on_succeeded)
        self._worker.failed.connect(self._on_failed)
        self._worker.cancelled.connect(self._on_cancelled)
        # Direct: quit() is thread-safe, and a queued call would wait for the GUI thread,
        # which may itself be blocked in wait() while the window closes.
        self._worker.done.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._thread.finished.connect(self._on_thread_finished)
        self._running = False
        self._pending = False  # start() asked for a delay that has not passed yet

    def start(self, *, after_ms: int = 0) -> None:
        """Start the worker now, or `after_ms` later so the GUI thread can first show the
        progress dialog: its first paint competes for the GIL with a busy worker (the event
        loop stalled 30-50 ms at the start of an import; ~15 ms with the delay)."""
        self._running = True
        if after_ms <= 0:
            self._thread.start()
            return
        self._pending = True
        QTimer.singleShot(after_ms, self, self._start_pending)

    @Slot()
    def _start_pending(self) -> None:
        if self._pending:
            self._pending = False
            self._thread.start()

    def cancel(self) -> None:
        self._worker.request_cancel()

    def is_running(self) -> bool:
        return self._running

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the thread ends (used when the window closes mid-import); a start
        still waiting for its delay happens now (a cancel makes the task stop at once)."""
        self._start_pending()
        return bool(self._thread.wait(msecs))

    @Slot(str, int, int)
    def _on_progress(self, text: str, done: int, total: int) -> None:
        self.progress.emit(text, done, total)

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self.succeeded.emit(result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.failed.emit(message)

    @Slot()
    def _on_cancelled(self) -> None:
        self.cancelled.emit()

    @Slot()
    def _on_thread_finished(self) -> None:
        self._running = False
        self.finished.emit()
