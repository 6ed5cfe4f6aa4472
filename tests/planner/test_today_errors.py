"""A plan that cannot be made shows an error state and reaches the log, not "Nothing planned"."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.crash import CrashDialog, install_crash_handler, uninstall_crash_handler
from desktop.main_window import MainWindow
from desktop.planner.today_view import TodayView
from models import logs
from models.db import Database
from models.errors import ThreePassError
from models.services.plan_rules import WeekPlan
from models.services.planner import PlannerService
from tests.planner.planner_helpers import add_item

WindowFactory = Callable[[], MainWindow]


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    logs.reset_logging()
    found = logs.setup_logging(tmp_path / "logged")
    assert found is not None
    install_crash_handler(native_crashes=False)
    try:
        yield found
    finally:
        uninstall_crash_handler()
        logs.reset_logging()


def _dialogs() -> list[CrashDialog]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()
    ]


def _today(window: MainWindow) -> TodayView:
    window.show_view("today")
    view = window.view("today")
    assert isinstance(view, TodayView)
    return view


def test_a_bug_in_the_planner_shows_an_error_state_and_the_crash_dialog(
    make_window: WindowFactory,
    db: Database,
    log_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_item(db, "Transformer论文逐段精读", kind="paper_video", position=1, minutes=60)

    def broken(self: PlannerService, start: date) -> WeekPlan:
        raise KeyError("pass_speeds")

    monkeypatch.setattr(PlannerService, "plan_week", broken)
    view = _today(make_window())

    assert view.empty_label.isVisible()
    assert "Nothing planned" not in view.empty_label.text()
    assert "The plan could not be made: KeyError: 'pass_speeds'" in view.empty_label.text()
    assert view.plan_model.rowCount() == 0
    [dialog] = _dialogs()
    text = log_file.read_text(encoding="utf-8")
    assert "uncaught exception in the Today view" in text
    assert "in broken" in text
    dialog.close()

    monkeypatch.undo()  # fixed: the next refresh shows the plan again
    view.refresh()
    assert view.plan_model.rowCount() == 1
    assert not view.empty_label.isVisible()
    assert "Nothing planned" in view.empty_label.text()


def test_a_plan_refused_with_a_reason_says_it_and_logs_it_without_a_dialog(
    make_window: WindowFactory, log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(self: PlannerService, start: date) -> WeekPlan:
        raise ThreePassError("The database is locked by another program.")

    monkeypatch.setattr(PlannerService, "plan_week", refused)
    view = _today(make_window())

    assert "The database is locked by another program." in view.empty_label.text()
    assert "Nothing planned" not in view.empty_label.text()
    assert not _dialogs()
    assert "The database is locked by another program." in log_file.read_text(encoding="utf-8")
