"""A pass card's speed is never elided (#16): "Speed 1.2…" read as 1.2×. At 1024x700 and
1280x800, in English and Chinese, each video pass shows its speed whole; the time at that
speed is shown whole or not at all (the tooltip always has it)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QApplication

from desktop import i18n
from desktop.library.view import LibraryView
from desktop.main_window import MainWindow
from desktop.widgets.formatting import format_duration, format_speed
from models.clock import FixedClock
from models.db import Database
from models.services.dto import ItemInput
from models.services.library import LibraryService
from models.speeds import time_at_speed
from tests.layout.layout_data import seed
from tests.ui_locale import ui_language

EVERY_WAY = [
    (lang, size) for lang in (i18n.ENGLISH, i18n.CHINESE) for size in ((1024, 700), (1280, 800))
]


def settle() -> None:
    app = QApplication.instance()
    assert app is not None
    for _ in range(3):
        app.processEvents()


@pytest.mark.parametrize(("language", "size"), EVERY_WAY)
def test_the_speed_of_each_pass_shows_whole(
    language: str,
    size: tuple[int, int],
    make_window: Callable[[], MainWindow],
    db: Database,
    clock: FixedClock,
    qapp: QApplication,
) -> None:
    seeded = seed(db, clock)
    library = LibraryService(db, clock)
    no_length = library.create_item(ItemInput(kind="course_video", title="Lesson 7: Collab"))
    for number, chosen in ((1, 1.75), (2, 1.25), (3, 1.25)):
        library.set_pass_speed(no_length, number, chosen)
    with ui_language(language, qapp):
        window = make_window()
        window.resize(*size)
        view = window.view("library")
        assert isinstance(view, LibraryView)
        for item_id in (seeded.item, no_length):
            view.select_item(item_id)
            settle()
            detail = library.get_item(item_id)
            for card, info in zip(view.pane.cards, detail.passes, strict=True):
                speed = format_speed(info.speed)
                shown = card.pace.shown_text()
                assert speed in shown, (size, shown)
                assert not card.pace.is_elided(), (size, shown)
                at_speed = card.at_speed.shown_text()
                if detail.duration_seconds is None:
                    assert at_speed == ""
                else:
                    whole = format_duration(
                        round(time_at_speed(detail.duration_seconds, info.speed))
                    )
                    assert at_speed in ("", whole), (size, at_speed)
                    assert whole in card.pace.toolTip()
        window.close()
