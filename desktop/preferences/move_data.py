""" "Move my data": pick a folder, copy + verify in a worker thread, then switch at next start.

The copy and verification live in models/services/relocation.py; this module only runs them as
a background task (desktop/tasks.py), shows progress and the outcome, and records the new
folder in QSettings once the copy is verified. Nothing at the old location is deleted.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.preferences.ui_settings import UiSettings
from desktop.tasks import BackgroundTask, TaskControl, report_unhandled, run_in_background
from desktop.widgets import dialogs
from models.db import Database
from models.errors import ThreePassError
from models.services.relocation import MoveReport, move_data


def _failure_sentence(err: BaseException, target: Path) -> str | None:
    """What the dialog says of a failed move; None for a bug (the crash handler shows it)."""
    if isinstance(err, ThreePassError):  # MoveCancelled included
        return str(err)
    if isinstance(err, OSError):
        return f"{err.strerror or err} ({target}); nothing moved."
    return None


class MoveDataDialog(QDialog):
    """Choose the new folder, watch the copy being made and checked, read the outcome."""

    finished_move = Signal(bool)  # True when the data was copied, verified and switched

    def __init__(self, db: Database, ui: UiSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MoveDataDialog")
        self.setWindowTitle(self.tr("Move my data"))
        self.setMinimumWidth(560)
        self._db = db
        self._ui = ui
        self._worker: BackgroundTask[MoveReport] | None = None
        self.report: MoveReport | None = None

        intro = QLabel(
            self.tr(
                "Choose an empty folder. ThreePass copies your database and backups there, "
                "checks the copy (integrity and row counts) and uses it from the next start."
            )
        )
        intro.setWordWrap(True)
        self.folder = QLineEdit()
        self.folder.setObjectName("targetFolder")
        self.folder.setPlaceholderText(self.tr("New data folder"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 3)
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setObjectName("moveStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.move_button = QPushButton(self.tr("Move"))
        self.move_button.setDefault(True)
        self.buttons.addButton(self.move_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.move_button.clicked.connect(self._start_from_field)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def _browse(self) -> None:
        chosen = dialogs.choose_folder(self, "move-data", self.tr("Choose the new data folder"))
        if chosen:
            self.folder.setText(chosen)

    def _start_from_field(self) -> None:
        text = self.folder.text().strip()
        if not text:
            self.status.setText(self.tr("Choose a folder first."))
            return
        self.start_move(Path(text))

    def start_move(self, target: Path) -> None:
        if self._worker is not None:
            return
        self.move_button.setEnabled(False)
        self.status.setText(self.tr("Copying and checking…"))
        db = self._db

        def work(control: TaskControl) -> MoveReport:
            return move_data(
                db,
                target,
                progress=lambda done, total: control.progress((done, total)),
                cancelled=control.cancelled,
            )

        self._worker = run_in_background(
            work,
            parent=self,
            name="move-data",
            on_progress=lambda step: self._progressed(*step),
            on_success=self._succeeded,
            on_failure=lambda err: self._failed_with(err, target),
            on_finished=self._worker_done,
        )

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _succeeded(self, report: MoveReport) -> None:
        self.report = report
        self._ui.data_dir = str(report.target.parent)
        self._ui.sync()
        text = self.tr(
            "Copied and verified: %1 rows in %2 tables, %3 backups. ThreePass uses %4 from "
            "the next start; the old copy in %5 was left in place. The command line uses "
            "the new folder with --data-dir or THREEPASS_DATA_DIR."
        )
        text = i18n.fill(
            text,
            i18n.format_integer(report.total_rows),
            i18n.format_integer(len(report.table_rows)),
            i18n.format_integer(report.backups_copied),
            str(report.target.parent),
            str(report.source.parent),
        )
        self.status.setText(text)
        self.finished_move.emit(True)

    def _failed_with(self, err: BaseException, target: Path) -> None:
        message = _failure_sentence(err, target)
        if message is None:  # a bug: logged and shown, and the dialog lets the user retry
            report_unhandled(err, where="move-data")
            message = f"{type(err).__name__}: {err}"
        self._failed(message)

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        self.move_button.setEnabled(True)
        self.finished_move.emit(False)

    def _worker_done(self) -> None:
        self._worker = None

    def reject(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self._worker.wait()
        super().reject()
