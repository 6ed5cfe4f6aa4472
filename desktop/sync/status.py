"""The status bar's sync corner: the last sync (or "Syncing…", or why it failed) and the
conflicts whose losing text was kept, a click away. A failure's sentence (a newer schema
on another device, a missing folder) also shows in a dialog, once per distinct sentence."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QToolButton, QWidget

from desktop.context import AppContext
from desktop.i18n import fill
from desktop.sync.report import SyncOutcome
from desktop.widgets.formatting import format_stamp, local_time
from desktop.widgets.plain import plain_tooltip
from models.logs import SHOWN

log = logging.getLogger(__name__)


class SyncStatus(QFrame):
    conflicts_clicked = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SyncStatus")
        self._ctx = ctx
        self.shown_failures: set[str] = set()
        self.label = QLabel()
        self.label.setObjectName("SyncStatusText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.conflicts = QToolButton()
        self.conflicts.setObjectName("SyncConflicts")
        self.conflicts.setAutoRaise(True)
        self.conflicts.setToolTip(self.tr("Show the note text each conflict kept"))
        self.conflicts.clicked.connect(self.conflicts_clicked)
        self.conflicts.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 2, 0)
        layout.setSpacing(4)
        layout.addWidget(self.label)
        layout.addWidget(self.conflicts)
        self.hide()  # until sync is set up

    def idle(self, last: SyncOutcome | None = None) -> None:
        self.show()
        if last is None:
            self.label.setText(self.tr("Not synced yet"))
            self.label.setToolTip(
                self.tr("Sync runs on start, after changes and on File ▸ Sync now")
            )

    def running(self) -> None:
        self.show()
        self.label.setText(self.tr("Syncing…"))

    def finished(self, outcome: SyncOutcome) -> str:
        """Show the outcome; returns the one-line report for the status bar's message."""
        self.show()
        when = local_time(outcome.at)
        clock = when.strftime("%H:%M") if when is not None else ""
        if outcome.ok:
            self.label.setText(fill(self.tr("Synced %1"), clock))
            self.label.setProperty("role", "")
            report = fill(
                self.tr("Sync: sent %1, applied %2, conflicts resolved: %3"),
                outcome.sent,
                outcome.applied,
                outcome.resolved,
            )
            self.label.setToolTip(fill(self.tr("Last sync: %1"), format_stamp(outcome.at)))
        else:
            self.label.setText(self.tr("Sync failed"))
            self.label.setProperty("role", "error")
            report = fill(self.tr("Sync failed: %1"), outcome.message)
            self.label.setToolTip(plain_tooltip(outcome.message))
            self._tell_once(outcome.message)
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)
        return report

    def set_conflicts(self, count: int) -> None:
        self.conflicts.setText(fill(self.tr("⚠ Conflicts: %1"), count))
        self.conflicts.setVisible(count > 0)

    def _tell_once(self, message: str) -> None:
        """A window-modal box that does not block: the sync ended in the background, and a
        nested event loop here could deliver the next sync's outcome inside this one."""
        if message in self.shown_failures:
            return
        self.shown_failures.add(message)
        log.warning("told the user: sync failed: %s", message, extra=SHOWN)
        box = QMessageBox(self.window())
        box.setObjectName("SyncFailedBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Sync did not run"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(message)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
