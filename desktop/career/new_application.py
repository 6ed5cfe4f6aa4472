"""One way to start an application, from the board or from a company: the dialog opens on the
company the user is looking at, not on the first one of the alphabet."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from desktop.career.board_dialogs import ApplicationDialog
from desktop.career.common import run_action
from desktop.context import AppContext
from desktop.widgets.collation import text_sort_key
from models.services.career import CareerService


def company_matching(names: list[tuple[int, str]], text: str) -> int | None:
    """The company a filter text names: the one whose name equals it, else the only one
    whose name contains it (a filter that matches several names chooses none)."""
    needle = text.strip().casefold()
    if not needle:
        return None
    exact = [cid for cid, name in names if name.casefold() == needle]
    if exact:
        return exact[0]
    partial_matches = [cid for cid, name in names if needle in name.casefold()]
    return partial_matches[0] if len(partial_matches) == 1 else None


def new_application(parent: QWidget, ctx: AppContext, company_id: int | None = None) -> int | None:
    """Ask for a new application (preselecting `company_id`) and record it; its id, or None."""
    career = CareerService(ctx.db, ctx.clock)
    key = text_sort_key()
    companies = sorted(((c.id, c.name) for c in career.list_companies()), key=lambda c: key(c[1]))
    if not companies:
        QMessageBox.information(
            parent,
            QCoreApplication.translate("career", "New application"),
            QCoreApplication.translate("career", "Add a company first (Companies view)."),
        )
        return None
    dialog = ApplicationDialog(parent, companies, ctx.clock.today(), company_id)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        chosen, data, status = dialog.value()
        if chosen is None:
            return None
        app_id = run_action(parent, partial(career.apply, int(chosen), data, status=status))
        if app_id:
            ctx.events.career_changed.emit()
            return int(app_id)
    return None
