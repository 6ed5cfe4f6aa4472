"""Installs sync: File ▸ Sync now, the status bar's sync corner and the background runs.

Cheap at start-up: nothing here reads the sync settings before the first paint; the
scheduler starts from `window.defer`, and only when a sync folder is set up.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop.context import AppContext
from desktop.main_window import MainWindow
from desktop.sync import engine
from desktop.sync.report import SyncOutcome
from desktop.sync.runner import SyncRunner
from desktop.sync.scheduler import SyncScheduler
from desktop.sync.status import SyncStatus


class SyncController(QObject):
    """Ties the runner, the scheduler, the action and the status corner together."""

    def __init__(self, window: MainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self.setObjectName("SyncController")
        self._window = window
        self._ctx = ctx
        self.last: SyncOutcome | None = None
        self.runner = SyncRunner(ctx.db.location, ctx.clock, self)
        self.scheduler = SyncScheduler(ctx, self.runner, self.configured, self)
        self.status = SyncStatus(ctx)
        window.statusBar().addPermanentWidget(self.status)
        self.action = QAction(QCoreApplication.translate("Sync", "S&ync now"), self)
        self.action.setObjectName("SyncNow")
        self.action.setShortcut(QKeySequence("F9"))
        self.action.triggered.connect(self.sync_now)
        menu = window.menu("file")
        actions = menu.actions()
        if actions:  # just above Quit, in a group of its own (backups go at the top)
            quit_action = actions[-1]
            menu.insertAction(quit_action, self.action)
            menu.insertSeparator(quit_action)
        else:
            menu.addAction(self.action)
        self.runner.started.connect(self.status.running)
        self.runner.finished.connect(self._finished)
        self.status.conflicts_clicked.connect(self.show_conflicts)
        window.on_close(self.runner.stop)

    def configured(self) -> bool:
        return engine.is_configured(self._ctx.db.location)

    def begin(self) -> None:
        """After the first paint: the sync on start and the timer, once sync is set up."""
        if self.configured():
            self.status.idle(self.last)
            self.refresh_conflicts()
        self.scheduler.start()

    def settings_changed(self) -> None:
        """Preferences set the folder or the device: show the corner, sync at once."""
        if self.configured():
            self.status.idle(self.last)
            self.scheduler.sync_now()
        else:
            self.status.hide()

    def sync_now(self) -> None:
        if not self.scheduler.sync_now():
            self._ctx.events.status_message.emit(
                QCoreApplication.translate(
                    "Sync", "Sync is not set up: choose a sync folder in Preferences ▸ Sync."
                )
            )

    def _finished(self, outcome: SyncOutcome) -> None:
        self.last = outcome
        self._ctx.events.status_message.emit(self.status.finished(outcome))
        self.refresh_conflicts()

    def refresh_conflicts(self) -> None:
        self.status.set_conflicts(len(engine.conflicts(self._ctx.db)))

    def _seen(self, ids: list[int]) -> None:
        engine.mark_conflicts_seen(self._ctx.db, ids)
        self.refresh_conflicts()

    def show_conflicts(self) -> None:
        from desktop.sync.conflicts import ConflictsDialog

        rows = engine.conflicts(self._ctx.db)
        dialog = ConflictsDialog(rows, self._window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.seen.connect(lambda: self._seen([row.id for row in rows]))
        dialog.open()


def settings_changed(widget: QWidget) -> None:
    """Tell the sync of the window `widget` belongs to (through its dialogs) that the folder
    or the device changed."""
    current: QWidget | None = widget
    while current is not None:
        found = current.findChild(
            SyncController, "SyncController", Qt.FindChildOption.FindDirectChildrenOnly
        )
        if isinstance(found, SyncController):
            found.settings_changed()
            return
        current = current.parentWidget()


def install(window: MainWindow, ctx: AppContext) -> None:
    sync = SyncController(window, ctx)
    window.defer(sync.begin)
