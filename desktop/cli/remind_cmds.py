"""`threepass remind [--notify]` and `threepass --install-reminders`. No Qt here.

The same summary as the tray icon (models/services/reminders.py), for when the app is closed:
printed, and with --notify sent as a desktop notification over D-Bus (a systemd user timer
runs that daily: desktop/reminders/systemd.py).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desktop.cli.common import open_db
from desktop.cli.output import echo, scrub_lines
from desktop.cli.planner_cmds import parse_day
from models.clock import SystemClock
from models.errors import ThreePassError, ValidationError
from models.services.reminders import (
    ReminderService,
    ReminderSummary,
    summary_text,
)

if TYPE_CHECKING:
    from datetime import time

    from desktop.cli import CommandRegistry

NOTIFICATION_TITLE = "ThreePass: due today"
HELP = "print what is due today (passes, questions, follow-ups); --notify also shows it"


def register(registry: CommandRegistry) -> None:
    p = registry.command("remind", HELP, cmd_remind)
    p.add_argument(
        "--notify",
        action="store_true",
        help="also send it as a desktop notification (D-Bus) if reminders are on in "
        "Preferences, today is a reminder day, its time has come and none was sent today",
    )
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the day to sum up (default today)")


def cmd_remind(args: argparse.Namespace) -> int:
    if args.notify and args.date:
        raise ValidationError("--notify sends today's reminder: leave out --date.")
    db = open_db(args, read_only_ok=not args.notify)
    try:
        service = ReminderService(db, SystemClock())
        summary = service.summary(parse_day(args.date))
        echo(f"ThreePass reminder for {summary.day:%A} {summary.day.isoformat()}")
        echo(scrub_lines(summary_text(summary)))
        if args.notify:
            echo(_notify(service, summary), file=sys.stderr)
    finally:
        db.close()
    return 0


def _notify(service: ReminderService, summary: ReminderSummary) -> str:
    """Send today's notification when it is due; say what happened (on stderr)."""
    settings = service.settings()
    if not settings.enabled:
        return "Reminders are off in Preferences: no notification was sent."
    if not service.due_now():
        return "Not a reminder time, or today's reminder was already sent: none was sent."
    if summary.total == 0:
        return "Nothing is due today: no notification was sent."
    from desktop.reminders.notify import send_notification

    if not service.claim_today():
        return "Today's reminder was already sent."
    try:
        send_notification(NOTIFICATION_TITLE, summary_text(summary))
    except ThreePassError:
        service.release_today()  # the app (or the next run) may still send it today
        raise
    return "Notification sent."


def install_from_args(args: argparse.Namespace) -> str:
    """`threepass --install-reminders`: the timer at the time chosen in Preferences."""
    from desktop.reminders.systemd import install_reminders

    db = open_db(args, read_only_ok=True)
    try:
        at: time = ReminderService(db).settings().at
    finally:
        db.close()
    extra: list[str] = []
    if args.database_url:
        extra += ["--database-url", args.database_url]
    elif args.data_dir:
        from pathlib import Path

        extra += ["--data-dir", str(Path(args.data_dir).resolve())]
    return install_reminders(at, extra_args=extra)
