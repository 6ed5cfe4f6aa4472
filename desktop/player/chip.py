"""The status-bar chip: what is being studied right now, from every view, with Stop.

It shows the newest player session (the item, the pass, the speed mpv plays at, the time
watched, "paused") or else the running study timer (the item, the pass, the time since it
started). Hidden while nothing runs.

What runs is shown by an icon (resources/icons play / timer), not a symbol character: the
stopwatch emoji it had is missing from many system fonts and drew as an empty box.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from desktop.context import AppContext
from desktop.i18n import fill
from desktop.icons import icon
from desktop.player.hub import StudyHub
from desktop.widgets.formatting import format_speed, format_stopwatch
from desktop.widgets.plain import plain_tooltip

TICK_MS = 1000
TITLE_CHARS = 40
ICON_PX = 16


def _short(title: str) -> str:
    one_line = " ".join(title.split())
    return one_line if len(one_line) <= TITLE_CHARS else one_line[: TITLE_CHARS - 1] + "…"


class StudyChip(QFrame):
    def __init__(self, ctx: AppContext, hub: StudyHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StudyChip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._ctx = ctx
        self._hub = hub
        self.icon = QLabel()
        self.icon.setObjectName("StudyChipIcon")
        self.icon.setFixedSize(ICON_PX, ICON_PX)
        self.icon_name = ""  # "play" or "timer": what the icon shows
        self.label = QLabel()
        self.label.setObjectName("StudyChipText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.stop_button = QToolButton()
        self.stop_button.setObjectName("StudyChipStop")
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setAutoRaise(True)
        self.stop_button.clicked.connect(self.stop)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 2, 0)
        layout.setSpacing(4)
        layout.addWidget(self.icon)
        layout.addWidget(self.label)
        layout.addWidget(self.stop_button)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.refresh)
        hub.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        sessions = self._hub.sessions()
        timer = self._hub.timer()
        if sessions:
            session = sessions[-1]
            sitting, tally = session.sitting, session.tally
            kind = "play"
            text = fill(
                self.tr("%1 · pass %2 · %3 · %4"),
                _short(sitting.title),
                sitting.pass_number,
                format_speed(tally.speed if tally.position is not None else sitting.speed),
                format_stopwatch(tally.played_seconds),
            )
            if tally.paused and tally.position is not None:
                text += " " + self.tr("(paused)")
            if len(sessions) > 1:
                text += " " + fill(self.tr("+%1 more"), len(sessions) - 1)
            tip = fill(self.tr("Playing in mpv: %1"), sitting.title)
            self.stop_button.setToolTip(self.tr("Close the player (the time watched is kept)"))
        elif timer is not None:
            elapsed = timer.elapsed_minutes(self._ctx.clock.now()) * 60
            kind = "timer"
            text = fill(
                self.tr("%1 · pass %2 · %3"),
                _short(timer.title),
                timer.pass_number,
                format_stopwatch(elapsed),
            )
            tip = fill(self.tr("Timer running: %1"), timer.title)
            self.stop_button.setToolTip(self.tr("Stop the timer and add the time to the pass"))
        else:
            self.setVisible(False)
            self._tick.stop()
            return
        self.icon_name = kind
        # drawn each refresh in the palette's text colour (cached), so a theme change follows
        self.icon.setPixmap(icon(kind).pixmap(ICON_PX, ICON_PX))
        self.icon.setToolTip(plain_tooltip(tip))
        self.label.setText(text)
        self.label.setToolTip(plain_tooltip(tip))
        self.setVisible(True)
        if not self._tick.isActive():
            self._tick.start()

    def stop(self) -> None:
        sessions = self._hub.sessions()
        if sessions:
            sessions[-1].stop()
        elif self._hub.timer() is not None:
            self._hub.stop_timer()
