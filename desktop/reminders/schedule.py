"""The daily reminder's timer: a QTimer re-armed for the next due moment, on the app's clock.

A single long timer would miss its moment after a suspend (Qt's timers count monotonic
time, which stops while the machine sleeps) or a clock change, so the timer never waits
more than CHECK_MS: each tick compares the wall clock (models/clock.py, settable in tests)
with the chosen time, so a reminder due while the machine slept goes out on wake. A reminder
whose time passed today before the app started is sent at start-up, once (the day is
recorded in the database, which `threepass remind --notify` reads too).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, QTimer

from models.errors import ThreePassError
from models.services.reminders import (
    ReminderService,
    ReminderSummary,
    local_now,
    next_reminder,
)

log = logging.getLogger(__name__)

CHECK_MS = 60_000  # the longest wait between two looks at the wall clock
MIN_WAIT_MS = 1_000


class ReminderScheduler(QObject):
    """Calls `notify(summary)` once on each reminder day, at the chosen time."""

    def __init__(
        self,
        service: ReminderService,
        notify: Callable[[ReminderSummary], object],
        *,
        day_changed: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self._notify = notify
        self._day_changed = day_changed
        self._clock = service.clock
        self._day: date = self._clock.today()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.check()

    def check(self) -> bool:
        """Send today's reminder if it is due now; re-arm. True when one was sent."""
        sent = False
        try:
            today = self._clock.today()
            if today != self._day:  # midnight passed (or the clock jumped): new counts
                self._day = today
                if self._day_changed is not None:
                    self._day_changed()
            if self.service.due_now():
                summary = self.service.summary()
                if summary.total > 0 and self.service.claim_today():
                    self._notify(summary)
                    sent = True
        except ThreePassError as err:  # a locked or vanished file: try again at the next tick
            log.warning("the daily reminder check failed: %s", err)
        self.arm()
        return sent

    def wait_ms(self) -> int:
        """Milliseconds to the next look: the due moment, at most CHECK_MS away."""
        try:
            settings = self.service.settings()
        except ThreePassError:
            return CHECK_MS
        now = local_now(self._clock)
        due = next_reminder(settings, now)
        if due is None:
            return CHECK_MS
        ms = int((due - now).total_seconds() * 1000)
        return max(MIN_WAIT_MS, min(CHECK_MS, ms))

    def arm(self) -> None:
        self.timer.start(self.wait_ms())
