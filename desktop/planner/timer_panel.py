"""The study timer panel: elapsed time, pause / resume, stop, done; catches forgotten timers.

The running timer lives in the database (TimerService), so the panel only mirrors it: after a
restart it shows the timer again. Pausing saves the segment at once; the panel remembers the
pass and the minutes of earlier segments so the display keeps counting from there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.i18n import fill, format_minutes, format_study_time
from desktop.widgets import dialogs
from desktop.widgets.flow import FlowLayout
from desktop.widgets.formatting import format_speed, format_stopwatch
from desktop.widgets.loading import loading_text
from models.errors import ThreePassError
from models.services.library import LibraryService, UnresolvedOpenPointsError
from models.services.timer import RunningTimer, StoppedTimer, TimerService

if TYPE_CHECKING:
    from desktop.player.hub import StudyHub
    from desktop.player.session import PlayerSession

TICK_MS = 1000


@dataclass
class _Paused:
    item_id: int
    pass_number: int
    title: str
    speed: float
    minutes_before: float


class TimerPanel(QGroupBox):
    """Shows the running (or paused) timer; emits `changed` after every write."""

    changed = Signal()

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, load: bool = True
    ) -> None:
        """Without `load` the owner reads the running timer (in its worker) and hands it
        to `mirror`: the panel says "Loading…" until then, not "No timer running"."""
        super().__init__(parent)
        self.setTitle(self.tr("Timer"))
        self.setObjectName("TimerPanel")
        self._ctx = ctx
        self._service = TimerService(ctx.db, ctx.clock)
        self._running: RunningTimer | None = None
        self._paused: _Paused | None = None
        self._minutes_before = 0.0  # earlier segments of this sitting (pause / resume)
        # the window's players (desktop/player/): with no timer the panel shows the pass
        # playing in mpv, not "No timer running" beside a chip that says it plays
        self._hub: StudyHub | None = None
        self._mirrored = False  # "Loading…" stays until the running timer is known
        # Asks how many minutes of a forgotten timer to keep; tests replace it.
        self.ask_minutes: Callable[[StoppedTimer], int | None] = self._ask_minutes_dialog

        self.title_label = QLabel()
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        self.pass_label = QLabel()
        self.pass_label.setTextFormat(Qt.TextFormat.PlainText)
        self.elapsed_label = QLabel("00:00:00")
        self.elapsed_label.setObjectName("TimerElapsed")
        font = QFont(self.elapsed_label.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.elapsed_label.setFont(font)
        self.elapsed_label.setAccessibleName(self.tr("Elapsed time"))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.done_button = QPushButton(self.tr("Stop && mark pass done"))
        self.stop_button.setToolTip(self.tr("Stop the timer and add the time to the pass"))
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(lambda: self.stop(mark_done=False))
        self.done_button.clicked.connect(lambda: self.stop(mark_done=True))

        buttons = FlowLayout(spacing=6)  # wraps in a narrow window rather than widen it
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.pass_label)
        layout.addWidget(self.elapsed_label)
        layout.addLayout(buttons)

        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.update_display)
        if load:
            self.reload()
        else:
            self.title_label.setText(loading_text())
            for button in (self.pause_button, self.stop_button, self.done_button):
                button.setEnabled(False)

    # ---- state -----------------------------------------------------------------------------
    def running(self) -> RunningTimer | None:
        return self._running

    def is_paused(self) -> bool:
        return self._paused is not None

    def elapsed_minutes(self) -> float:
        if self._running is not None:
            return self._minutes_before + self._running.elapsed_minutes(self._ctx.clock.now())
        if self._paused is not None:
            return self._paused.minutes_before
        return 0.0

    def reload(self) -> None:
        """Mirror the database (a timer may have been started from the CLI)."""
        try:
            running = self._service.running()
        except ThreePassError as err:
            self._ctx.events.status_message.emit(str(err))
            running = None
        self.mirror(running)

    def mirror(self, running: RunningTimer | None) -> None:
        """Show the running timer read from the database (here or in the owner's worker)."""
        previous = self._running
        self._running = running
        self._mirrored = True
        if running is not None and (previous is None or previous.session_id != running.session_id):
            self._minutes_before = 0.0  # started elsewhere (CLI, another window)
            self._paused = None
        if (
            running is not None
            and running.elapsed_minutes(self._ctx.clock.now()) > self._service.cap_minutes()
        ):
            self._forgotten()
            return
        self._sync()

    def _player(self) -> PlayerSession | None:
        """The newest pass playing in mpv, found through the window's study hub."""
        if self._hub is None:
            from desktop.player.hub import StudyHub

            hub = self.window().findChild(StudyHub, "StudyHub")
            if not isinstance(hub, StudyHub):
                return None
            self._hub = hub
            hub.changed.connect(self._sync)
        sessions = self._hub.sessions()
        return sessions[-1] if sessions else None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._mirrored:
            self._sync()  # in the window now: a player may be running

    def _sync(self) -> None:
        active = self._running or self._paused
        player = self._player() if active is None else None
        if player is not None:
            self.title_label.setText(fill(self.tr("Playing in mpv: %1"), player.sitting.title))
            self.pass_label.setText(
                fill(
                    self.tr("Pass %1 at %2"),
                    player.sitting.pass_number,
                    format_speed(player.sitting.speed),
                )
            )
            self.pause_button.setText(self.tr("Pause"))
            self.pause_button.setEnabled(False)
            self.stop_button.setEnabled(True)
            self.stop_button.setToolTip(self.tr("Close the player (the time watched is kept)"))
            self.done_button.setEnabled(False)
            self._tick.stop()
            self.update_display()
            return
        self.stop_button.setToolTip(self.tr("Stop the timer and add the time to the pass"))
        if active is None:
            self.title_label.setText(self.tr("No timer running. Press Start on a plan entry."))
            self.pass_label.setText("")
        else:
            self.title_label.setText(active.title)
            self.pass_label.setText(
                fill(self.tr("Pass %1 at %2"), active.pass_number, format_speed(active.speed))
                + ("  " + self.tr("(paused)") if self._paused else "")
            )
        self.pause_button.setText(self.tr("Resume") if self._paused else self.tr("Pause"))
        self.pause_button.setEnabled(active is not None)
        self.stop_button.setEnabled(active is not None)
        self.done_button.setEnabled(active is not None)
        if self._running is not None:
            self._tick.start()
        else:
            self._tick.stop()
        self.update_display()

    def update_display(self) -> None:
        player = self._player() if self._running is None and self._paused is None else None
        seconds = player.tally.played_seconds if player else self.elapsed_minutes() * 60
        self.elapsed_label.setText(format_stopwatch(seconds))
        if (
            self._running is not None
            and self._running.elapsed_minutes(self._ctx.clock.now()) > self._service.cap_minutes()
        ):
            self._forgotten()

    # ---- actions ---------------------------------------------------------------------------
    def start(self, item_id: int, pass_number: int) -> bool:
        """Start on a pass; a timer on another pass is stopped first (its time is kept)."""
        try:
            if self._running is not None:
                if (self._running.item_id, self._running.pass_number) == (item_id, pass_number):
                    return True
                self._report_stop(self._service.stop())
            self._paused = None
            self._minutes_before = 0.0
            self._running = self._service.start(item_id, pass_number)
        except ThreePassError as err:
            self._error(err)
            self.reload()
            return False
        self._ctx.events.status_message.emit(
            fill(self.tr("Timer started: %1, pass %2."), self._running.title, pass_number)
        )
        self._sync()
        self.changed.emit()
        return True

    def toggle_pause(self) -> None:
        try:
            if self._running is not None:
                before = self._minutes_before
                stopped = self._service.stop()
                stopped = self._check_cap(stopped)
                self._paused = _Paused(
                    stopped.item_id,
                    stopped.pass_number,
                    self._running.title,
                    self._running.speed,
                    before + stopped.minutes,
                )
                self._running = None
            elif self._paused is not None:
                paused = self._paused
                self._running = self._service.start(paused.item_id, paused.pass_number)
                self._minutes_before = paused.minutes_before
                self._paused = None
        except ThreePassError as err:
            self._error(err)
        self._sync()
        self.changed.emit()

    def stop(self, *, mark_done: bool = False) -> StoppedTimer | None:
        active = self._running or self._paused
        if active is None:
            player = self._player()
            if player is not None:
                player.stop()  # its time is saved as mpv quits
            return None
        item_id, pass_number = active.item_id, active.pass_number
        result: StoppedTimer | None = None
        try:
            if self._running is not None:
                result = self._check_cap(self._service.stop())
                self._report_stop(result, self._minutes_before)
            elif self._paused is not None:  # its time was saved when it was paused
                self._ctx.events.status_message.emit(
                    fill(
                        self.tr("Added %1 to pass %2 of %3."),
                        format_study_time(self._paused.minutes_before * 60),
                        pass_number,
                        self._paused.title,
                    )
                )
            self._running = None
            self._paused = None
            self._minutes_before = 0.0
            if mark_done:
                self._mark_done(item_id, pass_number)
        except ThreePassError as err:
            self._error(err)
        self._sync()
        self.changed.emit()
        return result

    def _mark_done(self, item_id: int, pass_number: int) -> None:
        library = LibraryService(self._ctx.db, self._ctx.clock)
        try:
            library.set_pass(item_id, pass_number, "done")
        except UnresolvedOpenPointsError as err:
            if dialogs.confirm(  # the error quotes the open points: plain text
                self,
                self.tr("Finish pass 3?"),
                str(err) + "\n\n" + self.tr("Mark the pass done anyway?"),
            ):
                library.set_pass(item_id, pass_number, "done", force=True)

    def _report_stop(self, result: StoppedTimer, before: float = 0.0) -> None:
        self._ctx.events.status_message.emit(
            fill(
                self.tr("Added %1 to pass %2 of %3."),
                format_study_time((result.minutes + before) * 60),
                result.pass_number,
                result.title,
            )
        )

    # ---- forgotten timers ------------------------------------------------------------------
    def _forgotten(self) -> None:
        """A timer past the cap: stop it at the cap, then ask how much to keep."""
        self._tick.stop()
        try:
            result = self._check_cap(self._service.stop())
        except ThreePassError as err:
            self._error(err)
            result = None
        self._running = None
        self._paused = None
        self._minutes_before = 0.0
        if result is not None:
            self._report_stop(result)
        self._sync()
        self.changed.emit()

    def _check_cap(self, result: StoppedTimer) -> StoppedTimer:
        if not result.capped:
            return result
        keep = self.ask_minutes(result)
        if keep is None or keep == round(result.minutes):
            return result
        return self._service.keep_minutes(result.session_id, float(keep))

    def _ask_minutes_dialog(self, result: StoppedTimer) -> int | None:
        value, ok = QInputDialog.getInt(
            self,
            self.tr("Forgotten timer?"),
            fill(
                self.tr(
                    "The timer on “%1” (pass %2) ran for %3, longer than the %4 cap.\n"
                    "How many minutes do you want to keep?"
                ),
                result.title,
                result.pass_number,
                format_minutes(result.raw_minutes),
                format_minutes(result.minutes),
            ),
            round(result.minutes),
            0,
            max(0, int(result.raw_minutes)),
        )
        return value if ok else None

    def _error(self, err: ThreePassError) -> None:
        dialogs.inform(self, self.tr("Timer"), str(err))
