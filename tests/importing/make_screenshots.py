"""Make docs/screenshots/import-*.png by driving the real window's Import menu.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/importing/make_screenshots.py DATA_DIR
       [OUT_DIR [LANGUAGE]]   (defaults: docs/screenshots, English)

Imports the three fixtures of tests/fixtures/ into DATA_DIR through the GUI (source dialog, worker,
progress dialog, notes preview) and grabs the dialogs. A copy of the paper-reading README
with two rows an older README had (a video "录制中", a paper row without a name) shows
the skipped-rows list. Qt settings go to DATA_DIR/config (the library's sort order is saved
there), so afterwards

    XDG_CONFIG_HOME=DATA_DIR/config threepass --data-dir DATA_DIR \
        --screenshot docs/screenshots/import-library.png

shows the filled library the same way, without touching your own settings.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from desktop import i18n
from desktop.context import AppContext, Events
from desktop.gui import build_window, ensure_application
from desktop.importing.controller import ImportController
from desktop.importing.progress_dialog import DialogState
from desktop.main_window import MainWindow
from models.clock import SystemClock
from models.db import open_database
from models.paths import resolve_location

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
OUT = REPO / "docs" / "screenshots"


def wait(app: QApplication, done: Callable[[], bool], timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            raise TimeoutError("the import did not finish")
        app.processEvents()
        time.sleep(0.01)
    for _ in range(10):
        app.processEvents()


def grab(app: QApplication, widget: QWidget, name: str) -> None:
    for _ in range(10):
        app.processEvents()
    widget.grab().save(str(OUT / name), "PNG")
    print("wrote", OUT / name)


def run_source(
    app: QApplication, window: MainWindow, ctl: ImportController, action: str, location: str
) -> None:
    found = window.findChild(QAction, action)
    assert isinstance(found, QAction)
    found.trigger()
    dialog = ctl.source_dialog
    assert dialog is not None
    dialog.location_edit.setText(location)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    wait(app, lambda: ctl.progress_dialog is not None and _ended(ctl))


def _ended(ctl: ImportController) -> bool:
    dialog = ctl.progress_dialog
    return (
        dialog is not None
        and dialog.state in (DialogState.FINISHED, DialogState.FAILED, DialogState.CANCELLED)
        and not ctl.is_running()
    )


def older_readme(target: Path) -> Path:
    text = (FIXTURES / "paper-reading" / "README.md").read_text("utf-8")
    header = "| --: | -- | -- | --: | -- |\n"
    text = text.replace(header, header + "| 录制中 | GPT-4 |  |  |  |\n", 1)
    papers = "| ✅      | 2012 | [AlexNet]"
    text = text.replace(papers, "|        | 2024 |  | 名字还没写 |  |\n" + papers, 1)
    target.write_text(text, "utf-8")
    return target


def main(data_dir: str, out: str | None = None, language: str | None = None) -> int:
    global OUT
    os.environ["XDG_CONFIG_HOME"] = str(Path(data_dir) / "config")
    OUT = Path(out) if out else OUT
    OUT.mkdir(parents=True, exist_ok=True)
    app = ensure_application()
    if language:
        i18n.install_translators(language, app)
    db = open_database(resolve_location(data_dir=Path(data_dir)))
    window = build_window(AppContext(db=db, clock=SystemClock(), events=Events()))
    window.resize(1280, 800)
    window.show()
    ctl = window.findChild(ImportController)
    assert isinstance(ctl, ImportController)

    readme = older_readme(Path(data_dir) / "paper-reading-older.md")
    run_source(app, window, ctl, "action_import_paper_reading", str(readme))
    assert ctl.progress_dialog is not None
    ctl.progress_dialog.skipped_toggle.setChecked(True)
    grab(app, ctl.progress_dialog, "import-summary.png")
    ctl.progress_dialog.accept()

    window.findChild(QAction, "action_import_fastai").trigger()  # type: ignore[union-attr]
    assert ctl.source_dialog is not None
    grab(app, ctl.source_dialog, "import-source.png")
    ctl.source_dialog.reject()
    run_source(app, window, ctl, "action_import_fastai", str(FIXTURES / "course-fast-ai"))
    assert ctl.progress_dialog is not None
    ctl.progress_dialog.accept()

    ctl.choose_notes_file = lambda: str(FIXTURES / "notes" / "study-notes.md")
    ctl.notes_action.trigger()
    wait(app, lambda: ctl.preview_dialog is not None and ctl.preview_dialog.isVisible())
    preview = ctl.preview_dialog
    assert preview is not None
    llm = next(
        r for r in range(preview.model.rowCount()) if preview.model.section(r).path.endswith("LLM")
    )
    preview.view.selectRow(llm)
    grab(app, preview, "import-notes-preview.png")
    preview.import_button.click()
    wait(app, lambda: _ended(ctl))
    assert ctl.progress_dialog is not None
    grab(app, ctl.progress_dialog, "import-notes-summary.png")
    ctl.progress_dialog.accept()

    # The library with all three sources, sorted so the paper-reading rows (CJK) come first.
    library = window.view("library")
    library.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # type: ignore[attr-defined]
    library.table.selectRow(0)  # type: ignore[attr-defined]
    grab(app, window, "import-library-papers.png")

    window.close()
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
