"""The fast.ai import's progress counts lessons the way the import does.

The bar used to count fetched pages, so lessons that are only a video were missing from the
total and the count lagged one behind the lesson being read ("Reading lesson 16 … 15 of 26"
for a course of 28 lessons).
"""

from __future__ import annotations

import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.importing import jobs
from desktop.importing.progress_dialog import ImportProgressDialog
from desktop.importing.worker import Reporter
from importers import fastai_course
from models.db import Database
from tests.fixture_paths import require


def test_lesson_progress_counts_every_lesson_imported(
    db: Database, fixtures_dir: Path, qtbot: QtBot
) -> None:
    site = require(fixtures_dir / "course-fast-ai")
    stages: list[tuple[str, int, int]] = []
    task = jobs.fastai_task(db, str(site))
    task(Reporter(lambda text, done, total: stages.append((text, done, total)), threading.Event()))

    entries, _skipped = fastai_course.parse_nav((site / "index.html").read_text("utf-8"))
    assert any(entry.youtube_id for entry in entries)  # a lesson with no page of its own
    lessons = [stage for stage in stages if stage[0].startswith("Reading lesson")]
    assert lessons
    for text, done, total in lessons:
        assert total == len(entries), text
        number = text.removeprefix("Reading lesson ")
        ordinal = next(i for i, e in enumerate(entries, 1) if (e.number or e.text) == number)
        assert done == ordinal, text

    dialog = ImportProgressDialog("fast.ai")
    qtbot.addWidget(dialog)
    dialog.show_progress(*lessons[-1])
    assert dialog.count_label.text() == f"{lessons[-1][1]} of {len(entries)}"
