"""The end-of-video question fits its box: the title is the app's name, the words are in
the text ("End of… video" was cut short in a box as narrow as "Mark pass 2 done?")."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.player.hub import end_of_video_box
from models.services.playback import Sitting

TITLE_BAR_CHROME = 120  # px a title bar spends on its icon and buttons beside the title


def test_the_title_fits_and_the_question_is_in_the_text(qtbot: QtBot) -> None:
    sitting = Sitting(
        item_id=1,
        pass_number=2,
        title="pix2pix",
        speed=1.25,
        source=None,
        resume_at=None,
        duration_seconds=1200,
        page_url=None,
    )
    box = end_of_video_box(None, sitting)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    title_width = box.fontMetrics().horizontalAdvance(box.windowTitle())
    assert box.width() >= title_width + TITLE_BAR_CHROME
    assert box.text().startswith("End of the video: mark pass 2 done?")
    assert "pix2pix" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Yes)
