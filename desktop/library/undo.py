"""Undo of deletes within the session: the service's snapshot brings the item back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from models.services.library import LibraryService


class DeleteItemCommand(QUndoCommand):
    """Pushed after the first delete succeeded; undo restores, redo deletes again."""

    def __init__(
        self,
        service: LibraryService,
        snapshot: dict[str, Any],
        title: str,
        on_change: Callable[[int | None], None],
    ) -> None:
        super().__init__(f"“{title}”")
        self._service = service
        self._snapshot = snapshot
        self._on_change = on_change
        self._first = True

    def redo(self) -> None:
        if self._first:  # the delete already happened before the push
            self._first = False
            return
        self._snapshot = self._service.delete_item(int(self._snapshot["id"]))
        self._on_change(None)

    def undo(self) -> None:
        item_id = self._service.restore_item(self._snapshot)
        self._on_change(item_id)
