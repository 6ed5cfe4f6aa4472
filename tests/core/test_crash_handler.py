"""The crash handler: an uncaught error is logged with its traceback and shown once."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop import crash
from desktop.crash import CrashDialog, CrashHandler, install_crash_handler, uninstall_crash_handler
from models import logs


@pytest.fixture
def handler(qtbot: QtBot, tmp_path: Path) -> Iterator[CrashHandler]:
    logs.reset_logging()
    logs.setup_logging(tmp_path / "data")
    hooks = (sys.excepthook, threading.excepthook)
    installed = install_crash_handler(native_crashes=False)
    try:
        yield installed
    finally:
        uninstall_crash_handler()
        assert (sys.excepthook, threading.excepthook) == hooks
        logs.reset_logging()
        assert not _crash_dialogs()


def _crash_dialogs() -> list[CrashDialog]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()
    ]


def _log_text() -> str:
    log_file = logs.current_log_file()
    assert log_file is not None
    return log_file.read_text(encoding="utf-8")


def _raise(message: str) -> None:
    raise ValueError(message)


def test_the_hook_logs_the_traceback_and_shows_one_dialog_with_a_copy_button(
    handler: CrashHandler, qtbot: QtBot
) -> None:
    assert sys.excepthook is crash._excepthook
    try:
        _raise("first failure")
    except ValueError as err:
        sys.excepthook(type(err), err, err.__traceback__)

    [dialog] = _crash_dialogs()
    assert dialog is handler.dialog
    log_file = logs.current_log_file()
    assert str(log_file) in dialog.message.text()
    assert "your data is safe" in dialog.message.text()
    text = _log_text()
    assert "ERROR" in text
    assert "Traceback (most recent call last)" in text
    assert "in _raise" in text
    assert "ValueError: first failure" in text

    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert "ValueError: first failure" in copied
    assert "in _raise" in copied
    assert dialog.isVisible()  # copying keeps the dialog open

    try:
        _raise("second failure")
    except ValueError as err:
        sys.excepthook(type(err), err, err.__traceback__)
    assert _crash_dialogs() == [dialog]  # not stacked: added to the open one
    assert "ValueError: second failure" in dialog.details.toPlainText()
    assert "ValueError: second failure" in _log_text()

    dialog.close()
    assert handler.dialog is None
    try:
        _raise("after closing")
    except ValueError as err:
        sys.excepthook(type(err), err, err.__traceback__)
    [again] = _crash_dialogs()
    assert "after closing" in again.details.toPlainText()
    assert "first failure" not in again.details.toPlainText()
    handler.close_dialog()


class _Failing(QObject):
    fire = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0
        self.fire.connect(self.boom)

    @Slot()
    def boom(self) -> None:
        self.calls += 1
        raise RuntimeError(f"slot failure {self.calls}")


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_real_slot_reaches_the_dialog_once(
    handler: CrashHandler, qtbot: QtBot
) -> None:
    failing = _Failing()
    QTimer.singleShot(0, failing.fire.emit)
    qtbot.waitUntil(lambda: len(_crash_dialogs()) == 1)
    QTimer.singleShot(0, failing.fire.emit)
    qtbot.waitUntil(lambda: "slot failure 2" in _log_text())
    [dialog] = _crash_dialogs()
    assert "RuntimeError: slot failure 1" in dialog.details.toPlainText()
    qtbot.waitUntil(lambda: "slot failure 2" in dialog.details.toPlainText())
    assert "in boom" in _log_text()
    handler.close_dialog()


@pytest.mark.qt_no_exception_capture
def test_a_worker_threads_error_is_shown_on_the_gui_thread(
    handler: CrashHandler, qtbot: QtBot
) -> None:
    worker = threading.Thread(target=_raise, args=("worker failure",), name="test-worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(_crash_dialogs()) == 1)
    [dialog] = _crash_dialogs()
    assert dialog.thread() is QThread.currentThread()  # made on the GUI thread
    assert "ValueError: worker failure" in dialog.details.toPlainText()
    assert "uncaught exception in test-worker" in _log_text()
    handler.close_dialog()


def test_keyboard_interrupt_is_left_to_python(
    handler: CrashHandler, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "__excepthook__", lambda t, _e, _tb: seen.append(t))
    sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert seen == [KeyboardInterrupt]
    assert not _crash_dialogs()


def test_report_exception_without_the_handler_only_logs(tmp_path: Path) -> None:
    logs.reset_logging()
    logs.setup_logging(tmp_path / "data")
    try:
        try:
            _raise("caught and shown by a view")
        except ValueError as err:
            crash.report_exception(err, where="a view")
        assert "unexpected error in a view" in _log_text()
        assert "ValueError: caught and shown by a view" in _log_text()
        assert not _crash_dialogs()
    finally:
        logs.reset_logging()
