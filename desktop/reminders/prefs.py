"""The per-machine reminder preference (QSettings): keep running in the tray when closed.

Per machine, like the theme: a laptop with a tray and a desktop without one differ. The
reminder's time, weekdays and on/off live in the database (models/services/reminders.py)
because the systemd timer's `threepass remind --notify` reads them too.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

KEY_CLOSE_TO_TRAY = "reminders/close_to_tray"


def close_to_tray(settings: QSettings | None = None) -> bool:
    value = (settings or QSettings()).value(KEY_CLOSE_TO_TRAY, False)
    return value is True or value == "true"


def set_close_to_tray(value: bool, settings: QSettings | None = None) -> None:
    (settings or QSettings()).setValue(KEY_CLOSE_TO_TRAY, value)
