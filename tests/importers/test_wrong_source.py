"""Importing the wrong file is refused with one sentence, not reported as "0 added"."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from desktop.app import main
from desktop.importing import jobs
from desktop.importing.worker import Reporter
from importers.records import ParseResult, SkippedRow
from models.db import Database
from models.errors import ValidationError
from models.services.importing import check_notes_text, check_parsed
from models.services.library import LibraryService


def quiet_reporter() -> Reporter:
    return Reporter(lambda _text, _done, _total: None, threading.Event())


def test_cli_paper_reading_from_the_fastai_page_fails_and_writes_nothing(
    fastai_site: Path, db: Database, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = fastai_site / "index.html"
    code = main(["--data-dir", str(data_dir), "import", "paper-reading", "--from", str(page)])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err == (
        f"threepass: {page} has no paper-reading tables (expected the 录制完成的论文 / 所有论文 "
        "sections); nothing was imported.\n"
    )
    assert LibraryService(db).count() == 0


def test_gui_worker_paper_reading_from_the_fastai_page_fails_and_writes_nothing(
    fastai_site: Path, db: Database
) -> None:
    task = jobs.paper_reading_task(db, str(fastai_site / "index.html"))
    with pytest.raises(ValidationError, match="has no paper-reading tables"):
        task(quiet_reporter())
    assert LibraryService(db).count() == 0


@pytest.mark.parametrize("text", ["", "  \n\n\t\n"])
def test_cli_empty_notes_file_says_so(
    tmp_path: Path, data_dir: Path, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "笔记.md"
    notes.write_text(text, encoding="utf-8")
    code = main(["--data-dir", str(data_dir), "import", "notes", str(notes)])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err == f"threepass: The notes file {notes} is empty; nothing was imported.\n"


def test_gui_worker_empty_notes_file_says_so(tmp_path: Path) -> None:
    notes = tmp_path / "empty.md"
    notes.write_text("\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="is empty"):
        jobs.notes_parse_task(str(notes))(quiet_reporter())


def test_fastai_without_lessons_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        check_parsed("fastai", "/x/site", ParseResult())
    assert str(caught.value) == (
        "/x/site lists no lessons in its course navigation (is it the fast.ai course site?); "
        "nothing was imported."
    )


def test_a_source_whose_rows_were_all_skipped_is_not_refused() -> None:
    """Tables were found; the summary explains each skipped row instead."""
    check_parsed("paper-reading", "x", ParseResult(skipped=(SkippedRow("row 3", "no title"),)))
    check_notes_text("x.md", "# 标题\n")
