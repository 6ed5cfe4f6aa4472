"""A freedesktop notification server for the tests: records every Notify call as a JSON line.

Run as `python -m tests.reminders.notification_server RECORD_FILE` on the session bus of
DBUS_SESSION_BUS_ADDRESS. It prints "ready" once it owns org.freedesktop.Notifications,
answers GetCapabilities (`body` only, no markup, unless CAPABILITIES says otherwise) and
GetServerInformation, and checks each Notify's signature as a real server does.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from jeepney import HeaderFields, MessageType, new_error, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

NAME = "org.freedesktop.Notifications"
NOTIFY_SIGNATURE = "susssasa{sv}i"


def main(record: Path) -> None:
    capabilities = os.environ.get("CAPABILITIES", "body").split(",")
    with open_dbus_connection(bus="SESSION") as connection:
        reply = connection.send_and_get_reply(message_bus.RequestName(NAME, 4))  # 4: no queue
        if reply.body != (1,):  # 1: primary owner
            raise SystemExit(f"could not own {NAME}: {reply.body}")
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        served = 0
        while True:
            message = connection.receive()
            if message.header.message_type != MessageType.method_call:
                continue
            member = message.header.fields.get(HeaderFields.member)
            signature = message.header.fields.get(HeaderFields.signature, "")
            if member == "GetCapabilities":
                connection.send(new_method_return(message, "as", (capabilities,)))
            elif member == "GetServerInformation":
                info = ("test-server", "ThreePass tests", "1", "1.2")
                connection.send(new_method_return(message, "ssss", info))
            elif member == "Notify" and signature == NOTIFY_SIGNATURE:
                served += 1
                app, _replaces, icon, summary, body, _actions, hints, _timeout = message.body
                entry = {
                    "app": app,
                    "icon": icon,
                    "summary": summary,
                    "body": body,
                    "hints": sorted(hints),
                }
                with record.open("a", encoding="utf-8") as out:
                    out.write(json.dumps(entry, ensure_ascii=False) + "\n")
                connection.send(new_method_return(message, "u", (served,)))
            else:
                error = "org.freedesktop.DBus.Error.InvalidArgs"
                connection.send(new_error(message, error, "s", (f"{member} {signature}",)))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
