"""The worker-side steps without the window: where cancellation is honoured."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from desktop.importing import jobs
from desktop.importing.worker import ImportCancelledError, Reporter
from importers.http import FetchCancelled
from models.db import Database
from models.services.library import LibraryService
from tests.fixture_paths import require


def cancelling_reporter(when: str, seen: list[str]) -> Reporter:
    """A reporter whose user presses Cancel as soon as a stage starting with `when` shows."""
    event = threading.Event()

    def stage(text: str, _done: int, _total: int) -> None:
        seen.append(text)
        if text.startswith(when):
            event.set()

    return Reporter(stage, event)


def test_cancel_after_parsing_stops_before_the_write(db: Database, paper_readme: Path) -> None:
    seen: list[str] = []
    task = jobs.paper_reading_task(db, str(paper_readme))
    with pytest.raises(ImportCancelledError):
        task(cancelling_reporter("Reading the tables", seen))
    assert not any(text.startswith("Writing") for text in seen)
    assert LibraryService(db).count() == 0


def test_without_cancel_the_same_task_writes(db: Database, paper_readme: Path) -> None:
    seen: list[str] = []
    outcome = jobs.paper_reading_task(db, str(paper_readme))(cancelling_reporter("never", seen))
    assert outcome.added == 160
    assert outcome.items_changed
    assert not outcome.career_changed
    assert [line.label for line in outcome.lines] == ["Videos", "Papers"]
    assert seen[-1] == "Writing 160 records to the library"
    assert LibraryService(db).count() == 160


def test_cancel_while_reading_lessons_stops_the_course_fetch(
    db: Database, fixtures_dir: Path
) -> None:
    seen: list[str] = []
    task = jobs.fastai_task(db, str(require(fixtures_dir / "course-fast-ai")))
    with pytest.raises(FetchCancelled):
        task(cancelling_reporter("Reading lesson 3", seen))
    assert not any(text.startswith("Reading lesson 4") for text in seen)
    assert LibraryService(db).count() == 0
