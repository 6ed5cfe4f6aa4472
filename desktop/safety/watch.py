"""Writers the window does not know about: other processes, a restore, a removed folder.

Once a second, on the GUI thread (a stat() and one `PRAGMA data_version`, microseconds):
- the file at the library's path is no longer the one the window has open (`threepass
  restore` moved a damaged file aside, a sync tool swapped it): the connections are reset
  so reads and writes go to the new file, and every view refreshes;
- the file is gone (its folder deleted, its drive disconnected): writes are refused (the
  Database checks before each one, so nothing goes to a ghost file), the place is recorded
  so the next start does not silently make an empty library there (models/lost_library.py),
  and a window-modal dialog offers to save what the window still has open, or to quit;
- another process committed (a CLI pass reset, an import): the views refresh through the
  usual events. The window's own commits are counted by the Database and skipped, since
  each view already refreshed after them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.main_window import MainWindow
from desktop.widgets import dialogs
from models import lost_library
from models.errors import ThreePassError
from models.logs import SHOWN

log = logging.getLogger(__name__)

POLL_MS = 1000


class LibraryGoneDialog(QDialog):
    """Blocks the window while its library file is missing; only saving a copy or quitting
    remain (it closes by itself when the file comes back)."""

    save_requested = Signal()
    quit_requested = Signal()

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LibraryGoneDialog")
        self.setWindowTitle(self.tr("Your library is gone"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.headline = QLabel(self.tr("The data folder of your library was removed."))
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.detail = QLabel(
            self.tr(
                "{path} is no longer there (the folder was deleted or renamed, or its drive "
                "was disconnected). ThreePass stopped saving, so nothing is written to a file "
                "that is no longer your library. Save what this window still has open to "
                "another place, or quit; reconnecting the drive or putting the folder back "
                "lets you carry on."
            ).replace("{path}", str(path))
        )
        self.outcome = QLabel()
        self.outcome.setObjectName("LibraryGoneOutcome")
        self.outcome.hide()
        for label in (self.headline, self.detail, self.outcome):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48)
        )
        self.save_button = QPushButton(self.tr("Save a copy…"))
        self.save_button.setObjectName("SaveCopyButton")
        self.save_button.setAutoDefault(False)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_requested)
        self.quit_button = QPushButton(self.tr("Quit"))
        self.quit_button.setObjectName("QuitButton")
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.quit_requested)

        text = QVBoxLayout()
        text.addWidget(self.headline)
        text.addWidget(self.detail)
        text.addWidget(self.outcome)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(text, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(row)
        self.resize(560, self.sizeHint().height())

    def show_outcome(self, text: str) -> None:
        self.outcome.setText(text)
        self.outcome.show()

    def reject(self) -> None:
        """Escape does not dismiss it: the window behind must not look usable."""


class LibraryWatcher(QObject):
    """Polls the library file of one main window; see the module docstring."""

    outside_change = Signal()  # another process committed: the views were told to refresh
    replaced = Signal()  # the file at the path was replaced and reopened
    gone = Signal()  # the file was removed: writes are refused
    back = Signal()  # a removed file is there again

    def __init__(self, window: MainWindow, ctx: AppContext, interval_ms: int = POLL_MS) -> None:
        super().__init__(window)
        self.setObjectName("LibraryWatcher")
        self._window = window
        self._ctx = ctx
        self._version: int | None = None
        self._commits = self._generation = self._reopened = 0
        self.dialog: LibraryGoneDialog | None = None
        # now, not at the first poll: the views have just read, a commit from now on counts
        self._baseline()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        if ctx.db.path is not None:
            self.timer.start()

    def _baseline(self) -> None:
        db = self._ctx.db
        self._generation = db.generation
        self._reopened = db.reopened
        self._commits = db.commits
        self._version = db.data_version()

    def poll(self) -> None:
        db = self._ctx.db
        state = db.file_state()
        if state == "missing":
            self._show_gone()
            return
        if self.dialog is not None:
            self._come_back()
        if state == "replaced":
            db.follow_replaced_file()
        if db.reopened != self._reopened:  # here or before a write (Database.transaction)
            self._baseline()
            self._ctx.events.status_message.emit(
                self.tr(
                    "Your library file was replaced by another program (a restore?); "
                    "ThreePass now shows and saves the new one."
                )
            )
            self._refresh_views()
            self.replaced.emit()
            return
        if db.generation != self._generation:  # the window's own restore reset connections
            self._baseline()
            return
        commits = db.commits
        version = db.data_version()
        if version is not None and version != self._version and commits == self._commits:
            self._refresh_views()
            self.outside_change.emit()
        self._version = version
        self._commits = commits

    def _refresh_views(self) -> None:
        events = self._ctx.events
        events.items_changed.emit()
        events.career_changed.emit()
        events.study_changed.emit()

    # ---- the file is gone ------------------------------------------------------------------
    def _show_gone(self) -> None:
        if self.dialog is not None:
            return
        path = self._ctx.db.path
        assert path is not None  # the timer runs only for a file database
        log.warning("the library file %s was removed while open; writes are refused", path)
        lost_library.remember(path)
        dialog = LibraryGoneDialog(path, self._window)
        dialog.save_requested.connect(self.choose_copy_target)
        dialog.quit_requested.connect(self.quit)
        self.dialog = dialog
        dialog.open()
        self.gone.emit()

    def _come_back(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.done(0)
            dialog.deleteLater()
        path = self._ctx.db.path
        if path is not None:
            lost_library.forget(path)
        log.info("the library file %s is back", path)
        self._ctx.events.status_message.emit(self.tr("Your library file is back; saving again."))
        self.back.emit()

    def choose_copy_target(self) -> None:
        clock = self._ctx.clock
        stamp = (clock.now() + clock.utc_offset()).strftime("%Y%m%d-%H%M")
        target = dialogs.save_file(
            self.dialog or self._window,
            "rescue-copy",
            self.tr("Save a copy of your library"),
            f"threepass-rescued-{stamp}.sqlite3",
            self.tr("ThreePass library (*.sqlite3)"),
        )
        if target:
            self.save_copy_to(Path(target))

    def save_copy_to(self, target: Path) -> bool:
        """Copy what the window's connections still have open (the removed file) to target."""
        try:
            self._ctx.db.save_copy(target)
        except ThreePassError as err:
            log.warning("rescue copy failed: %s", err, extra=SHOWN)
            if self.dialog is not None:
                self.dialog.show_outcome(str(err))
            return False
        log.info("rescue copy of the removed library saved to %s", target)
        if self.dialog is not None:
            self.dialog.show_outcome(
                self.tr(
                    "Saved to {path}. To carry on with it, restore it: threepass restore {path}"
                ).replace("{path}", str(target))
            )
        return True

    def quit(self) -> None:
        self.timer.stop()
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.done(0)
        self._window.close()
