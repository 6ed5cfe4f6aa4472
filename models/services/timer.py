"""The study timer: one running StudySession at a time, whose minutes go to its pass.

A running timer is a StudySession with `ended_at` NULL, so it survives a restart. Pausing
closes the current segment (its minutes are saved at once) and resuming opens a new one on
the same pass: nothing is lost if the app dies while paused. A timer that ran longer than
`timer_cap_minutes` (forgotten over night) is stopped at the cap; the result says so and
`keep_minutes()` lets the user choose how much of the real time to keep.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.clock import Clock, SystemClock
from models.db import Database
from models.errors import NotFoundError, ValidationError
from models.library import Item, Pass, PassStatus, StudySession
from models.services.settings import SettingsService

MAX_MANUAL_MINUTES = 24 * 60


class TimerRunningError(ValidationError):
    """Only one timer runs at a time."""


class NoTimerError(ValidationError):
    """Stop or pause without a running timer (or for another pass)."""


@dataclass(frozen=True)
class RunningTimer:
    session_id: int
    item_id: int
    title: str
    pass_number: int
    speed: float
    started_at: datetime

    def elapsed_minutes(self, now: datetime) -> float:
        return max(0.0, (now - self.started_at).total_seconds() / 60.0)


@dataclass(frozen=True)
class StoppedTimer:
    session_id: int
    item_id: int
    title: str
    pass_number: int
    minutes: float  # what was added to the pass
    raw_minutes: float  # how long the timer really ran
    capped: bool
    pass_minutes_total: float


def close_session(session: StudySession, p: Pass, now: datetime, cap: float) -> float:
    """End a running session now and add its minutes (at most `cap`) to its pass; the raw
    minutes it ran are returned. The one way a timer ends: Stop, Done, Ctrl+1, the CLI."""
    raw = max(0.0, (now - session.started_at).total_seconds() / 60.0)
    session.ended_at = now
    session.minutes = min(raw, cap)
    p.minutes_spent = (p.minutes_spent or 0.0) + session.minutes
    return raw


def running_on(s: Session, p: Pass) -> StudySession | None:
    """The timer's open session on this pass, if it is the one timing."""
    return s.scalar(
        select(StudySession)
        .where(StudySession.pass_id == p.id, StudySession.ended_at.is_(None))
        .order_by(StudySession.started_at.desc())
        .limit(1)
    )


class TimerService:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self._db = db
        self._clock = clock or SystemClock()
        self._settings = SettingsService(db)

    def running(self) -> RunningTimer | None:
        with self._db.read() as s:
            row = self._running_row(s)
            if row is None:
                return None
            session, p, item = row
            return RunningTimer(
                session.id, item.id, item.title, p.number, p.speed, session.started_at
            )

    def start(self, item_id: int, pass_number: int) -> RunningTimer:
        """Start timing a pass (marks a todo pass in progress)."""
        now = self._clock.now()
        with self._db.transaction() as s:
            current = self._running_row(s)
            if current is not None:
                _, p, item = current
                raise TimerRunningError(
                    f"A timer is already running on #{item.id} {item.title} pass {p.number}; "
                    "stop it first."
                )
            p, item = pass_and_item(s, item_id, pass_number)
            if p.status == PassStatus.TODO:
                p.status = PassStatus.IN_PROGRESS
                p.started_at = p.started_at or now
            session = StudySession(pass_id=p.id, started_at=now, ended_at=None, minutes=0.0)
            s.add(session)
            s.flush()
            return RunningTimer(session.id, item.id, item.title, p.number, p.speed, now)

    def stop(self, item_id: int | None = None, pass_number: int | None = None) -> StoppedTimer:
        """Close the running session and add its minutes (capped) to the pass.

        With item_id/pass_number given, refuses to stop a timer running on another pass.
        """
        now = self._clock.now()
        cap = float(self._settings.get("timer_cap_minutes") or 180)
        with self._db.transaction() as s:
            current = self._running_row(s)
            if current is None:
                raise NoTimerError("No timer is running.")
            session, p, item = current
            if item_id is not None and (item.id != item_id or p.number != pass_number):
                raise NoTimerError(
                    f"The running timer is on #{item.id} pass {p.number}, "
                    f"not #{item_id} pass {pass_number}."
                )
            raw = close_session(session, p, now, cap)
            return StoppedTimer(
                session.id,
                item.id,
                item.title,
                p.number,
                session.minutes,
                raw,
                raw > cap,
                p.minutes_spent,
            )

    def keep_minutes(self, session_id: int, minutes: float) -> StoppedTimer:
        """Change how many minutes a finished session counts (the answer to 'forgotten timer')."""
        with self._db.transaction() as s:
            session = s.get(StudySession, session_id)
            if session is None or session.ended_at is None:
                raise NotFoundError(f"No finished study session with id {session_id}.")
            raw = (session.ended_at - session.started_at).total_seconds() / 60.0
            if not 0 <= minutes <= raw + 1e-6:
                raise ValidationError(
                    f"Keep between 0 and {raw:.0f} minutes (how long the timer ran)."
                )
            p = s.get(Pass, session.pass_id)
            item = s.get(Item, p.item_id) if p is not None else None
            if p is None or item is None:
                raise NotFoundError(f"The pass of session {session_id} no longer exists.")
            p.minutes_spent = max(0.0, (p.minutes_spent or 0.0) - session.minutes + minutes)
            session.minutes = minutes
            return StoppedTimer(
                session.id, item.id, item.title, p.number, minutes, raw, False, p.minutes_spent
            )

    def add_manual(self, item_id: int, pass_number: int, minutes: float) -> StoppedTimer:
        """Time entered by hand: a manual session ending now, its minutes added to the pass."""
        if not 0 < minutes <= MAX_MANUAL_MINUTES:
            raise ValidationError(
                f"Enter between 1 and {MAX_MANUAL_MINUTES} minutes, not {minutes:g}."
            )
        now = self._clock.now()
        with self._db.transaction() as s:
            p, item = pass_and_item(s, item_id, pass_number)
            session = StudySession(
                pass_id=p.id,
                started_at=now - timedelta(minutes=minutes),
                ended_at=now,
                minutes=float(minutes),
                manual=True,
            )
            s.add(session)
            p.minutes_spent = (p.minutes_spent or 0.0) + minutes
            s.flush()
            return StoppedTimer(
                session.id, item.id, item.title, p.number, minutes, minutes, False, p.minutes_spent
            )

    def cap_minutes(self) -> float:
        return float(self._settings.get("timer_cap_minutes") or 180)

    @staticmethod
    def _running_row(s: Session) -> tuple[StudySession, Pass, Item] | None:
        row = s.execute(
            select(StudySession, Pass, Item)
            .join(Pass, Pass.id == StudySession.pass_id)
            .join(Item, Item.id == Pass.item_id)
            .where(StudySession.ended_at.is_(None))
            .order_by(StudySession.started_at.desc())
            .limit(1)
        ).first()
        if row is None:
            return None
        return row[0], row[1], row[2]


def pass_and_item(s: Session, item_id: int, pass_number: int) -> tuple[Pass, Item]:
    """The pass a timer or a player records on, with its item; one sentence when missing."""
    if pass_number not in (1, 2, 3):
        raise ValidationError(f"A pass number is 1, 2 or 3, not {pass_number}.")
    item = s.get(Item, item_id)
    if item is None:
        raise NotFoundError(f"No item with id {item_id}.")
    p = s.scalar(select(Pass).where(Pass.item_id == item_id, Pass.number == pass_number))
    if p is None:
        raise NotFoundError(f"Item #{item_id} has no pass {pass_number}.")
    return p, item
