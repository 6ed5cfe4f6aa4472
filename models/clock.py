"""An injectable clock so planner, review and timer logic can be tested on fixed dates."""

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


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC).replace(tzinfo=None)

    def today(self) -> date:
        return date.today()


class FixedClock:
    """A clock for tests: it only moves when told to."""

    def __init__(self, at: datetime) -> None:
        self._at = at

    def now(self) -> datetime:
        return self._at

    def today(self) -> date:
        return self._at.date()

    def advance(self, **kwargs: float) -> None:
        self._at += timedelta(**kwargs)

    def set(self, at: datetime) -> None:
        self._at = at
