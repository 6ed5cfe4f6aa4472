"""Running one backup or restore off the GUI thread, reporting the outcome as signals.

The action is a service call that opens its own SQLite connections in the worker thread; only
plain values (BackupInfo, RestoreResult) and error sentences cross back to the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from models.errors import ThreePassError
from models.logs import SHOWN

log = logging.getLogger(__name__)


class SafetyWorker(QObject):
    """Lives in a QThread; runs the action once and emits succeeded or failed, then done."""

    succeeded = Signal(object)
    failed = Signal(str)
    done = Signal()

    def __init__(self, action: Callable[[], object]) -> None:
        super().__init__()
        self._action = action

    @Slot()
    def run(self) -> None:
        name = getattr(self._action, "__qualname__", type(self._action).__name__)
        log.info("backup task %s started", name)
        try:
            result = self._action()
        except ThreePassError as err:
            log.warning("backup task %s failed: %s", name, err, extra=SHOWN)
            self.failed.emit(str(err))
        except Exception as err:  # a bug: still tell the user instead of dying silently
            log.exception("backup task failed")
            self.failed.emit(
                QCoreApplication.translate("Safety", "Unexpected error: {error}").format(error=err)
            )
        else:
            log.info("backup task %s finished", name)
            self.succeeded.emit(result)
        finally:
            self.done.emit()


def start_worker(
    owner: QObject,
    action: Callable[[], object],
    on_success: Callable[[object], None],
    on_failure: Callable[[str], None],
) -> tuple[QThread, SafetyWorker]:
    """Start action in a new QThread owned by owner; callbacks run on the GUI thread.

    The caller must keep the returned worker referenced until the thread finishes: it has no
    Qt parent (it lives in the other thread), so Python would otherwise delete it at once.
    """
    thread = QThread(owner)
    worker = SafetyWorker(action)
    worker.moveToThread(thread)
    # owner lives in the GUI thread, so these queued connections deliver there.
    relay = _Relay(owner, on_success, on_failure)
    worker.succeeded.connect(relay.success)
    worker.failed.connect(relay.failure)
    # Direct: quit() is thread-safe, and a queued call would wait for the GUI thread, which
    # may itself be waiting for this thread (backup on close).
    worker.done.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.finished.connect(relay.deleteLater)
    thread.started.connect(worker.run)
    thread.start()
    return thread, worker


class _Relay(QObject):
    """A GUI-thread receiver, so results are handled on the GUI thread whatever the callbacks."""

    def __init__(
        self,
        parent: QObject,
        on_success: Callable[[object], None],
        on_failure: Callable[[str], None],
    ) -> None:
        super().__init__(parent)
        self._on_success = on_success
        self._on_failure = on_failure

    @Slot(object)
    def success(self, result: object) -> None:
        self._on_success(result)

    @Slot(str)
    def failure(self, message: str) -> None:
        self._on_failure(message)
