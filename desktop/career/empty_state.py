"""What a career view shows while it holds nothing: what the view is for and how to fill it,
with buttons that do it (a blank table told a new user neither)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.widgets.centred import headline_label

# The Import menu's actions (desktop/importing/controller.py), found by these names.
IMPORT_NOTES = "action_import_notes"
IMPORT_FASTAI = "action_import_fastai"


class CareerEmptyState(QWidget):
    """A headline, a sentence or two and a row of buttons, centred."""

    def __init__(
        self, object_name: str, headline: str, body: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        title = headline_label(headline, 1.5)
        title.setWordWrap(True)
        self.body = QLabel(body)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.setMaximumWidth(560)
        self.body.setStyleSheet("color: palette(placeholder-text);")
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(12)
        self._buttons.addStretch(1)
        self._buttons.addStretch(1)
        body_row = QHBoxLayout()
        body_row.addStretch(1)
        body_row.addWidget(self.body, 4)
        body_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title)
        layout.addSpacing(8)
        layout.addLayout(body_row)
        layout.addSpacing(20)
        layout.addLayout(self._buttons)
        layout.addStretch(3)

    def add_button(self, text: str, object_name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(object_name)
        button.setMinimumHeight(34)
        button.clicked.connect(lambda _checked=False: slot())
        if self._buttons.count() == 2:  # the first button is the one Enter presses
            button.setDefault(True)
        self._buttons.insertWidget(self._buttons.count() - 1, button)
        return button

    def lead_with(self, button: QPushButton) -> None:
        """Put `button` first and make it the one Enter presses (the next step changed)."""
        self._buttons.removeWidget(button)
        self._buttons.insertWidget(1, button)  # after the leading stretch
        for other in self.findChildren(QPushButton):
            other.setDefault(other is button)


def import_notes_text() -> str:
    return QCoreApplication.translate("career", "Import study notes…")
