"""Runs `threepass sync --json` as a child process and hands its outcome to the GUI thread.

A child, not a thread: a sync opens the live database and the snapshot with apsw beside
SQLAlchemy, and two copies of one library must never be opened by one process. QProcess
reports on the GUI thread through the event loop, so nothing here blocks it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from PySide6.QtCore import QObject, QProcess, Signal

from desktop.sync.report import SyncOutcome, parse_outcome
from models.clock import Clock
from models.paths import DataLocation

log = logging.getLogger(__name__)

STOP_WAIT_MS = 10_000  # quitting waits this long for a sync to end before stopping it


def sync_command(location: DataLocation, extra: Sequence[str] = ()) -> list[str]:
    """The child's command line: this interpreter, the same library, `sync --json`."""
    if location.data_dir is not None:
        where = ["--data-dir", str(location.data_dir)]
    else:
        where = ["--database-url", location.url]
    return [sys.executable, "-m", "desktop", *where, "sync", "--json", *extra]


class SyncRunner(QObject):
    """One sync child at a time; `finished` carries its `SyncOutcome`."""

    started = Signal()
    finished = Signal(object)  # SyncOutcome

    def __init__(self, location: DataLocation, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SyncRunner")
        self._location = location
        self._clock = clock
        self._process: QProcess | None = None

    def is_running(self) -> bool:
        return self._process is not None

    def start(self, extra: Sequence[str] = ()) -> bool:
        """Start a sync; False (nothing started) while one runs."""
        if self._process is not None:
            return False
        command = sync_command(self._location, extra)
        process = QProcess(self)
        process.setProgram(command[0])
        process.setArguments(command[1:])
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        self._process = process
        log.info("sync: starting %s", " ".join(command[1:]))
        process.start()
        self.started.emit()
        return True

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error is QProcess.ProcessError.FailedToStart and self._process is not None:
            message = self._process.errorString()
            self._end(parse_outcome(b"", message.encode(), -1, self._clock.now()))

    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        process = self._process
        if process is None:
            return
        stdout = bytes(process.readAllStandardOutput().data())
        stderr = bytes(process.readAllStandardError().data())
        if status is QProcess.ExitStatus.CrashExit:
            code = -1
        self._end(parse_outcome(stdout, stderr, code, self._clock.now()))

    def _end(self, outcome: SyncOutcome) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.deleteLater()
        if outcome.ok:
            log.info("sync: sent %d, applied %d", outcome.sent, outcome.applied)
        else:
            log.warning("sync failed: %s", outcome.message)
        self.finished.emit(outcome)

    def stop(self, wait_ms: int = STOP_WAIT_MS) -> None:
        """On quit: let a running sync end (it is one transaction), else stop it; nothing is
        delivered afterwards. A stopped sync leaves both databases intact (the engine's
        promise) and the next one completes."""
        process, self._process = self._process, None
        if process is None:
            return
        process.finished.disconnect(self._on_finished)
        process.errorOccurred.disconnect(self._on_error)
        if not process.waitForFinished(wait_ms):
            log.warning("sync: still running after %d ms at quit; stopped", wait_ms)
            process.kill()
            process.waitForFinished(2000)
