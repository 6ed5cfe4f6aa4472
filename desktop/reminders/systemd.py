"""`threepass --install-reminders`: a systemd user timer that runs `threepass remind --notify`.

The app can only remind while it runs; the timer reminds when it is closed. The timer fires
every day at the chosen time (Persistent: a time missed while the machine slept or was off
fires at the next start); `remind --notify` itself checks the on/off switch and the weekdays,
so changing those in Preferences needs no reinstall, and the app and the timer send one
notification a day between them (models/services/reminders.py: claim_today).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import time
from pathlib import Path

from desktop.integration import launcher_command
from models.atomic import write_atomically
from models.errors import ThreePassError

UNIT = "threepass-remind"
SYSTEMCTL_TIMEOUT_S = 20


def config_home(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    value = env.get("XDG_CONFIG_HOME")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path(env.get("HOME") or Path.home()) / ".config"


def unit_folder(environ: dict[str, str] | None = None) -> Path:
    return config_home(environ) / "systemd" / "user"


def _quote(arg: str) -> str:
    """One ExecStart argument, quoted the way systemd.syntax(7) reads it."""
    if arg and not any(ch in arg for ch in " \t\n\"'\\;$%"):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("$", "$$").replace("%", "%%")
    return f'"{escaped}"'


def service_text(command: list[str]) -> str:
    exec_line = " ".join(_quote(part) for part in [*command, "remind", "--notify"])
    return "\n".join(
        [
            "[Unit]",
            "Description=ThreePass: today's passes, questions and follow-ups due",
            "",
            "[Service]",
            "Type=oneshot",
            f"ExecStart={exec_line}",
            "",
        ]
    )


def timer_text(at: time) -> str:
    return "\n".join(
        [
            "[Unit]",
            "Description=ThreePass daily study reminder",
            "",
            "[Timer]",
            f"OnCalendar=*-*-* {at:%H:%M}:00",
            "Persistent=true",
            f"Unit={UNIT}.service",
            "",
            "[Install]",
            "WantedBy=timers.target",
            "",
        ]
    )


def write_units(
    at: time,
    *,
    environ: dict[str, str] | None = None,
    extra_args: list[str] | None = None,
    executable: str | None = None,
) -> tuple[Path, Path]:
    """Write the service and timer files; `extra_args` are global options (--data-dir…)."""
    folder = unit_folder(environ)
    service = folder / f"{UNIT}.service"
    timer = folder / f"{UNIT}.timer"
    command = [*launcher_command(executable), *(extra_args or [])]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(service, service_text(command))
        write_atomically(timer, timer_text(at))
    except OSError as err:
        raise ThreePassError(
            f"Cannot write the reminder timer under {folder}: {err.strerror or err}."
        ) from err
    return service, timer


def _systemctl(*args: str) -> bool:
    try:
        done = subprocess.run(
            ["systemctl", "--user", *args],
            capture_output=True,
            timeout=SYSTEMCTL_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def install_reminders(
    at: time,
    *,
    environ: dict[str, str] | None = None,
    extra_args: list[str] | None = None,
    enable: bool = True,
) -> str:
    """Write the units and, where a user systemd runs, enable the timer; say what was done."""
    if sys.platform in ("win32", "darwin"):
        raise ThreePassError(
            "--install-reminders writes a systemd timer (Linux); see docs/planner.md for "
            "macOS and Windows."
        )
    service, timer = write_units(at, environ=environ, extra_args=extra_args)
    message = f"Wrote {service} and {timer} (daily at {at:%H:%M})."
    manual = f"systemctl --user daemon-reload && systemctl --user enable --now {UNIT}.timer"
    if enable and shutil.which("systemctl"):
        if _systemctl("daemon-reload") and _systemctl("enable", "--now", f"{UNIT}.timer"):
            return f"{message} The timer is enabled: `systemctl --user list-timers` shows it."
        return f"{message} systemd could not enable it from here; run: {manual}"
    return f"{message} To turn it on, run: {manual}"


def refresh_installed_timer(at: time, environ: dict[str, str] | None = None) -> bool:
    """A timer installed earlier follows a new time chosen in Preferences; True if rewritten.

    Best effort: an unwritable file or a missing systemd leaves the old time, which
    `threepass --install-reminders` can fix."""
    timer = unit_folder(environ) / f"{UNIT}.timer"
    text = timer_text(at)
    try:
        if not timer.is_file() or timer.read_text(encoding="utf-8") == text:
            return False
        write_atomically(timer, text)
    except OSError:
        return False
    if shutil.which("systemctl"):
        _systemctl("daemon-reload")
    return True
