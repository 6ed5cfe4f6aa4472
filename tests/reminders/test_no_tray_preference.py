"""Preferences › Reminders: where the desktop has no system tray, "Keep ThreePass in the
tray" is disabled with a note saying why (closing the window then quits)."""

from __future__ import annotations

from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from desktop.reminders.page import RemindersPage


def test_without_a_tray_the_option_is_disabled_and_says_why(qtbot: QtBot) -> None:
    page = RemindersPage(tray_available=False)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert not page.tray.isEnabled()
    assert page.no_tray.isVisible()
    assert "no system tray" in page.no_tray.text()


def test_with_a_tray_the_option_is_offered_without_the_note(qtbot: QtBot) -> None:
    page = RemindersPage(tray_available=True)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.tray.isEnabled()
    assert not page.no_tray.isVisible()


def test_the_page_asks_the_desktop(qtbot: QtBot) -> None:
    page = RemindersPage()
    qtbot.addWidget(page)
    assert page.tray.isEnabled() is QSystemTrayIcon.isSystemTrayAvailable()
