"""SIGTERM and SIGHUP end the app as closing its window does: pending notes are saved.

Logging out or shutting down sends SIGTERM, a closed terminal SIGHUP; by default either ends
the process at once, losing the note typed in the last second. A Python handler runs only
when Python gets control, which Qt's event loop does not give it while idle, so the C-level
handler's wake-up byte (`signal.set_wakeup_fd`) is read by a socket notifier, whose slot
runs the handler: it quits the event loop, and `run_gui` closes the window (close hooks).
"""

from __future__ import annotations

import logging
import signal
import socket
from types import FrameType

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier

log = logging.getLogger(__name__)
SIGNALS = (signal.SIGTERM, signal.SIGHUP) if hasattr(signal, "SIGHUP") else (signal.SIGTERM,)


class QuitOnSignals(QObject):
    """Installed for the app's lifetime (parent: the application)."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._app = app
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        signal.set_wakeup_fd(self._writer.fileno())
        for number in SIGNALS:
            signal.signal(number, self._handle)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        """Python's handler has run by now (this slot gave it control); empty the socket."""
        try:
            while self._reader.recv(64):
                pass
        except OSError:
            pass

    def _handle(self, number: int, _frame: FrameType | None) -> None:
        log.info("quitting on signal %s: saving first", signal.Signals(number).name)
        self._app.quit()


def quit_on_signals(app: QCoreApplication) -> QuitOnSignals | None:
    """Route SIGTERM/SIGHUP to `app.quit()`; None off the main thread (signals cannot be
    caught there)."""
    try:
        return QuitOnSignals(app)
    except ValueError:  # set_wakeup_fd / signal.signal outside the main thread
        return None
