"""What the tester found around a playing mpv (#15): a speed chosen on the card reaches mpv
and the chip, a watch under a minute says its seconds, and Today's Timer panel shows the
player. Real mpv, headless, on clips made with ffmpeg."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from desktop.planner.today_view import TodayView
from models.db import Database
from tests.player.player_support import clip_item, headless_hub, make_clip
from tests.player.test_player import WAIT_MS, chip, close_player, pass_row
from tests.player.test_study_sessions import shown_card

WindowFactory = Callable[[], MainWindow]


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_clip(tmp_path_factory.mktemp("clips") / "clip12.mp4", 12)


def test_a_speed_chosen_on_the_card_while_mpv_plays_reaches_mpv_and_the_chip(
    qtbot: QtBot, make_window: WindowFactory, db: Database, clip: Path
) -> None:
    item_id = clip_item(db, clip, 12)
    window = make_window()
    hub = headless_hub(window)
    card = shown_card(qtbot, window, item_id, 1)
    session = hub.watch(item_id, 1)
    assert session is not None
    qtbot.waitUntil(lambda: (session.tally.position or 0) >= 2.0, timeout=WAIT_MS)
    assert "1×" in chip(window).label.text()

    session.set_pause(True)  # the change lands at a known position
    qtbot.waitUntil(lambda: session.tally.paused, timeout=WAIT_MS)
    at_change = session.tally.position
    assert at_change is not None
    next(a for a in card.speed_menu.actions() if a.text() == "2×").trigger()
    qtbot.waitUntil(lambda: session.tally.speed == 2.0, timeout=WAIT_MS)  # mpv says so
    assert "2×" in chip(window).label.text()
    assert card.pace.text() == "2×"
    session.set_pause(False)
    qtbot.waitUntil(lambda: session.tally.eof, timeout=WAIT_MS)
    close_player(qtbot, window, hub)

    _status, minutes, _sessions = pass_row(db, item_id, 1)
    # the seconds before the change at 1x, the rest at 2x
    assert minutes * 60 == pytest.approx(at_change + (12 - at_change) / 2, abs=1.0)


def test_a_watch_under_a_minute_says_its_seconds(
    qtbot: QtBot, make_window: WindowFactory, db: Database, clip: Path
) -> None:
    item_id = clip_item(db, clip, 12)
    window = make_window()
    hub = headless_hub(window)
    card = shown_card(qtbot, window, item_id, 3)
    messages: list[str] = []
    window.ctx.events.status_message.connect(messages.append)
    session = hub.watch(item_id, 3)
    assert session is not None
    qtbot.waitUntil(lambda: session.tally.eof, timeout=WAIT_MS)  # 12 s at 1.5x: 8 s
    close_player(qtbot, window, hub)

    watched = next(m for m in messages if m.startswith("Watched"))
    assert watched.startswith(("Watched 7 s", "Watched 8 s", "Watched 9 s")), watched
    assert card.minutes.text() == "spent < 1 min"
    assert card.minutes.value() == 0


def test_todays_timer_panel_shows_the_player_with_stop(
    qtbot: QtBot, make_window: WindowFactory, db: Database, tmp_path: Path
) -> None:
    item_id = clip_item(db, make_clip(tmp_path / "clip.mp4", 30), 30)
    window = make_window()
    hub = headless_hub(window)
    window.show_view("today")
    view = window.view("today")
    assert isinstance(view, TodayView)
    panel = view.timer_panel
    session = hub.watch(item_id, 2)
    assert session is not None
    qtbot.waitUntil(lambda: session.tally.played_seconds >= 2.0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "Playing in mpv" in panel.title_label.text(), timeout=WAIT_MS)
    assert "No timer running" not in panel.title_label.text()
    assert "Clip 片段" in panel.title_label.text()
    assert "1.25×" in panel.pass_label.text()
    qtbot.waitUntil(lambda: panel.elapsed_label.text() >= "00:00:02", timeout=WAIT_MS)
    assert panel.stop_button.isEnabled()
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not hub.sessions(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "No timer running" in panel.title_label.text(), timeout=WAIT_MS)
    _status, minutes, sessions = pass_row(db, item_id, 2)
    assert len(sessions) == 1
    assert minutes > 0
