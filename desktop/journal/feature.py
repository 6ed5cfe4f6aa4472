"""Installs the Notes view (the journal of notes that belong to no item)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.context import AppContext
from desktop.main_window import MainWindow

if TYPE_CHECKING:
    from desktop.journal.view import JournalView


def install(window: MainWindow, ctx: AppContext) -> None:
    """Register Notes; the view is built when first shown, and only then has text to save."""

    def build() -> QWidget:
        from desktop.journal.view import JournalView

        return JournalView(ctx)

    window.add_view("notes", QCoreApplication.translate("Journal", "Notes"), build)

    def flush() -> None:
        view = window.built_view("notes")
        if view is not None:
            cast("JournalView", view).flush()

    window.on_close(flush)
