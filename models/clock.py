"""An injectable clock so planner, review and timer logic can be tested on fixed dates.

Timestamps are stored as naive UTC; the clock also says which local calendar day it is and how
far local time is from UTC, so that every "today" and every local-day boundary comes from the
one clock the app (or a test) was given.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """Naive UTC now."""
        ...

    def today(self) -> date:
        """The user's local calendar date."""
        ...

    def utc_offset(self) -> timedelta:
        """Local time minus UTC, to turn stored UTC timestamps into local days."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC).replace(tzinfo=None)

    def today(self) -> date:
        return date.today()

    def utc_offset(self) -> timedelta:
        return datetime.now().astimezone().utcoffset() or timedelta(0)


class FixedClock:
    """A clock for tests: it only moves when told to.

    It lives in UTC unless given an offset, so that tests do not depend on the machine's
    time zone; an offset stands for a user east (positive) or west (negative) of UTC.
    """

    def __init__(self, at: datetime, offset: timedelta = timedelta(0)) -> None:
        self._at = at
        self._offset = offset

    def now(self) -> datetime:
        return self._at

    def today(self) -> date:
        return (self._at + self._offset).date()

    def utc_offset(self) -> timedelta:
        return self._offset

    def advance(self, **kwargs: float) -> None:
        self._at += timedelta(**kwargs)

    def set(self, at: datetime) -> None:
        self._at = at
