"""The sync GUI on the real main window: Preferences ▸ Sync, File ▸ Sync now running the
real `threepass sync` child, the status bar's report, the debounce of background syncs."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from desktop.preferences.dialog import PreferencesDialog
from desktop.sync.conflicts import ConflictsDialog
from desktop.sync.feature import SyncController
from desktop.sync.report import SyncOutcome
from models.db import Database, open_database
from models.paths import resolve_location
from models.services.journal import JournalService
from models.services.settings import SettingsService
from models.sync import config, files
from tests.sync.sync_cli import threepass

CHILD_MS = 60_000  # a child interpreter on a busy machine; usually about a second


def _controller(window: MainWindow) -> SyncController:
    found = window.findChild(SyncController, "SyncController")
    assert isinstance(found, SyncController)
    found.scheduler.first.stop()  # the sync on start would race the test's own
    found.scheduler.every.stop()
    return found


def _window(make_window: Callable[[], MainWindow]) -> tuple[MainWindow, SyncController]:
    window = make_window()
    window.run_deferred()
    return window, _controller(window)


def _open_preferences(window: MainWindow) -> PreferencesDialog:
    action = window.findChild(QAction, "actionPreferences")
    assert action is not None
    action.trigger()
    (dialog,) = [d for d in window.findChildren(PreferencesDialog) if d.isVisible()]
    return dialog


def test_preferences_sets_the_folder_and_the_device(
    make_window: Callable[[], MainWindow], data_dir: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    window, sync = _window(make_window)
    assert not sync.status.isVisible()  # sync is not set up: no corner, no child
    assert config.sync_settings(data_dir) is None
    dialog = _open_preferences(window)
    dialog.tabs.setCurrentWidget(dialog.sync)
    assert dialog.sync.folder.text() == ""
    assert dialog.sync.device.text() == config.default_device_name()

    folder = tmp_path / "shared"
    dialog.sync.folder.setText(str(folder))
    dialog.sync.device.setText("laptop")
    started: list[bool] = []
    sync.runner.started.connect(lambda: started.append(True))
    with qtbot.waitSignal(sync.runner.finished, timeout=CHILD_MS):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        assert started  # saving the folder syncs at once

    saved = config.sync_settings(data_dir)
    assert saved is not None
    assert (saved.folder, saved.device) == (folder, "laptop")
    assert folder.is_dir()
    assert sync.status.isVisible()
    # the CLI alone syncs with what Preferences remembered
    cli = threepass(data_dir, "sync", "--json")
    assert json.loads(cli.stdout)["device"] == "laptop"
    assert (folder / "laptop").is_dir()

    dialog = _open_preferences(window)  # the devices, with this one's last sync
    model = dialog.sync.model
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "laptop (this device)"
    assert model.index(0, 1).data() not in ("", "never")
    assert dialog.sync.device.isReadOnly()  # its changesets are filed under its name
    dialog.reject()


def test_a_folder_inside_the_data_folder_is_refused(
    make_window: Callable[[], MainWindow],
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    told: list[str] = []
    monkeypatch.setattr(
        "desktop.sync.page.dialogs.inform", lambda _parent, _title, text: told.append(text)
    )
    window, _sync = _window(make_window)
    dialog = _open_preferences(window)
    dialog.sync.folder.setText(str(data_dir / "sync"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()  # not saved: the dialog stays, on the Sync tab
    assert dialog.tabs.currentWidget() is dialog.sync
    assert len(told) == 1
    assert "must not contain each other" in told[0]
    assert config.sync_settings(data_dir) is None


def test_background_sync_waits_for_writes_to_settle(
    make_window: Callable[[], MainWindow], db: Database, tmp_path: Path, qtbot: QtBot
) -> None:
    assert db.location.data_dir is not None
    config.configure(db.location.data_dir, tmp_path / "shared", "laptop")
    _, sync = _window(make_window)
    scheduler = sync.scheduler
    scheduler.settle.setInterval(300)
    starts: list[int] = []
    sync.runner.started.connect(lambda: starts.append(db.commits))
    events = sync._ctx.events

    # a refresh with no write of this window (another process, the sync child) schedules none
    events.items_changed.emit()
    assert not scheduler.pending()

    settings = SettingsService(db)
    for minutes in (95, 100, 105):  # three writes in a row: one sync, after the last
        settings.set_many({"daily_budget_minutes": minutes})
        events.study_changed.emit()
        assert scheduler.pending()
    assert starts == []
    with qtbot.waitSignal(sync.runner.finished, timeout=CHILD_MS) as finished:
        pass
    assert starts == [db.commits]  # once, with every write committed before it began
    outcome = finished.args[0]
    assert isinstance(outcome, SyncOutcome)
    # the sync's own refresh (or the watcher's, after the child committed) schedules none
    events.items_changed.emit()
    assert not scheduler.pending()
    assert not sync.runner.is_running()
    assert starts == [db.commits]


def test_sync_now_without_a_folder_says_where_to_set_it(
    make_window: Callable[[], MainWindow],
) -> None:
    window, sync = _window(make_window)
    messages: list[str] = []
    sync._ctx.events.status_message.connect(messages.append)
    action = window.findChild(QAction, "SyncNow")
    assert action is not None
    assert action in window.menu("file").actions()
    action.trigger()
    assert not sync.runner.is_running()
    assert messages == ["Sync is not set up: choose a sync folder in Preferences ▸ Sync."]


def _sync_now(window: MainWindow, sync: SyncController, qtbot: QtBot) -> SyncOutcome:
    action = window.findChild(QAction, "SyncNow")
    assert action is not None
    with qtbot.waitSignal(sync.runner.finished, timeout=CHILD_MS) as finished:
        action.trigger()
        assert sync.status.label.text() == "Syncing…"
    outcome = finished.args[0]
    assert isinstance(outcome, SyncOutcome)
    return outcome


def test_sync_now_runs_the_child_and_reports_in_the_status_bar(
    make_window: Callable[[], MainWindow], db: Database, tmp_path: Path, qtbot: QtBot
) -> None:
    assert db.location.data_dir is not None
    shared, other = tmp_path / "shared", tmp_path / "other"
    config.configure(db.location.data_dir, shared, "laptop")
    JournalService(db).create("Written on the laptop first")
    window, sync = _window(make_window)
    assert sync.status.label.text() == "Not synced yet"
    first = _sync_now(window, sync, qtbot)
    assert (first.ok, first.sent, first.applied) == (True, 1, 0), first.message
    # the desktop joins from an empty data folder, then adds a company
    threepass(other, "sync", "--folder", str(shared), "--device", "desktop")
    threepass(other, "company", "add", "Made on the desktop")
    threepass(other, "sync")
    JournalService(db).create("Written on the laptop then")
    refreshed: list[bool] = []
    sync._ctx.events.career_changed.connect(lambda: refreshed.append(True))

    outcome = _sync_now(window, sync, qtbot)
    assert outcome.ok, outcome.message
    assert outcome.applied == 1  # the desktop's company
    assert outcome.sent == 1  # the laptop's second note
    message = window.statusBar().currentMessage()
    assert message == f"Sync: sent {outcome.sent}, applied {outcome.applied}, conflicts resolved: 0"
    assert sync.status.label.text().startswith("Synced ")
    assert refreshed  # the views reload what arrived
    from models.services.career import CareerService

    names = {c.name for c in CareerService(db).list_companies()}
    assert "Made on the desktop" in names


def test_a_conflict_shows_and_its_kept_copy_opens(
    make_window: Callable[[], MainWindow], db: Database, tmp_path: Path, qtbot: QtBot
) -> None:
    assert db.location.data_dir is not None
    shared, other = tmp_path / "shared", tmp_path / "other"
    config.configure(db.location.data_dir, shared, "laptop")
    note = JournalService(db).create("Attention", "first draft")
    window, sync = _window(make_window)
    assert _sync_now(window, sync, qtbot).ok
    threepass(other, "sync", "--folder", str(shared), "--device", "desktop")

    # the same note edited on both devices before either syncs again
    JournalService(db).save(note, body="the laptop's words")
    other_db = open_database(resolve_location(data_dir=other))
    try:
        JournalService(other_db).save(note, body="the desktop's words")
    finally:
        other_db.close()
    threepass(other, "sync")
    outcome = _sync_now(window, sync, qtbot)
    assert outcome.ok, outcome.message
    assert outcome.resolved == 1

    assert sync.status.conflicts.isVisible()
    assert sync.status.conflicts.text() == "⚠ Conflicts: 1"
    sync.status.conflicts.click()
    (dialog,) = [d for d in window.findChildren(ConflictsDialog) if d.isVisible()]
    assert dialog.model.rowCount() == 1
    texts = {dialog.lost.toPlainText(), dialog.kept.toPlainText()}
    assert texts == {"the laptop's words", "the desktop's words"}  # neither text is lost
    assert dialog.model.index(0, 0).data() == "Note “Attention” (body)"  # where to look
    dialog.seen_button.click()
    assert not sync.status.conflicts.isVisible()


def test_a_refusal_shows_its_message_once(
    make_window: Callable[[], MainWindow], db: Database, tmp_path: Path, qtbot: QtBot
) -> None:
    assert db.location.data_dir is not None
    shared = tmp_path / "shared"
    config.configure(db.location.data_dir, shared, "laptop")
    # a device with a newer ThreePass wrote a changeset of a schema this one does not know
    future = shared / "future"
    files.write_json(future / files.DEVICE_FILE, {"block": 9})
    header = files.Header("future", 1, 1, "9999_newer", "2026-03-01 08:00:00.000000")
    files.write_changeset(future, header, b"")
    window, sync = _window(make_window)

    outcome = _sync_now(window, sync, qtbot)
    assert not outcome.ok
    assert "future" in outcome.message
    assert sync.status.label.text() == "Sync failed"
    boxes = [b for b in window.findChildren(QMessageBox, "SyncFailedBox") if b.isVisible()]
    assert len(boxes) == 1
    assert boxes[0].text() == outcome.message
    boxes[0].accept()
    qtbot.waitUntil(lambda: not window.findChildren(QMessageBox, "SyncFailedBox"))

    again = _sync_now(window, sync, qtbot)
    assert again.message == outcome.message
    assert not [b for b in window.findChildren(QMessageBox, "SyncFailedBox") if b.isVisible()]
    assert window.statusBar().currentMessage() == f"Sync failed: {outcome.message}"
