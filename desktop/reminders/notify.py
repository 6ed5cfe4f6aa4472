"""freedesktop Notifications over the D-Bus session bus, without Qt.

`threepass remind --notify` runs from a systemd timer with no display and no Qt, and the app
uses the same call where no system tray exists. PySide6's QtDBus cannot send it: Python ints
and lists marshal as `i` and `av`, and the Notify method is `susssasa{sv}i`, which notification
servers check. jeepney (pure Python) writes the exact signature.
"""

from __future__ import annotations

import logging

from models.errors import ThreePassError

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
SIGNATURE = "susssasa{sv}i"
APP_NAME = "ThreePass"
APP_ICON = "threepass"  # the icon `threepass --install-desktop-entry` installs
TIMEOUT_S = 5.0


def escape_markup(text: str) -> str:
    """Text for a server that reads the body as its small XML-like markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def send_notification(summary: str, body: str, *, timeout: float = TIMEOUT_S) -> int:
    """Show a desktop notification; returns the server's id for it.

    Raises ThreePassError (one sentence) when there is no session bus or no notification
    server on it, so the caller can say so instead of failing silently.
    """
    try:
        from jeepney import DBusAddress, MessageType, new_method_call
        from jeepney.io.blocking import open_dbus_connection
    except ImportError as err:  # not installed (macOS, Windows): no D-Bus there anyway
        raise ThreePassError("Desktop notifications need D-Bus (Linux and BSD).") from err
    address = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
    # hints: the desktop entry (the server shows our name and icon), a normal urgency
    hints = {"desktop-entry": ("s", "threepass"), "urgency": ("y", 1)}
    try:
        with open_dbus_connection(bus="SESSION") as connection:
            asked = connection.send_and_get_reply(
                new_method_call(address, "GetCapabilities"), timeout=timeout
            )
            if asked.header.message_type != MessageType.error and "body-markup" in (
                asked.body[0] if asked.body else []
            ):
                body = escape_markup(body)  # a company called "<b>" is shown as typed
            message = new_method_call(
                address, "Notify", SIGNATURE, (APP_NAME, 0, APP_ICON, summary, body, [], hints, -1)
            )
            reply = connection.send_and_get_reply(message, timeout=timeout)
    except KeyError as err:  # jeepney: DBUS_SESSION_BUS_ADDRESS is not set
        raise ThreePassError(
            "No D-Bus session bus was found (DBUS_SESSION_BUS_ADDRESS is unset), so no "
            "notification could be shown."
        ) from err
    except (OSError, TimeoutError, ValueError) as err:
        raise ThreePassError(f"The D-Bus session bus could not be reached: {err}.") from err
    if reply.header.message_type == MessageType.error:
        detail = reply.body[0] if reply.body else "no detail"
        raise ThreePassError(f"No notification server answered on D-Bus ({detail}).")
    notification_id = int(reply.body[0]) if reply.body else 0
    log.info("notification %s sent: %s", notification_id, summary)
    return notification_id
