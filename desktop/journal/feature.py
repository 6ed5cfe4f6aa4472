"""Installs the Notes view (the journal of notes that belong to no item)."""

from __future__ import annotations

from desktop.context import AppContext
from desktop.journal.view import JournalView
from desktop.main_window import MainWindow


def install(window: MainWindow, ctx: AppContext) -> None:
    view = JournalView(ctx)
    window.add_view("notes", window.tr("Notes"), view)
    window.on_close(view.flush)
