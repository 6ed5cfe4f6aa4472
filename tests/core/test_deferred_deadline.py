"""Past the 5 s deadline the menus' controllers still wait for the models loading in their
thread (they import the same modules: on the GUI thread beside that thread the window froze
1.9-6 s at 100k), up to FIRM_HOLD_FACTOR times the deadline; other holds end at the deadline."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from desktop import gui, main_window
from desktop.context import AppContext, Events
from desktop.gui import build_window
from desktop.main_window import MainWindow
from models.clock import FixedClock
from models.db import Database


def _window(qtbot: QtBot, db: Database, clock: FixedClock, **options: Any) -> MainWindow:
    window = build_window(AppContext(db=db, clock=clock, events=Events()), **options)
    qtbot.addWidget(window)
    return window


def test_the_menus_keep_waiting_for_the_models_past_the_deadline(
    qtbot: QtBot, db: Database, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    go = threading.Event()
    monkeypatch.setattr(gui, "_import_models", lambda: go.wait(30))
    monkeypatch.setattr(main_window, "DEFERRED_LATEST_MS", 200)
    monkeypatch.setattr(main_window, "FIRM_HOLD_FACTOR", 1000)
    window = _window(qtbot, db, clock, defer=True)
    window.run_deferred_after_first_paint()
    window.show()
    deadline = threading.Event()
    QTimer.singleShot(400, deadline.set)  # twice the deadline
    qtbot.waitUntil(deadline.is_set)
    assert window.menu("import").actions() == []  # not imported beside the models thread
    assert window.property("safety_controller") is None
    go.set()
    qtbot.waitUntil(lambda: len(window.menu("import").actions()) == 5)
    qtbot.waitUntil(lambda: window.property("safety_controller") is not None)


def test_a_plain_hold_still_ends_at_the_deadline(
    qtbot: QtBot, db: Database, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(main_window, "DEFERRED_LATEST_MS", 200)
    window = _window(qtbot, db, clock, defer=True)
    release = window.hold_deferred()  # as the library does while its rows load
    window.run_deferred_after_first_paint()
    window.show()
    try:
        qtbot.waitUntil(lambda: len(window.menu("import").actions()) == 5, timeout=5000)
    finally:
        release()
