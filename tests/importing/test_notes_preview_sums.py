"""The notes-import preview adds up: every row names all it yields, the rows sum to the
totals above the table, and the totals are what the import writes (every sample notes file)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.importing import jobs
from desktop.importing.notes_preview import RECORDS, NotesPreviewDialog, SectionMappingModel
from desktop.importing.progress_dialog import DialogState
from desktop.main_window import MainWindow
from importers import study_notes
from importers.http import Document
from models.db import Database, open_database
from models.paths import resolve_location
from models.services.importing import ImportService
from models.services.transfer import TransferService
from tests.fixture_paths import FIXTURES
from tests.importing.importing_helpers import wait_state
from tests.importing.test_import_notes import open_preview, row_of

NOTES = sorted((FIXTURES / "notes").glob("*.md"))
WRITTEN = {"questions": ("question",), "companies": ("company",), "notes": ("note",)}


def footer_figures(text: str) -> list[int]:
    """The four record counts of 'Will import 13 resource links, 28 questions, ...'."""
    return [int(n) for n in re.findall(r"\d+", text)[:4]]


def written(db: Database, source: str, parsed: study_notes.NotesImport) -> dict[str, int]:
    summary = ImportService(db).apply(source, study_notes.apply_mapping(parsed, {}))
    counts = {kind: sum(summary.count(k) for k in kinds) for kind, kinds in WRITTEN.items()}
    counts["resources"] = sum(
        summary.count(line.kind)
        for line in summary.lines
        if line.kind not in ("question", "company", "note")
    )
    return counts


@pytest.mark.parametrize("path", NOTES, ids=[p.name for p in NOTES])
def test_rows_add_up_to_the_totals_and_to_what_is_written(
    qtbot: QtBot, tmp_path: Path, path: Path
) -> None:
    fetched = study_notes.fetch(str(path))
    assert isinstance(fetched, Document)
    parsed = study_notes.parse(fetched.text, encoding=fetched.encoding)
    dialog = NotesPreviewDialog(
        jobs.notes_sections(parsed), path.name, yields=jobs.notes_yields(parsed)
    )
    qtbot.addWidget(dialog)
    model = dialog.model
    rows = {kind: 0 for kind in RECORDS}
    for row in range(model.rowCount()):
        for kind, count in model.yields(row).items():
            rows[kind] += count
            assert f"{count} " in model.index(row, SectionMappingModel.COUNT).data()
    assert footer_figures(dialog.totals_label.text()) == [rows[k] for k in RECORDS]

    db = open_database(resolve_location(data_dir=tmp_path))
    try:
        assert written(db, study_notes.SOURCE, parsed) == rows
    finally:
        db.close()


def test_a_row_of_links_with_other_text_says_it_yields_a_note_too(
    qtbot: QtBot, window: MainWindow, db: Database, fixtures_dir: Path
) -> None:
    dialog = open_preview(qtbot, window, fixtures_dir / "notes" / "study-notes.md")
    model = dialog.model
    limu = row_of(dialog, "李沐精讲学习方式")
    assert model.index(limu, SectionMappingModel.COUNT).data() == "1 link, 1 note"
    assert dialog.totals()["notes"] == 19
    assert "19 notes" in dialog.totals_label.text()
    dialog.import_button.click()
    wait_state(qtbot, window, DialogState.FINISHED)
    assert len(ImportService(db).imported_notes()) == 19
    assert TransferService(db).content_counts()["questions"] == dialog.totals()["questions"]


def test_the_totals_and_every_row_are_in_sight_on_a_small_screen(
    qtbot: QtBot, window: MainWindow, fixtures_dir: Path
) -> None:
    dialog = open_preview(qtbot, window, fixtures_dir / "notes" / "study-notes.md")
    screen = dialog.screen().availableGeometry()
    assert dialog.height() <= screen.height()
    assert dialog.width() <= screen.width()
    label = dialog.totals_label
    top = label.mapTo(dialog, label.rect().topLeft()).y()
    assert label.isVisible()
    assert top >= 0
    assert top + label.height() <= dialog.height()
    # the table is given the room its rows need before the section's content gets any
    view = dialog.view
    needed = view.verticalHeader().length() + view.horizontalHeader().height()
    assert view.viewport().height() + view.horizontalHeader().height() >= min(
        needed, dialog.height() - 300
    )
