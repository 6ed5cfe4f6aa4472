"""Done on a pass with no time recorded: its length at its speed is offered, or logged.

Watching on a website leaves no trace in ThreePass; a pass marked done with 0 minutes would
count nothing in the stats. The pass card then offers "log 1:09:40 (87 min ÷ 1.25)?" in
a bar the user may edit or dismiss (not a modal box: the notes stay in reach), or, with
the preference `log_time_on_done`, logs it at once. A timer running on the pass is stopped
first, so its time is what counts.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
)

from desktop.context import AppContext
from desktop.i18n import fill, format_minutes
from desktop.widgets.formatting import format_speed
from models.errors import ThreePassError

SETTING = "log_time_on_done"


def stop_timer_on(ctx: AppContext, item_id: int, pass_number: int) -> None:
    """Done while the timer runs on this pass: the timer's time is the pass's."""
    from models.services.timer import TimerService

    service = TimerService(ctx.db, ctx.clock)
    try:
        running = service.running()
        if running is not None and (running.item_id, running.pass_number) == (
            item_id,
            pass_number,
        ):
            service.stop()
            ctx.events.study_changed.emit()
    except ThreePassError as err:
        ctx.events.status_message.emit(str(err))


def after_done(ctx: AppContext, item_id: int, pass_number: int) -> int | None:
    """The minutes to offer, or None: time is recorded, the length is unknown, or the
    preference logged it already."""
    from models.services.playback import PlaybackService
    from models.services.settings import SettingsService

    try:
        length = PlaybackService(ctx.db, ctx.clock).unrecorded_length(item_id, pass_number)
    except ThreePassError:
        return None
    if length is None:
        return None
    minutes = max(1, round(length))
    if SettingsService(ctx.db).get(SETTING):
        log_minutes(ctx, item_id, pass_number, minutes)
        return None
    return minutes


def log_minutes(ctx: AppContext, item_id: int, pass_number: int, minutes: int) -> bool:
    """A manual study session of `minutes` on the pass (as the Today view's Log minutes)."""
    from models.services.timer import TimerService

    try:
        result = TimerService(ctx.db, ctx.clock).add_manual(item_id, pass_number, minutes)
    except ThreePassError as err:
        ctx.events.status_message.emit(str(err))
        return False
    ctx.events.status_message.emit(
        fill(
            QCoreApplication.translate("Player", "Logged %1 on pass %2 of %3."),
            format_minutes(result.minutes),
            result.pass_number,
            result.title,
        )
    )
    ctx.events.study_changed.emit()
    return True


class LogOffer(QFrame):
    """The "No time recorded: log 70 min?" bar under a pass card's buttons, until answered."""

    accepted = Signal(int)  # minutes

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("LogOffer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.minutes = QSpinBox()
        self.minutes.setObjectName("LogOfferMinutes")
        self.minutes.setRange(1, 24 * 60)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setAccessibleName(self.tr("Minutes to log"))
        self.log_button = QPushButton(self.tr("Log"))
        self.log_button.setObjectName("LogOfferAccept")
        self.log_button.setAutoDefault(False)
        self.log_button.clicked.connect(self._accept)
        self.close_button = QToolButton()
        self.close_button.setObjectName("LogOfferDismiss")
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Do not log any time"))
        self.close_button.setAccessibleName(self.close_button.toolTip())  # "✕" says nothing
        self.close_button.clicked.connect(self.hide)
        row = QHBoxLayout()
        row.addWidget(self.minutes)
        row.addWidget(self.log_button)
        row.addWidget(self.close_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)  # narrow enough for three cards side by side
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addLayout(row)
        self.hide()

    def offer(self, minutes: int, speed: float) -> None:
        self.label.setText(
            fill(
                self.tr("No time recorded. Log its length at %1?"),
                format_speed(speed),
            )
        )
        self.minutes.setValue(minutes)
        self.show()

    def _accept(self) -> None:
        self.hide()
        self.accepted.emit(self.minutes.value())
