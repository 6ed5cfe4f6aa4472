"""The Reminders tab of Preferences: the daily reminder (database) and the tray (QSettings)."""

from __future__ import annotations

from datetime import time
from typing import Any

from PySide6.QtCore import QLocale, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSystemTrayIcon,
    QTimeEdit,
    QWidget,
)

from desktop.reminders.prefs import close_to_tray, set_close_to_tray
from models.services.reminders import ReminderSettings


class RemindersPage(QWidget):
    def __init__(
        self, parent: QWidget | None = None, *, tray_available: bool | None = None
    ) -> None:
        """`tray_available` None asks the desktop (tests say)."""
        super().__init__(parent)
        self.setObjectName("RemindersPage")
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.enabled = QCheckBox(self.tr("Remind me of what is due each day"))
        self.enabled.setObjectName("reminderEnabled")
        form.addRow(self.enabled)

        self.time = QTimeEdit()
        self.time.setObjectName("reminderTime")
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName(self.tr("Time of the daily reminder"))  # "At" alone is vague
        at_row = QHBoxLayout()
        at_row.addWidget(self.time)
        at_row.addStretch(1)
        form.addRow(self.tr("At"), at_row)

        self.weekdays: list[QCheckBox] = []
        row = QHBoxLayout()
        locale = QLocale()
        first = locale.firstDayOfWeek().value  # Monday in China, Sunday in the US
        for offset in range(7):
            day = (first - 1 + offset) % 7 + 1
            box = QCheckBox(locale.dayName(day, QLocale.FormatType.ShortFormat))
            box.setObjectName(f"reminderDay{day}")
            box.setProperty("isoWeekday", day)
            self.weekdays.append(box)
            row.addWidget(box)
        row.addStretch(1)
        form.addRow(self.tr("On"), row)
        self.enabled.toggled.connect(self._enable_fields)

        self.tray = QCheckBox(self.tr("Keep ThreePass in the tray when the window is closed"))
        self.tray.setObjectName("closeToTray")
        self.tray.setToolTip(self.tr("Quit from the tray icon's menu or File ▸ Quit"))
        form.addRow(self.tray)
        if tray_available is None:
            tray_available = QSystemTrayIcon.isSystemTrayAvailable()
        # no tray to keep it in: closing the window quits (desktop/reminders/feature.py)
        self.tray.setEnabled(tray_available)
        self.no_tray = QLabel(
            self.tr(
                "This desktop has no system tray, so closing the window quits ThreePass; "
                "the daily reminder is sent as a desktop notification."
            )
        )
        self.no_tray.setObjectName("noTrayNote")
        self.no_tray.setWordWrap(True)
        self.no_tray.setProperty("role", "muted")
        self.no_tray.setVisible(not tray_available)
        form.addRow(self.no_tray)
        hint = QLabel(
            self.tr(
                "The reminder shows the passes, review questions and application follow-ups "
                "due. While ThreePass is closed, run `threepass --install-reminders` once "
                "(Linux) to get it from a systemd timer."
            )
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        form.addRow(hint)

    def _enable_fields(self, on: bool) -> None:
        self.time.setEnabled(on)
        for box in self.weekdays:
            box.setEnabled(on)

    def load(self, settings: ReminderSettings) -> None:
        self.enabled.setChecked(settings.enabled)
        self.time.setTime(QTime(settings.at.hour, settings.at.minute))
        for box in self.weekdays:
            box.setChecked(int(box.property("isoWeekday")) in settings.weekdays)
        self._enable_fields(settings.enabled)
        self.tray.setChecked(close_to_tray())

    def settings(self) -> ReminderSettings:
        chosen = self.time.time()
        return ReminderSettings(
            enabled=self.enabled.isChecked(),
            at=time(chosen.hour(), chosen.minute()),
            weekdays=tuple(
                sorted(int(box.property("isoWeekday")) for box in self.weekdays if box.isChecked())
            ),
        )

    def values(self) -> dict[str, Any]:
        """The stored settings, for the dialog's one transaction."""
        return self.settings().to_values()

    def save_ui(self) -> None:
        """The per-machine part; an installed systemd timer follows the time."""
        from desktop.reminders.systemd import refresh_installed_timer

        set_close_to_tray(self.tray.isChecked())
        refresh_installed_timer(self.settings().at)
