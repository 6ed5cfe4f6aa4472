"""Import → ThreePass JSON… through the menu: summary, refresh signal, replace confirmation."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.importing.progress_dialog import DialogState
from desktop.main_window import MainWindow
from models.db import Database, open_database
from models.paths import resolve_location
from models.services.dto import ItemInput
from models.services.library import LibraryService
from models.services.transfer import TransferService, dumps_document
from tests.importing.importing_helpers import controller, trigger, wait_state


def export_file(tmp_path: Path) -> Path:
    """A real export from another data folder: two items (one Chinese) and a note."""
    other = open_database(resolve_location(data_dir=tmp_path / "other"))
    try:
        library = LibraryService(other)
        first = library.create_item(ItemInput(kind="paper", title="Attention Is All You Need"))
        library.create_item(ItemInput(kind="paper_video", title="Transformer论文逐段精读"))
        library.save_note(first, 1, "多头注意力 = several heads")
        target = tmp_path / "export.json"
        target.write_text(dumps_document(TransferService(other).export_document()), "utf-8")
    finally:
        other.close()
    return target


def test_json_import_into_an_empty_library(
    qtbot: QtBot, window: MainWindow, db: Database, tmp_path: Path
) -> None:
    source = export_file(tmp_path)
    ctl = controller(window)
    ctl.choose_json_file = lambda: str(source)
    with qtbot.waitSignal(window.ctx.events.items_changed, timeout=20000):
        trigger(window, "action_import_json")
    wait_state(qtbot, window, DialogState.FINISHED)

    dialog = ctl.progress_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.summary_text().startswith("Done: 3 added")  # 2 items + 1 note
    titles = sorted(row.title for row in LibraryService(db).list_items())
    assert titles == ["Attention Is All You Need", "Transformer论文逐段精读"]
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_json_import_over_data_asks_before_replacing(
    qtbot: QtBot, window: MainWindow, db: Database, tmp_path: Path
) -> None:
    LibraryService(db).create_item(ItemInput(kind="article", title="mine"))
    source = export_file(tmp_path)
    ctl = controller(window)
    ctl.choose_json_file = lambda: str(source)
    trigger(window, "action_import_json")
    box = ctl.confirm_box
    assert box is not None
    assert box.isVisible()
    assert "1 items" in box.text()
    assert [r.title for r in LibraryService(db).list_items()] == ["mine"]  # nothing yet

    replace = next(b for b in box.buttons() if b.text() == "Replace everything")
    replace.click()
    wait_state(qtbot, window, DialogState.FINISHED)
    dialog = ctl.progress_dialog
    assert dialog is not None
    assert "backed up to" in dialog.summary_text()
    assert "mine" not in {r.title for r in LibraryService(db).list_items()}
    assert len(list((db.path.parent / "backups").glob("*"))) == 1  # type: ignore[union-attr]
