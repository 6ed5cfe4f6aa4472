"""Fixtures of the reminder tests: a private session bus with a notification server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reminders.bus_support import NotificationServer, notification_server, session_bus


@pytest.fixture
def notifications(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[NotificationServer]:
    """org.freedesktop.Notifications on a bus of the test's own, which this process uses."""
    with session_bus() as address, notification_server(tmp_path, address) as server:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield server
