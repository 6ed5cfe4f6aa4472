"""Time without the player: the card's Start, the chip seen from every view, Done without
time recorded, and the browser fallback where mpv is missing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.context import AppContext, Events
from desktop.library.item_pane import PassCard
from desktop.main_window import MainWindow
from desktop.planner.today_view import TodayView
from desktop.player.chip import StudyChip
from desktop.player.hub import StudyHub
from desktop.preferences.dialog import PreferencesDialog
from models.clock import FixedClock
from models.db import Database
from models.library import Item, Pass, StudySession
from models.services.settings import SettingsService
from models.services.timer import TimerService
from tests.library.library_helpers import library_of
from tests.planner.planner_helpers import add_item
from tests.player.player_support import clip_item, headless_hub, make_clip

WindowFactory = Callable[[], MainWindow]


def shown_card(qtbot: QtBot, window: MainWindow, item_id: int, number: int) -> PassCard:
    view = library_of(window)
    view.select_item(item_id)
    qtbot.waitUntil(lambda: view.pane.item_id == item_id)
    return view.pane.cards[number - 1]


def button(card: PassCard, action: str) -> QPushButton:
    found = card.findChild(QPushButton, f"Pass{card.number}{action}")
    assert isinstance(found, QPushButton)
    return found


def chip(window: MainWindow) -> StudyChip:
    found = window.findChild(StudyChip, "StudyChip")
    assert isinstance(found, StudyChip)
    return found


def hub_of(window: MainWindow) -> StudyHub:
    found = window.findChild(StudyHub, "StudyHub")
    assert isinstance(found, StudyHub)
    return found


def pass_minutes(db: Database, item_id: int, number: int) -> tuple[float, list[bool]]:
    """Minutes spent on the pass, and for each of its sessions whether it was logged by hand."""
    with db.read() as s:
        p = s.scalars(select(Pass).where(Pass.item_id == item_id, Pass.number == number)).one()
        manual = s.scalars(select(StudySession.manual).where(StudySession.pass_id == p.id))
        return p.minutes_spent, list(manual)


def test_a_cards_start_runs_the_timer_shown_in_every_view_and_stopped_from_the_chip(
    qtbot: QtBot, make_window: WindowFactory, db: Database, clock: FixedClock
) -> None:
    item_id = add_item(db, "Lesson 3: Neural net foundations", minutes=60)
    window = make_window()
    card = shown_card(qtbot, window, item_id, 2)
    assert not chip(window).isVisible()

    qtbot.mouseClick(button(card, "Start"), Qt.MouseButton.LeftButton)
    running = TimerService(db, clock).running()
    assert running is not None
    assert (running.item_id, running.pass_number) == (item_id, 2)
    assert not button(card, "Start").isEnabled()  # one timer per pass
    assert button(card, "Start").text() == "● Timing"

    clock.advance(minutes=25)
    window.show_view("stats")
    chip(window).refresh()
    assert chip(window).isVisible()
    text = chip(window).label.text()
    assert "Lesson 3: Neural net foundations" in text
    assert "pass 2" in text
    assert "00:25:00" in text

    qtbot.mouseClick(chip(window).stop_button, Qt.MouseButton.LeftButton)
    assert TimerService(db, clock).running() is None
    assert pass_minutes(db, item_id, 2) == (25.0, [False])
    assert not chip(window).isVisible()
    assert button(card, "Start").isEnabled()


def test_done_without_time_offers_the_length_at_the_passs_speed(
    qtbot: QtBot, make_window: WindowFactory, db: Database
) -> None:
    item_id = add_item(db, "Lesson 1", minutes=60)  # pass 2 at 1.25x: 48 min
    window = make_window()
    card = shown_card(qtbot, window, item_id, 2)
    assert not card.log_offer.isVisible()

    qtbot.mouseClick(button(card, "Done"), Qt.MouseButton.LeftButton)
    assert card.log_offer.isVisible()
    assert card.log_offer.minutes.value() == 48
    assert "1.25×" in card.log_offer.label.text()
    assert pass_minutes(db, item_id, 2) == (0.0, [])  # nothing until the user says so

    card.log_offer.minutes.setValue(50)  # editable: the user watched a bit more
    qtbot.mouseClick(card.log_offer.log_button, Qt.MouseButton.LeftButton)
    assert pass_minutes(db, item_id, 2) == (50.0, [True])
    assert not card.log_offer.isVisible()
    assert card.minutes.value() == 50


def test_the_offer_can_be_dismissed_and_is_not_made_when_time_was_recorded(
    qtbot: QtBot, make_window: WindowFactory, db: Database
) -> None:
    first = add_item(db, "Lesson 1", minutes=60)
    second = add_item(db, "Lesson 2", minutes=60)
    TimerService(db).add_manual(second, 1, 30)
    window = make_window()
    card = shown_card(qtbot, window, first, 1)
    qtbot.mouseClick(button(card, "Done"), Qt.MouseButton.LeftButton)
    assert card.log_offer.isVisible()
    qtbot.mouseClick(card.log_offer.close_button, Qt.MouseButton.LeftButton)
    assert not card.log_offer.isVisible()
    assert pass_minutes(db, first, 1) == (0.0, [])

    card = shown_card(qtbot, window, second, 1)
    qtbot.mouseClick(button(card, "Done"), Qt.MouseButton.LeftButton)
    assert not card.log_offer.isVisible()
    assert pass_minutes(db, second, 1) == (30.0, [True])


def test_the_preference_logs_the_length_at_once(
    qtbot: QtBot, make_window: WindowFactory, db: Database
) -> None:
    SettingsService(db).set("log_time_on_done", True)
    item_id = add_item(db, "Lesson 1", minutes=60)  # pass 3 at 1.5x: 40 min
    window = make_window()
    card = shown_card(qtbot, window, item_id, 3)
    qtbot.mouseClick(button(card, "Done"), Qt.MouseButton.LeftButton)
    assert not card.log_offer.isVisible()
    assert pass_minutes(db, item_id, 3) == (40.0, [True])


def test_done_while_the_timer_runs_keeps_the_timers_time_and_offers_nothing(
    qtbot: QtBot, make_window: WindowFactory, db: Database, clock: FixedClock
) -> None:
    item_id = add_item(db, "Lesson 1", minutes=60)
    window = make_window()
    card = shown_card(qtbot, window, item_id, 1)
    qtbot.mouseClick(button(card, "Start"), Qt.MouseButton.LeftButton)
    clock.advance(minutes=55)
    qtbot.mouseClick(button(card, "Done"), Qt.MouseButton.LeftButton)
    assert TimerService(db, clock).running() is None
    assert pass_minutes(db, item_id, 1) == (55.0, [False])
    assert not card.log_offer.isVisible()


def test_without_mpv_watch_says_how_to_install_it_opens_the_page_and_starts_the_timer(
    qtbot: QtBot, make_window: WindowFactory, db: Database, clock: FixedClock
) -> None:
    item_id = add_item(db, "Transformer 论文逐段精读", kind="paper_video", minutes=87)
    with db.transaction() as s:
        item = s.get(Item, item_id)
        assert item is not None
        item.link_youtube = "https://www.youtube.com/watch?v=nzqlFIcCSWQ"
        item.link_bilibili = "https://www.bilibili.com/video/BV1pu411o7BE/"
    window = make_window()
    hub = hub_of(window)
    hub.find_mpv = lambda: None
    told: list[str] = []
    opened: list[str] = []
    hub.tell = lambda _title, text: told.append(text)
    hub.open_url = opened.append
    card = shown_card(qtbot, window, item_id, 2)
    assert button(card, "Watch").isVisible()

    qtbot.mouseClick(button(card, "Watch"), Qt.MouseButton.LeftButton)
    assert len(told) == 1
    assert "sudo apt install mpv" in told[0]
    assert opened == ["https://www.bilibili.com/video/BV1pu411o7BE/"]  # the preferred platform
    running = TimerService(db, clock).running()
    assert running is not None
    assert (running.item_id, running.pass_number) == (item_id, 2)
    assert chip(window).isVisible()


def test_papers_have_no_watch_button(
    qtbot: QtBot, make_window: WindowFactory, db: Database
) -> None:
    item_id = add_item(db, "Attention Is All You Need", kind="paper", minutes=None)
    window = make_window()
    card = shown_card(qtbot, window, item_id, 1)
    assert not button(card, "Watch").isVisible()
    assert button(card, "Start").isVisible()


def test_start_in_today_plays_a_video_in_mpv(
    qtbot: QtBot, make_window: WindowFactory, db: Database, tmp_path: Path
) -> None:
    item_id = clip_item(db, make_clip(tmp_path / "clip.mp4", 6), 6)
    window = make_window()
    hub = headless_hub(window)
    window.show_view("today")
    view = window.view("today")
    assert isinstance(view, TodayView)
    qtbot.mouseClick(view.start_button(0), Qt.MouseButton.LeftButton)
    session = hub.session(item_id, 1)
    assert session is not None
    assert view.start_button(0).text() == "● Playing"
    qtbot.waitUntil(lambda: session.tally.eof, timeout=30_000)
    session.stop()
    qtbot.waitUntil(lambda: not hub.sessions(), timeout=30_000)
    minutes, manual = pass_minutes(db, item_id, 1)
    assert minutes * 60 == pytest.approx(6, abs=0.7)
    assert manual == [False]
    assert view.start_button(0).text() == "▶ Start"


def test_the_preference_is_a_check_box_of_the_study_tab(
    qtbot: QtBot, db: Database, clock: FixedClock
) -> None:
    dialog = PreferencesDialog(AppContext(db=db, clock=clock, events=Events()))
    qtbot.addWidget(dialog)
    assert not dialog.log_on_done.isChecked()
    dialog.log_on_done.setChecked(True)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert SettingsService(db).get("log_time_on_done") is True
