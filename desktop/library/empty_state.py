"""What an empty library shows: a friendly sentence and the two ways to fill it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyLibrary(QWidget):
    import_requested = Signal()
    add_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EmptyLibrary")
        headline = QLabel(self.tr("Your library is empty"))
        headline.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(headline.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        headline.setFont(font)
        headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = QLabel(
            self.tr(
                "Import Li Mu's paper-reading list to start with dozens of paper videos, "
                "or add a course video, paper or article by hand. Each item gets three "
                "passes: watch, take notes, understand all."
            )
        )
        body.setTextFormat(Qt.TextFormat.PlainText)
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setFixedWidth(520)
        body.setStyleSheet("color: palette(placeholder-text);")

        self.import_button = QPushButton(self.tr("Import the paper-reading list"))
        self.import_button.setObjectName("EmptyImport")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_requested.emit)
        self.add_button = QPushButton(self.tr("Add an item"))
        self.add_button.setObjectName("EmptyAdd")
        self.add_button.clicked.connect(self.add_requested.emit)
        for button in (self.import_button, self.add_button):
            button.setMinimumHeight(34)
            button.setMinimumWidth(200)

        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(headline)
        layout.addSpacing(8)
        body_row = QHBoxLayout()
        body_row.addStretch(1)
        body_row.addWidget(body)
        body_row.addStretch(1)
        layout.addLayout(body_row)
        layout.addSpacing(20)
        layout.addLayout(buttons)
        layout.addStretch(3)
