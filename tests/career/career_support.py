"""Helpers shared by the career tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

import pytest
from PySide6.QtWidgets import QDialog, QWidget

from models.services.career import CareerService
from models.services.dto import ItemInput
from models.services.library import LibraryService
from models.services.links import LinkService
from models.services.review import QuestionService

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

D = TypeVar("D", bound=QDialog)
V = TypeVar("V", bound=QWidget)


@dataclass
class Services:
    career: CareerService
    questions: QuestionService
    links: LinkService
    library: LibraryService

    def item(self, title: str, kind: str = "paper_video") -> int:
        return self.library.create_item(ItemInput(kind=kind, title=title))


def accept_dialogs(
    monkeypatch: pytest.MonkeyPatch, dialog_type: type[D], fill: Callable[[D], object]
) -> None:
    """Each `dialog_type` opened from now on is filled by `fill` and accepted, as a user would
    (its real exec would wait for one)."""

    def accept(dialog: D) -> int:
        fill(dialog)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(dialog_type, "exec", accept)


def shown_view(window: MainWindow, key: str, view_type: type[V]) -> V:
    """Show the view `key` in the real window and return it as the type it must be."""
    window.show_view(key)
    view = window.view(key)
    assert isinstance(view, view_type)
    return view
