"""When to sync: after local writes settle, on start, on a timer, and on demand.

A local write is a commit of this window's own Database (`db.commits` moved since the last
sync began), seen when a view announces it through the app's change events. Commits by other
processes, the sync child's included, re-emit those events through the library watcher but
do not move `db.commits`: a sync never schedules another one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from desktop.context import AppContext
from desktop.sync.report import SyncOutcome
from desktop.sync.runner import SyncRunner

SETTLE_MS = 10_000  # quiet time after the last write before a sync
LONGEST_MS = 120_000  # a write waits at most this long, even while writes go on (typing)
EVERY_MS = 5 * 60_000  # the other devices' changes arrive without local writes
FIRST_MS = 3_000  # after start: the first screen and its deferred work come first


class SyncScheduler(QObject):
    def __init__(
        self,
        ctx: AppContext,
        runner: SyncRunner,
        configured: Callable[[], bool],
        parent: QObject | None = None,
        *,
        settle_ms: int = SETTLE_MS,
        longest_ms: int = LONGEST_MS,
        every_ms: int = EVERY_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SyncScheduler")
        self._ctx = ctx
        self._runner = runner
        self._configured = configured
        self._synced_commits = ctx.db.commits
        self._again = False
        self.settle = self._timer(settle_ms, single=True)
        self.longest = self._timer(longest_ms, single=True)
        self.every = self._timer(every_ms, single=False)
        self.first = self._timer(FIRST_MS, single=True)
        runner.finished.connect(self._finished)
        for signal in (
            ctx.events.items_changed,
            ctx.events.career_changed,
            ctx.events.study_changed,
        ):
            signal.connect(self.changed)

    def _timer(self, interval_ms: int, *, single: bool) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(single)
        timer.setInterval(interval_ms)
        timer.timeout.connect(self.sync_now)
        return timer

    def start(self) -> None:
        """The sync on start (soon after) and the periodic one."""
        self.every.start()
        self.first.start()

    def changed(self) -> None:
        """A view announced a change: sync once writes settle, if this window wrote."""
        if self._ctx.db.commits == self._synced_commits or not self._configured():
            return
        self.settle.start()  # restarts: each write pushes the sync back…
        if not self.longest.isActive():
            self.longest.start()  # …up to this bound

    def pending(self) -> bool:
        """A local write is waiting for its sync."""
        return self.settle.isActive()

    def sync_now(self) -> bool:
        """Sync at once (or right after the running one); False when sync is not set up."""
        if not self._configured():
            return False
        self.settle.stop()
        self.longest.stop()
        if self._runner.is_running():
            self._again = True
            return True
        self._synced_commits = self._ctx.db.commits  # later writes wait for the next sync
        self._runner.start()
        return True

    def _finished(self, outcome: SyncOutcome) -> None:
        if outcome.applied:
            # the views show what the other devices changed (the watcher's refresh may
            # come too late or not at all when this window committed meanwhile)
            events = self._ctx.events
            events.items_changed.emit()
            events.career_changed.emit()
            events.study_changed.emit()
        if self._again:
            self._again = False
            self.sync_now()
        elif self._ctx.db.commits != self._synced_commits:
            self.changed()  # written during the sync: the next one waits for the quiet
