"""The "local file" video link: set in the item dialog, played before any platform link."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from models.db import Database
from models.library import Item
from models.services.playback import PlaybackService
from models.services.settings import SettingsService
from tests.library.library_helpers import library_of
from tests.planner.planner_helpers import add_item

WindowFactory = Callable[[], MainWindow]


def with_links(db: Database, item_id: int) -> None:
    with db.transaction() as s:
        item = s.get(Item, item_id)
        assert item is not None
        item.link_bilibili = "https://www.bilibili.com/video/BV1pu411o7BE/"
        item.link_youtube = "https://www.youtube.com/watch?v=nzqlFIcCSWQ"


def test_the_file_comes_first_then_the_preferred_platform(db: Database, tmp_path: Path) -> None:
    item_id = add_item(db, "Transformer", kind="paper_video")
    service = PlaybackService(db)
    assert service.sitting(item_id, 1).source is None
    with_links(db, item_id)
    source = service.sitting(item_id, 1).source
    assert source is not None
    assert (source.kind, source.location) == (
        "bilibili",
        "https://www.bilibili.com/video/BV1pu411o7BE/",
    )
    SettingsService(db).set("default_video_platform", "youtube")
    source = service.sitting(item_id, 1).source
    assert source is not None
    assert source.kind == "youtube"

    video = tmp_path / "transformer.mp4"
    video.write_bytes(b"not really a video")
    service.set_local_file(item_id, str(video))
    source = service.sitting(item_id, 1).source
    assert source is not None
    assert (source.kind, source.location) == ("file", str(video))
    video.unlink()  # moved or deleted: the links again
    source = service.sitting(item_id, 1).source
    assert source is not None
    assert source.kind == "youtube"


def test_the_item_dialog_sets_and_shows_the_local_file(
    qtbot: QtBot, make_window: WindowFactory, db: Database, tmp_path: Path
) -> None:
    item_id = add_item(db, "Lesson 1")
    video = tmp_path / "第一课.mp4"
    video.write_bytes(b"")
    window = make_window()
    view = library_of(window)

    dialog = view.edit_item(item_id)
    assert dialog is not None
    dialog.local_file.setText(str(tmp_path / "missing.mp4"))
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible()
    assert "missing.mp4" in dialog.error.text()
    assert PlaybackService(db).local_file(item_id) is None

    dialog.local_file.setText(str(video))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert PlaybackService(db).local_file(item_id) == str(video)

    dialog = view.edit_item(item_id)
    assert dialog is not None
    assert dialog.local_file.text() == str(video)
    dialog.local_file.clear()
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: view.dialog is None)
    assert PlaybackService(db).local_file(item_id) is None
