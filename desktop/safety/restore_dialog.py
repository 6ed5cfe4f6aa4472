"""Choose a backup to restore: every backup with its date, kind and size, or any other file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.safety.backups_model import INFO_ROLE, SORT_ROLE, BackupTableModel
from desktop.widgets import dialogs
from models.services.backup import BackupInfo


class RestoreDialog(QDialog):
    """Returns the chosen file in chosen_path after exec() == Accepted."""

    def __init__(
        self, backups: list[BackupInfo], backup_dir: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("RestoreDialog")
        self.setWindowTitle(self.tr("Restore from backup"))
        self.resize(620, 380)
        self.chosen_path: Path | None = None
        self._backup_dir = backup_dir

        intro = QLabel(
            self.tr(
                "Choose a backup to replace your current library. "
                "Your current library is backed up first, so this can be undone."
            )
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        folder = QLabel(self.tr("Backups folder: {folder}").format(folder=backup_dir))
        folder.setTextFormat(Qt.TextFormat.PlainText)
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = BackupTableModel(backups)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("BackupTable")
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(BackupTableModel.DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self._accept_selected())
        self.empty = QLabel(self.tr("There are no backups yet."))
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setVisible(not backups)

        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(self.tr("Restore selected"))
        self.restore_button.setDefault(True)
        self.file_button = QPushButton(self.tr("Restore from another file…"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button.clicked.connect(self._accept_selected)
        self.file_button.clicked.connect(self._choose_file)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(folder)
        layout.addWidget(buttons)

        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        if backups:
            self.table.selectRow(0)
        self._update_buttons()

    def selected_backup(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        info = self.proxy.data(rows[0], INFO_ROLE)
        return info if isinstance(info, BackupInfo) else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)

    def _accept_selected(self) -> None:
        info = self.selected_backup()
        if info is not None:
            self.chosen_path = info.path
            self.accept()

    def _choose_file(self) -> None:
        name = dialogs.open_file(
            self,
            "restore",
            self.tr("Restore from file"),
            self.tr("ThreePass databases (*.sqlite3 *.sqlite *.db);;All files (*)"),
            fallback=self._backup_dir,
        )
        if name:
            self.chosen_path = Path(name)
            self.accept()
