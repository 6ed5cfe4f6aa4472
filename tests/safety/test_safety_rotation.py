"""The backup policy as pure functions on fixed dates: what is kept, when a backup is due."""

from __future__ import annotations

from datetime import datetime, timedelta

from models.services.backup import (
    AUTOMATIC,
    PRE_RESTORE,
    PRE_UPGRADE,
    backup_due,
    backup_name,
    parse_backup_name,
    rotation_keep,
)


def day(month: int, d: int, hour: int = 9) -> datetime:
    return datetime(2026, month, d, hour, 0, 0)


def test_thirty_daily_backups_keep_seven_days_and_four_weeks() -> None:
    # 2026-03-02 is a Monday; March 1..30 spans ISO weeks 9 (Sun 1st) to 14 (Mon 30th).
    stamps = [day(3, d) for d in range(1, 31)]
    keep = rotation_keep(stamps)
    daily = {day(3, d) for d in range(24, 31)}  # the seven newest days
    weekly = {day(3, 30), day(3, 29), day(3, 22), day(3, 15)}  # newest of weeks 14, 13, 12, 11
    assert keep == daily | weekly
    assert len(keep) == 9


def test_several_backups_a_day_keep_the_newest_of_each_day() -> None:
    stamps = [day(3, 2, h) for h in (8, 12, 23)] + [day(3, 3, h) for h in (7, 9)]
    assert rotation_keep(stamps) == {day(3, 2, 23), day(3, 3, 9)}


def test_a_long_break_never_deletes_every_older_copy() -> None:
    # Days with backups count, not calendar days: after two months away the January
    # copies are still among the last seven days that have a backup.
    stamps = [day(1, d) for d in (5, 6, 7)] + [day(3, 9)]
    assert rotation_keep(stamps) == set(stamps)


def test_weekly_copies_reach_back_four_weeks_beyond_the_dailies() -> None:
    stamps = [day(1, 5) + timedelta(days=7 * w) for w in range(10)]  # one Monday per week
    keep = rotation_keep(stamps, daily=2, weekly=4)
    assert keep == set(stamps[-4:])
    assert rotation_keep([]) == set()


def test_backup_due_at_most_once_a_day() -> None:
    last = day(3, 2, 9)
    assert backup_due(None, last)
    assert not backup_due(last, last)
    assert not backup_due(last, last + timedelta(hours=23, minutes=59))
    assert backup_due(last, last + timedelta(days=1))
    assert backup_due(last, last - timedelta(days=3))  # the clock went back: never stuck


def test_backup_names_round_trip_and_foreign_files_are_ignored() -> None:
    at = day(3, 2, 9)
    assert backup_name(AUTOMATIC, at) == "threepass-20260302-090000.sqlite3"
    assert backup_name(PRE_RESTORE, at, 2) == "pre-restore-20260302-090000-2.sqlite3"
    assert parse_backup_name("threepass-20260302-090000.sqlite3") == (AUTOMATIC, at)
    assert parse_backup_name("pre-restore-20260302-090000-2.sqlite3") == (PRE_RESTORE, at)
    assert parse_backup_name("pre-upgrade-0001-20260302-090000.sqlite3") == (PRE_UPGRADE, at)
    assert parse_backup_name("notes.sqlite3") is None
    assert parse_backup_name("threepass-20261340-090000.sqlite3") is None  # month 13
