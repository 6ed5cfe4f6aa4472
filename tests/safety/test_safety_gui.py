"""Backups and restore in the real window: File menu, worker thread, daily check, dialog."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from desktop.safety.backups_model import INFO_ROLE, BackupTableModel
from desktop.safety.restore_dialog import RestoreDialog
from desktop.widgets.formatting import format_stamp
from models.clock import FixedClock
from models.db import Database
from models.services.backup import PRE_RESTORE, BackupService
from models.services.dto import ItemInput
from models.services.library import LibraryService
from tests.safety.conftest import controller_of


def add(db: Database, title: str, note: str = "") -> int:
    """An item; `note` (pass 1's note) gives it bulk: titles are capped at 500 characters."""
    service = LibraryService(db)
    item = service.create_item(ItemInput(kind="course_video", title=title))
    if note:
        service.save_note(item, 1, note)
    return item


def file_menu_texts(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menu("file").actions() if not a.isSeparator()]


def test_back_up_now_runs_off_the_gui_thread(
    db: Database,
    make_window: Callable[[Database], MainWindow],
    qtbot: QtBot,
    questions: list[str],
) -> None:
    add(db, "李沐 Transformer 精读")
    window = make_window(db)
    texts = file_menu_texts(window)
    assert texts.index("&Back up now") < texts.index("&Restore from backup…") < texts.index("&Quit")
    controller = controller_of(window)
    assert controller.service is not None
    threads: list[threading.Thread] = []
    create = controller.service.create

    def recording_create() -> object:
        threads.append(threading.current_thread())
        return create()

    controller.service.create = recording_create  # type: ignore[method-assign,assignment]
    with qtbot.waitSignal(controller.backup_finished, timeout=10000) as done:
        controller.backup_action.trigger()
    assert questions == []
    assert threads
    assert threads[0] is not threading.main_thread()
    info = done.args[0]
    assert info.path.is_file()
    assert info.path.parent == controller.service.backup_dir
    assert window.statusBar().currentMessage().startswith("Backed up to")


def test_the_daily_check_backs_up_at_most_once_a_day(
    db: Database, make_window: Callable[[Database], MainWindow], qtbot: QtBot, clock: FixedClock
) -> None:
    window = make_window(db)
    controller = controller_of(window)
    assert controller.timer.isActive()
    with qtbot.waitSignal(controller.backup_finished, timeout=10000):
        assert controller.check_due()
    controller.wait()
    clock.advance(hours=23)
    assert not controller.check_due()
    clock.advance(hours=1)
    with qtbot.waitSignal(controller.backup_finished, timeout=10000):
        assert controller.check_due()
    controller.wait()
    assert len(controller.service.list_backups()) == 2  # type: ignore[union-attr]


def test_closing_the_window_backs_up_a_changed_library(
    db: Database, make_window: Callable[[Database], MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    add(db, "ResNet")
    window = make_window(db)
    service = controller_of(window).service
    assert service is not None
    assert service.list_backups() == []
    add(db, "written during the session")
    visible_while_copying: list[bool] = []
    real_create = BackupService.create

    def create(self: BackupService, *args: object, **kwargs: object) -> object:
        visible_while_copying.append(window.isVisible())
        return real_create(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(BackupService, "create", create)
    window.close()
    assert len(service.list_backups()) == 1
    # a 100k library's copy takes seconds: the window is gone first, not frozen meanwhile
    assert visible_while_copying == [False]


def test_closing_after_a_session_without_changes_adds_no_backup(
    db: Database, make_window: Callable[[Database], MainWindow]
) -> None:
    add(db, "ResNet")
    window = make_window(db)
    service = controller_of(window).service
    assert service is not None
    window.close()  # e.g. a --screenshot run
    assert service.list_backups() == []


def test_restore_dialog_lists_dates_kinds_and_sizes(
    db: Database, clock: FixedClock, qtbot: QtBot
) -> None:
    service = BackupService.for_database(db, clock)
    made = []
    for n in range(3):
        add(db, f"第 {n} 个视频", note="长" * 30000 * n)  # different sizes
        made.append(service.create())
        clock.advance(days=1)
    dialog = RestoreDialog(service.list_backups(), service.backup_dir)
    qtbot.addWidget(dialog)
    table = dialog.table
    model = table.model()
    assert model.rowCount() == 3
    shown = [model.index(r, BackupTableModel.DATE).data(INFO_ROLE) for r in range(3)]
    assert [b.path for b in shown] == [b.path for b in reversed(made)]  # newest first
    assert model.index(0, BackupTableModel.DATE).data() == format_stamp(made[-1].created)
    sizes = [model.index(r, BackupTableModel.SIZE).data() for r in range(3)]
    assert all(s and any(ch.isdigit() for ch in s) for s in sizes)
    assert model.index(0, BackupTableModel.KIND).data() == "Automatic"
    table.sortByColumn(BackupTableModel.SIZE, Qt.SortOrder.AscendingOrder)
    assert model.index(0, BackupTableModel.DATE).data() == format_stamp(made[0].created)
    table.selectRow(2)
    dialog.restore_button.click()
    assert dialog.result() == RestoreDialog.DialogCode.Accepted
    assert dialog.chosen_path == made[-1].path


def test_restore_from_the_file_menu_replaces_the_library_and_refreshes(
    db: Database,
    make_window: Callable[[Database], MainWindow],
    qtbot: QtBot,
    clock: FixedClock,
    questions: list[str],
) -> None:
    add(db, "kept in the backup")
    backup = BackupService.for_database(db, clock).create()
    clock.advance(hours=2)
    add(db, "written later")
    window = make_window(db)
    controller = controller_of(window)

    def choose_in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RestoreDialog)
        assert dialog.selected_backup() is not None
        dialog.restore_button.click()

    QTimer.singleShot(0, choose_in_dialog)
    with (
        qtbot.waitSignal(controller.restore_finished, timeout=10000) as done,
        qtbot.waitSignal(window.ctx.events.items_changed, timeout=10000),
    ):
        controller.restore_action.trigger()
    assert len(questions) == 1
    assert backup.path.name in questions[0]
    assert done.args[0].restored_from == backup.path
    assert [r.title for r in LibraryService(db).list_items()] == ["kept in the backup"]
    kinds = [b.kind for b in controller.service.list_backups()]  # type: ignore[union-attr]
    assert PRE_RESTORE in kinds


def test_a_failed_restore_is_reported_and_changes_nothing(
    db: Database,
    make_window: Callable[[Database], MainWindow],
    qtbot: QtBot,
    questions: list[str],
    tmp_path: Path,
) -> None:
    add(db, "still here")
    window = make_window(db)
    controller = controller_of(window)
    bogus = tmp_path / "holiday-photo.sqlite3"
    bogus.write_bytes(b"\xff\xd8\xff\xe0 JFIF")
    with qtbot.waitSignal(controller.failed, timeout=10000) as failed:
        controller.restore(bogus)
    assert "not a ThreePass database" in failed.args[0]
    assert questions[-1] == failed.args[0]  # shown to the user
    assert [r.title for r in LibraryService(db).list_items()] == ["still here"]


@pytest.mark.parametrize("answer", [False])
def test_restore_asks_first(
    db: Database,
    make_window: Callable[[Database], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    clock: FixedClock,
    answer: bool,
) -> None:
    from desktop.widgets import dialogs

    add(db, "kept")
    backup = BackupService.for_database(db, clock).create()
    add(db, "also kept")
    window = make_window(db)
    monkeypatch.setattr(dialogs, "confirm", lambda *_a, **_k: answer)
    assert not controller_of(window).restore(backup.path)
    assert len(LibraryService(db).list_items()) == 2


def test_after_restoring_over_a_damaged_file_the_app_uses_the_restored_one(
    db: Database,
    make_window: Callable[[Database], MainWindow],
    qtbot: QtBot,
    clock: FixedClock,
) -> None:
    """Restore moves a damaged live file aside; the open app's connections still pointed at
    it, so reads showed, and writes went to, the moved-aside file."""
    import sqlite3

    add(db, "kept in the backup")
    backup = BackupService.for_database(db, clock).create()
    for n in range(40):
        add(db, f"written later {n}", note="注意力" * 200)  # enough pages to damage some
    window = make_window(db)
    controller = controller_of(window)
    assert len(LibraryService(db).list_items()) == 41  # the app's connections are open
    live = db.path
    assert live is not None
    with sqlite3.connect(live) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = bytearray(live.read_bytes())
    for offset in range(4096 * 3, len(pages), 4096 * 4):
        pages[offset : offset + 200] = b"\xee" * 200
    live.write_bytes(bytes(pages))
    with qtbot.waitSignal(controller.restore_finished, timeout=10000) as done:
        controller.restore(backup.path, confirmed=True)
    assert done.args[0].moved_aside is not None  # the damaged file went aside
    assert [r.title for r in LibraryService(db).list_items()] == ["kept in the backup"]
    add(db, "after the restore")
    with sqlite3.connect(live) as raw:  # the write is in the live file, not the moved one
        titles = {t for (t,) in raw.execute("SELECT title FROM items")}
    assert titles == {"kept in the backup", "after the restore"}
