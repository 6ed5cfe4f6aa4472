"""Driving the Import menu from tests: find the controller, click, fill dialogs, wait."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.importing.controller import ImportController
from desktop.importing.progress_dialog import DialogState
from desktop.main_window import MainWindow

WAIT_MS = 20000  # generous for a loaded CI machine; waits end as soon as the state is reached


def controller(window: MainWindow) -> ImportController:
    found = window.findChild(ImportController)
    assert isinstance(found, ImportController)
    return found


def trigger(window: MainWindow, object_name: str) -> None:
    """Click the Import menu entry by the name others (the empty state) also use."""
    action = window.findChild(QAction, object_name)
    assert isinstance(action, QAction), object_name
    assert action in window.menu("import").actions()
    assert action.isEnabled()
    action.trigger()


def accept_source(qtbot: QtBot, window: MainWindow, location: str, **options: bool) -> None:
    dialog = controller(window).source_dialog
    assert dialog is not None
    assert dialog.isVisible()
    dialog.location_edit.setText(location)
    if options.get("questionnaires"):
        assert dialog.questionnaires_box is not None
        dialog.questionnaires_box.setChecked(True)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


TERMINAL = (DialogState.FINISHED, DialogState.CANCELLED, DialogState.FAILED)


def wait_state(qtbot: QtBot, window: MainWindow, *states: DialogState) -> None:
    """Wait until the import has ended (any way), then check it ended in one of `states`."""
    ctl = controller(window)

    def ended() -> bool:
        dialog = ctl.progress_dialog
        return dialog is not None and dialog.state in TERMINAL and not ctl.is_running()

    qtbot.waitUntil(ended, timeout=WAIT_MS)
    dialog = ctl.progress_dialog
    assert dialog is not None
    assert dialog.state in states, dialog.stage_label.text()


def wait_error(qtbot: QtBot, window: MainWindow) -> str:
    """Wait for the import error dialog; return its one-sentence message."""
    ctl = controller(window)
    qtbot.waitUntil(
        lambda: ctl.error_box is not None and ctl.error_box.isVisible(), timeout=WAIT_MS
    )
    assert ctl.error_box is not None
    return ctl.error_box.text()
