"""While a lesson page downloads from a slow server, the dialog keeps that lesson's count.

The download line ("Downloading http://…/lesson5.html") used to replace the step that carried
the count, with a busy bar, so "5 of 28" was never on screen while the import waited on the
network. Here the server holds every lesson page until the test has read the dialog: what the
test reads is what a user sees for as long as that page takes to arrive.
"""

from __future__ import annotations

import mimetypes
import queue
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from werkzeug import Request, Response

from desktop.importing.progress_dialog import DialogState, ImportProgressDialog
from desktop.main_window import MainWindow
from importers import fastai_course
from tests.fixture_paths import require
from tests.importing.importing_helpers import (
    WAIT_MS,
    accept_source,
    controller,
    trigger,
    wait_state,
)

LESSON_PAGE = re.compile(r"/Lessons/(lesson[0-9a-z]+)\.html$")


@dataclass(frozen=True)
class Seen:
    stage: str
    count: str
    detail: str
    bar: tuple[int, int, int]  # minimum, maximum, value


def read(dialog: ImportProgressDialog) -> Seen:
    bar = dialog.bar
    return Seen(
        dialog.stage_label.text(),
        dialog.count_label.text(),
        dialog.detail_label.text(),
        (bar.minimum(), bar.maximum(), bar.value()),
    )


def test_each_lesson_count_stays_on_screen_while_its_page_downloads(
    qtbot: QtBot, window: MainWindow, httpserver: HTTPServer, fixtures_dir: Path
) -> None:
    site = require(fixtures_dir / "course-fast-ai")
    arrived: queue.Queue[tuple[str, threading.Event]] = queue.Queue()

    def serve(request: Request) -> Response:
        page = LESSON_PAGE.search(request.path)
        if page is not None:  # a slow server: this page comes once the test has looked
            release = threading.Event()
            arrived.put((page.group(1), release))
            release.wait(WAIT_MS / 1000)
        path = site / request.path.lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return Response("not found", status=404)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return Response(path.read_bytes(), content_type=f"{kind}; charset=utf-8")

    httpserver.expect_request(re.compile(r"/.*")).respond_with_handler(serve)
    entries, _skipped = fastai_course.parse_nav((site / "index.html").read_text("utf-8"))
    trigger(window, "action_import_fastai")
    accept_source(qtbot, window, httpserver.url_for("/"))
    ctl = controller(window)

    seen: dict[str, Seen] = {}
    pages = [entry for entry in entries if not entry.youtube_id]
    for _page in pages:
        qtbot.waitUntil(lambda: not arrived.empty(), timeout=WAIT_MS)
        name, release = arrived.get_nowait()
        dialog = ctl.progress_dialog
        assert dialog is not None
        url = httpserver.url_for(f"/Lessons/{name}.html")
        # the worker reported the step and the download before the request reached the server
        downloading = f"Downloading {url}"
        qtbot.waitUntil(
            lambda: dialog.detail_label.text() == downloading,  # noqa: B023
            timeout=WAIT_MS,
        )
        seen[name] = read(dialog)
        release.set()
    wait_state(qtbot, window, DialogState.FINISHED)

    total = len(entries)
    assert total == 28  # every lesson found, the two that are only a video included
    assert len(seen) == 26
    for ordinal, entry in enumerate(entries, 1):
        if entry.youtube_id:
            continue
        name = Path(entry.href).stem
        shown = seen[name]
        assert shown.stage == f"Reading lesson {entry.number}", shown
        assert shown.count == f"{ordinal} of {total}", shown
        assert shown.bar == (0, total, ordinal), shown
        assert shown.detail == f"Downloading {httpserver.url_for(f'/Lessons/{name}.html')}", shown
