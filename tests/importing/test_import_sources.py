"""Import → paper-reading / fast.ai through the menu, the source dialog and the worker.

Real fixtures, a real SQLite file, a local HTTP server; never the internet.
"""

from __future__ import annotations

import json
import mimetypes
import re
import shutil
from pathlib import Path

from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from werkzeug import Request, Response

from desktop.importing.progress_dialog import DialogState, ImportProgressDialog
from desktop.main_window import MainWindow
from models.db import Database
from models.services.library import LibraryService
from models.services.transfer import TransferService
from tests.fixture_paths import require
from tests.importing.importing_helpers import accept_source, controller, trigger, wait_state

PAPERS_AND_VIDEOS = 160  # 59 recorded videos, 90 listed papers, 11 linked from titles


def library_rows(window: MainWindow) -> int:
    view = window.view("library")
    return int(view.model.rowCount())  # type: ignore[attr-defined]


def finish(qtbot: QtBot, window: MainWindow) -> ImportProgressDialog:
    with qtbot.waitSignal(window.ctx.events.items_changed, timeout=20000):
        wait_state(qtbot, window, DialogState.FINISHED)
    dialog = controller(window).progress_dialog
    assert dialog is not None
    assert dialog.isVisible()
    return dialog


def test_paper_reading_from_a_local_file(
    qtbot: QtBot, window: MainWindow, db: Database, paper_readme: Path
) -> None:
    assert library_rows(window) == 0
    trigger(window, "action_import_paper_reading")
    source = controller(window).source_dialog
    assert source is not None
    assert source.location() == "https://raw.githubusercontent.com/mli/paper-reading/main/README.md"
    accept_source(qtbot, window, str(paper_readme))
    dialog = finish(qtbot, window)

    assert dialog.summary_text().startswith(f"Done: {PAPERS_AND_VIDEOS} added, 0 updated")
    assert dialog.close_button.isVisible()
    assert not dialog.cancel_button.isVisible()
    model = dialog.counts_model
    cells = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}
    assert cells["Total"] == str(PAPERS_AND_VIDEOS)
    assert library_rows(window) == PAPERS_AND_VIDEOS
    assert LibraryService(db).count() == PAPERS_AND_VIDEOS
    dialog.close_button.click()

    # Again: the file and the library are as the last import left them: nothing to do.
    trigger(window, "action_import_paper_reading")
    accept_source(qtbot, window, str(paper_readme))
    wait_state(qtbot, window, DialogState.FINISHED)
    reopened = controller(window).progress_dialog
    assert reopened is not None
    dialog = reopened
    assert "has not changed since the last import" in dialog.summary_text()
    assert library_rows(window) == PAPERS_AND_VIDEOS
    dialog.close_button.click()

    # A row the user deleted comes back with the next import of the same file.
    library = LibraryService(db)
    library.delete_item(library.list_items()[0].id)
    trigger(window, "action_import_paper_reading")
    accept_source(qtbot, window, str(paper_readme))
    dialog = finish(qtbot, window)
    assert dialog.summary_text().startswith(f"Done: 1 added, 0 updated, {PAPERS_AND_VIDEOS - 1}")
    assert library_rows(window) == PAPERS_AND_VIDEOS


def test_paper_reading_from_a_url_via_the_empty_library(
    qtbot: QtBot, window: MainWindow, db: Database, httpserver: HTTPServer, paper_readme: Path
) -> None:
    httpserver.expect_request("/mli/paper-reading/README.md").respond_with_data(
        paper_readme.read_bytes(), content_type="text/plain; charset=utf-8"
    )
    window.show_view("library")
    empty = window.view("library").empty  # type: ignore[attr-defined]
    empty.import_button.click()  # the empty state reaches our action by its objectName
    accept_source(qtbot, window, httpserver.url_for("/mli/paper-reading/README.md"))
    finish(qtbot, window)
    assert library_rows(window) == PAPERS_AND_VIDEOS
    assert httpserver.log[0][0].headers["User-Agent"].startswith("ThreePass/")


def test_fastai_from_a_saved_site_reports_each_lesson(
    qtbot: QtBot, window: MainWindow, db: Database, fixtures_dir: Path
) -> None:
    site = require(fixtures_dir / "course-fast-ai")
    trigger(window, "action_import_fastai")
    ctl = controller(window)
    assert ctl.source_dialog is not None
    assert ctl.source_dialog.questionnaires_box is not None
    seen: list[tuple[str, int, int]] = []
    accept_source(qtbot, window, str(site))
    assert ctl.runner is not None
    ctl.runner.progress.connect(lambda text, done, total: seen.append((text, done, total)))
    finish(qtbot, window)

    lesson_steps = [s for s in seen if s[0].startswith("Reading lesson")]
    assert len(lesson_steps) == 26  # 28 videos, the last two of which link straight to YouTube
    assert {total for _t, _d, total in lesson_steps} == {28}  # lessons imported, not pages
    assert [done for _t, done, _n in lesson_steps] == list(range(1, 27))  # lesson N is N of 28
    rows = LibraryService(db).list_items()
    assert len(rows) == 28
    assert library_rows(window) == 28


def test_fastai_over_http_serves_every_page_from_the_local_server(
    qtbot: QtBot, window: MainWindow, db: Database, httpserver: HTTPServer, fixtures_dir: Path
) -> None:
    site = require(fixtures_dir / "course-fast-ai")

    def serve(request: Request) -> Response:
        path = site / request.path.lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return Response("not found", status=404)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return Response(path.read_bytes(), content_type=f"{kind}; charset=utf-8")

    httpserver.expect_request(re.compile(r"/.*")).respond_with_handler(serve)
    trigger(window, "action_import_fastai")
    accept_source(qtbot, window, httpserver.url_for("/"))
    finish(qtbot, window)
    assert LibraryService(db).count() == 28
    assert len(httpserver.log) == 1 + 26


CHAPTERS = (
    "01_intro",
    "02_production",
    "03_ethics",
    "04_mnist_basics",
    "08_collab",
    "09_tabular",
    "10_nlp",
    "13_convolutions",
)


def write_notebook(path: Path, chapter: str) -> None:
    """A tiny notebook in fastbook's structure; our own text, never the book's."""
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": [f"# Chapter {chapter}\n"]},
        {
            "cell_type": "markdown",
            "metadata": {},
            "source": [
                "## Questionnaire\n",
                "\n",
                f"1. What does test chapter {chapter} ask first?\n",
                "1. 为什么要看三遍？\n",
            ],
        },
    ]
    doc = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 4}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def test_fastai_with_questionnaires_adds_questions(
    qtbot: QtBot, window: MainWindow, db: Database, fixtures_dir: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(require(fixtures_dir / "course-fast-ai"), site)
    for chapter in CHAPTERS:
        write_notebook(site / f"{chapter}.ipynb", chapter)
    trigger(window, "action_import_fastai")
    with qtbot.waitSignal(window.ctx.events.career_changed, timeout=20000):
        accept_source(qtbot, window, str(site), questionnaires=True)
        finish(qtbot, window)
    assert TransferService(db).content_counts()["questions"] == 2 * len(CHAPTERS)
    dialog = controller(window).progress_dialog
    assert dialog is not None
    model = dialog.counts_model
    labels = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert labels == ["Lessons", "Questions", "Total"]


def test_unchanged_source_is_not_downloaded_again(
    qtbot: QtBot, window: MainWindow, db: Database, httpserver: HTTPServer, paper_readme: Path
) -> None:
    body = paper_readme.read_bytes()

    def conditional(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(body, content_type="text/plain; charset=utf-8", headers={"ETag": '"v1"'})

    httpserver.expect_request("/README.md").respond_with_handler(conditional)
    url = httpserver.url_for("/README.md")
    trigger(window, "action_import_paper_reading")
    accept_source(qtbot, window, url)
    finish(qtbot, window).close_button.click()

    trigger(window, "action_import_paper_reading")
    accept_source(qtbot, window, url)
    wait_state(qtbot, window, DialogState.FINISHED)
    reopened = controller(window).progress_dialog
    assert reopened is not None
    dialog = reopened
    assert "has not changed since the last import" in dialog.summary_text()
    assert httpserver.log[1][0].headers.get("If-None-Match") == '"v1"'
    assert library_rows(window) == PAPERS_AND_VIDEOS
