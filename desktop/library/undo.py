"""Undo of deletes within the session: the service's snapshot brings the item back."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from models.errors import ThreePassError

if TYPE_CHECKING:
    from models.services.library import LibraryService


class DeleteItemCommand(QUndoCommand):
    """Pushed after the first delete succeeded; undo restores, redo deletes again.

    A failed step (database busy...) is reported and the command made obsolete, so the
    stack never claims a state the database does not have.
    """

    def __init__(
        self,
        service: LibraryService,
        snapshot: dict[str, Any],
        title: str,
        on_change: Callable[[int | None], None],
        on_error: Callable[[str], None],
    ) -> None:
        super().__init__(f"“{title}”")
        self._service = service
        self._snapshot = snapshot
        self._on_change = on_change
        self._on_error = on_error
        self._first = True

    def redo(self) -> None:
        if self._first:  # the delete already happened before the push
            self._first = False
            return
        try:
            self._snapshot = self._service.delete_item(int(self._snapshot["id"]))
        except ThreePassError as err:
            self.setObsolete(True)
            self._on_error(str(err))
            return
        self._on_change(None)

    def undo(self) -> None:
        try:
            item_id = self._service.restore_item(self._snapshot)
        except ThreePassError as err:
            self.setObsolete(True)
            self._on_error(str(err))
            return
        # the restored item may have a new id (its old one was reused): redo must delete this one
        self._snapshot = {**self._snapshot, "id": item_id}
        self._on_change(item_id)
