"""Short clips made with ffmpeg, an item that plays one, and the window's StudyHub set up
for a headless mpv."""

from __future__ import annotations

import subprocess
from pathlib import Path

from desktop.main_window import MainWindow
from desktop.player.hub import StudyHub
from models.db import Database
from models.services.playback import PlaybackService
from tests.ci_tools import required_tool
from tests.planner.planner_helpers import add_item

# no window, no sound card, none of the user's configuration
HEADLESS = ("--no-config", "--vo=null", "--ao=null", "--force-window=no")


def make_clip(path: Path, seconds: int) -> Path:
    """A clip of `seconds`: a 440 Hz tone and a tiny blue picture at 10 frames a second."""
    ffmpeg = required_tool("ffmpeg", "ffmpeg")
    subprocess.run(
        [
            ffmpeg,
            *("-hide_banner", "-loglevel", "error", "-y"),
            *("-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"),
            *("-f", "lavfi", "-i", f"color=c=blue:s=32x32:d={seconds}:r=10"),
            *("-shortest", "-c:v", "mpeg4", "-c:a", "aac", str(path)),
        ],
        check=True,
        timeout=60,
    )
    return path


def clip_item(
    db: Database, clip: Path, seconds: int, speeds: tuple[float, float, float] = (1.0, 1.25, 1.5)
) -> int:
    item_id = add_item(db, "Clip 片段", minutes=seconds / 60, speeds=speeds)
    PlaybackService(db).set_local_file(item_id, str(clip))
    return item_id


def headless_hub(window: MainWindow) -> StudyHub:
    required_tool("mpv", "mpv")
    hub = window.findChild(StudyHub, "StudyHub")
    assert isinstance(hub, StudyHub)
    hub.mpv_args = HEADLESS
    hub.ask_done = lambda _sitting: False  # a modal box would wait for a click forever

    def tell(title: str, text: str) -> None:
        raise AssertionError(f"told the user: {title}: {text}")

    hub.tell = tell
    return hub
