"""Backups in the GUI: File menu actions, the daily timer, the backup on close, restore.

Backups and restores run as background tasks (desktop/tasks.py; SQLite's online backup API
in the service opens its own connections there), so the window never stalls; only plain
values (BackupInfo, RestoreResult) and error sentences come back, on the GUI thread.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication

from desktop.context import AppContext
from desktop.main_window import MainWindow
from desktop.safety.restore_dialog import RestoreDialog
from desktop.tasks import BackgroundTask, TaskControl, run_in_background
from desktop.widgets import dialogs
from models.errors import ThreePassError
from models.logs import SHOWN
from models.services.backup import BackupInfo, BackupService, ChangeWatcher, RestoreResult

log = logging.getLogger(__name__)

CHECK_INTERVAL_MS = 15 * 60 * 1000  # how often "is a backup due?" is asked while running
FIRST_CHECK_MS = 60 * 1000  # not at once: startup stays fast


class SafetyController(QObject):
    """Owns the backup actions of one main window."""

    backup_finished = Signal(object)  # BackupInfo
    restore_finished = Signal(object)  # RestoreResult
    failed = Signal(str)

    def __init__(self, window: MainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self.setObjectName("SafetyController")
        self._window = window
        self._ctx = ctx
        self._task: BackgroundTask[object] | None = None
        try:
            self.service: BackupService | None = BackupService.for_database(ctx.db, ctx.clock)
        except ThreePassError:
            self.service = None  # a database URL: nothing to copy
        self._changes = ChangeWatcher(self.service.db_path) if self.service else None

        menu = window.menu("file")
        first = menu.actions()[0] if menu.actions() else None  # keep Quit last
        self.backup_action = QAction(self.tr("&Back up now"), self)
        self.backup_action.setObjectName("BackUpNow")
        self.backup_action.triggered.connect(self.back_up_now)
        self.restore_action = QAction(self.tr("&Restore from backup…"), self)
        self.restore_action.setObjectName("RestoreFromBackup")
        self.restore_action.triggered.connect(self.open_restore_dialog)
        menu.insertAction(first, self.backup_action)  # type: ignore[arg-type]
        menu.insertAction(first, self.restore_action)  # type: ignore[arg-type]
        if first is not None:
            menu.insertSeparator(first)
        enabled = self.service is not None
        self.backup_action.setEnabled(enabled)
        self.restore_action.setEnabled(enabled)

        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check_due)
        self._first_check = QTimer(self)
        self._first_check.setSingleShot(True)
        self._first_check.setInterval(FIRST_CHECK_MS)
        self._first_check.timeout.connect(self._first_after_start)
        if enabled:
            self.timer.start()
            self._first_check.start()
        window.on_close(self.backup_on_close)

    # ---- state ----------------------------------------------------------------------------
    def is_busy(self) -> bool:
        return self._task is not None and self._task.is_running()

    def wait(self) -> None:
        """Block until a running backup/restore ends (used on close and in tests)."""
        if self._task is not None:
            self._task.wait()

    def _start(self, action: Callable[[], object], on_success: Callable[[object], None]) -> bool:
        if self.is_busy():
            return False
        self.backup_action.setEnabled(False)
        self.restore_action.setEnabled(False)
        name = getattr(action, "__qualname__", type(action).__name__)

        def work(_control: TaskControl) -> object:
            log.info("backup task %s started", name)
            return action()

        def succeeded(result: object) -> None:
            log.info("backup task %s finished", name)
            on_success(result)

        def failed(err: BaseException) -> None:
            self._on_task_finished()  # the actions come back before the modal box is shown
            if isinstance(err, ThreePassError):
                log.warning("backup task %s failed: %s", name, err, extra=SHOWN)
                self._on_failed(str(err))
                return
            # a bug: logged with its traceback, and still told instead of dying silently
            log.error("backup task %s failed", name, exc_info=err)
            self._on_failed(
                QCoreApplication.translate("Safety", "Unexpected error: {error}").format(error=err)
            )

        self._task = run_in_background(
            work,
            parent=self,
            name="backup",
            on_success=succeeded,
            on_failure=failed,
            on_finished=self._on_task_finished,
        )
        return True

    def _on_task_finished(self) -> None:
        self.backup_action.setEnabled(self.service is not None)
        self.restore_action.setEnabled(self.service is not None)

    def _on_failed(self, message: str) -> None:
        self._ctx.events.status_message.emit(message)
        self.failed.emit(message)
        dialogs.inform(self._window, self.tr("Backup"), message)

    # ---- backups --------------------------------------------------------------------------
    def _first_after_start(self) -> None:
        """Delete what copies killed last time left (`.partial` files), then back up if due."""
        if self.service is not None:
            self.service.clean_partials()
        self.check_due()

    def check_due(self) -> bool:
        """Start an automatic backup when none was made in the last day; True if started."""
        if self.service is None or self.is_busy():
            return False
        try:
            due = self.service.is_due()
        except ThreePassError:
            return False
        return due and self._start_backup()

    def back_up_now(self) -> bool:
        return self.service is not None and self._start_backup()

    def _start_backup(self) -> bool:
        service = self.service
        assert service is not None
        self._ctx.events.status_message.emit(self.tr("Backing up…"))
        return self._start(service.create, self._on_backup_done)

    def _on_backup_done(self, info: object) -> None:
        assert isinstance(info, BackupInfo)
        self._ctx.events.status_message.emit(
            self.tr("Backed up to {name}.").format(name=info.path.name)
        )
        self.backup_finished.emit(info)

    def backup_on_close(self) -> None:
        """A last backup when the window closes (after the notes' own autosave hooks), if
        anything was committed during the session. Runs on the GUI thread, once the window is
        hidden: the app is quitting, and the copy of a 100k library takes seconds.
        """
        if self.service is None:
            return
        self.timer.stop()
        self._first_check.stop()
        self.wait()
        if self._ctx.db.file_state() == "missing":  # told already; never recreate its folder
            log.info("no backup on close: the library file is gone")
            return
        changed = self._changes is None or self._changes.changed()
        if self._changes is not None:
            self._changes.close()
        if not changed:
            return
        # the copy takes seconds for a large library (2.4 s at 100k): the window goes first,
        # rather than stand frozen until the copy is done
        self._window.hide()
        QGuiApplication.sync()
        try:
            self.service.create()
        except ThreePassError as err:
            from desktop.cli.output import echo  # the error may quote a path

            log.warning("backup on close failed: %s", err, extra=SHOWN)
            echo(f"threepass: backup on close failed: {err}", file=sys.stderr)

    # ---- restore --------------------------------------------------------------------------
    def open_restore_dialog(self) -> None:
        if self.service is None or self.is_busy():
            return
        dialog = RestoreDialog(self.service.list_backups(), self.service.backup_dir, self._window)
        if dialog.exec() != RestoreDialog.DialogCode.Accepted or dialog.chosen_path is None:
            return
        self.restore(dialog.chosen_path)

    def restore(self, path: Path, *, confirmed: bool = False) -> bool:
        """Ask, then restore path in the background; the whole app refreshes afterwards."""
        service = self.service
        if service is None:
            return False
        if not confirmed and not dialogs.confirm(
            self._window,
            self.tr("Restore from backup"),
            self.tr(
                "Replace your current library with {name}?\n\n"
                "Your current library is backed up first."
            ).format(name=path.name),
            destructive=True,
        ):
            return False
        self._ctx.events.status_message.emit(self.tr("Restoring…"))
        return self._start(lambda: service.restore(path), self._on_restore_done)

    def _on_restore_done(self, result: object) -> None:
        assert isinstance(result, RestoreResult)
        # a damaged file was moved aside: connections opened before still point at it
        self._ctx.db.reset_connections()
        events = self._ctx.events
        events.items_changed.emit()
        events.career_changed.emit()
        events.study_changed.emit()
        events.status_message.emit(
            self.tr("Restored {name}.").format(name=result.restored_from.name)
        )
        self.restore_finished.emit(result)
