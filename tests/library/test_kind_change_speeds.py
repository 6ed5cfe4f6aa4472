"""Changing an item's kind: passes still at the old kind's default speeds take the new kind's
(a Paper made a Paper video plays 1x / 1.25x / 1.5x, not 1x three times); a speed the user
chose stays."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from models.db import Database
from models.services.library import LibraryService
from models.services.settings import SettingsService
from tests.library.library_helpers import add, library_of

WindowFactory = Callable[[Database], MainWindow]


def speeds(service: LibraryService, item_id: int) -> list[float]:
    return [p.speed for p in service.get_item(item_id).passes]


def test_a_paper_made_a_paper_video_in_the_dialog_takes_the_video_speeds(
    qtbot: QtBot, make_window: WindowFactory, db: Database
) -> None:
    SettingsService(db).set("pass_speeds", [1.0, 1.5, 2.0])
    service = LibraryService(db)
    item_id = add(service, "pix2pix", kind="paper", duration_seconds=1200)
    assert speeds(service, item_id) == [1.0, 1.0, 1.0]
    window = make_window(db)
    view = library_of(window)
    view.select_item(item_id)
    dialog = view.edit_item(item_id)
    assert dialog is not None
    dialog.kind.setCurrentIndex(dialog.kind.findData("paper_video"))
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: view.dialog is None)
    assert speeds(service, item_id) == [1.0, 1.5, 2.0]  # the Preferences' speeds
    assert [card.pace.text() for card in view.pane.cards] == ["1×", "1.5×", "2×"]


def test_a_speed_the_user_chose_stays_when_the_kind_changes(db: Database) -> None:
    service = LibraryService(db)
    item_id = add(service, "Lesson 3", kind="course_video")
    assert speeds(service, item_id) == [1.0, 1.25, 1.5]
    service.set_pass_speed(item_id, 3, 1.75)  # chosen on the card
    service.update_item(item_id, replace(service.get_item(item_id).to_input(), kind="paper"))
    assert speeds(service, item_id) == [1.0, 1.0, 1.75]
    assert [p.depth for p in service.get_item(item_id).passes] == ["skim", "read", "deep"]
