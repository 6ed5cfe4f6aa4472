"""When a note being typed is saved: after a pause, and at least every few seconds.

Saving only after a pause (debounce) never saves while someone types without stopping: 47 s
of typing were all lost to a crash half a second after the last key. A second timer,
started by the first unsaved edit and not restarted by the next ones, bounds that loss.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal

PAUSE_MS = 800  # quiet time after the last keystroke
MAX_WAIT_MS = 2000  # longest an edit stays unsaved while typing goes on


class AutosaveTimer(QObject):
    """`touch()` on every edit; `due` fires after PAUSE_MS of quiet or MAX_WAIT_MS after the
    first edit not saved yet, whichever comes first. The owner saves on `due` (and on focus
    out and close), then calls `stop()` (a save by other means must stop it too)."""

    due = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        pause_ms: int = PAUSE_MS,
        max_wait_ms: int = MAX_WAIT_MS,
    ) -> None:
        super().__init__(parent)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(pause_ms)
        self._pause.timeout.connect(self._fire)
        self._max_wait = QTimer(self)
        self._max_wait.setSingleShot(True)
        self._max_wait.setTimerType(Qt.TimerType.PreciseTimer)  # coarse: up to 5 % late
        self._max_wait.setInterval(max_wait_ms)
        self._max_wait.timeout.connect(self._fire)

    def touch(self) -> None:
        """An edit: restart the pause; the max wait runs from the first unsaved edit."""
        self._pause.start()
        if not self._max_wait.isActive():
            self._max_wait.start()

    def pending(self) -> bool:
        """Edits not saved yet (either timer running)."""
        return self._pause.isActive() or self._max_wait.isActive()

    def stop(self) -> None:
        self._pause.stop()
        self._max_wait.stop()

    def _fire(self) -> None:
        self.stop()
        self.due.emit()
