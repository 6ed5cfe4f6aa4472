"""'No date' on an application's due field is shown as such and its calendar opens on today.

'No date' is stored in the field as its minimum date (2000-01-01); Qt would open the calendar
popup on that month.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QDateEdit
from pytestqt.qtbot import QtBot

from desktop.career.board_dialogs import ApplicationDialog, date_edit, date_value


def open_calendar(qtbot: QtBot, edit: QDateEdit) -> None:
    """Clicks the field's drop-down arrow, as a user does."""
    qtbot.mouseClick(
        edit, Qt.MouseButton.LeftButton, pos=QPoint(edit.width() - 4, edit.height() // 2)
    )


def test_empty_due_shows_no_date_and_the_calendar_opens_on_today(qtbot: QtBot) -> None:
    dialog = ApplicationDialog(None, [(1, "Acme")], date(2026, 6, 15))
    qtbot.addWidget(dialog)
    dialog.show()
    edit = dialog.due
    assert date_value(edit) is None
    assert edit.text() == "No date"
    open_calendar(qtbot, edit)
    calendar = edit.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    assert (calendar.yearShown(), calendar.monthShown()) == (2026, 6)  # the dialog's today
    assert date_value(edit) is None  # opening the calendar picks nothing


def test_a_set_due_still_opens_on_its_own_month(qtbot: QtBot) -> None:
    edit = date_edit(date(2024, 3, 9))
    qtbot.addWidget(edit)
    edit.show()
    open_calendar(qtbot, edit)
    calendar = edit.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    assert (calendar.yearShown(), calendar.monthShown()) == (2024, 3)
    assert date_value(edit) == date(2024, 3, 9)


def test_the_empty_calendar_selects_today_so_enter_picks_today(qtbot: QtBot) -> None:
    today = date(2026, 6, 15)  # the app's clock, not the machine's
    dialog = ApplicationDialog(None, [(1, "Acme")], today)
    qtbot.addWidget(dialog)
    dialog.show()
    edit = dialog.due
    open_calendar(qtbot, edit)
    calendar = edit.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    assert calendar.selectedDate() == QDate(2026, 6, 15)
    assert (calendar.yearShown(), calendar.monthShown()) == (2026, 6)
    assert date_value(edit) is None  # selecting it for the user picks nothing yet
    view = calendar.findChild(QAbstractItemView)
    assert view is not None
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert date_value(edit) == today
