"""`threepass remind [--notify]` and `threepass --install-reminders`, as real processes."""

from __future__ import annotations

import os
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from desktop.reminders.notify import send_notification
from desktop.reminders.systemd import service_text, timer_text
from models.db import Database
from models.services.reminders import ReminderService, ReminderSettings
from tests.core.core_support import run_cli
from tests.reminders.bus_support import NotificationServer, notification_server, session_bus
from tests.reminders.reminders_support import a_day_of_study, add_follow_up, turn_on

UTC_ENV = {"TZ": "UTC"}  # the stored times are UTC: local days are the same in every zone


def test_remind_prints_the_days_summary(db: Database, data_dir: Path) -> None:
    a_day_of_study(db)
    result = run_cli("--data-dir", str(data_dir), "remind", "--date", "2026-03-02", env=UTC_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "ThreePass reminder for Monday 2026-03-02",
        "Passes due: 2",
        "Questions due: 3",
        "Follow-ups due: 3",
        "  Moonshot: reply to the recruiter (due 2026-02-27)",
        "  Minimax: send the take-home",
        "  Qwen: Pre-training researcher",
    ]
    assert result.stderr == ""


def test_remind_rejects_a_bad_date(data_dir: Path) -> None:
    result = run_cli("--data-dir", str(data_dir), "remind", "--date", "tomorrow")
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr


def test_remind_notify_sends_it_once_a_day(
    db: Database, data_dir: Path, notifications: NotificationServer
) -> None:
    add_follow_up(db, "Minimax", "send the take-home", datetime.now(UTC).date())
    turn_on(db, "00:00")  # whatever the time of the run, it has come
    env = {**UTC_ENV, "DBUS_SESSION_BUS_ADDRESS": notifications.address}
    first = run_cli("--data-dir", str(data_dir), "remind", "--notify", env=env)
    assert first.returncode == 0, first.stderr
    assert first.stderr.strip() == "Notification sent."
    assert "Follow-ups due: 1" in first.stdout
    [sent] = notifications.notifications()
    assert sent["summary"] == "ThreePass: due today"
    assert sent["body"].splitlines() == [
        "Passes due: 0",
        "Questions due: 0",
        "Follow-ups due: 1",
        "  Minimax: send the take-home",
    ]
    again = run_cli("--data-dir", str(data_dir), "remind", "--notify", env=env)
    assert again.returncode == 0
    assert "already sent" in again.stderr
    assert len(notifications.notifications()) == 1
    assert ReminderService(db).settings().enabled


def test_remind_notify_respects_the_off_switch(
    db: Database, data_dir: Path, notifications: NotificationServer
) -> None:
    add_follow_up(db, "Minimax", "send the take-home", datetime.now(UTC).date())
    env = {**UTC_ENV, "DBUS_SESSION_BUS_ADDRESS": notifications.address}
    result = run_cli("--data-dir", str(data_dir), "remind", "--notify", env=env)
    assert result.returncode == 0
    assert "Reminders are off" in result.stderr
    assert notifications.notifications() == []


def test_remind_notify_without_a_bus_says_so(db: Database, data_dir: Path) -> None:
    add_follow_up(db, "Minimax", "send the take-home", datetime.now(UTC).date())
    turn_on(db, "00:00")
    env = {key: value for key, value in os.environ.items() if key != "DBUS_SESSION_BUS_ADDRESS"}
    env.update(UTC_ENV)
    result = run_cli("--data-dir", str(data_dir), "remind", "--notify", env=env)
    assert result.returncode == 2
    assert "Follow-ups due: 1" in result.stdout  # the summary is still printed
    assert "No D-Bus session bus" in result.stderr
    # not recorded as sent: the app, or the next run, may still send it today
    assert ReminderService(db).due_now()


def test_remind_notify_with_a_dead_bus_says_so(
    db: Database, data_dir: Path, tmp_path: Path
) -> None:
    add_follow_up(db, "Minimax", "send the take-home", datetime.now(UTC).date())
    turn_on(db, "00:00")
    env = {**UTC_ENV, "DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path / 'no-bus'}"}
    result = run_cli("--data-dir", str(data_dir), "remind", "--notify", env=env)
    assert result.returncode == 2
    assert "could not be reached" in result.stderr


def test_markup_is_escaped_for_servers_that_read_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with (
        session_bus() as address,
        notification_server(tmp_path, address, capabilities="body,body-markup") as server,
    ):
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        send_notification("ThreePass", "<b>AT&T</b>: call back")
        [sent] = server.notifications()
    assert sent["body"] == "&lt;b&gt;AT&amp;T&lt;/b&gt;: call back"


# ---- the systemd timer -----------------------------------------------------------------------
def test_install_reminders_writes_the_user_timer(
    db: Database, data_dir: Path, tmp_path: Path
) -> None:
    ReminderService(db).save_settings(ReminderSettings(True, time(7, 45), (1, 2, 3, 4, 5)))
    config = tmp_path / "config"
    env = {"XDG_CONFIG_HOME": str(config), "PATH": ""}  # no systemctl: nothing enabled for real
    result = run_cli("--data-dir", str(data_dir), "--install-reminders", env=env)
    assert result.returncode == 0, result.stderr
    folder = config / "systemd" / "user"
    service = (folder / "threepass-remind.service").read_text(encoding="utf-8")
    timer = (folder / "threepass-remind.timer").read_text(encoding="utf-8")
    exec_line = next(line for line in service.splitlines() if line.startswith("ExecStart="))
    assert exec_line.endswith(f" --data-dir {data_dir.resolve()} remind --notify")
    assert "Type=oneshot" in service
    assert "OnCalendar=*-*-* 07:45:00" in timer
    assert "Persistent=true" in timer
    assert "WantedBy=timers.target" in timer
    assert "systemctl --user daemon-reload && systemctl --user enable --now" in result.stdout
    assert str(folder / "threepass-remind.timer") in result.stdout


def test_unit_text_quotes_paths_with_spaces() -> None:
    text = service_text(["/opt/Three Pass/bin/threepass", "--data-dir", "/home/a b/100%"])
    assert (
        'ExecStart="/opt/Three Pass/bin/threepass" --data-dir "/home/a b/100%%" remind --notify'
        in text
    )
    assert "OnCalendar=*-*-* 21:05:00" in timer_text(time(21, 5))
