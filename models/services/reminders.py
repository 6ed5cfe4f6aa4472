"""Today's reminder: what is due (passes, questions, application follow-ups) and when to say so.

One service feeds the tray icon, the daily notification and `threepass remind`, so the three
always agree. The counts reuse the planner's indexed due-pass statements (plan_queries) and
the review queue's own count, so they stay cheap on 100k items. The reminder's settings live
in the database (like the study rules) because `threepass remind --notify`, run by a systemd
timer while the app is closed, must read the same time, weekdays and on/off switch.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from models.career import PIPELINE
from models.clock import Clock, SystemClock
from models.db import Database
from models.errors import ValidationError
from models.services.settings import SettingsService

KEY_ENABLED = "reminder_enabled"
KEY_TIME = "reminder_time"  # "HH:MM", local time
KEY_WEEKDAYS = "reminder_weekdays"  # ISO weekdays, 1 = Monday … 7 = Sunday
KEY_LAST_SENT = "reminder_last_sent"  # ISO date of the last daily notification sent
# Off until the user turns it on: a notification nobody asked for is noise.
REMINDER_DEFAULTS: dict[str, Any] = {
    KEY_ENABLED: False,
    KEY_TIME: "09:00",
    KEY_WEEKDAYS: [1, 2, 3, 4, 5, 6, 7],
}
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")

_FOLLOW_UPS = f"""
    SELECT c.name, a.role, a.next_action, a.next_action_due
    FROM applications AS a JOIN companies AS c ON c.id = a.company_id
    WHERE a.next_action_due IS NOT NULL AND a.next_action_due <= :day
      AND a.status IN ({", ".join(f"'{s}'" for s in PIPELINE)})
    ORDER BY a.next_action_due, c.name, a.id
"""


@dataclass(frozen=True)
class ReminderSettings:
    enabled: bool
    at: time
    weekdays: tuple[int, ...]  # ISO weekdays

    def to_values(self) -> dict[str, Any]:
        """The stored form, for SettingsService.set_many."""
        return {
            KEY_ENABLED: self.enabled,
            KEY_TIME: self.at.strftime("%H:%M"),
            KEY_WEEKDAYS: list(self.weekdays),
        }

    def is_reminder_day(self, day: date) -> bool:
        return self.enabled and day.isoweekday() in self.weekdays


def parse_time(text: str) -> time:
    match = _TIME.match(text.strip())
    if match is None:
        raise ValidationError(f"A reminder time is HH:MM (24-hour), not {text!r}.")
    return time(int(match.group(1)), int(match.group(2)))


def settings_from(values: dict[str, Any]) -> ReminderSettings:
    """Stored values (missing or damaged ones fall back to the defaults)."""
    try:
        at = parse_time(str(values.get(KEY_TIME) or REMINDER_DEFAULTS[KEY_TIME]))
    except ValidationError:
        at = parse_time(REMINDER_DEFAULTS[KEY_TIME])
    raw = values.get(KEY_WEEKDAYS)
    if not isinstance(raw, list):
        raw = REMINDER_DEFAULTS[KEY_WEEKDAYS]
    weekdays = tuple(sorted({d for d in raw if isinstance(d, int) and 1 <= d <= 7}))
    return ReminderSettings(enabled=values.get(KEY_ENABLED) is True, at=at, weekdays=weekdays)


@dataclass(frozen=True)
class FollowUp:
    company: str
    role: str
    action: str | None
    due: date


@dataclass(frozen=True)
class ReminderSummary:
    day: date
    passes_due: int
    questions_due: int
    follow_ups: tuple[FollowUp, ...]  # open applications whose next action is due (or overdue)

    @property
    def total(self) -> int:
        return self.passes_due + self.questions_due + len(self.follow_ups)


def follow_up_text(follow_up: FollowUp) -> str:
    """'Minimax: send the take-home' (the role when no next action was written down)."""
    return f"{follow_up.company}: {follow_up.action or follow_up.role}"


def follow_up_lines(summary: ReminderSummary, *, limit: int = 10) -> list[str]:
    """The follow-ups named, one a line, the late ones with their date."""
    lines = []
    for follow_up in summary.follow_ups[:limit]:
        late = "" if follow_up.due >= summary.day else f" (due {follow_up.due.isoformat()})"
        lines.append(f"{follow_up_text(follow_up)}{late}")
    if len(summary.follow_ups) > limit:
        lines.append(f"and {len(summary.follow_ups) - limit} more")
    return lines


def summary_text(summary: ReminderSummary) -> str:
    """The summary `threepass remind` prints (English, like the rest of the CLI)."""
    lines = [
        f"Passes due: {summary.passes_due}",
        f"Questions due: {summary.questions_due}",
        f"Follow-ups due: {len(summary.follow_ups)}",
    ]
    lines += [f"  {line}" for line in follow_up_lines(summary)]
    return "\n".join(lines)


def local_now(clock: Clock) -> datetime:
    """The user's wall-clock time, naive, from the settable clock."""
    return clock.now() + clock.utc_offset()


def next_reminder(settings: ReminderSettings, now: datetime) -> datetime | None:
    """The next local moment after `now` at which the daily reminder is due, or None if off."""
    if not settings.enabled or not settings.weekdays:
        return None
    for ahead in range(8):
        day = now.date() + timedelta(days=ahead)
        moment = datetime.combine(day, settings.at)
        if moment > now and settings.is_reminder_day(day):
            return moment
    return None


class ReminderService:
    """Today's counts and the daily reminder's settings and bookkeeping."""

    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self._db = db
        self._clock = clock or SystemClock()
        self._settings = SettingsService(db)

    @property
    def clock(self) -> Clock:
        return self._clock

    # ---- settings ------------------------------------------------------------------------
    def settings(self) -> ReminderSettings:
        return settings_from({key: self._settings.get(key) for key in REMINDER_DEFAULTS})

    def save_settings(self, settings: ReminderSettings) -> None:
        self._settings.set_many(settings.to_values())

    # ---- what is due ---------------------------------------------------------------------
    def summary(self, day: date | None = None) -> ReminderSummary:
        """Counts for `day` (default today): a handful of indexed statements."""
        from models.services.plan_queries import driver_rows, due_passes, stamp
        from models.services.plan_rules import local_midnight_utc
        from models.services.review import QuestionService

        day = day or self._clock.today()
        spacing = self._settings.get("pass_spacing_days") or [1, 7]
        offset = self._clock.utc_offset()
        cut = [stamp(local_midnight_utc(day - timedelta(days=int(n) - 1), offset)) for n in spacing]
        with self._db.read() as s:
            # pool 1: the planner's statements count every due pass; one is read
            _ids, passes_due = due_passes(s, cut, (int(spacing[0]), int(spacing[1])), 1)
            rows = driver_rows(s, _FOLLOW_UPS, {"day": day.isoformat()})
        follow_ups = tuple(
            FollowUp(str(name), str(role), action or None, date.fromisoformat(str(due)[:10]))
            for name, role, action, due in rows
        )
        questions_due = QuestionService(self._db, self._clock).due_count(day)
        return ReminderSummary(day, passes_due, questions_due, follow_ups)

    # ---- the daily notification ----------------------------------------------------------
    def due_now(self) -> bool:
        """Whether today's reminder should go out now: on, a chosen weekday, its time
        reached, and not sent today yet (by the app or by `threepass remind --notify`)."""
        settings = self.settings()
        now = local_now(self._clock)
        if not settings.is_reminder_day(now.date()) or now.time() < settings.at:
            return False
        return bool(self._settings.get(KEY_LAST_SENT) != now.date().isoformat())

    def claim_today(self) -> bool:
        """Record that today's reminder is being sent; False if it was already.

        Read and write in one transaction (it holds the write lock), so the app and the
        systemd timer firing at the same minute send one notification between them.
        """
        from models.library import Setting

        today = json.dumps(local_now(self._clock).date().isoformat())
        with self._db.transaction() as s:
            row = s.get(Setting, KEY_LAST_SENT)
            if row is not None and row.value == today:
                return False
            s.merge(Setting(key=KEY_LAST_SENT, value=today))
        return True

    def release_today(self) -> None:
        """Undo claim_today after a notification that could not be shown (retried later)."""
        from models.library import Setting

        with self._db.transaction() as s:
            row = s.get(Setting, KEY_LAST_SENT)
            if row is not None:
                s.delete(row)
