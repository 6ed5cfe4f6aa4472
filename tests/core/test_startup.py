"""Start-up work: views built on first show, deferred menus, the early file check."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop import gui, main_window
from desktop.context import AppContext, Events
from desktop.gui import build_window
from desktop.main_window import MainWindow
from models import quick_check
from models.clock import FixedClock
from models.db import Database, open_database
from models.errors import CorruptDatabaseError
from models.paths import DB_FILENAME, resolve_location
from models.services.dto import ItemInput
from models.services.library import LibraryService
from tests.core.core_support import REPO, digest

# ---- views built on first show -------------------------------------------------------------


def _window(qtbot: QtBot, db: Database, clock: FixedClock, **options: Any) -> MainWindow:
    window = build_window(AppContext(db=db, clock=clock, events=Events()), **options)
    qtbot.addWidget(window)
    return window


def test_only_the_shown_view_is_built(qtbot: QtBot, db: Database, clock: FixedClock) -> None:
    window = _window(qtbot, db, clock, show_first=False, defer=True)
    keys = window.view_keys()
    assert keys[:2] == ["library", "today"]
    assert {"companies", "questions", "stats"} <= set(keys)
    assert [k for k in keys if window.built_view(k) is not None] == []
    assert window.rail.count() == len(keys)  # the rail lists every view from the start

    window.show_view("questions")
    assert [k for k in keys if window.built_view(k) is not None] == ["questions"]
    questions = window.view("questions")
    assert window.stack.currentWidget() is questions
    assert questions.objectName() == "QuestionsView"
    assert window.current_view_key() == "questions"

    stats = window.view("stats")  # asked for, not shown: built, the current view stays
    assert window.stack.currentWidget() is questions
    window.show_view("stats")
    assert window.stack.currentWidget() is stats
    assert window.view("stats") is stats  # built once


def test_hooks_run_when_a_view_is_built(qtbot: QtBot, db: Database, clock: FixedClock) -> None:
    window = _window(qtbot, db, clock, show_first=False, defer=True)
    seen: list[QWidget] = []
    window.when_built("notes", seen.append)
    assert seen == []
    window.show_view("notes")
    assert seen == [window.view("notes")]
    window.when_built("notes", seen.append)  # already built: at once
    assert seen == [window.view("notes")] * 2


def test_library_wiring_waits_for_the_library(
    qtbot: QtBot, db: Database, clock: FixedClock
) -> None:
    window = _window(qtbot, db, clock, show_first=False, defer=True)
    assert window.findChild(QAction, "action_undo_delete") is None
    assert not hasattr(window, "library_view")
    edit_texts = [a.objectName() for a in window.menu("edit").actions()]
    assert "action_edit_item" in edit_texts
    assert "action_toggle_pass_1" in edit_texts

    window.show_view("library")
    library = window.view("library")
    assert window.library_view is library  # type: ignore[attr-defined]
    names = [a.objectName() for a in window.menu("edit").actions() if not a.isSeparator()]
    assert names[:4] == [
        "action_undo_delete",
        "action_redo_delete",
        "action_edit_item",
        "action_delete_item",
    ]


def test_other_views_can_open_an_item_in_a_library_never_shown(
    qtbot: QtBot, db: Database, clock: FixedClock
) -> None:
    item_id = LibraryService(db).create_item(
        ItemInput(kind="paper", title="Attention Is All You Need")
    )
    window = _window(qtbot, db, clock, show_first=False, defer=True)
    window.show_view("stats")
    window.ctx.events.item_selected.emit(item_id)
    assert window.current_view_key() == "library"
    library = window.view("library")
    qtbot.waitUntil(lambda: library.current_item_id() == item_id)  # type: ignore[attr-defined]


def test_close_hooks_do_not_build_views(qtbot: QtBot, db: Database, clock: FixedClock) -> None:
    window = _window(qtbot, db, clock, show_first=False)
    window.show()
    window.close()
    assert [k for k in window.view_keys() if window.built_view(k) is not None] == []


def test_deferred_menus_arrive_after_the_first_paint(
    qtbot: QtBot, db: Database, clock: FixedClock
) -> None:
    window = _window(qtbot, db, clock, defer=True)
    assert window.menu("import").actions() == []
    assert window.property("safety_controller") is None
    window.run_deferred_after_first_paint()
    window.show()
    qtbot.waitUntil(lambda: len(window.menu("import").actions()) == 5)  # 4 and a separator
    assert window.findChild(QAction, "action_import_paper_reading") is not None
    assert window.property("safety_controller") is not None
    file_menu = [a.objectName() for a in window.menu("file").actions() if not a.isSeparator()]
    assert file_menu[:3] == ["BackUpNow", "RestoreFromBackup", "action_new_item"]


def test_deferred_work_waits_for_what_the_first_screen_still_loads(
    qtbot: QtBot, db: Database, clock: FixedClock
) -> None:
    window = _window(qtbot, db, clock, defer=True)
    release = window.hold_deferred()  # as the library does while its rows load
    window.run_deferred_after_first_paint()
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(300)  # painted long ago: still held
    assert window.menu("import").actions() == []
    release()
    release()  # idempotent
    qtbot.waitUntil(lambda: len(window.menu("import").actions()) == 5)


def test_the_menus_wait_for_the_models_loading_in_a_thread(
    qtbot: QtBot, db: Database, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the first paint SQLAlchemy, the services and the importers load in a thread;
    the rest of the deferred work (the menus' controllers import them) waits for it, and the
    window stays responsive meanwhile."""
    go = threading.Event()
    loading: list[str] = []

    def slow_import() -> None:
        loading.append(threading.current_thread().name)
        go.wait(10)

    monkeypatch.setattr(gui, "_import_models", slow_import)
    window = _window(qtbot, db, clock, defer=True)
    window.run_deferred_after_first_paint()
    window.show()
    qtbot.waitUntil(lambda: loading == ["threepass-models"])
    ticks: list[int] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.wait(300)
    assert window.menu("import").actions() == []  # held while the thread imports
    assert len(ticks) > 5  # the event loop kept running
    go.set()
    qtbot.waitUntil(lambda: len(window.menu("import").actions()) == 5)


def test_a_hold_that_never_ends_does_not_cost_the_menus(
    qtbot: QtBot, db: Database, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past DEFERRED_LATEST_MS nothing waits: a stuck models thread must not leave the app
    without its Import menu and its backups."""
    stuck = threading.Event()
    monkeypatch.setattr(gui, "_import_models", lambda: stuck.wait(30))
    monkeypatch.setattr(main_window, "DEFERRED_LATEST_MS", 400)
    window = _window(qtbot, db, clock, defer=True)
    window.run_deferred_after_first_paint()
    window.show()
    try:
        qtbot.waitUntil(lambda: len(window.menu("import").actions()) == 5, timeout=5000)
        qtbot.waitUntil(lambda: window.property("safety_controller") is not None)
    finally:
        stuck.set()


def test_a_window_built_without_defer_is_complete(
    qtbot: QtBot, db: Database, clock: FixedClock
) -> None:
    window = _window(qtbot, db, clock)
    assert window.built_view("library") is not None  # the first view is shown
    assert window.current_view_key() == "library"
    assert len(window.menu("import").actions()) == 5
    ran: list[str] = []
    window.defer(lambda: ran.append("late"))  # after the deferred work ran: at once
    assert ran == ["late"]


def test_a_screenshot_start_imports_only_what_the_view_needs(tmp_path: Path) -> None:
    data = tmp_path / "data"
    open_database(resolve_location(data_dir=data)).close()
    script = (
        "import json, sys\n"
        "from desktop.app import main\n"
        f"code = main(['--data-dir', {str(data)!r}, '--screenshot', "
        f"{str(tmp_path / 'shot.png')!r}, '--view', 'library'])\n"
        "print(json.dumps([code, sorted(sys.modules)]))"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"),
        "XDG_DATA_HOME": str(tmp_path / "home" / ".local" / "share"),
    }
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, env=env
    )
    assert done.returncode == 0, done.stderr
    code, modules = json.loads(done.stdout.splitlines()[-1])
    assert code == 0
    assert (tmp_path / "shot.png").stat().st_size > 0
    assert "desktop.library.view" in modules
    unwanted = {
        "alembic",  # the schema is at the head
        "bs4",  # importers: the Import menu is deferred
        "requests",
        "desktop.importing.controller",
        "desktop.safety.controller",
        "desktop.career.questions_view",  # views never shown
        "desktop.planner.today_view",
        "desktop.stats.stats_view",
        "desktop.cli.library_cmds",  # command modules
    }
    assert unwanted.isdisjoint(modules), sorted(unwanted & set(modules))


# ---- the early quick_check -----------------------------------------------------------------


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    db = open_database(resolve_location(data_dir=data))
    LibraryService(db).create_item(ItemInput(kind="paper", title="深度残差网络"))
    db.close()
    return data / DB_FILENAME


def _counting_runs(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    runs: list[Path] = []
    real = quick_check.run

    def counted(path: Path) -> str | None:
        runs.append(path)
        return real(path)

    monkeypatch.setattr(quick_check, "run", counted)
    return runs


def test_the_early_check_is_used_once(db_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _counting_runs(monkeypatch)
    quick_check.start(db_file)
    assert quick_check.take(db_file) == ("ok", None)
    assert len(runs) == 1
    assert quick_check.take(db_file) == ("ok", None)  # no early result left: checked again
    assert len(runs) == 2


def test_a_file_changed_after_the_early_check_is_checked_again(
    db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = _counting_runs(monkeypatch)
    quick_check.start(db_file)
    quick_check._checks[db_file.absolute()].done.wait()
    _damage(db_file)
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        open_database(resolve_location(data_dir=db_file.parent))
    assert len(runs) == 2


def _damage(path: Path) -> None:
    """Overwrite a page in the middle of the items table's b-tree (header left intact)."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'items'").fetchone()
    conn.close()
    with path.open("r+b") as fh:
        fh.seek((root[0] - 1) * page_size)
        fh.write(b"\xff" * page_size)


def test_damage_found_by_the_early_check_refuses_the_file_untouched(db_file: Path) -> None:
    _damage(db_file)
    before = digest(db_file)
    quick_check.start(db_file)
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        open_database(resolve_location(data_dir=db_file.parent))
    assert digest(db_file) == before
