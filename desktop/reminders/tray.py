"""The tray icon: today's counts in its tooltip, badge and menu; Open Today, Start, Quit.

Built whether or not a system tray exists (QSystemTrayIcon.isSystemTrayAvailable() is false
offscreen and on some desktops): the menu, its actions and the counts work the same, and
the daily notification falls back to D-Bus (`notify`) where the icon cannot be shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from desktop.context import AppContext
from desktop.crash import report_exception
from desktop.i18n import fill
from desktop.icons import app_icon
from desktop.main_window import MainWindow
from desktop.tasks import run_in_background
from desktop.widgets.background_read import BackgroundReads, is_large
from desktop.widgets.plain import plain_mnemonic
from models.errors import ThreePassError
from models.services.reminders import ReminderService, ReminderSummary, follow_up_text

if TYPE_CHECKING:
    from desktop.planner.today_view import TodayView

log = logging.getLogger(__name__)

FOLLOW_UPS_NAMED = 5  # in the menu; the rest as "and N more"
REFRESH_DELAY_MS = 300  # several change signals in a row: one count
MESSAGE_MS = 15_000
BADGE_SIZE = 64


def badge_icon(base: QIcon, count: int) -> QIcon:
    """The app icon with the number due in a red disc (a tray shows no text of its own)."""
    if count <= 0:
        return base
    pixmap = QPixmap(BADGE_SIZE, BADGE_SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    base.paint(painter, 0, 0, BADGE_SIZE, BADGE_SIZE)
    disc = QRectF(BADGE_SIZE * 0.42, BADGE_SIZE * 0.42, BADGE_SIZE * 0.58, BADGE_SIZE * 0.58)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#d93025"))
    painter.drawEllipse(disc)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(BADGE_SIZE * (0.36 if count < 10 else 0.28)))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, str(count) if count < 100 else "99+")
    painter.end()
    return QIcon(pixmap)


class TrayController(QObject):
    """Owns the tray icon and its menu; `notify` shows the daily reminder."""

    def __init__(
        self,
        window: MainWindow,
        ctx: AppContext,
        *,
        tray_available: bool | None = None,
        quit_app: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.service = ReminderService(ctx.db, ctx.clock)
        self.summary: ReminderSummary | None = None
        # a large library counts in a worker: ~30 ms of queries at 100k, at start-up and
        # after every change, held the window
        self._reads: BackgroundReads[ReminderSummary] | None = (
            BackgroundReads(self, "tray-counts", self.refresh) if is_large(ctx.db) else None
        )
        if tray_available is None:
            tray_available = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray_available = tray_available
        self.quit_app = quit_app or QApplication.quit  # tests record it
        self._base_icon = app_icon()

        self.menu = QMenu(window)
        self.menu.setObjectName("TrayMenu")
        # the counts are entries too: each opens the view that lists them
        self.passes_action = self._view_action("today")
        self.questions_action = self._view_action("questions")
        self.follow_ups_action = self._view_action("board")
        self._follow_up_actions: list[QAction] = []
        self._follow_ups_end = self.menu.addSeparator()
        self.open_action = self.menu.addAction(self.tr("Open Today"))
        self.open_action.triggered.connect(self.open_today)
        self.start_action = self.menu.addAction(self.tr("Start the next pass"))
        self.start_action.triggered.connect(self.start_next_pass)
        self.menu.addSeparator()
        self.quit_action = self.menu.addAction(self.tr("Quit ThreePass"))
        self.quit_action.triggered.connect(self.quit)
        self.menu.aboutToShow.connect(self.refresh)

        self.icon = QSystemTrayIcon(self._base_icon, self)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        for signal in (
            ctx.events.items_changed,
            ctx.events.study_changed,
            ctx.events.career_changed,
        ):
            signal.connect(self._refresh_timer.start)
        self.refresh()
        if tray_available:
            self.icon.show()

    def _view_action(self, key: str) -> QAction:
        action = self.menu.addAction("")
        action.triggered.connect(lambda _checked=False: self.open_view(key))
        return action

    # ---- counts ----------------------------------------------------------------------------
    def refresh(self) -> None:
        reads = self._reads
        if reads is not None:
            if not reads.defer():
                reads.start(self.service.summary, self._counted, self._not_counted)
            return
        try:
            summary = self.service.summary()
        except ThreePassError as err:
            self._not_counted(err)
            return
        self._counted(summary)

    def wait_counted(self) -> None:
        """Let counts read in the worker arrive (tests, screenshots)."""
        if self._reads is not None:
            self._reads.wait_idle()

    def _counted(self, summary: ReminderSummary) -> None:
        self.summary = summary
        self._show(summary)

    def _not_counted(self, err: BaseException) -> None:
        if not isinstance(err, ThreePassError):
            report_exception(err, where="the reminder counts")
            return
        log.warning("the reminder counts could not be read: %s", err)

    def _show(self, summary: ReminderSummary) -> None:
        passes = fill(self.tr("Passes due: %1"), summary.passes_due)
        questions = fill(self.tr("Questions due: %1"), summary.questions_due)
        follow_ups = fill(self.tr("Follow-ups due: %1"), len(summary.follow_ups))
        self.passes_action.setText(passes)
        self.questions_action.setText(questions)
        self.follow_ups_action.setText(follow_ups)
        for action in self._follow_up_actions:
            self.menu.removeAction(action)
            action.deleteLater()
        self._follow_up_actions = []
        names = [follow_up_text(f) for f in summary.follow_ups[:FOLLOW_UPS_NAMED]]
        extra = len(summary.follow_ups) - FOLLOW_UPS_NAMED
        if extra > 0:
            names.append(fill(self.tr("and %1 more"), extra))
        for name in names:
            action = QAction("    " + plain_mnemonic(name), self.menu)
            action.triggered.connect(lambda _checked=False: self.open_view("board"))
            self.menu.insertAction(self._follow_ups_end, action)
            self._follow_up_actions.append(action)
        self.icon.setToolTip("\n".join(["ThreePass", passes, questions, follow_ups]))
        self.icon.setIcon(badge_icon(self._base_icon, summary.total))

    # ---- actions ---------------------------------------------------------------------------
    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.open_today()

    def open_window(self) -> None:
        window = self.window
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()

    def open_view(self, key: str) -> None:
        self.open_window()
        if key in self.window.view_keys():
            self.window.show_view(key)

    def open_today(self) -> None:
        self.open_view("today")

    def start_next_pass(self) -> None:
        """Today's first planned pass, on the timer (as its Start button does)."""
        self.open_today()
        view = cast("TodayView", self.window.view("today"))
        if view.plan is None:
            view.refresh()
        entries = view.plan.entries if view.plan is not None else ()
        if not entries:
            self.ctx.events.status_message.emit(self.tr("Nothing is planned for today."))
            return
        view.start_entry(entries[0])

    def quit(self) -> None:
        """Really quit, saving as closing the window does (the close hooks run)."""
        if self.window.close_for_real():
            self.icon.hide()
            self.quit_app()

    # ---- the daily notification -------------------------------------------------------------
    def notification(self, summary: ReminderSummary) -> tuple[str, str]:
        """(title, body): the counts, then the follow-ups due today named."""
        title = self.tr("ThreePass: today's study")
        lines = [
            "  ·  ".join(
                [
                    fill(self.tr("Passes due: %1"), summary.passes_due),
                    fill(self.tr("Questions due: %1"), summary.questions_due),
                    fill(self.tr("Follow-ups due: %1"), len(summary.follow_ups)),
                ]
            )
        ]
        lines += [follow_up_text(f) for f in summary.follow_ups[:FOLLOW_UPS_NAMED]]
        extra = len(summary.follow_ups) - FOLLOW_UPS_NAMED
        if extra > 0:
            lines.append(fill(self.tr("and %1 more"), extra))
        return title, "\n".join(lines)

    def notify(self, summary: ReminderSummary) -> str:
        """Show the reminder through the tray, else over D-Bus; returns which ("tray"/"dbus")."""
        title, body = self.notification(summary)
        if self.icon.isVisible() and QSystemTrayIcon.supportsMessages():
            self.icon.showMessage(title, body, self.icon.icon(), MESSAGE_MS)
            return "tray"
        from desktop.reminders.notify import send_notification

        def failed(err: BaseException) -> None:
            if isinstance(err, ThreePassError):
                log.warning("the daily reminder could not be shown: %s", err)
                self.service.release_today()  # retried at the next check
            else:
                report_exception(err, where="the daily reminder")

        run_in_background(
            lambda _control: send_notification(title, body),
            parent=self,
            name="reminder-notify",
            on_failure=failed,
        )
        return "dbus"
