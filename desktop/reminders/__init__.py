"""Reminders: the tray icon with today's counts, the daily notification, the systemd timer.

`notify.py` and `systemd.py` are Qt-free: `threepass remind --notify` and
`threepass --install-reminders` use them without a display.
"""
