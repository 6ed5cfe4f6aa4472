"""Changing the language says it needs a restart and offers one (issue #16): "Restart now"
saves, closes the window, quits, and starts ThreePass again with the same arguments."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from desktop.preferences import restart
from desktop.preferences.dialog import PreferencesDialog


@pytest.fixture(autouse=True)
def no_restart_left() -> Iterator[None]:
    yield
    restart.cancel_request()  # a request a test made never reaches another test


def choose_chinese(window: MainWindow) -> QMessageBox:
    action = window.findChild(QAction, "actionPreferences")
    assert isinstance(action, QAction)
    action.trigger()
    (dialog,) = [d for d in window.findChildren(PreferencesDialog) if d.isVisible()]
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("zh_CN"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    box = window.findChild(QMessageBox, restart.RESTART_BOX)
    assert isinstance(box, QMessageBox)
    assert box.isVisible()
    assert "next start" in box.text()
    return box


def button(box: QMessageBox, name: str) -> QPushButton:
    found = box.findChild(QPushButton, name)
    assert isinstance(found, QPushButton)
    return found


def test_restart_now_saves_closes_and_asks_for_the_restart(
    make_window: Callable[[], MainWindow], qtbot: QtBot
) -> None:
    window = make_window()
    box = choose_chinese(window)
    assert QSettings().value("ui/language") == "zh_CN"  # saved before anything restarts
    closed: list[bool] = []
    window.on_close(lambda: closed.append(True))  # the close hooks (notes, state) run
    button(box, "restart_now").click()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert closed == [True]
    assert restart.requested()


def test_later_keeps_the_window_and_restarts_nothing(
    make_window: Callable[[], MainWindow], qtbot: QtBot
) -> None:
    window = make_window()
    box = choose_chinese(window)
    button(box, "restart_later").click()
    qtbot.waitUntil(lambda: not box.isVisible())
    assert window.isVisible()
    assert not restart.requested()


def test_the_same_arguments_come_back_without_an_old_lang() -> None:
    argv = ["/venv/bin/python", "/venv/bin/threepass", "--data-dir", "/d", "--lang", "en"]
    assert restart.restart_command(argv) == [
        sys.executable,
        "/venv/bin/threepass",
        "--data-dir",
        "/d",
    ]
    assert restart.restart_command(["python", "-m", "desktop", "--lang=en", "-v"]) == [
        sys.executable,
        "-m",
        "desktop",
        "-v",
    ]


def test_the_restart_starts_a_real_process(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    marker = tmp_path / "started"
    script = f"import pathlib, sys; pathlib.Path({str(marker)!r}).write_text(' '.join(sys.argv))"
    monkeypatch.setattr(sys, "orig_argv", ["python", "-c", script, "--lang", "en", "again"])
    assert not restart.restart_if_requested()  # nothing was asked
    restart._state["requested"] = True
    spawned: list[subprocess.Popen[bytes]] = []
    real_popen = subprocess.Popen

    def keep(*args: object, **kwargs: object) -> subprocess.Popen[bytes]:
        process: subprocess.Popen[bytes] = real_popen(*args, **kwargs)  # type: ignore[call-overload]
        spawned.append(process)
        return process

    monkeypatch.setattr(subprocess, "Popen", keep)
    assert restart.restart_if_requested()
    assert not restart.requested()
    (process,) = spawned
    assert process.wait(timeout=60) == 0
    assert marker.read_text() == "-c again"  # the same arguments, the old --lang left out
