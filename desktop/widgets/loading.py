"""What a list shows while its rows are read in a worker: a blank table or the empty state
("Nothing here – import…") would tell the user something false about their data."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def loading_text() -> str:
    return QCoreApplication.translate("Loading", "Loading…")


class LoadingOverlay(QWidget):
    """A centred "Loading…" over a widget (a table's viewport), following its size; hidden
    until `start()`, hidden again by `stop()`."""

    def __init__(self, covered: QWidget, text: str | None = None) -> None:
        super().__init__(covered)
        self._covered = covered
        self.setObjectName("LoadingOverlay")
        self.label = QLabel(text or loading_text())
        self.label.setObjectName("LoadingText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: palette(placeholder-text);")
        self.setAutoFillBackground(True)  # the blank rows behind it do not show through
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addStretch(2)
        covered.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._covered and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._covered.rect())
        return False

    def start(self) -> None:
        self.setGeometry(self._covered.rect())
        self.show()
        self.raise_()

    def stop(self) -> None:
        self.hide()

    def loading(self) -> bool:
        return not self.isHidden()
