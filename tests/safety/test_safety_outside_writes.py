"""Writers the window does not know about (issue #20, §3): a CLI restore or pass reset, a file
replaced or removed under the open window, a note changed elsewhere while being typed.

Real SQLite files, the real window, real `threepass` subprocesses for the outside writers.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.cli import build_parser
from desktop.gui import run_gui
from desktop.library.item_pane import ItemPane
from desktop.library.view import LibraryView
from desktop.main_window import MainWindow
from desktop.safety.startup import Choice, StartupProblemDialog
from desktop.safety.watch import LibraryWatcher
from models import logs, lost_library
from models.clock import FixedClock
from models.db import Database, open_database
from models.errors import LibraryGoneError, MissingDatabaseError
from models.paths import DB_FILENAME, resolve_location, store_data_dir
from models.recovery import recover
from models.services.backup import BackupService
from models.services.dto import ItemInput
from models.services.journal import JournalService
from models.services.library import LibraryService
from tests.safety.safety_helpers import REPO, child_env
from tests.startup_dialog import quit_when_asked

POLL_MS = 100  # the app polls once a second; tests wait with qtbot.waitUntil


def threepass(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=REPO,
        timeout=120,
        check=False,
    )


def stored_note(path: Path, item_id: int, number: int) -> str | None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT body FROM notes WHERE item_id = ? AND pass_number = ?", (item_id, number)
        ).fetchone()
    finally:
        conn.close()
    return None if row is None else str(row[0])


def watcher_of(window: MainWindow) -> LibraryWatcher:
    watcher = window.findChild(LibraryWatcher, "LibraryWatcher")
    assert isinstance(watcher, LibraryWatcher)
    watcher.timer.setInterval(POLL_MS)
    return watcher


def pane_showing(window: MainWindow, item_id: int) -> ItemPane:
    view = window.view("library")
    assert isinstance(view, LibraryView)
    view.select_item(item_id)
    assert view.pane.item_id == item_id
    return view.pane


def type_note(pane: ItemPane, number: int, text: str) -> None:
    editor = pane.cards[number - 1].notes.editor
    editor.setPlainText(text)  # emits edited, as typing does: the note is pending


@pytest.fixture
def item(db: Database) -> int:
    service = LibraryService(db)
    item_id = service.create_item(ItemInput(kind="course_video", title="Lesson 1: Getting started"))
    service.save_note(item_id, 2, "restored text")
    return item_id


def test_cli_restore_while_open_next_edit_lands_in_the_restored_file(
    db: Database,
    item: int,
    data_dir: Path,
    make_window: Callable[[Database], MainWindow],
    qtbot: QtBot,
) -> None:
    backup = BackupService.for_database(db).create().path
    LibraryService(db).save_note(item, 2, "typed after the backup")
    window = make_window(db)
    watcher = watcher_of(window)
    pane = pane_showing(window, item)
    assert pane.cards[1].notes.text() == "typed after the backup"

    done = threepass(data_dir, "restore", str(backup))
    assert done.returncode == 0, done.stderr
    live = data_dir / DB_FILENAME
    assert stored_note(live, item, 2) == "restored text"
    # the open editor (nothing pending) shows the restored note within a few polls
    qtbot.waitUntil(lambda: pane.cards[1].notes.text() == "restored text", timeout=10000)

    type_note(pane, 1, "a note typed after the restore")
    pane.flush()
    assert stored_note(live, item, 1) == "a note typed after the restore"
    assert watcher.dialog is None


def test_file_replaced_under_the_window_is_followed(
    db: Database,
    item: int,
    data_dir: Path,
    make_window: Callable[[Database], MainWindow],
    qtbot: QtBot,
) -> None:
    """What `restore` does when the live file is damaged, or a sync tool: the file at the
    path becomes another one; the old one is moved aside. Writes must follow the path."""
    backup = BackupService.for_database(db).create().path
    window = make_window(db)
    watcher = watcher_of(window)
    pane = pane_showing(window, item)
    live = data_dir / DB_FILENAME
    aside = data_dir / f"{DB_FILENAME}.damaged-test"
    swap = (
        "import os, shutil, sys\n"
        "live, backup, aside = sys.argv[1:]\n"
        "shutil.copy(backup, live + '.new')\n"
        "os.rename(live, aside)\n"
        "for s in ('-wal', '-shm'):\n"
        "    if os.path.exists(live + s): os.rename(live + s, aside + s)\n"
        "os.rename(live + '.new', live)\n"
    )
    subprocess.run(
        [sys.executable, "-c", swap, str(live), str(backup), str(aside)], check=True, timeout=60
    )
    with qtbot.waitSignal(watcher.replaced, timeout=10000):
        pass
    type_note(pane, 1, "lands in the new file")
    pane.flush()
    assert stored_note(live, item, 1) == "lands in the new file"
    assert stored_note(aside, item, 1) is None
    assert "replaced" in window.statusBar().currentMessage()


def test_a_write_right_after_a_swap_goes_to_the_new_file(db: Database, item: int) -> None:
    """Before the timer sees it: the Database checks the file before every write."""
    path = db.path
    assert path is not None
    backup = BackupService.for_database(db).create().path
    aside = path.with_name(path.name + ".aside")
    path.rename(aside)
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).rename(aside.with_name(aside.name + side))
    shutil.copy(backup, path)
    LibraryService(db).save_note(item, 3, "after the swap")
    assert stored_note(path, item, 3) == "after the swap"
    assert stored_note(aside, item, 3) is None
    assert db.reopened == 1


def test_cli_pass_reset_shows_in_the_window(
    db: Database,
    item: int,
    data_dir: Path,
    make_window: Callable[[Database], MainWindow],
    qtbot: QtBot,
) -> None:
    LibraryService(db).set_pass(item, 1, "start")
    window = make_window(db)
    watcher_of(window)
    pane = pane_showing(window, item)
    card = pane.cards[0]
    assert card.reset_button.isEnabled()  # in progress (Start now starts the timer on it)
    view = window.view("library")
    assert isinstance(view, LibraryView)

    done = threepass(data_dir, "pass", str(item), "1", "reset")
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: not card.reset_button.isEnabled(), timeout=10000)  # back to "to do"


def test_own_writes_do_not_count_as_outside_writes(
    db: Database, item: int, make_window: Callable[[Database], MainWindow], qtbot: QtBot
) -> None:
    window = make_window(db)
    watcher = watcher_of(window)
    watcher.poll()  # the baseline
    outside: list[bool] = []
    watcher.outside_change.connect(lambda: outside.append(True))
    pane = pane_showing(window, item)
    type_note(pane, 2, "mine")
    pane.flush()
    watcher.poll()
    assert outside == []
    other = open_database(resolve_location(data_dir=db.path.parent))  # type: ignore[union-attr]
    try:
        LibraryService(other).save_note(item, 3, "theirs")
    finally:
        other.close()
    watcher.poll()
    assert outside == [True]


def test_data_folder_removed_refuses_edits_and_the_next_start_creates_nothing(
    db: Database,
    item: int,
    data_dir: Path,
    make_window: Callable[[Database], MainWindow],
    qtbot: QtBot,
    questions: list[str],
    tmp_path: Path,
) -> None:
    window = make_window(db)
    watcher = watcher_of(window)
    pane = pane_showing(window, item)
    shutil.rmtree(data_dir)
    with qtbot.waitSignal(watcher.gone, timeout=10000):
        pass
    dialog = watcher.dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.isModal() or dialog.windowModality() != Qt.WindowModality.NonModal
    assert str(data_dir / DB_FILENAME) in dialog.detail.text()

    # an edit is refused with a sentence, and no ghost file or folder appears
    pane._add_minutes(1, 15)
    assert any("is gone" in q and "not saved" in q for q in questions)
    with pytest.raises(LibraryGoneError):
        LibraryService(db).save_note(item, 1, "ghost")
    assert not data_dir.exists()

    # what the window still has open can be saved elsewhere
    rescue = tmp_path / "rescued.sqlite3"
    assert watcher.save_copy_to(rescue)
    assert stored_note(rescue, item, 2) == "restored text"
    assert "threepass restore" in dialog.outcome.text()

    watcher.quit()
    assert not window.isVisible()
    assert not data_dir.exists()  # not even the backup on close made the folder again

    # the next start explains instead of creating an empty library
    with pytest.raises(MissingDatabaseError) as refused:
        open_database(resolve_location(data_dir=data_dir))
    assert "removed while the window was open" in str(refused.value)
    assert not data_dir.exists()
    done = threepass(data_dir, "list")
    assert done.returncode == 2
    assert "is missing although" in done.stderr
    assert not (data_dir / DB_FILENAME).exists()  # (its log of the refusal may make logs/)


def test_the_file_coming_back_closes_the_dialog(
    db: Database,
    item: int,
    data_dir: Path,
    make_window: Callable[[Database], MainWindow],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    window = make_window(db)
    watcher = watcher_of(window)
    moved = tmp_path / "unplugged"
    data_dir.rename(moved)
    with qtbot.waitSignal(watcher.gone, timeout=10000):
        pass
    moved.rename(data_dir)  # the drive is back
    with qtbot.waitSignal(watcher.back, timeout=10000):
        pass
    assert watcher.dialog is None
    LibraryService(db).save_note(item, 1, "saved again")
    assert stored_note(data_dir / DB_FILENAME, item, 1) == "saved again"
    assert lost_library.lost_paths() == set()


@pytest.mark.parametrize("marker", ["backups", "logs", "moved"])
def test_a_missing_file_where_a_library_was_is_not_a_first_start(
    data_dir: Path, marker: str
) -> None:
    location = resolve_location(data_dir=data_dir)
    if marker == "moved":
        store_data_dir(data_dir)
    else:
        (data_dir / marker).mkdir()
        (data_dir / marker / "something").write_text("x")
    with pytest.raises(MissingDatabaseError):
        open_database(location)
    assert not (data_dir / DB_FILENAME).exists()
    # the startup dialog's "Start an empty library"
    recover(location, restore=False)
    database = open_database(location)
    database.close()
    assert (data_dir / DB_FILENAME).is_file()


def test_a_first_start_still_creates_the_library(data_dir: Path) -> None:
    open_database(resolve_location(data_dir=data_dir)).close()
    assert (data_dir / DB_FILENAME).is_file()


def test_a_missing_file_with_backups_offers_the_newest_one(db: Database, item: int) -> None:
    path = db.path
    assert path is not None
    BackupService.for_database(db).create()
    db.close()
    path.unlink()
    with pytest.raises(MissingDatabaseError) as refused:
        open_database(resolve_location(data_dir=path.parent))
    assert "threepass restore" in str(refused.value)
    location = resolve_location(data_dir=path.parent)
    recover(location, restore=True)
    assert stored_note(path, item, 2) == "restored text"


def test_an_editor_never_overwrites_a_note_changed_elsewhere(
    db: Database,
    item: int,
    make_window: Callable[[Database], MainWindow],
    qtbot: QtBot,
) -> None:
    window = make_window(db)
    watcher = watcher_of(window)
    watcher.timer.stop()  # the save must meet the other text before any refresh
    pane = pane_showing(window, item)
    type_note(pane, 2, "restored text, and what I typed")
    assert pane.has_pending_notes()
    other = open_database(resolve_location(data_dir=db.path.parent))  # type: ignore[union-attr]
    try:
        LibraryService(other).save_note(item, 2, "written by another process")
    finally:
        other.close()
    pane.flush()
    assert db.path is not None
    assert stored_note(db.path, item, 2) == "restored text, and what I typed"
    copies = [n for n in JournalService(db).list_notes() if n.title.startswith("Conflict copy")]
    assert len(copies) == 1
    assert "Lesson 1: Getting started" in copies[0].title
    assert JournalService(db).get(copies[0].id).body == "written by another process"
    assert "conflict copy" in window.statusBar().currentMessage()
    # the next save, from the text it now knows, makes no further copy
    type_note(pane, 2, "restored text, and what I typed, and more")
    pane.flush()
    assert len([n for n in JournalService(db).list_notes() if n.title.startswith("Conflict")]) == 1


def test_an_unchanged_editor_shows_the_text_from_elsewhere(
    db: Database,
    item: int,
    make_window: Callable[[Database], MainWindow],
    qtbot: QtBot,
) -> None:
    window = make_window(db)
    watcher_of(window)
    pane = pane_showing(window, item)
    other = open_database(resolve_location(data_dir=db.path.parent))  # type: ignore[union-attr]
    try:
        LibraryService(other).save_note(item, 2, "from the command line")
    finally:
        other.close()
    qtbot.waitUntil(lambda: pane.cards[1].notes.text() == "from the command line", timeout=10000)
    assert JournalService(db).list_notes() == []


def test_the_window_explains_a_missing_library_and_creates_nothing(
    db: Database, item: int, data_dir: Path, clock: FixedClock, qtbot: QtBot
) -> None:
    """The next start after the file went missing (with backups beside it): the start-up
    dialog says so and offers the backup; quitting leaves the folder as it was."""
    path = db.path
    assert path is not None
    BackupService.for_database(db).create()
    db.close()
    for side in ("", "-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    shown: list[str] = []
    quit_when_asked(shown)
    args = build_parser().parse_args(["--data-dir", str(data_dir)])
    assert run_gui(args, clock) == 2
    assert shown[0] == "Your library file is missing."
    assert "holds backups" in shown[1]
    assert not path.exists()


def test_the_start_up_dialog_offers_restore_or_an_empty_library(qtbot: QtBot, db: Database) -> None:
    backup = BackupService.for_database(db).create()
    dialog = StartupProblemDialog(
        MissingDatabaseError("The library x is missing."), backup, recoverable=True
    )
    qtbot.addWidget(dialog)
    texts = {choice: button.text() for choice, button in dialog.buttons.items()}
    assert texts == {
        Choice.RESTORE: "Restore newest backup",
        Choice.EMPTY: "Start an empty library",
        Choice.QUIT: "Quit",
    }
    assert "Nothing was created in its place." in dialog.advice.text()


def test_the_logs_a_first_start_writes_do_not_make_it_a_lost_library(data_dir: Path) -> None:
    """The window logs (and opens its crash log) before it opens the library: those files are
    this run's, not "the logs of earlier runs"."""
    logs.setup_logging(data_dir)
    try:
        logs.record_native_crashes()
        logging.getLogger("desktop").info("starting")
        assert any((data_dir / "logs").iterdir())
        open_database(resolve_location(data_dir=data_dir)).close()
    finally:
        logs.reset_logging()
    assert (data_dir / DB_FILENAME).is_file()


def test_the_window_on_a_new_data_folder_creates_the_library(tmp_path: Path) -> None:
    """The real entry point, as a new user starts it: no dialog, a library file appears."""
    data_dir = tmp_path / "new-folder"
    env = child_env() | {
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    child = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        cwd=REPO,
    )
    try:
        deadline = time.monotonic() + 90
        while not (data_dir / DB_FILENAME).is_file() and child.poll() is None:
            assert time.monotonic() < deadline, "no library file after 90 s: the window refused"
            time.sleep(0.2)
        assert child.poll() is None, child.stderr.read().decode() if child.stderr else ""
    finally:
        child.terminate()
        child.wait(timeout=30)
    assert lost_library.why_not_first_start(data_dir / "elsewhere.sqlite3") is not None
