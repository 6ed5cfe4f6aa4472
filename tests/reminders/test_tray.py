"""The tray icon's menu and counts, closing into the tray, and the daily notification."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import datetime, time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from desktop.planner.today_view import TodayView
from desktop.reminders.prefs import close_to_tray, set_close_to_tray
from desktop.reminders.schedule import CHECK_MS, ReminderScheduler
from desktop.reminders.systemd import write_units
from desktop.reminders.tray import TrayController
from models.clock import FixedClock
from models.db import Database
from models.services.reminders import ReminderService, ReminderSettings
from models.services.timer import TimerService
from tests.reminders.bus_support import NotificationServer
from tests.reminders.reminders_support import a_day_of_study, add_follow_up, turn_on


def tray_of(window: MainWindow) -> TrayController:
    found = window.findChild(TrayController)
    assert isinstance(found, TrayController)
    return found


def scheduler_of(window: MainWindow) -> ReminderScheduler:
    found = window.findChild(ReminderScheduler)
    assert isinstance(found, ReminderScheduler)
    return found


def menu_texts(tray: TrayController) -> list[str]:
    return [a.text() for a in tray.menu.actions() if not a.isSeparator()]


def test_the_menu_and_tooltip_show_todays_counts(
    db: Database, make_window: Callable[[], MainWindow]
) -> None:
    a_day_of_study(db)
    tray = tray_of(make_window())
    assert menu_texts(tray) == [
        "Passes due: 2",
        "Questions due: 3",
        "Follow-ups due: 3",
        "    Moonshot: reply to the recruiter",
        "    Minimax: send the take-home",
        "    Qwen: Pre-training researcher",
        "Open Today",
        "Start the next pass",
        "Quit ThreePass",
    ]
    assert tray.icon.toolTip().splitlines() == [
        "ThreePass",
        "Passes due: 2",
        "Questions due: 3",
        "Follow-ups due: 3",
    ]
    assert tray.icon.contextMenu() is tray.menu
    assert not tray.icon.icon().isNull()


def test_counts_follow_changes(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    tray = tray_of(window)
    assert "Follow-ups due: 0" in menu_texts(tray)
    add_follow_up(db, "Minimax", "send the take-home", datetime(2026, 3, 2).date())
    window.ctx.events.career_changed.emit()
    qtbot.waitUntil(lambda: "Follow-ups due: 1" in menu_texts(tray))
    assert "    Minimax: send the take-home" in menu_texts(tray)


def test_open_today_and_start_the_next_pass(
    db: Database, clock: FixedClock, make_window: Callable[[], MainWindow]
) -> None:
    a_day_of_study(db)
    window = make_window()
    tray = tray_of(window)
    tray.open_action.trigger()
    assert window.current_view_key() == "today"
    tray.start_action.trigger()
    view = window.view("today")
    assert isinstance(view, TodayView)
    assert view.plan is not None
    first = view.plan.entries[0]
    running = TimerService(db, clock).running()
    assert running is not None
    assert (running.item_id, running.pass_number) == (first.item_id, first.pass_number)
    assert first.pass_number == 3  # BERT's pass 3, the most overdue


def test_start_with_nothing_planned_says_so(
    qtbot: QtBot, db: Database, clock: FixedClock, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    with qtbot.waitSignal(window.ctx.events.status_message) as said:
        tray_of(window).start_action.trigger()
    assert said.args == ["Nothing is planned for today."]
    assert TimerService(db, clock).running() is None


@pytest.fixture
def quitting(qtbot: QtBot) -> Iterator[list[str]]:
    """Restores quit-on-last-window, which hiding into the tray turns off."""
    from PySide6.QtWidgets import QApplication

    yield []
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(True)


def test_closing_keeps_the_app_in_the_tray_and_quit_really_quits(
    qtbot: QtBot, make_window: Callable[[], MainWindow], quitting: list[str]
) -> None:
    window = make_window()
    tray = tray_of(window)
    tray.tray_available = True  # offscreen has no tray; the preference needs one
    tray.quit_app = lambda: quitting.append("quit")
    saved: list[int] = []
    window.on_close(lambda: saved.append(1))

    window.close()  # the preference is off by default: a real close
    assert saved == [1]
    assert not window.hidden_to_tray
    window.show()
    set_close_to_tray(True)
    window.close()
    assert not window.isVisible()
    assert window.hidden_to_tray
    assert saved == [1]  # hidden, not closed: nothing saved, nothing stopped
    tray.open_action.trigger()
    assert window.isVisible()
    assert window.current_view_key() == "today"
    window.close()
    assert window.hidden_to_tray
    tray.quit_action.trigger()
    assert saved == [1, 1]
    assert quitting == ["quit"]
    assert not window.isVisible()
    assert not window.hidden_to_tray


def test_file_quit_closes_even_when_closing_keeps_it_in_the_tray(
    make_window: Callable[[], MainWindow], quitting: list[str]
) -> None:
    window = make_window()
    tray_of(window).tray_available = True
    set_close_to_tray(True)
    saved: list[int] = []
    window.on_close(lambda: saved.append(1))
    quit_action = next(a for a in window.menu("file").actions() if a.text() == "&Quit")
    quit_action.trigger()
    assert saved == [1]
    assert not window.isVisible()
    assert not window.hidden_to_tray


def test_without_a_tray_closing_closes(make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    set_close_to_tray(True)  # chosen on a machine with a tray; this one has none
    window.close()
    assert not window.hidden_to_tray


# ---- the daily notification ----------------------------------------------------------------
def test_the_reminder_goes_out_over_dbus_at_its_time_once(
    qtbot: QtBot,
    db: Database,
    clock: FixedClock,
    make_window: Callable[[], MainWindow],
    notifications: NotificationServer,
) -> None:
    a_day_of_study(db)
    turn_on(db, "09:30")
    clock.set(datetime(2026, 3, 2, 9, 29, 30))
    window = make_window()
    scheduler = scheduler_of(window)
    assert scheduler.timer.isActive()
    assert scheduler.timer.interval() == 30_000  # armed for 09:30
    assert not scheduler.check()
    clock.set(datetime(2026, 3, 2, 9, 30))
    assert scheduler.check()
    qtbot.waitUntil(lambda: len(notifications.notifications()) == 1)
    sent = notifications.notifications()[0]
    assert sent["app"] == "ThreePass"
    assert sent["summary"] == "ThreePass: today's study"
    assert sent["body"].splitlines() == [
        "Passes due: 2  ·  Questions due: 3  ·  Follow-ups due: 3",
        "Moonshot: reply to the recruiter",
        "Minimax: send the take-home",
        "Qwen: Pre-training researcher",
    ]
    assert "desktop-entry" in sent["hints"]
    assert scheduler.timer.interval() == CHECK_MS  # tomorrow is far: look again in a minute
    clock.set(datetime(2026, 3, 2, 18, 0))
    assert not scheduler.check()  # once a day
    clock.set(datetime(2026, 3, 3, 9, 30))
    assert scheduler.check()
    qtbot.waitUntil(lambda: len(notifications.notifications()) == 2)


def test_a_reminder_missed_while_the_app_was_closed_goes_out_at_start(
    qtbot: QtBot,
    db: Database,
    clock: FixedClock,
    make_window: Callable[[], MainWindow],
    notifications: NotificationServer,
) -> None:
    a_day_of_study(db)
    turn_on(db, "07:00")
    make_window()  # 09:00: two hours late
    qtbot.waitUntil(lambda: len(notifications.notifications()) == 1)
    assert not ReminderService(db, clock).due_now()


def test_nothing_due_sends_nothing(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    notifications: NotificationServer,
) -> None:
    turn_on(db, "07:00")
    assert not scheduler_of(make_window()).check()
    assert notifications.notifications() == []


def test_without_a_bus_the_reminder_stays_due(
    qtbot: QtBot,
    db: Database,
    clock: FixedClock,
    make_window: Callable[[], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    a_day_of_study(db)
    window = make_window()
    turn_on(db, "07:00")
    service = ReminderService(db, clock)
    assert scheduler_of(window).check()  # claimed, then the send fails in the background
    qtbot.waitUntil(service.due_now)  # released: the next check tries again


# ---- Preferences ---------------------------------------------------------------------------
def test_preferences_set_the_reminder_and_the_tray(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from desktop.preferences.dialog import PreferencesDialog

    monkeypatch.setenv("PATH", "")  # no systemctl: the test touches no real user manager
    _service, timer = write_units(time(9, 0))  # installed earlier with --install-reminders
    window = make_window()
    dialog = PreferencesDialog(window.ctx, parent=window)
    qtbot.addWidget(dialog)
    page = dialog.reminders
    assert not page.enabled.isChecked()
    assert not page.time.isEnabled()
    page.enabled.setChecked(True)
    assert page.time.isEnabled()
    page.time.setTime(page.time.time().fromString("07:45", "HH:mm"))
    for box in page.weekdays:
        box.setChecked(int(box.property("isoWeekday")) <= 5)
    page.tray.setChecked(True)
    scheduler = scheduler_of(window)
    with qtbot.waitSignal(window.ctx.events.study_changed):
        dialog.accept()
    assert ReminderService(db).settings() == ReminderSettings(True, time(7, 45), (1, 2, 3, 4, 5))
    assert close_to_tray()
    assert "OnCalendar=*-*-* 07:45:00" in timer.read_text(encoding="utf-8")
    assert scheduler.timer.isActive()


def test_each_count_opens_the_view_that_lists_it(
    db: Database, make_window: Callable[[], MainWindow]
) -> None:
    a_day_of_study(db)
    window = make_window()
    tray = tray_of(window)
    for action, key in (
        (tray.questions_action, "questions"),
        (tray.follow_ups_action, "board"),
        (tray.passes_action, "today"),
    ):
        action.trigger()
        assert window.current_view_key() == key


def test_a_large_library_counts_in_a_worker(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """~30 ms of queries at 100k items, at start-up and after every change: off the GUI
    thread, the menu filled when they answer."""
    from desktop.widgets import background_read

    monkeypatch.setattr(background_read, "ASYNC_ITEMS", 0)
    a_day_of_study(db)
    threads: list[int] = []
    real = ReminderService.summary

    def summary(self: ReminderService, *args: object) -> object:
        threads.append(threading.get_ident())
        return real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(ReminderService, "summary", summary)
    window = make_window()
    tray = tray_of(window)
    tray.wait_counted()
    assert "Passes due: 2" in menu_texts(tray)
    assert threads
    assert threading.get_ident() not in threads
    add_follow_up(db, "Moonshot", "a second reply", datetime(2026, 3, 2).date())
    window.ctx.events.career_changed.emit()
    qtbot.waitUntil(lambda: "Follow-ups due: 4" in menu_texts(tray))
    assert threading.get_ident() not in threads
