"""Answer the start-up problem dialog (desktop.safety.startup) from a test, with Quit."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.safety.startup import Choice, StartupProblemDialog


def quit_when_asked(shown: list[str]) -> None:
    """Once the dialog is up, record its headline and detail into `shown` and choose Quit
    (call before run_gui, whose own event loop shows the dialog)."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, StartupProblemDialog):
            QTimer.singleShot(20, answer)
            return
        shown.extend([dialog.headline.text(), dialog.detail.text()])
        dialog.buttons[Choice.QUIT].click()

    QTimer.singleShot(0, answer)
