"""The board's dialogs: a new application and an interview round."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop.career.common import (
    CHANNELS,
    CheckListModel,
    channel_label,
    channel_value,
    check_table,
    kind_label,
    status_label,
)
from desktop.context import AppContext
from desktop.widgets import dialogs
from models.career import ROUND_KINDS
from models.services.career import BOARD_STATUSES, ApplicationInput, RoundInfo, RoundInput
from models.services.review import QuestionService


def fill_channels(combo: QComboBox) -> None:
    """An editable combo of the known channels by label (free text stays possible)."""
    combo.setEditable(True)
    combo.addItem("", "")
    for channel in CHANNELS:
        combo.addItem(channel_label(channel), channel)


def show_channel(combo: QComboBox, channel: str | None) -> None:
    combo.setCurrentText(channel_label(channel))


class OptionalDateEdit(QDateEdit):
    """A date field whose minimum date stands for 'no date'.

    Qt opens the calendar on the field's date, which for 'no date' is the sentinel in 2000;
    whenever it is shown for an empty field the calendar turns to today and selects it, so
    Enter or a click on it picks today, never a past day (opening it still picks nothing).
    """

    def __init__(self, today: Callable[[], date] | None = None) -> None:
        super().__init__()
        self._today = today
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(QDate(2000, 1, 1))
        self.setSpecialValueText(QCoreApplication.translate("career", "No date"))
        self.calendarWidget().installEventFilter(self)

    def today(self) -> QDate:
        if self._today is None:
            return QDate.currentDate()
        day = self._today()
        return QDate(day.year, day.month, day.day)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.calendarWidget()
            and event.type() == QEvent.Type.Show
            and self.date() == self.minimumDate()
        ):
            calendar, today = self.calendarWidget(), self.today()
            # The popup sets the field on any selection change: select without telling it.
            blocked = calendar.blockSignals(True)
            try:
                calendar.setSelectedDate(today)
                calendar.setCurrentPage(today.year(), today.month())
            finally:
                calendar.blockSignals(blocked)
        return super().eventFilter(watched, event)


def date_edit(value: date | None, *, today: Callable[[], date] | None = None) -> QDateEdit:
    """A date field where no value shows 'No date' and the calendar opens on today (from
    `today`, the app's clock, when given)."""
    edit = OptionalDateEdit(today)
    edit.setDate(QDate(value.year, value.month, value.day) if value else edit.minimumDate())
    return edit


def date_value(edit: QDateEdit) -> date | None:
    if edit.date() == edit.minimumDate():
        return None
    d = edit.date()
    return date(d.year(), d.month(), d.day())


class ApplicationDialog(QDialog):
    """A new application: company, role, team, channel, first status, next action."""

    def __init__(
        self,
        parent: QWidget | None,
        companies: list[tuple[int, str]],
        today: date,
        company_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New application"))
        self.company = QComboBox()
        for cid, name in companies:
            self.company.addItem(name, cid)
        if company_id is not None:
            self.company.setCurrentIndex(max(0, self.company.findData(company_id)))
        self.role = QLineEdit()
        self.team = QLineEdit()
        self.channel = QComboBox()
        fill_channels(self.channel)
        self.status = QComboBox()
        for status in BOARD_STATUSES:
            self.status.addItem(status_label(status), status)
        self.next_action = QLineEdit()
        self.due = date_edit(None, today=lambda: today)
        self._today = today
        form = QFormLayout(self)
        form.addRow(self.tr("&Company:"), self.company)
        form.addRow(self.tr("&Role:"), self.role)
        form.addRow(self.tr("&Team:"), self.team)
        form.addRow(self.tr("C&hannel:"), self.channel)
        form.addRow(self.tr("&Status:"), self.status)
        form.addRow(self.tr("&Next action:"), self.next_action)
        form.addRow(self.tr("&Due:"), self.due)
        buttons = dialogs.ok_cancel(self)
        form.addRow(buttons)
        self.resize(420, self.sizeHint().height())

    def value(self) -> tuple[int | None, ApplicationInput, str]:
        return (
            self.company.currentData(),
            ApplicationInput(
                role=self.role.text(),
                team=self.team.text(),
                channel=channel_value(self.channel.currentText()),
                next_action=self.next_action.text(),
                next_action_due=date_value(self.due),
            ),
            str(self.status.currentData()),
        )


class RoundDialog(QDialog):
    """An interview round: date, kind, notes, outcome; questions from the bank or new ones."""

    def __init__(
        self, parent: QWidget | None, ctx: AppContext, today: date, initial: RoundInfo | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Interview round"))
        self.held_on = date_edit(initial.held_on if initial else today)
        self.kind = QComboBox()
        for kind in ROUND_KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("What was asked, how it went…"))
        self.notes.setMaximumHeight(90)
        self.outcome = QLineEdit()
        self.outcome.setPlaceholderText(self.tr("passed / failed / waiting…"))
        self.bank = CheckListModel([self.tr("Question from the bank"), self.tr("Category")], self)
        rows = QuestionService(ctx.db, ctx.clock).list_questions()
        self.bank.set_rows(
            [(q.id, [q.text, q.category or ""]) for q in rows],
            {qid for qid, _text in initial.questions} if initial else set(),
        )
        self.bank_view, self.bank_proxy = check_table(self.bank)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter questions…"))
        self.search.textChanged.connect(self.bank_proxy.setFilterFixedString)
        self.new_questions = QPlainTextEdit()
        self.new_questions.setPlaceholderText(self.tr("New questions, one per line"))
        self.new_questions.setMaximumHeight(70)
        if initial is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(initial.kind)))
            self.notes.setPlainText(initial.interviewer_notes)
            self.outcome.setText(initial.outcome or "")
        form = QFormLayout(self)
        form.addRow(self.tr("&Date:"), self.held_on)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Notes:"), self.notes)
        form.addRow(self.tr("&Outcome:"), self.outcome)
        form.addRow(self.search)
        form.addRow(self.bank_view)
        form.addRow(self.tr("Ne&w:"), self.new_questions)
        buttons = dialogs.ok_cancel(self)
        form.addRow(buttons)
        self.resize(560, 620)

    def value(self) -> RoundInput:
        return RoundInput(
            held_on=date_value(self.held_on),
            kind=str(self.kind.currentData()),
            interviewer_notes=self.notes.toPlainText(),
            outcome=self.outcome.text(),
            question_ids=self.bank.checked_ids(),
            new_questions=self.new_questions.toPlainText().splitlines(),
        )
