"""A new UI language applies at the next start, and "Restart now" gives the user that start.

Why not switch live: every view builds its texts (menus, headers, placeholders, rows made
from data and translated labels) when it is made, and the features install their menus and
controllers once; retranslating would mean rebuilding the window under running tasks,
half-typed notes and undo stacks. A restart is the same code path as every start, so it is
right by construction. The window closes the usual way first (close hooks save notes and
state); `desktop/gui.py` calls `restart_if_requested()` once the database is closed and the
single-instance lock released, so the new process does not find this one still running.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)

RESTART_BOX = "restart_box"
_state = {"requested": False}


def restart_command(argv: list[str] | None = None) -> list[str]:
    """The command line this process was started with, for the same Python, without a
    `--lang` (it would override the language just chosen in Preferences)."""
    original = list(sys.orig_argv if argv is None else argv)
    args: list[str] = []
    rest = iter(original[1:])
    for arg in rest:
        if arg == "--lang":
            next(rest, None)
        elif not arg.startswith("--lang="):
            args.append(arg)
    return [sys.executable, *args]


def requested() -> bool:
    return _state["requested"]


def cancel_request() -> None:
    _state["requested"] = False


def request_restart(window: QWidget) -> bool:
    """Close the window (its close hooks save everything) and quit; the restart follows in
    gui.py. False if the window refused to close (then nothing restarts)."""
    _state["requested"] = True
    if not window.close():
        _state["requested"] = False
        return False
    app = QCoreApplication.instance()
    if app is not None:
        app.quit()
    return True


def restart_if_requested() -> bool:
    """Start the new process, detached (it outlives this one); True if it was started."""
    if not _state["requested"]:
        return False
    _state["requested"] = False
    command = restart_command()
    log.info("restarting: %s", command)
    try:
        subprocess.Popen(  # our own command line, no shell
            command, cwd=os.getcwd(), start_new_session=True, close_fds=True
        )
    except OSError as err:
        log.warning("could not restart ThreePass: %s", err)
        return False
    return True


def offer_restart(window: QWidget) -> QMessageBox:
    """Say that the language needs a restart and offer it (non-blocking: open())."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("Preferences", "Restart to change the language"),
        QCoreApplication.translate(
            "Preferences",
            "ThreePass shows the new language from its next start. Restart now? Your notes "
            "and changes are saved first.",
        ),
        QMessageBox.StandardButton.NoButton,
        window,
    )
    box.setObjectName(RESTART_BOX)
    box.setTextFormat(Qt.TextFormat.PlainText)
    now = box.addButton(
        QCoreApplication.translate("Preferences", "Restart now"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    now.setObjectName("restart_now")
    later = box.addButton(
        QCoreApplication.translate("Preferences", "Later"), QMessageBox.ButtonRole.RejectRole
    )
    later.setObjectName("restart_later")
    box.setDefaultButton(now)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    # once the box has closed: the window's close must not run inside the box's click
    now.clicked.connect(lambda: QTimer.singleShot(0, lambda: request_restart(window)))
    box.open()
    return box
