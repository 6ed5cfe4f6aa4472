"""Helpers shared by the library GUI tests (conftest.py holds the fixtures)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from desktop.library.view import LibraryView
from desktop.main_window import MainWindow
from models.db import Database
from models.services.dto import ItemInput
from models.services.library import LibraryService
from models.services.library_read import LibraryReader

WindowFactory = Callable[[Database], MainWindow]
"""The make_window fixture: the real main window on the Database given."""


@dataclass
class Answers:
    """Stands in for QMessageBox: records every question and answers with `reply`."""

    reply: bool = True
    questions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def library_of(window: MainWindow) -> LibraryView:
    view = window.view("library")
    assert isinstance(view, LibraryView)
    return view


def add(service: LibraryService, title: str, **fields: object) -> int:
    kind = str(fields.pop("kind", "paper_video"))
    return service.create_item(ItemInput(kind=kind, title=title, **fields))  # type: ignore[arg-type]


def shown_titles(view: LibraryView) -> list[str]:
    return [view.model.item_at(r).title for r in range(view.model.rowCount())]


def type_text(widget: QWidget, text: str) -> None:
    """Type like a user: ASCII as key presses, CJK committed by an input method (as an IME does).

    (QTest.keyClicks cannot send non-ASCII characters.)
    """
    run = ""
    for char in text + "\0":
        if char != "\0" and not char.isascii():
            run += char
            continue
        if run:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)
            run = ""
        if char == "\n":
            QTest.keyClick(widget, Qt.Key.Key_Return)
        elif char != "\0":
            QTest.keyClicks(widget, char)


def action_of(window: MainWindow, name: str) -> QAction:
    """The window's action with this object name (the menus and shortcuts use the same one)."""
    action = window.findChild(QAction, name)
    assert action is not None, name
    return action


def hold_full_reads(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The worker's read of every row waits for the returned event (set it to let the rows
    come): what a large library shows before them is its first page."""
    release = threading.Event()
    real = LibraryReader.all_rows

    def all_rows(self: LibraryReader) -> object:
        assert release.wait(20)
        return real(self)

    monkeypatch.setattr(LibraryReader, "all_rows", all_rows)
    return release
