"""mpv's side of the player, without Qt: its command line, its JSON IPC lines, and the tally
of time actually watched.

The desktop (desktop/player/) runs the process and carries the lines over a QLocalSocket;
everything that decides what a line means lives here so it can be tested without a window.

Time watched is counted from the media clock, not the wall clock: each step of `time-pos`
divided by the speed it was played at. A paused player, a network stall or a seek adds
nothing; 6 s of video at 1.5x adds 4 s.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# properties watched over the socket; their ids are their positions here, from 1
OBSERVED = ("pause", "speed", "time-pos", "duration", "eof-reached")
# a step of time-pos longer than this (media seconds) with no seek announced is not counted:
# a jump mpv did not report as a seek cannot be time watched
MAX_STEP = 10.0
# a position this close to either end is not worth resuming from
RESUME_MARGIN = 5.0


def find_mpv() -> str | None:
    """The mpv executable on PATH (mpv.com on Windows runs without a console window flash)."""
    return shutil.which("mpv")


def find_ytdlp() -> str | None:
    """yt-dlp next to this Python (ThreePass installs it) or else on PATH."""
    scripts = Path(sys.executable).parent
    for name in ("yt-dlp", "yt-dlp.exe"):
        candidate = scripts / name
        if candidate.is_file():
            return str(candidate)
    return shutil.which("yt-dlp")


def command_line(
    mpv: str,
    source: str,
    *,
    speed: float,
    ipc_path: str,
    start: float | None = None,
    title: str = "",
    ytdl: str | None = None,
    extra: tuple[str, ...] = (),
) -> list[str]:
    """mpv's arguments: paused until the socket is watched, so no second goes uncounted."""
    args = [
        mpv,
        "--pause",
        "--keep-open=yes",  # at the end it stays (the last slide), and says eof-reached
        f"--speed={speed:g}",
        f"--input-ipc-server={ipc_path}",
        "--force-window=yes",
    ]
    if start is not None and start > 0:
        args.append(f"--start={start:.1f}")
    if title:
        args.append(f"--force-media-title={title}")
    if ytdl:
        args.append(f"--script-opts=ytdl_hook-ytdl_path={ytdl}")
    args.extend(extra)
    args.extend(["--", source])
    return args


def encode(*command: Any) -> bytes:
    """One IPC request line."""
    return (json.dumps({"command": list(command)}) + "\n").encode()


def observe_requests() -> bytes:
    """The lines that start watching OBSERVED, then let the video play."""
    lines = [encode("observe_property", i, name) for i, name in enumerate(OBSERVED, 1)]
    lines.append(encode("set_property", "pause", False))
    return b"".join(lines)


class LineBuffer:
    """Splits the socket's bytes into JSON messages; a partial line waits for the rest."""

    def __init__(self) -> None:
        self._pending = b""

    def feed(self, data: bytes) -> Iterator[dict[str, Any]]:
        self._pending += data
        *lines, self._pending = self._pending.split(b"\n")
        for line in lines:
            if not line.strip():
                continue
            try:
                message = json.loads(line)
            except ValueError:
                continue  # not ours to fix; the next line is whole
            if isinstance(message, dict):
                yield message


@dataclass
class Tally:
    """The state of one sitting, from mpv's messages: position, speed, time watched."""

    start_position: float | None = None
    played_seconds: float = 0.0  # wall time spent playing (media time ÷ speed)
    position: float | None = None
    duration: float | None = None
    speed: float = 1.0
    paused: bool = True
    eof: bool = False
    _last: float | None = field(default=None, repr=False)

    def feed(self, message: dict[str, Any]) -> str | None:
        """Take one message; returns the property or event it changed, if any."""
        event = message.get("event")
        if event in ("seek", "start-file", "end-file"):
            self._last = None  # the next time-pos is a new starting point
            return str(event)
        if event != "property-change":
            return None
        name, data = message.get("name"), message.get("data")
        if name == "time-pos":
            self._time_pos(data)
        elif name == "speed" and isinstance(data, int | float) and data > 0:
            self.speed = float(data)
        elif name == "pause" and isinstance(data, bool):
            self.paused = data
        elif name == "duration" and isinstance(data, int | float):
            self.duration = float(data)
        elif name == "eof-reached":
            self.eof = data is True
        else:
            return None
        return str(name)

    def _time_pos(self, data: object) -> None:
        if not isinstance(data, int | float):
            self._last = None  # unloaded (end of file, a new file coming)
            return
        now = float(data)
        if self._last is not None:
            step = now - self._last
            if 0 < step <= MAX_STEP:
                self.played_seconds += step / self.speed
        elif self.start_position is None:
            self.start_position = now
        self._last = now
        self.position = now

    def resume_position(self) -> float | None:
        """Where the next sitting should start: None at the start, at the end or unknown."""
        if self.eof or self.position is None or self.position < RESUME_MARGIN:
            return None
        if self.duration is not None and self.position > self.duration - RESUME_MARGIN:
            return None
        return self.position
