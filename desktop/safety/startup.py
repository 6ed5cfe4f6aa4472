"""What the user sees when the database cannot be opened at startup, and the way back.

A damaged (or too new) database is never overwritten: the user chooses between moving it
aside and restoring the newest good backup, moving it aside and starting empty, or quitting.
Problems with the place rather than the file (missing drive, read-only or full disk, a lock
held by another process) cannot be fixed by moving the file, so they offer Try again / Quit.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.widgets.formatting import format_stamp
from models.clock import Clock
from models.db import Database, open_database
from models.errors import (
    CorruptDatabaseError,
    DatabaseTooNewError,
    MissingDatabaseError,
    ThreePassError,
)
from models.paths import DataLocation
from models.recovery import can_recover, newest_good_backup, recover
from models.services.backup import BackupInfo


class Choice(StrEnum):
    RESTORE = "restore"
    EMPTY = "empty"
    RETRY = "retry"
    QUIT = "quit"


def _without_cli_hint(err: ThreePassError) -> ThreePassError:
    """open_database() wraps a damaged-file error with a `threepass restore` hint for the
    command line; the dialog has buttons for that, so it shows the original sentence.
    """
    cause = err.__cause__
    if isinstance(err, CorruptDatabaseError) and isinstance(cause, CorruptDatabaseError):
        return cause
    return err


class StartupProblemDialog(QDialog):
    """One sentence about the problem, the error's own words, and the possible ways out."""

    def __init__(
        self,
        err: ThreePassError,
        backup: BackupInfo | None,
        *,
        recoverable: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("StartupProblemDialog")
        self.setWindowTitle(self.tr("ThreePass cannot open your library"))
        self.choice = Choice.QUIT

        self.headline = QLabel(self._headline(err))
        self.detail = QLabel(str(_without_cli_hint(err)))
        self.advice = QLabel(self._advice(err, backup, recoverable))
        for label in (self.headline, self.detail, self.advice):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48)
        )

        self.buttons: dict[Choice, QPushButton] = {}
        row = QHBoxLayout()
        row.addStretch(1)
        missing = isinstance(err, MissingDatabaseError)  # nothing to move aside
        if recoverable:
            if backup is not None:
                self._add_button(
                    row,
                    Choice.RESTORE,
                    self.tr("Restore newest backup")
                    if missing
                    else self.tr("Move aside and restore newest backup"),
                )
            self._add_button(
                row,
                Choice.EMPTY,
                self.tr("Start an empty library")
                if missing
                else self.tr("Move aside and start empty"),
            )
        else:
            self._add_button(row, Choice.RETRY, self.tr("Try again"))
        self._add_button(row, Choice.QUIT, self.tr("Quit"))
        default = Choice.RESTORE if Choice.RESTORE in self.buttons else Choice.QUIT
        if isinstance(err, DatabaseTooNewError):
            default = Choice.QUIT  # updating ThreePass is the better fix
        self.buttons[default].setDefault(True)
        self.buttons[default].setFocus()

        text = QVBoxLayout()
        text.addWidget(self.headline)
        text.addWidget(self.detail)
        text.addWidget(self.advice)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(row)
        self.resize(620, self.sizeHint().height())

    def _add_button(self, row: QHBoxLayout, choice: Choice, text: str) -> None:
        button = QPushButton(text)
        button.setObjectName(f"choice-{choice.value}")
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self._choose(choice))
        row.addWidget(button)
        self.buttons[choice] = button

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()

    def _headline(self, err: ThreePassError) -> str:
        if isinstance(err, DatabaseTooNewError):
            return self.tr("Your library was saved by a newer version of ThreePass.")
        if isinstance(err, MissingDatabaseError):
            return self.tr("Your library file is missing.")
        if isinstance(err, CorruptDatabaseError):
            return self.tr("Your library file is damaged or is not a ThreePass database.")
        return self.tr("ThreePass cannot use the folder or disk that holds your library.")

    def _advice(self, err: ThreePassError, backup: BackupInfo | None, recoverable: bool) -> str:
        if not recoverable:
            return self.tr("Fix the problem above, then choose Try again.")
        moved = self.tr(
            "Moving it aside renames the file next to the original; nothing is deleted."
        )
        if isinstance(err, MissingDatabaseError):
            moved = self.tr("Nothing was created in its place.")
        if backup is None:
            return moved + " " + self.tr("There is no usable backup to restore.")
        when = format_stamp(backup.created)
        return moved + " " + self.tr("The newest good backup is from {when}.").format(when=when)


Ask = Callable[[ThreePassError, BackupInfo | None, bool], Choice]


def ask_with_dialog(err: ThreePassError, backup: BackupInfo | None, recoverable: bool) -> Choice:
    dialog = StartupProblemDialog(err, backup, recoverable=recoverable)
    dialog.exec()
    return dialog.choice


def recover_at_startup(
    err: ThreePassError,
    location: DataLocation,
    clock: Clock | None = None,
    ask: Ask = ask_with_dialog,
) -> Database | None:
    """Offer the ways out of err until the database opens (returned) or the user quits (None).

    A backup restored without the library opening after it is not offered again: choosing
    "restore" again would move the same copy aside and restore it once more, a full copy
    of the library per click, forever.
    """
    tried: set[Path] = set()
    while True:
        recoverable = can_recover(err) and location.db_path is not None
        backup = newest_good_backup(location, tried) if recoverable else None
        choice = ask(err, backup, recoverable)
        if choice == Choice.QUIT:
            return None
        try:
            if choice == Choice.RESTORE:
                skipped = frozenset(tried)  # so recover() restores the backup shown
                if backup is not None:
                    tried.add(backup.path)
                recover(location, restore=True, clock=clock, skip=skipped)
            elif choice == Choice.EMPTY:
                recover(location, restore=False, clock=clock)
            return open_database(location)
        except ThreePassError as again:
            err = again
