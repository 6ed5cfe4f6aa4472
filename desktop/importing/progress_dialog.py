"""The dialog an import runs under: what it is doing, Cancel, then the summary.

It is driven by signals from a TaskRunner (all delivered on the GUI thread) and never blocks:
it is shown with open(), so tests and the rest of the window keep running.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.importing.summary import CountsModel, SkippedModel, shown_lines, totals
from desktop.messages import source_name
from desktop.widgets.elided import ElidedLabel
from desktop.widgets.plain import plain_title
from models.services.import_summary import ImportSummary


class DialogState(Enum):
    RUNNING = "running"
    CANCELLING = "cancelling"
    FINISHED = "finished"
    CANCELLED = "cancelled"
    FAILED = "failed"


class ImportProgressDialog(QDialog):
    """Stage text, a bar (busy when the total is unknown), Cancel; finally the counts."""

    cancel_requested = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ImportProgressDialog")
        self.setWindowTitle(plain_title(title))
        self.setMinimumWidth(560)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.state = DialogState.RUNNING

        self.heading = QLabel(title)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.heading.setFont(font)

        self.stage_label = QLabel(self.tr("Starting…"))
        self.stage_label.setObjectName("import_stage")
        self.stage_label.setTextFormat(Qt.TextFormat.PlainText)
        self.stage_label.setWordWrap(True)
        self.stage_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        # What the stage waits on (the URL being downloaded): under the bar, so the stage and
        # its count stay readable for as long as a slow server takes.
        self.detail_label = ElidedLabel()
        self.detail_label.setObjectName("import_detail")
        self.detail_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.counts_model = CountsModel(self)
        self.counts_view = QTableView()
        self.counts_view.setObjectName("import_counts")
        self.counts_view.setModel(self.counts_model)
        self._setup_table(self.counts_view)
        self.counts_view.horizontalHeader().setStretchLastSection(False)
        self.counts_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.counts_view.setVisible(False)

        self.skipped_toggle = QToolButton()
        self.skipped_toggle.setObjectName("import_skipped_toggle")
        self.skipped_toggle.setCheckable(True)
        self.skipped_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.skipped_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.skipped_toggle.setAutoRaise(True)
        self.skipped_toggle.toggled.connect(self._toggle_skipped)
        self.skipped_toggle.setVisible(False)
        self.skipped_model = SkippedModel(self)
        self.skipped_view = QTableView()
        self.skipped_view.setObjectName("import_skipped")
        self.skipped_view.setModel(self.skipped_model)
        self._setup_table(self.skipped_view)
        self.skipped_view.setWordWrap(True)
        self.skipped_view.setVisible(False)

        self.buttons = QDialogButtonBox()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("import_cancel")
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("import_close")
        self.close_button.clicked.connect(self.accept)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button.setVisible(False)  # after addButton, which shows it

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.stage_label)
        layout.addWidget(self.bar)
        below_bar = QHBoxLayout()
        below_bar.addWidget(self.detail_label, 1)
        below_bar.addWidget(self.count_label)
        layout.addLayout(below_bar)
        layout.addWidget(self.counts_view)
        layout.addWidget(self.skipped_toggle)
        layout.addWidget(self.skipped_view, 1)
        layout.addWidget(self.buttons)

    @staticmethod
    def _setup_table(view: QTableView) -> None:
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.setAlternatingRowColors(True)
        view.horizontalHeader().setStretchLastSection(True)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    # ---- driven by the runner ---------------------------------------------------------------
    @Slot(str, int, int)
    def show_progress(self, text: str, done: int, total: int) -> None:
        if self.state is not DialogState.RUNNING:
            return
        self.stage_label.setText(text)
        self._set_detail("")
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            self.count_label.setText(self.tr("{0} of {1}").format(done, total))
        else:
            self.bar.setRange(0, 0)
            self.count_label.clear()

    @Slot(str)
    def show_detail(self, text: str) -> None:
        """A line under the current stage; the stage, its bar and count are left as they are."""
        if self.state is DialogState.RUNNING:
            self._set_detail(text)

    def _set_detail(self, text: str) -> None:
        self.detail_label.setText(text)
        self.detail_label.setToolTip(text)

    @Slot(object)
    def show_summary(self, summary: ImportSummary) -> None:
        self.state = DialogState.FINISHED
        self.heading.setText(self.tr("Import finished: {0}").format(source_name(summary.source)))
        self._finish_bar()
        if summary.not_modified:
            self.stage_label.setText(
                self.tr("The source has not changed since the last import; nothing to do.")
            )
        else:
            total = totals(summary)
            self.stage_label.setText(
                self.tr("Done: {0} added, {1} updated, {2} unchanged, {3} skipped.").format(
                    total.added, total.updated, total.unchanged, total.skipped
                )
            )
            if summary.backup is not None:
                backed_up = QCoreApplication.translate(
                    "ImportJobs", "The previous data was backed up to {0}."
                ).format(summary.backup)
                self.stage_label.setText(self.stage_label.text() + "\n" + backed_up)
            self.counts_model.set_summary(summary)
            self.counts_view.setVisible(bool(shown_lines(summary)))
            self._fit_table_height(self.counts_view)
        if summary.skipped:
            self.skipped_model.set_rows(tuple((row.where, row.reason) for row in summary.skipped))
            self.skipped_toggle.setText(
                self.tr("Skipped rows ({0}) and why").format(len(summary.skipped))
            )
            self.skipped_toggle.setVisible(True)
        self._show_close()

    @Slot()
    def show_cancelled(self) -> None:
        self.state = DialogState.CANCELLED
        self.heading.setText(self.tr("Import cancelled"))
        self._finish_bar(empty=True)
        self.stage_label.setText(self.tr("Cancelled. Nothing was written."))
        self._show_close()

    @Slot(str)
    def show_failed(self, message: str) -> None:
        self.state = DialogState.FAILED
        self.heading.setText(self.tr("Import failed"))
        self._finish_bar(empty=True)
        self.stage_label.setText(
            self.tr("The import stopped and nothing was written: {0}").format(message)
        )
        self._show_close()

    # ---- internals ----------------------------------------------------------------------------
    def summary_text(self) -> str:
        return self.stage_label.text()

    def _finish_bar(self, *, empty: bool = False) -> None:
        self.bar.setRange(0, 1)
        self.bar.setValue(0 if empty else 1)
        self.count_label.clear()
        self._set_detail("")

    def _show_close(self) -> None:
        self.cancel_button.setVisible(False)
        self.close_button.setVisible(True)
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    @staticmethod
    def _fit_table_height(view: QTableView) -> None:
        height = view.horizontalHeader().height() + 2 * view.frameWidth()
        for row in range(view.model().rowCount()):
            height += view.rowHeight(row)
        view.setFixedHeight(height)

    @Slot(bool)
    def _toggle_skipped(self, shown: bool) -> None:
        self.skipped_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )
        self.skipped_view.setVisible(shown)
        if shown:
            self.skipped_view.resizeRowsToContents()
            self.resize(self.width(), max(self.height(), 480))

    @Slot()
    def _on_cancel_clicked(self) -> None:
        if self.state is DialogState.RUNNING:
            self.state = DialogState.CANCELLING
            self.stage_label.setText(self.tr("Cancelling… nothing will be written."))
            self._set_detail("")
            self.cancel_button.setEnabled(False)
            self.cancel_requested.emit()

    def reject(self) -> None:
        """Escape / the window's close button while running means Cancel, not 'hide'."""
        if self.state in (DialogState.RUNNING, DialogState.CANCELLING):
            self._on_cancel_clicked()
            return
        super().reject()
