"""Today's counts and the daily reminder's rules (models/services/reminders.py)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from models.clock import FixedClock
from models.db import Database
from models.errors import ValidationError
from models.services.reminders import (
    KEY_TIME,
    KEY_WEEKDAYS,
    FollowUp,
    ReminderService,
    ReminderSettings,
    next_reminder,
    parse_time,
    summary_text,
)
from models.services.review import QuestionService
from models.services.settings import SettingsService
from tests.reminders.reminders_support import a_day_of_study, turn_on


def test_counts_passes_questions_and_open_follow_ups_due(db: Database, clock: FixedClock) -> None:
    a_day_of_study(db)
    summary = ReminderService(db, clock).summary()
    assert summary.day == date(2026, 3, 2)
    assert summary.passes_due == 2  # Attention's pass 2, BERT's pass 3
    assert summary.questions_due == 3 == QuestionService(db, clock).due_count()
    assert summary.follow_ups == (
        FollowUp("Moonshot", "LLM engineer", "reply to the recruiter", date(2026, 2, 27)),
        FollowUp("Minimax", "LLM engineer", "send the take-home", date(2026, 3, 2)),
        FollowUp("Qwen", "Pre-training researcher", None, date(2026, 3, 2)),
    )
    assert summary.total == 8
    assert summary_text(summary).splitlines() == [
        "Passes due: 2",
        "Questions due: 3",
        "Follow-ups due: 3",
        "  Moonshot: reply to the recruiter (due 2026-02-27)",
        "  Minimax: send the take-home",
        "  Qwen: Pre-training researcher",
    ]


def test_counts_follow_the_day_asked_for(db: Database, clock: FixedClock) -> None:
    a_day_of_study(db)
    later = ReminderService(db, clock).summary(date(2026, 3, 5))
    assert later.passes_due == 3  # GPT-3's pass 2 too
    assert [f.company for f in later.follow_ups] == ["Moonshot", "Minimax", "Qwen", "Zhipu"]


def test_an_empty_library_has_nothing_due(db: Database, clock: FixedClock) -> None:
    summary = ReminderService(db, clock).summary()
    assert (summary.passes_due, summary.questions_due, summary.follow_ups) == (0, 0, ())


def test_next_reminder_skips_the_days_not_chosen() -> None:
    workdays = ReminderSettings(True, time(9, 30), (1, 2, 3, 4, 5))
    friday = datetime(2026, 3, 6, 10, 0)
    assert next_reminder(workdays, friday) == datetime(2026, 3, 9, 9, 30)  # Monday
    monday = datetime(2026, 3, 9, 9, 0)
    assert next_reminder(workdays, monday) == datetime(2026, 3, 9, 9, 30)
    assert next_reminder(workdays, datetime(2026, 3, 9, 9, 30)) == datetime(2026, 3, 10, 9, 30)
    assert next_reminder(ReminderSettings(False, time(9, 30), (1,)), monday) is None
    assert next_reminder(ReminderSettings(True, time(9, 30), ()), monday) is None


def test_the_reminder_is_due_once_a_day_from_its_time(db: Database, clock: FixedClock) -> None:
    service = ReminderService(db, clock)
    clock.set(datetime(2026, 3, 2, 8, 59))
    assert not service.due_now()  # off by default
    turn_on(db, "09:00")
    assert not service.due_now()
    clock.set(datetime(2026, 3, 2, 9, 0))
    assert service.due_now()
    assert service.claim_today()
    assert not service.due_now()
    assert not service.claim_today()  # the app and the timer: one notification between them
    service.release_today()  # it could not be shown: still due
    assert service.due_now()
    assert service.claim_today()
    clock.set(datetime(2026, 3, 3, 8, 0))
    assert not service.due_now()
    clock.set(datetime(2026, 3, 3, 21, 0))
    assert service.due_now()  # missed at 09:00 (asleep, not running): sent late, once


def test_the_time_is_the_users_local_time(db: Database) -> None:
    beijing = FixedClock(datetime(2026, 3, 2, 1, 0), offset=timedelta(hours=8))
    turn_on(db, "09:00")
    service = ReminderService(db, beijing)
    assert service.due_now()  # 01:00 UTC is 09:00 in Beijing
    beijing.set(datetime(2026, 3, 2, 0, 59))
    assert not service.due_now()


def test_only_the_chosen_weekdays(db: Database, clock: FixedClock) -> None:
    turn_on(db, "09:00", weekdays=(6, 7))
    assert not ReminderService(db, clock).due_now()  # 2026-03-02 is a Monday
    clock.set(datetime(2026, 3, 7, 9, 0))
    assert ReminderService(db, clock).due_now()


def test_settings_round_trip_and_damaged_values_fall_back(db: Database) -> None:
    service = ReminderService(db)
    assert service.settings() == ReminderSettings(False, time(9, 0), (1, 2, 3, 4, 5, 6, 7))
    chosen = ReminderSettings(True, time(21, 5), (1, 3, 5))
    service.save_settings(chosen)
    assert service.settings() == chosen
    SettingsService(db).set_many({KEY_TIME: "25:00", KEY_WEEKDAYS: [0, 3, "x", 8, 3]})
    assert service.settings() == ReminderSettings(True, time(9, 0), (3,))


@pytest.mark.parametrize("text", ["9", "24:00", "09:60", "nine", ""])
def test_a_time_is_hh_mm(text: str) -> None:
    with pytest.raises(ValidationError, match="HH:MM"):
        parse_time(text)
    assert parse_time(" 7:05 ") == time(7, 5)
