"""Help ▸ About ThreePass: versions and where the data and the logs are, selectable and copyable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.help.report import VersionInfo, as_text


def _value(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # paths come from the system, not markup
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return label  # no word wrap: a path reads best on one line, the dialog widens


class AboutDialog(QDialog):
    def __init__(self, info: VersionInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AboutDialog")
        self.setWindowTitle(self.tr("About ThreePass"))
        self.info = info
        layout = QVBoxLayout(self)
        heading = QLabel(f"ThreePass {info.app}")
        heading.setObjectName("AboutHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        blurb = QLabel(self.tr("A study planner for watching every video and paper three times."))
        blurb.setWordWrap(True)
        layout.addWidget(blurb)
        layout.addSpacing(8)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.values: dict[str, QLabel] = {}
        rows = (
            ("python", "Python"),  # product names stay as they are
            ("qt", "Qt"),
            ("pyside", "PySide6"),
            ("sqlalchemy", "SQLAlchemy"),
            ("system", self.tr("System")),
            ("data_folder", self.tr("Data folder")),
            ("database", self.tr("Database")),
            ("log_folder", self.tr("Log folder")),
        )
        for field, label in rows:
            value = _value(getattr(info, field))
            value.setObjectName(f"about_{field}")
            self.values[field] = value
            form.addRow(label, value)
        layout.addLayout(form)
        layout.addStretch(1)  # a taller dialog grows here, not between the lines
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.setToolTip(self.tr("Copy these details to the clipboard"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(as_text(self.info))
        self.copy_button.setText(self.tr("Copied"))
