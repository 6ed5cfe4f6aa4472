"""The study sessions of the window: passes playing in mpv and the study timer.

Views only ask (ctx.events.watch_requested / timer_requested); this object, made once by the
player feature, runs what they ask and tells everyone (ctx.events.studying, study_changed,
and its own `changed` for the status-bar chip). One player per pass: Watch on a pass that
plays already says so. Where mpv is missing the page opens in the browser and the timer
runs instead, after one sentence saying how to install mpv.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.context import AppContext
from desktop.i18n import fill, format_study_time
from desktop.widgets import dialogs, links
from desktop.widgets.formatting import format_speed
from models import mpv
from models.errors import ThreePassError

if TYPE_CHECKING:
    from desktop.player.session import PlayerSession
    from models.services.playback import Sitting
    from models.services.timer import RunningTimer


def install_hint(platform: str = sys.platform) -> str:
    """One sentence telling how to install mpv here."""
    if platform == "darwin":
        return QCoreApplication.translate(
            "Player", "To watch in ThreePass, install mpv with Homebrew: brew install mpv."
        )
    if platform == "win32":
        return QCoreApplication.translate(
            "Player",
            "To watch in ThreePass, install mpv: winget install mpv (or scoop install mpv).",
        )
    return QCoreApplication.translate(
        "Player", "To watch in ThreePass, install mpv: sudo apt install mpv (Debian, Ubuntu)."
    )


def end_of_video_box(parent: QWidget | None, sitting: Sitting) -> QMessageBox:
    """The question at the end of the video. The title is only the app's name and the
    words are in the text: a small box cut its title short ("End of… video")."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("ThreePass")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        fill(
            QCoreApplication.translate("Player", "End of the video: mark pass %1 done?\n\n%2"),
            sitting.pass_number,
            sitting.title,
        )
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box


class StudyHub(QObject):
    changed = Signal()  # a player or the timer started, moved, paused or stopped

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("StudyHub")  # tests and screenshots find it with findChild
        self._ctx = ctx
        self._window = window
        self._sessions: dict[tuple[int, int], PlayerSession] = {}
        self._timer: RunningTimer | None = None
        self._told_install = False
        # what the dialogs and the outside world do; tests replace them
        self.find_mpv: Callable[[], str | None] = mpv.find_mpv
        self.mpv_args: tuple[str, ...] = ()
        self.ask_done: Callable[[Sitting], bool] = self._ask_done_dialog
        self.tell: Callable[[str, str], None] = lambda title, text: dialogs.inform(
            self._window, title, text
        )
        self.open_url: Callable[[str], object] = lambda url: links.open_url(self._window, url)
        ctx.events.watch_requested.connect(self.watch)
        ctx.events.timer_requested.connect(self.start_timer)
        ctx.events.study_changed.connect(self.reload_timer)
        ctx.events.study_changed.connect(self._stop_players_of_done_passes)
        ctx.events.items_changed.connect(self._stop_players_of_done_passes)
        ctx.events.speed_set.connect(self._speed_set)

    # ---- what is running -----------------------------------------------------------------------
    def sessions(self) -> list[PlayerSession]:
        return list(self._sessions.values())

    def session(self, item_id: int, pass_number: int) -> PlayerSession | None:
        return self._sessions.get((item_id, pass_number))

    def timer(self) -> RunningTimer | None:
        return self._timer

    def reload_timer(self) -> None:
        """Mirror the database's running timer (started in Today, the CLI, a card)."""
        from models.services.timer import TimerService

        try:
            running = TimerService(self._ctx.db, self._ctx.clock).running()
        except ThreePassError:
            running = None
        if running != self._timer:
            before, self._timer = self._timer, running
            if before is not None:
                self._ctx.events.studying.emit(before.item_id, before.pass_number, "")
            if running is not None:
                self._ctx.events.studying.emit(running.item_id, running.pass_number, "timer")
            self.changed.emit()

    def _stop_players_of_done_passes(self) -> None:
        """A pass finished elsewhere (Ctrl+1, the Edit menu, the CLI): its player quits and
        saves its time, as the timer on it ended with the pass."""
        if not self._sessions:
            return
        from models.services.library import LibraryService

        service = LibraryService(self._ctx.db, self._ctx.clock)
        for (item_id, number), session in list(self._sessions.items()):
            try:
                done = service.get_item(item_id).passes[number - 1].status == "done"
            except ThreePassError:
                done = False
            if done:
                session.stop()

    def _speed_set(self, item_id: int, pass_number: int, speed: float) -> None:
        """The pass's speed changed on its card: the player playing it switches now."""
        session = self._sessions.get((item_id, pass_number))
        if session is not None:
            session.set_speed(speed)
            self.changed.emit()

    # ---- the player ------------------------------------------------------------------------
    def watch(self, item_id: int, pass_number: int) -> PlayerSession | None:
        """Open the pass's video at its speed; without mpv, its page and the timer."""
        existing = self._sessions.get((item_id, pass_number))
        if existing is not None:
            self._say(
                fill(
                    QCoreApplication.translate("Player", "Pass %1 of %2 is already playing."),
                    pass_number,
                    existing.sitting.title,
                )
            )
            return existing
        from desktop.player.session import PlayerSession
        from models.services.playback import PlaybackService

        service = PlaybackService(self._ctx.db, self._ctx.clock)
        try:
            sitting = service.sitting(item_id, pass_number)
        except ThreePassError as err:
            self.tell(QCoreApplication.translate("Player", "Watch"), str(err))
            return None
        self._ctx.events.items_changed.emit()  # the pass may now be in progress
        mpv_path = self.find_mpv() if sitting.source is not None else None
        if mpv_path is None:
            self._fallback(sitting)
            return None
        self._stop_timer_on(item_id, pass_number)  # its minutes and the player's would add up
        session = PlayerSession(service, sitting, mpv_path, extra_args=self.mpv_args, parent=self)
        self._sessions[(item_id, pass_number)] = session
        session.changed.connect(self.changed)
        session.reached_end.connect(lambda s=session: self._reached_end(s))
        session.ended.connect(lambda s=session: self._ended(s))
        session.failed.connect(self._say)
        session.start()
        self._ctx.events.studying.emit(item_id, pass_number, "player")
        self._say(
            fill(
                QCoreApplication.translate("Player", "Playing pass %1 of %2 at %3."),
                pass_number,
                sitting.title,
                format_speed(sitting.speed),
            )
        )
        self.changed.emit()
        return session

    def _fallback(self, sitting: Sitting) -> None:
        """Nothing mpv can play, or no mpv: the page in the browser, and the timer."""
        instead = QCoreApplication.translate(
            "Player", "The video opens in your browser and the timer starts instead."
        )
        if sitting.source is None:
            self._say(
                QCoreApplication.translate(
                    "Player", "No video to play for this item: the timer starts instead."
                )
            )
        elif not self._told_install:
            self._told_install = True  # once per run; then the status bar says it
            self.tell(
                QCoreApplication.translate("Player", "mpv is not installed"),
                install_hint() + "\n\n" + instead,
            )
        else:
            self._say(install_hint() + " " + instead)
        if sitting.page_url:
            self.open_url(sitting.page_url)
        self.start_timer(sitting.item_id, sitting.pass_number)

    def _reached_end(self, session: PlayerSession) -> None:
        sitting = session.sitting
        self._ctx.events.study_changed.emit()
        if not self.ask_done(sitting):
            return
        from desktop.library.pass_actions import change_pass
        from models.services.library import LibraryService

        if change_pass(
            self._window,
            LibraryService(self._ctx.db, self._ctx.clock),
            sitting.item_id,
            sitting.pass_number,
            "done",
        ):
            self._ctx.events.items_changed.emit()

    def _ended(self, session: PlayerSession) -> None:
        sitting = session.sitting
        self._sessions.pop((sitting.item_id, sitting.pass_number), None)
        self._ctx.events.studying.emit(sitting.item_id, sitting.pass_number, "")
        self._say(
            fill(
                QCoreApplication.translate("Player", "Watched %1 of pass %2 of %3."),
                format_study_time(session.tally.played_seconds),
                sitting.pass_number,
                sitting.title,
            )
        )
        self._ctx.events.study_changed.emit()
        self._ctx.events.items_changed.emit()
        self.changed.emit()
        session.deleteLater()

    def _ask_done_dialog(self, sitting: Sitting) -> bool:
        return end_of_video_box(self._window, sitting).exec() == QMessageBox.StandardButton.Yes

    def stop_all(self) -> None:
        """The window closes: every player quits and its time is saved first."""
        for session in list(self._sessions.values()):
            session.stop_now()

    # ---- the timer -------------------------------------------------------------------------
    def start_timer(self, item_id: int, pass_number: int) -> bool:
        """Time a pass; a timer on another pass stops first (its time is kept)."""
        from models.services.timer import TimerService

        service = TimerService(self._ctx.db, self._ctx.clock)
        try:
            running = service.running()
            if running is not None:
                if (running.item_id, running.pass_number) == (item_id, pass_number):
                    return True
                self._report_stop(service.stop())
            started = service.start(item_id, pass_number)
        except ThreePassError as err:
            self.tell(QCoreApplication.translate("Player", "Timer"), str(err))
            return False
        self._say(
            fill(
                QCoreApplication.translate("Player", "Timer started: %1, pass %2."),
                started.title,
                pass_number,
            )
        )
        self._changed_study()
        return True

    def stop_timer(self) -> None:
        from models.services.timer import TimerService

        try:
            self._report_stop(TimerService(self._ctx.db, self._ctx.clock).stop())
        except ThreePassError as err:
            self._say(str(err))
        self._changed_study()

    def _stop_timer_on(self, item_id: int, pass_number: int) -> None:
        self.reload_timer()
        if self._timer is not None and (self._timer.item_id, self._timer.pass_number) == (
            item_id,
            pass_number,
        ):
            self.stop_timer()

    def _report_stop(self, result: object) -> None:
        from models.services.timer import StoppedTimer

        assert isinstance(result, StoppedTimer)
        self._say(
            fill(
                QCoreApplication.translate("Player", "Added %1 to pass %2 of %3."),
                format_study_time(result.minutes * 60),
                result.pass_number,
                result.title,
            )
        )

    def _changed_study(self) -> None:
        self._ctx.events.study_changed.emit()  # reloads the timer here, and the Today view
        self._ctx.events.items_changed.emit()

    def _say(self, text: str) -> None:
        self._ctx.events.status_message.emit(text)
