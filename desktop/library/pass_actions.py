"""Pass state changes shared by the pass cards and the Ctrl+1/2/3 shortcuts.

Pass 3 means "understand all": finishing it while pass-1 open points remain asks first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.widgets import dialogs
from models.errors import ThreePassError, UnresolvedOpenPointsError

if TYPE_CHECKING:
    from models.services.library import LibraryService


def _confirm_unresolved(parent: QWidget | None, count: int) -> bool:
    text = QCoreApplication.translate(
        "Library",
        "{count} point(s) you didn't understand in pass 1 are still open.\n\n"
        "Mark pass 3 done anyway?",
    ).replace("{count}", str(count))
    return dialogs.confirm(
        parent, QCoreApplication.translate("Library", "Open points remain"), text
    )


def change_pass(
    parent: QWidget | None,
    service: LibraryService,
    item_id: int,
    number: int,
    action: str | None,
) -> bool:
    """Run start/done/reset (or toggle when action is None); True if something changed."""
    try:
        try:
            if action is None:
                service.toggle_pass(item_id, number)
            else:
                service.set_pass(item_id, number, action)
        except UnresolvedOpenPointsError as err:
            if not _confirm_unresolved(parent, err.count):
                return False
            if action is None:
                service.toggle_pass(item_id, number, force=True)
            else:
                service.set_pass(item_id, number, action, force=True)
    except ThreePassError as err:
        dialogs.inform(parent, QCoreApplication.translate("Library", "Pass not changed"), str(err))
        return False
    return True
