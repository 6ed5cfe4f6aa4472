"""A private D-Bus session bus and a notification server on it, both real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.ci_tools import required_tool
from tests.core.core_support import REPO


@dataclass
class NotificationServer:
    address: str
    record: Path

    def notifications(self) -> list[dict[str, Any]]:
        if not self.record.exists():
            return []
        lines = self.record.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines]


def dbus_daemon() -> str:
    """The dbus-daemon program (.ci/run installs the `dbus` package): a skip on a machine
    without it, a failure in CI, as for the other tools tests run."""
    return required_tool("dbus-daemon", "dbus")


@contextmanager
def session_bus() -> Iterator[str]:
    """A dbus-daemon of our own; yields its address (never the user's session bus)."""
    daemon = subprocess.Popen(
        [dbus_daemon(), "--session", "--print-address", "--nofork"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert daemon.stdout is not None
        address = daemon.stdout.readline().strip()
        assert address.startswith("unix:"), address
        yield address
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)


@contextmanager
def notification_server(
    tmp: Path, address: str, capabilities: str = "body"
) -> Iterator[NotificationServer]:
    """The test's org.freedesktop.Notifications, running until the block ends."""
    record = tmp / "notifications.jsonl"
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address, "CAPABILITIES": capabilities}
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.reminders.notification_server", str(record)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()  # "ready", or "" if the server died
        assert line.strip() == "ready", line
        yield NotificationServer(address, record)
    finally:
        server.terminate()
        server.wait(timeout=10)
