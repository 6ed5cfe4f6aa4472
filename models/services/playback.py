"""Watching a pass in the player: what to play, where to resume, and the time it records.

A sitting in the player is a StudySession like the timer's, but written with its end
already set (the player, not the database, knows whether it still runs): the first
checkpoint adds the row, later ones update its minutes and end, so a crash loses at most
the time since the last checkpoint. The pass's minutes grow by the same amounts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from models.clock import Clock, SystemClock
from models.db import Database
from models.errors import NotFoundError, ValidationError
from models.kinds import PLATFORMS
from models.library import Item, PassStatus, StudySession
from models.playback import ItemVideoFile, PassPosition
from models.services.settings import SettingsService
from models.services.timer import pass_and_item
from models.speeds import time_at_speed


@dataclass(frozen=True)
class VideoSource:
    location: str  # a URL or a file path
    kind: str  # "file" or a platform name


@dataclass(frozen=True)
class Sitting:
    """What the player needs to open one pass."""

    item_id: int
    pass_number: int
    title: str
    speed: float
    source: VideoSource | None  # None: nothing mpv can play (no link, file gone)
    resume_at: float | None
    duration_seconds: int | None
    page_url: str | None  # what the browser opens when mpv cannot


@dataclass(frozen=True)
class Checkpoint:
    session_id: int | None  # None until something was watched
    minutes: float  # this sitting so far
    pass_minutes_total: float


def video_source(item: Item, local_file: str | None, preferred: str) -> VideoSource | None:
    """A downloaded file that still exists first, then the preferred platform, then the rest."""
    if local_file and Path(local_file).is_file():
        return VideoSource(local_file, "file")
    order = [preferred, *(p for p in PLATFORMS if p != preferred)]
    for platform in order:
        url = getattr(item, f"link_{platform}", None)
        if url:
            return VideoSource(url, platform)
    return None


class PlaybackService:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self._db = db
        self._clock = clock or SystemClock()
        self._settings = SettingsService(db)

    def sitting(self, item_id: int, pass_number: int) -> Sitting:
        """Open a pass for watching: a pass not started yet is now in progress."""
        preferred = str(self._settings.get("default_video_platform") or "bilibili")
        now = self._clock.now()
        with self._db.transaction() as s:
            p, item = pass_and_item(s, item_id, pass_number)
            if p.status == PassStatus.TODO:
                p.status = PassStatus.IN_PROGRESS
                p.started_at = p.started_at or now
            video = s.get(ItemVideoFile, item_id)
            source = video_source(item, video.path if video else None, preferred)
            position = s.get(PassPosition, p.id)
            return Sitting(
                item.id,
                p.number,
                item.title,
                p.speed or 1.0,
                source,
                position.seconds if position else None,
                item.duration_seconds,
                source.location if source and source.kind != "file" else item.url,
            )

    def checkpoint(
        self,
        item_id: int,
        pass_number: int,
        *,
        session_id: int | None,
        played_seconds: float,
        position: float | None,
    ) -> Checkpoint:
        """Record the sitting so far: its minutes (added once to the pass) and where it is."""
        if played_seconds < 0:
            raise ValidationError("Time played cannot be negative.")
        now = self._clock.now()
        minutes = played_seconds / 60.0
        with self._db.transaction() as s:
            p, _item = pass_and_item(s, item_id, pass_number)
            session = s.get(StudySession, session_id) if session_id is not None else None
            _save_position(s, p.id, position, now)
            if session is None and minutes == 0:
                return Checkpoint(None, 0.0, p.minutes_spent)  # nothing watched yet
            if session is None:
                session = StudySession(
                    pass_id=p.id,
                    started_at=now - timedelta(minutes=minutes),
                    ended_at=now,
                    minutes=0.0,
                    manual=False,
                )
                s.add(session)
            p.minutes_spent = max(0.0, (p.minutes_spent or 0.0) + minutes - session.minutes)
            session.minutes = minutes
            session.ended_at = max(now, session.started_at)
            s.flush()
            return Checkpoint(session.id, minutes, p.minutes_spent)

    def position(self, item_id: int, pass_number: int) -> float | None:
        with self._db.read() as s:
            p, _item = pass_and_item(s, item_id, pass_number)
            found = s.get(PassPosition, p.id)
            return found.seconds if found else None

    def local_file(self, item_id: int) -> str | None:
        with self._db.read() as s:
            found = s.get(ItemVideoFile, item_id)
            return found.path if found else None

    def set_local_file(self, item_id: int, path: str | None) -> None:
        """The item's downloaded video (None or "" forgets it)."""
        with self._db.transaction() as s:
            if s.get(Item, item_id) is None:
                raise NotFoundError(f"No item with id {item_id}.")
            found = s.get(ItemVideoFile, item_id)
            if not path:
                if found is not None:
                    s.delete(found)
                return
            if found is None:
                s.add(ItemVideoFile(item_id=item_id, path=path))
            else:
                found.path = path

    def unrecorded_length(self, item_id: int, pass_number: int) -> float | None:
        """Minutes the pass takes at its speed when none are recorded on it yet (Done offers
        to log them); None when time is recorded or the length is unknown."""
        with self._db.read() as s:
            p, item = pass_and_item(s, item_id, pass_number)
            if (p.minutes_spent or 0) > 0 or not item.duration_seconds:
                return None
            return time_at_speed(item.duration_seconds / 60.0, p.speed)


def _save_position(s: Session, pass_id: int, seconds: float | None, now: datetime) -> None:
    found = s.get(PassPosition, pass_id)
    if seconds is None:
        if found is not None:
            s.delete(found)
    elif found is None:
        s.add(PassPosition(pass_id=pass_id, seconds=seconds, saved_at=now))
    else:
        found.seconds = seconds
        found.saved_at = now
