"""A failed import keeps its dialog open with the choices made in it (issue #16): the user
fixes what was wrong and presses Import again, instead of starting over from the menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from desktop.importing import jobs
from desktop.importing.progress_dialog import DialogState
from desktop.importing.worker import Reporter, Task
from desktop.main_window import MainWindow
from models.db import Database
from models.errors import DatabaseBusyError
from models.services.library import LibraryService
from tests.fixture_paths import require
from tests.importing.importing_helpers import (
    WAIT_MS,
    controller,
    trigger,
    wait_error,
    wait_state,
)


def test_a_failed_fastai_import_leaves_its_dialog_open_as_it_was(
    qtbot: QtBot, window: MainWindow, db: Database, httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/").respond_with_data("down", status=500)
    ctl = controller(window)
    ctl.fetch_options = {"backoff_factor": 0}  # 500 is retried; don't wait between tries
    trigger(window, "action_import_fastai")
    dialog = ctl.source_dialog
    assert dialog is not None
    assert dialog.isVisible()
    url = httpserver.url_for("/")
    dialog.location_edit.setText(url)
    assert dialog.questionnaires_box is not None
    assert dialog.notebooks_edit is not None
    dialog.questionnaires_box.setChecked(True)
    dialog.notebooks_edit.setText(str(tmp_path))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    message = wait_error(qtbot, window)
    assert "HTTP 500" in message
    qtbot.waitUntil(lambda: not ctl.is_running(), timeout=WAIT_MS)
    assert ctl.source_dialog is dialog
    assert dialog.isVisible()
    assert dialog.isEnabled()
    assert dialog.location_edit.text() == url
    assert dialog.questionnaires_box.isChecked()
    assert dialog.notebooks_edit.text() == str(tmp_path)
    assert LibraryService(db).count() == 0
    dialog.reject()


def test_after_a_failure_the_same_dialog_imports_from_a_corrected_location(
    qtbot: QtBot, window: MainWindow, db: Database, httpserver: HTTPServer, fixtures_dir: Path
) -> None:
    readme = require(fixtures_dir / "paper-reading" / "README.md")
    httpserver.expect_request("/README.md").respond_with_data("down", status=500)
    ctl = controller(window)
    ctl.fetch_options = {"backoff_factor": 0}
    trigger(window, "action_import_paper_reading")
    dialog = ctl.source_dialog
    assert dialog is not None
    dialog.location_edit.setText(httpserver.url_for("/README.md"))
    closed: list[int] = []
    dialog.finished.connect(closed.append)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    wait_error(qtbot, window)
    qtbot.waitUntil(lambda: not ctl.is_running(), timeout=WAIT_MS)
    assert ctl.error_box is not None
    ctl.error_box.close()
    assert dialog.isVisible()
    assert closed == []

    dialog.location_edit.setText(str(readme))  # the saved copy instead
    ok.click()
    wait_state(qtbot, window, DialogState.FINISHED)
    assert closed == [1]  # accepted: the summary is in the progress dialog
    assert LibraryService(db).count() > 0


def test_a_failed_notes_import_keeps_the_preview_and_its_mapping(
    qtbot: QtBot,
    window: MainWindow,
    db: Database,
    fixtures_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    notes = require(fixtures_dir / "notes" / "study-notes.md")

    def busy(*_args: object) -> Task:
        def run(_reporter: Reporter) -> None:
            raise DatabaseBusyError("The database is busy: another ThreePass window is writing.")

        return run

    monkeypatch.setattr(jobs, "notes_apply_task", busy)  # the controller calls jobs.…
    ctl = controller(window)
    ctl.choose_notes_file = lambda: str(notes)
    trigger(window, "action_import_notes")
    qtbot.waitUntil(lambda: ctl.preview_dialog is not None, timeout=WAIT_MS)
    preview = ctl.preview_dialog
    assert preview is not None
    qtbot.waitUntil(preview.isVisible)
    preview.model.set_mapping(0, "ignore")
    chosen = preview.mapping()
    preview.import_button.click()

    assert wait_error(qtbot, window).startswith("The database is busy")
    qtbot.waitUntil(lambda: not ctl.is_running(), timeout=WAIT_MS)
    assert preview.isVisible()
    assert preview.isEnabled()
    assert preview.mapping() == chosen
    assert LibraryService(db).count() == 0
    preview.reject()
