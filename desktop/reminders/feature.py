"""Installs the reminders: the tray icon and the daily notification's timer, after first paint."""

from __future__ import annotations

from desktop.context import AppContext
from desktop.main_window import MainWindow


def install(window: MainWindow, ctx: AppContext) -> None:
    """Nothing on the first screen needs them: they start with the deferred work."""

    def start() -> None:
        from desktop.reminders.prefs import close_to_tray
        from desktop.reminders.schedule import ReminderScheduler
        from desktop.reminders.tray import TrayController

        tray = TrayController(window, ctx)
        scheduler = ReminderScheduler(
            tray.service, tray.notify, day_changed=tray.refresh, parent=tray
        )
        ctx.events.study_changed.connect(scheduler.arm)  # Preferences may have moved the time
        scheduler.start()
        # hiding into the tray needs a tray to come back from
        window.keep_in_tray_when_closed(lambda: tray.tray_available and close_to_tray())

    window.defer(start)
