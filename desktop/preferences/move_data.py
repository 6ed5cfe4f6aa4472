""" "Move my data": pick a folder, copy + verify in a worker thread, then switch at next start.

The copy and verification live in models/services/relocation.py; this module only runs them off
the GUI thread, shows progress and the outcome, and records the new folder in QSettings once
the copy is verified. Nothing at the old location is deleted.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
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
from models.db import Database
from models.errors import ThreePassError
from models.services.relocation import MoveCancelled, MoveReport, move_data


class MoveWorker(QThread):
    """Copies and verifies off the GUI thread; results arrive on the main thread via signals."""

    progressed = Signal(int, int)
    succeeded = Signal(object)  # MoveReport
    failed = Signal(str)

    def __init__(self, db: Database, target: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._target = target
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def run(self) -> None:
        try:
            report = move_data(
                self._db,
                self._target,
                progress=lambda done, total: self.progressed.emit(done, total),
                cancelled=lambda: self._cancel,
            )
        except MoveCancelled as err:
            self.failed.emit(str(err))
        except ThreePassError as err:
            self.failed.emit(str(err))
        except OSError as err:
            self.failed.emit(f"{err.strerror or err} ({self._target}); nothing moved.")
        else:
            self.succeeded.emit(report)


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
        self._worker: MoveWorker | None = None
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
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose the new data folder"))
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
        worker = MoveWorker(self._db, target, self)
        worker.progressed.connect(self._progressed)
        worker.succeeded.connect(self._succeeded)
        worker.failed.connect(self._failed)
        worker.finished.connect(self._worker_done)
        self._worker = worker
        worker.start()

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

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        self.move_button.setEnabled(True)
        self.finished_move.emit(False)

    def _worker_done(self) -> None:
        if self._worker is not None:
            self._worker.deleteLater()
        self._worker = None

    def reject(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self._worker.wait()
        super().reject()
