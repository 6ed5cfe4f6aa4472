"""Asking where to import from: the source's default URL, another URL, or a local file/folder.

The choices (location, questionnaires, notebooks folder) are remembered per source in
QSettings when Import is pressed. Import emits `submitted` and the dialog stays open until the
controller accepts it after a successful import: a failed one leaves it open as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.widgets import dialogs


class SourceDialog(QDialog):
    """A line edit prefilled with the default URL, Browse buttons, and per-source options.

    Opened with open() (non-blocking) so tests can fill it in and press Import.
    """

    submitted = Signal()  # Import was pressed (the dialog is still open)

    def __init__(
        self,
        title: str,
        explanation: str,
        default_url: str,
        *,
        allow_folder: bool = False,
        file_filter: str = "",
        questionnaires_option: bool = False,
        remember_as: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``questionnaires_option`` adds the box and the notebooks folder/URL field;
        ``remember_as`` names the QSettings group the choices are kept in."""
        super().__init__(parent)
        self.setObjectName("ImportSourceDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self._default_url = default_url
        self._file_filter = file_filter

        intro = QLabel(explanation)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)

        self.location_edit = QLineEdit(default_url)
        self.location_edit.setObjectName("import_location")
        self.location_edit.setAccessibleName(self.tr("Import from"))
        self.location_edit.setPlaceholderText(self.tr("A URL, a file or a folder"))
        self.location_edit.setClearButtonEnabled(True)
        self.location_edit.textChanged.connect(self._update_ok)

        row = QHBoxLayout()
        row.addWidget(self.location_edit, 1)
        self.browse_file_button = QPushButton(self.tr("File…"))
        self.browse_file_button.setToolTip(self.tr("Import from a saved copy on this computer"))
        self.browse_file_button.clicked.connect(self._browse_file)
        row.addWidget(self.browse_file_button)
        self.browse_folder_button: QPushButton | None = None
        if allow_folder:
            self.browse_folder_button = QPushButton(self.tr("Folder…"))
            self.browse_folder_button.setToolTip(self.tr("Import from a saved copy of the site"))
            self.browse_folder_button.clicked.connect(self._browse_folder)
            row.addWidget(self.browse_folder_button)
        reset = QPushButton(self.tr("Default"))
        reset.setToolTip(self.tr("Use the source's address on the internet"))
        reset.clicked.connect(lambda: self.location_edit.setText(self._default_url))
        row.addWidget(reset)

        self.questionnaires_box: QCheckBox | None = None
        if questionnaires_option:
            self.questionnaires_box = QCheckBox(
                self.tr("Also import each chapter's questionnaire as questions")
            )
            self.questionnaires_box.setObjectName("import_questionnaires")

        self.notebooks_edit: QLineEdit | None = None
        notebooks_row: QHBoxLayout | None = None
        if questionnaires_option:
            self.notebooks_edit = QLineEdit()
            self.notebooks_edit.setObjectName("import_notebooks")
            self.notebooks_edit.setAccessibleName(self.tr("Chapter notebooks"))
            self.notebooks_edit.setPlaceholderText(
                self.tr("Chapter notebooks: a folder or URL (empty: the saved site, else GitHub)")
            )
            self.notebooks_edit.setClearButtonEnabled(True)
            self.browse_notebooks_button = QPushButton(self.tr("Notebooks…"))
            self.browse_notebooks_button.setToolTip(
                self.tr("A folder holding the book's chapter notebooks (fastbook)")
            )
            self.browse_notebooks_button.clicked.connect(self._browse_notebooks)
            notebooks_row = QHBoxLayout()
            notebooks_row.addSpacing(24)
            notebooks_row.addWidget(self.notebooks_edit, 1)
            notebooks_row.addWidget(self.browse_notebooks_button)

        self.buttons = dialogs.ok_cancel(self, self.submitted.emit)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Import"))

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        if self.questionnaires_box is not None:
            layout.addWidget(self.questionnaires_box)
        if notebooks_row is not None:
            layout.addLayout(notebooks_row)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self._settings_group = f"import/{remember_as}" if remember_as else None
        self._file_purpose = f"import-{remember_as}" if remember_as else "import"
        self._restore()
        if self.questionnaires_box is not None:
            self.questionnaires_box.toggled.connect(self._update_notebooks)
        self._update_notebooks()
        self.submitted.connect(self._remember)

    def location(self) -> str:
        return self.location_edit.text().strip()

    def with_questionnaires(self) -> bool:
        return self.questionnaires_box is not None and self.questionnaires_box.isChecked()

    def notebooks_from(self) -> str | None:
        """The notebooks folder or URL, when questionnaires are wanted and one was given."""
        if self.notebooks_edit is None or not self.with_questionnaires():
            return None
        return self.notebooks_edit.text().strip() or None

    def _restore(self) -> None:
        if self._settings_group is None:
            return
        settings = QSettings()
        settings.beginGroup(self._settings_group)
        location = settings.value("location", "", str)
        if isinstance(location, str) and location:
            self.location_edit.setText(location)
        if self.questionnaires_box is not None:
            self.questionnaires_box.setChecked(
                settings.value("questionnaires", False, bool) is True
            )
        if self.notebooks_edit is not None:
            notebooks = settings.value("notebooks", "", str)
            self.notebooks_edit.setText(notebooks if isinstance(notebooks, str) else "")
        settings.endGroup()

    @Slot()
    def _remember(self) -> None:
        if self._settings_group is None:
            return
        settings = QSettings()
        settings.beginGroup(self._settings_group)
        settings.setValue("location", self.location())
        if self.questionnaires_box is not None:
            settings.setValue("questionnaires", self.with_questionnaires())
        if self.notebooks_edit is not None:
            settings.setValue("notebooks", self.notebooks_edit.text().strip())
        settings.endGroup()

    @Slot()
    def _update_notebooks(self) -> None:
        wanted = self.with_questionnaires()
        if self.notebooks_edit is not None:
            self.notebooks_edit.setEnabled(wanted)
            self.browse_notebooks_button.setEnabled(wanted)

    @Slot()
    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.location()))

    def _typed_folder(self) -> Path | None:
        """The folder of a local path already in the field (where Browse should start)."""
        current = self.location()
        if current and "://" not in current:
            path = Path(current).expanduser()
            return path if path.is_dir() else path.parent
        return None

    @Slot()
    def _browse_file(self) -> None:
        path = dialogs.open_file(
            self,
            self._file_purpose,
            self.tr("Choose a file"),
            self._file_filter,
            start=self._typed_folder(),
        )
        if path:
            self.location_edit.setText(path)

    @Slot()
    def _browse_notebooks(self) -> None:
        if self.notebooks_edit is None:
            return
        current = self.notebooks_edit.text().strip()
        typed = Path(current).expanduser() if current and "://" not in current else None
        path = dialogs.choose_folder(
            self,
            f"{self._file_purpose}/notebooks",
            self.tr("Choose the notebooks folder"),
            start=typed,
        )
        if path:
            self.notebooks_edit.setText(path)

    @Slot()
    def _browse_folder(self) -> None:
        path = dialogs.choose_folder(
            self, self._file_purpose, self.tr("Choose a folder"), start=self._typed_folder()
        )
        if path:
            self.location_edit.setText(path)
