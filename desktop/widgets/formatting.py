"""Video lengths, speeds, the timer's clock and timestamps as the UI shows them.

One meaning per name: `format_duration` is a video's length ("1:27:05"), `format_stopwatch`
the running timer ("01:27:05"), `format_speed` a playback speed ("1.25×", with the
language's decimal separator). Durations in words ("1 h 10 min") are i18n.format_minutes.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from PySide6.QtCore import QLocale

from desktop import i18n

_CLOCK_RE = re.compile(r"^\s*(?:(\d+):)?(\d{1,2}):(\d{1,2})\s*$")
_MINUTES_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:m|min|分钟)?\s*$", re.IGNORECASE)


def format_duration(seconds: int | float | None) -> str:
    """h:mm:ss, the way video players show lengths ("" when unknown)."""
    if seconds is None:
        return ""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def format_stopwatch(seconds: float) -> str:
    """The running timer: always hh:mm:ss, so the digits do not jump as it counts."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def format_speed(speed: float) -> str:
    """1.25 → "1.25×", 1.0 → "1×": the multiplication sign and the locale's decimal point."""
    text = QLocale().toString(float(speed), "f", 2)
    point = QLocale().decimalPoint()
    if point in text:
        text = text.rstrip("0").rstrip(point)
    return f"{text}×"


def parse_duration(text: str) -> int | None:
    """Accept "1:27:05", "27:05" or plain minutes ("45", "45 min"); "" means unknown.

    Raises ValueError with a readable sentence on anything else.
    """
    text = text.strip()
    if not text:
        return None
    match = _CLOCK_RE.match(text)
    if match:
        hours = int(match.group(1) or 0)
        minutes, secs = int(match.group(2)), int(match.group(3))
        if secs >= 60 or (match.group(1) is not None and minutes >= 60):
            raise ValueError(f"{text!r} is not a valid duration.")
        return hours * 3600 + minutes * 60 + secs
    match = _MINUTES_RE.match(text)
    if match:
        return round(float(match.group(1)) * 60)
    raise ValueError(f"{text!r} is not a duration; write h:mm:ss, mm:ss or minutes.")


def local_time(stamp: datetime | None) -> datetime | None:
    """The database keeps naive UTC; the user reads local time."""
    if stamp is None:
        return None
    return stamp.replace(tzinfo=UTC).astimezone()


def format_stamp(stamp: datetime | None) -> str:
    """Local date and time in the UI language's own short format."""
    local = local_time(stamp)
    return i18n.format_datetime(local.replace(tzinfo=None)) if local is not None else ""
