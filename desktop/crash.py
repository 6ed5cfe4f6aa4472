"""The crash handler: an exception nobody caught is logged and shown once, never lost on stderr.

PySide6 hands an exception raised in a slot or an overridden Qt method to `sys.excepthook`
and carries on; threads use `threading.excepthook`. Both land in `CrashHandler.handle`,
which logs the traceback and signals the GUI thread, so a worker's error is shown there.
One dialog at a time: errors arriving while it is open are added to it, not stacked.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import fill
from models.logs import current_log_file, record_native_crashes

log = logging.getLogger(__name__)


class CrashDialog(QDialog):
    """Says what happened and where the details are; copies them for a bug report."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CrashDialog")
        self.setWindowTitle(self.tr("ThreePass hit an error"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        log_file = current_log_file()
        if log_file is not None:
            text = fill(
                self.tr(
                    "ThreePass hit an error it did not expect. The details are in %1; your "
                    "data is safe. You can keep working, or restart ThreePass if something "
                    "looks wrong."
                ),
                str(log_file),
            )
        else:
            text = self.tr(
                "ThreePass hit an error it did not expect. The details were printed on the "
                "terminal; your data is safe. You can keep working, or restart ThreePass if "
                "something looks wrong."
            )
        self.message = QLabel(text)
        self.message.setObjectName("CrashMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(details)
        self.details.setObjectName("CrashDetails")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.copy_button.setObjectName("CopyCrashDetails")
        self.copy_button.setToolTip(self.tr("Copy the error details to paste them in a report"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def add(self, details: str) -> None:
        """Another error while this one is shown: its details go below, no second dialog."""
        self.details.appendPlainText("\n" + details)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


class CrashHandler(QObject):
    """Receives uncaught exceptions from any thread; shows them on the GUI thread."""

    reported = Signal(str)  # formatted traceback; queued to the GUI thread from workers

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialog: CrashDialog | None = None
        self.reported.connect(self._show)

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
        *,
        where: str = "",
    ) -> None:
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error(
            "uncaught exception%s", f" in {where}" if where else "", exc_info=(exc_type, exc, tb)
        )
        try:
            self.reported.emit(details)
        except RuntimeError:  # the handler's C++ side is gone (application quitting)
            sys.__excepthook__(exc_type, exc, tb)

    @Slot(str)
    def _show(self, details: str) -> None:
        if self.dialog is not None:
            self.dialog.add(details)
            return
        self.dialog = CrashDialog(details)
        self.dialog.finished.connect(self._closed)
        self.dialog.show()
        self.dialog.raise_()

    @Slot()
    def _closed(self) -> None:
        self.dialog = None

    def close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None


_handler: CrashHandler | None = None
_previous: tuple[object, object] | None = None


def _excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if _handler is None or issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    _handler.handle(exc_type, exc, tb)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit or _handler is None or args.exc_value is None:
        threading.__excepthook__(args)
        return
    name = args.thread.name if args.thread is not None else "a thread"
    _handler.handle(args.exc_type, args.exc_value, args.exc_traceback, where=name)


def install_crash_handler(*, native_crashes: bool = True) -> CrashHandler:
    """Route uncaught exceptions to the handler (and native crashes to the log folder).

    Call once the QApplication exists; `uninstall_crash_handler` puts the previous hooks back.
    """
    global _handler, _previous
    if _handler is None:
        _handler = CrashHandler()
        _previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = _excepthook
        threading.excepthook = _thread_excepthook
    if native_crashes:
        record_native_crashes()
    return _handler


def uninstall_crash_handler() -> None:
    global _handler, _previous
    if _handler is None:
        return
    _handler.close_dialog()
    if _previous is not None:
        sys.excepthook, threading.excepthook = _previous  # type: ignore[assignment]
    _handler.deleteLater()
    _handler, _previous = None, None


def report_exception(exc: BaseException, *, where: str = "") -> None:
    """For code that catches an unexpected exception to keep going (a view showing an error
    state): shown like an uncaught one when the handler is installed, logged either way."""
    if _handler is not None:
        _handler.handle(type(exc), exc, exc.__traceback__, where=where)
    else:
        log.error("unexpected error%s", f" in {where}" if where else "", exc_info=exc)
