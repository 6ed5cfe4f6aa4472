"""Import → Study notes file…: the preview dialog, changing a mapping, then the import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from desktop.importing.notes_preview import NotesPreviewDialog, SectionMappingModel
from desktop.importing.progress_dialog import DialogState
from desktop.main_window import MainWindow
from models.db import Database
from models.services.importing import ImportService
from models.services.library import LibraryService
from models.services.transfer import TransferService
from tests.fixture_paths import require
from tests.importing.importing_helpers import controller, trigger, wait_state


@pytest.fixture
def notes_file(fixtures_dir: Path) -> Path:
    return require(fixtures_dir / "notes" / "study-notes.md")


def open_preview(qtbot: QtBot, window: MainWindow, path: Path) -> NotesPreviewDialog:
    ctl = controller(window)
    ctl.choose_notes_file = lambda: str(path)
    trigger(window, "action_import_notes")
    qtbot.waitUntil(lambda: ctl.preview_dialog is not None, timeout=20000)
    dialog = ctl.preview_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def row_of(dialog: NotesPreviewDialog, path: str) -> int:
    model = dialog.model
    rows = [r for r in range(model.rowCount()) if model.section(r).path == path]
    assert rows, [model.section(r).path for r in range(model.rowCount())]
    return rows[0]


def choose_in_delegate(qtbot: QtBot, dialog: NotesPreviewDialog, row: int, mapping: str) -> None:
    """Edit the 'Import as' cell the way a user does: open the combo, pick an entry."""
    index = dialog.model.index(row, SectionMappingModel.MAPPING)
    combo = dialog.view.indexWidget(index)  # the persistent combo in that cell
    assert isinstance(combo, QComboBox)
    assert combo.objectName() == "mapping_combo"
    at = combo.findData(mapping)
    assert at >= 0
    combo.setCurrentIndex(at)
    combo.activated.emit(at)


def test_preview_shows_sections_with_guesses_and_counts(
    qtbot: QtBot, window: MainWindow, db: Database, notes_file: Path
) -> None:
    dialog = open_preview(qtbot, window, notes_file)
    model = dialog.model
    llm = row_of(dialog, "面经 / LLM")
    assert model.index(llm, SectionMappingModel.MAPPING).data() == "Interview questions"
    assert model.index(llm, SectionMappingModel.COUNT).data() == "14 questions"
    companies = row_of(dialog, "面经 / 参考公司")
    assert model.index(companies, SectionMappingModel.COUNT).data() == "11 companies"
    totals = dialog.totals()
    assert (totals["resources"], totals["questions"], totals["companies"]) == (13, 28, 11)

    dialog.view.selectRow(llm)
    assert dialog.preview.toPlainText() == model.section(llm).preview
    assert not any(TransferService(db).content_counts().values())  # a preview writes nothing
    assert ImportService(db).imported_notes() == []


def test_cancelling_the_preview_writes_nothing(
    qtbot: QtBot, window: MainWindow, db: Database, notes_file: Path
) -> None:
    dialog = open_preview(qtbot, window, notes_file)
    dialog.reject()
    assert not controller(window).is_running()
    assert not any(TransferService(db).content_counts().values())


def test_ignoring_a_section_changes_what_is_imported(
    qtbot: QtBot, window: MainWindow, db: Database, notes_file: Path
) -> None:
    dialog = open_preview(qtbot, window, notes_file)
    llm = row_of(dialog, "面经 / LLM")
    choose_in_delegate(qtbot, dialog, llm, "ignore")
    assert dialog.model.index(llm, SectionMappingModel.MAPPING).data() == "Ignore"
    assert dialog.totals()["questions"] == 14  # 28 - the 14 LLM questions
    assert "14 questions" in dialog.totals_label.text()

    expected = dialog.totals()
    ctl = controller(window)
    with qtbot.waitSignal(window.ctx.events.career_changed, timeout=20000):
        dialog.import_button.click()
        wait_state(qtbot, window, DialogState.FINISHED)
    counts = TransferService(db).content_counts()
    assert counts["questions"] == 14
    assert counts["companies"] == 11
    assert LibraryService(db).count() == 13  # resource links become article items
    assert len(ImportService(db).imported_notes()) == expected["notes"]
    questions = TransferService(db).export_document()["questions"]
    assert not any("ChatGPT Plugins" in q["text"] for q in questions)  # the first LLM one
    assert {q["category"] for q in questions} == {"神经网络基础", "CS基础"}
    progress = ctl.progress_dialog
    assert progress is not None
    assert progress.state is DialogState.FINISHED
    assert progress.summary_text().startswith("Done: ")


def test_ignoring_everything_disables_import(
    qtbot: QtBot, window: MainWindow, notes_file: Path
) -> None:
    dialog = open_preview(qtbot, window, notes_file)
    model = dialog.model
    assert not model.setData(model.index(0, SectionMappingModel.MAPPING), "bogus")
    assert not model.setData(model.index(0, SectionMappingModel.SECTION), "ignore")
    for row in range(model.rowCount()):
        model.set_mapping(row, "ignore")
    assert not any(v for k, v in dialog.totals().items() if k != "ignore")
    assert not dialog.import_button.isEnabled()
    model.set_mapping(0, "notes")
    assert dialog.import_button.isEnabled()
    dialog.reject()
