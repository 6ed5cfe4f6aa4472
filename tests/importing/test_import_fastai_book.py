"""Import → fast.ai with questionnaires through the dialog: the notebooks field, offline.

The notebooks are small ones written for these tests in the fastbook structure (the book's
text is never copied); the site is the saved fixture. Nothing here reaches the internet.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.importing.progress_dialog import DialogState
from desktop.importing.source_dialog import SourceDialog
from desktop.main_window import MainWindow
from models.db import Database
from models.services.transfer import TransferService
from tests.fixture_paths import require
from tests.importers.importers_support import write_book
from tests.importing.importing_helpers import controller, trigger, wait_error, wait_state


def _open_dialog(window: MainWindow) -> SourceDialog:
    trigger(window, "action_import_fastai")
    dialog = controller(window).source_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.questionnaires_box is not None
    assert dialog.notebooks_edit is not None
    return dialog


def _fill(dialog: SourceDialog, site: str, notebooks: str) -> None:
    assert dialog.questionnaires_box is not None
    assert dialog.notebooks_edit is not None
    dialog.location_edit.setText(site)
    dialog.questionnaires_box.setChecked(True)
    assert dialog.notebooks_edit.isEnabled()
    dialog.notebooks_edit.setText(notebooks)


def _accept(dialog: SourceDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_offline_folder_import_with_questionnaires_reads_the_whole_book(
    qtbot: QtBot, window: MainWindow, db: Database, fixtures_dir: Path, tmp_path: Path
) -> None:
    site = require(fixtures_dir / "course-fast-ai")
    book = write_book(tmp_path / "fastbook")
    dialog = _open_dialog(window)
    assert dialog.notebooks_edit is not None
    assert not dialog.notebooks_edit.isEnabled()  # only with the questionnaires box ticked
    _fill(dialog, str(site), str(book))
    with qtbot.waitSignal(window.ctx.events.career_changed, timeout=20000):
        _accept(dialog)
        wait_state(qtbot, window, DialogState.FINISHED)
    counts = TransferService(db).content_counts()
    assert counts["questions"] == 3 * 19  # chapters from the lesson pages and the book page
    assert counts["items"] == 28
    progress = controller(window).progress_dialog
    assert progress is not None
    assert progress.summary_text().endswith("1 skipped.")
    skipped = progress.skipped_model
    assert [skipped.index(0, c).data() for c in range(2)] == [
        "notebook 20_conclusion.ipynb",
        "has no Questionnaire section",
    ]


def test_a_failed_import_keeps_the_dialog_choices(
    qtbot: QtBot, window: MainWindow, db: Database, fixtures_dir: Path, tmp_path: Path
) -> None:
    site = str(require(fixtures_dir / "course-fast-ai"))
    missing = str(tmp_path / "no-notebooks-here")
    dialog = _open_dialog(window)
    _fill(dialog, site, missing)
    _accept(dialog)
    assert "notebooks folder does not exist" in wait_error(qtbot, window)
    assert not any(TransferService(db).content_counts().values())
    error_box = controller(window).error_box
    assert error_box is not None
    error_box.close()

    again = _open_dialog(window)
    assert again is not dialog
    assert again.notebooks_edit is not None
    assert again.questionnaires_box is not None
    assert again.location() == site
    assert again.questionnaires_box.isChecked()
    assert again.notebooks_edit.text() == missing
    assert again.notebooks_from() == missing

    book = write_book(tmp_path / "no-notebooks-here")  # the folder the user meant, now there
    assert str(book) == missing
    _accept(again)
    wait_state(qtbot, window, DialogState.FINISHED)
    assert TransferService(db).content_counts()["questions"] == 57
