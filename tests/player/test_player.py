"""A pass watched in a real mpv (headless) records the time actually played, at its speed.

The amounts are checked with generous tolerances (mpv reports time-pos at the clip's 10
frames a second); nothing here asserts how fast our code is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.main_window import MainWindow
from desktop.player.chip import StudyChip
from desktop.player.hub import StudyHub
from models.db import Database
from models.library import Pass, StudySession
from models.services.playback import PlaybackService, Sitting
from tests.player.player_support import clip_item, headless_hub, make_clip

WindowFactory = Callable[[], MainWindow]
WAIT_MS = 30_000  # generous: two cores shared by many test runs
TOLERANCE = 0.7  # seconds


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("clips")
    return {n: make_clip(folder / f"clip{n}.mp4", n) for n in (6, 16)}


def pass_row(db: Database, item_id: int, number: int) -> tuple[str, float, list[float]]:
    """(status, minutes spent, minutes of each study session) of one pass."""
    with db.read() as s:
        p = s.scalars(select(Pass).where(Pass.item_id == item_id, Pass.number == number)).one()
        sessions = s.scalars(select(StudySession.minutes).where(StudySession.pass_id == p.id))
        return p.status, p.minutes_spent, list(sessions)


def chip(window: MainWindow) -> StudyChip:
    found = window.findChild(StudyChip, "StudyChip")
    assert isinstance(found, StudyChip)
    return found


def close_player(qtbot: QtBot, window: MainWindow, hub: StudyHub) -> None:
    """Stop from the status bar, as a user would, and wait for the time to be written."""
    qtbot.mouseClick(chip(window).stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not hub.sessions(), timeout=WAIT_MS)


def test_at_1_5x_the_time_recorded_is_the_length_divided_by_1_5_and_the_end_asks_done(
    qtbot: QtBot, make_window: WindowFactory, db: Database, clips: dict[int, Path]
) -> None:
    item_id = clip_item(db, clips[6], 6)
    window = make_window()
    hub = headless_hub(window)
    asked: list[Sitting] = []

    def answer_yes(sitting: Sitting) -> bool:
        asked.append(sitting)
        return True

    hub.ask_done = answer_yes

    window.ctx.events.watch_requested.emit(item_id, 3)
    (session,) = hub.sessions()
    assert "--speed=1.5" in session.process.arguments()
    qtbot.waitUntil(lambda: chip(window).isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT_MS)  # the end of the file
    assert [(s.item_id, s.pass_number) for s in asked] == [(item_id, 3)]
    assert "1.5×" in chip(window).label.text()
    close_player(qtbot, window, hub)

    status, minutes, sessions = pass_row(db, item_id, 3)
    assert status == "done"
    assert minutes * 60 == pytest.approx(6 / 1.5, abs=TOLERANCE)
    assert len(sessions) == 1
    assert sessions[0] == pytest.approx(minutes)
    assert PlaybackService(db).position(item_id, 3) is None  # watched to the end: from 0
    assert not chip(window).isVisible()


def test_a_pause_is_not_counted(
    qtbot: QtBot, make_window: WindowFactory, db: Database, clips: dict[int, Path]
) -> None:
    item_id = clip_item(db, clips[6], 6)
    window = make_window()
    hub = headless_hub(window)
    hub.ask_done = lambda _sitting: False
    session = hub.watch(item_id, 1)
    assert session is not None
    qtbot.waitUntil(lambda: (session.tally.position or 0) >= 1.0, timeout=WAIT_MS)
    session.set_pause(True)
    qtbot.waitUntil(lambda: session.tally.paused, timeout=WAIT_MS)
    assert "(paused)" in chip(window).label.text()
    qtbot.wait(2500)  # paused for 2.5 s of the wall clock
    session.set_pause(False)
    qtbot.waitUntil(lambda: session.tally.eof, timeout=WAIT_MS)
    close_player(qtbot, window, hub)

    status, minutes, _sessions = pass_row(db, item_id, 1)
    assert status == "in_progress"  # the end was reached, but the user said not done
    assert minutes * 60 == pytest.approx(6, abs=TOLERANCE)  # not 8.5


def test_the_position_is_saved_and_the_next_sitting_resumes_there(
    qtbot: QtBot, make_window: WindowFactory, db: Database, clips: dict[int, Path]
) -> None:
    item_id = clip_item(db, clips[16], 16, speeds=(1.0, 2.0, 2.0))
    window = make_window()
    hub = headless_hub(window)
    first = hub.watch(item_id, 2)
    assert first is not None
    qtbot.waitUntil(lambda: (first.tally.position or 0) >= 8.0, timeout=WAIT_MS)
    close_player(qtbot, window, hub)
    saved = PlaybackService(db).position(item_id, 2)
    assert saved is not None
    assert 8.0 <= saved <= 11.0
    _status, minutes, _sessions = pass_row(db, item_id, 2)
    assert minutes * 60 == pytest.approx(saved / 2.0, abs=TOLERANCE)

    second = hub.watch(item_id, 2)
    assert second is not None
    assert f"--start={saved:.1f}" in second.process.arguments()
    qtbot.waitUntil(lambda: second.tally.start_position is not None, timeout=WAIT_MS)
    assert second.tally.start_position == pytest.approx(saved, abs=0.5)
    qtbot.waitUntil(lambda: second.tally.eof, timeout=WAIT_MS)
    close_player(qtbot, window, hub)
    _status, minutes, sessions = pass_row(db, item_id, 2)
    assert len(sessions) == 2
    assert minutes * 60 == pytest.approx(16 / 2.0, abs=2 * TOLERANCE)  # no second counted twice


def test_one_player_per_pass_and_closing_the_window_saves_the_time(
    qtbot: QtBot, make_window: WindowFactory, db: Database, clips: dict[int, Path]
) -> None:
    item_id = clip_item(db, clips[16], 16)
    window = make_window()
    hub = headless_hub(window)
    session = hub.watch(item_id, 1)
    assert session is not None
    assert hub.watch(item_id, 1) is session
    assert len(hub.sessions()) == 1
    qtbot.waitUntil(lambda: (session.tally.position or 0) >= 2.0, timeout=WAIT_MS)
    window.close()  # the close hook quits mpv and writes the sitting before returning
    assert session.process.state() == session.process.ProcessState.NotRunning
    _status, minutes, sessions = pass_row(db, item_id, 1)
    assert len(sessions) == 1
    assert minutes * 60 == pytest.approx(session.tally.played_seconds, abs=0.01)
    assert minutes * 60 >= 2.0 - TOLERANCE
