"""The clock says which local day it is and how far local time is from UTC, for every caller."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from models.clock import FixedClock

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("hours", "today"),
    [(0, date(2026, 3, 2)), (8, date(2026, 3, 3)), (-5.5, date(2026, 3, 2))],
)
def test_a_fixed_clock_keeps_utc_and_shifts_the_local_day(hours: float, today: date) -> None:
    clock = FixedClock(datetime(2026, 3, 2, 20, 30), timedelta(hours=hours))
    assert clock.now() == datetime(2026, 3, 2, 20, 30)  # stored timestamps stay UTC
    assert clock.utc_offset() == timedelta(hours=hours)
    assert clock.today() == today


def test_a_fixed_clock_west_of_utc_is_still_on_the_previous_day() -> None:
    clock = FixedClock(datetime(2026, 3, 2, 3, 0), timedelta(hours=-5))
    assert clock.today() == date(2026, 3, 1)
    clock.advance(hours=2)
    assert clock.today() == date(2026, 3, 2)


@pytest.mark.parametrize(
    ("zone", "offset"),
    [("UTC", "0:00:00"), ("Asia/Shanghai", "8:00:00"), ("Asia/Kolkata", "5:30:00")],
)
def test_the_system_clock_follows_the_machines_time_zone(zone: str, offset: str) -> None:
    """A real process in each zone (none of them has daylight saving time)."""
    if not Path("/usr/share/zoneinfo", zone).exists():
        pytest.skip(f"no time zone data for {zone}")
    code = "from models.clock import SystemClock; print(SystemClock().utc_offset())"
    env = {**os.environ, "TZ": zone, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == offset
