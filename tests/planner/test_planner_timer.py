"""The study timer service and the `plan` / `timer` commands."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from desktop.app import main
from models.clock import FixedClock
from models.db import Database
from models.errors import NotFoundError, ValidationError
from models.services.library import LibraryService
from models.services.settings import SettingsService
from models.services.timer import NoTimerError, TimerRunningError, TimerService
from tests.planner.planner_helpers import add_item


@pytest.fixture
def timer(db: Database, clock: FixedClock) -> TimerService:
    return TimerService(db, clock)


def pass_of(db: Database, item_id: int, number: int) -> tuple[str, float]:
    p = LibraryService(db).get_item(item_id).passes[number - 1]
    return p.status, p.minutes_spent


def test_start_and_stop_add_the_minutes_to_the_pass(
    db: Database, clock: FixedClock, timer: TimerService
) -> None:
    item = add_item(db, "Transformer论文逐段精读", kind="paper_video")
    running = timer.start(item, 1)
    assert timer.running() == running
    assert pass_of(db, item, 1) == ("in_progress", 0.0)
    clock.advance(minutes=42)
    stopped = timer.stop()
    assert (stopped.minutes, stopped.capped, stopped.pass_minutes_total) == (42, False, 42)
    assert timer.running() is None
    assert pass_of(db, item, 1) == ("in_progress", 42.0)
    timer.start(item, 1)
    clock.advance(minutes=8)
    assert timer.stop(item, 1).pass_minutes_total == 50


def test_only_one_timer_runs(db: Database, clock: FixedClock, timer: TimerService) -> None:
    a = add_item(db, "a")
    b = add_item(db, "b")
    timer.start(a, 1)
    with pytest.raises(TimerRunningError, match="already running"):
        timer.start(b, 2)
    with pytest.raises(NoTimerError, match="not #"):
        timer.stop(b, 2)
    timer.stop()
    with pytest.raises(NoTimerError, match="No timer"):
        timer.stop()
    with pytest.raises(NotFoundError):
        timer.start(999, 1)
    with pytest.raises(ValidationError):
        timer.start(a, 4)


def test_a_forgotten_timer_is_capped_and_the_user_chooses_what_to_keep(
    db: Database, clock: FixedClock, timer: TimerService
) -> None:
    item = add_item(db, "a")
    SettingsService(db).set("timer_cap_minutes", 120)
    timer.start(item, 2)
    clock.advance(hours=9)
    stopped = timer.stop()
    assert stopped.capped
    assert (stopped.minutes, stopped.raw_minutes) == (120, 540)
    assert pass_of(db, item, 2)[1] == 120
    kept = timer.keep_minutes(stopped.session_id, 45)
    assert kept.pass_minutes_total == 45
    assert pass_of(db, item, 2)[1] == 45
    with pytest.raises(ValidationError, match="between 0 and 540"):
        timer.keep_minutes(stopped.session_id, 600)


def test_minutes_entered_by_hand(db: Database, clock: FixedClock, timer: TimerService) -> None:
    item = add_item(db, "a")
    result = timer.add_manual(item, 3, 25)
    assert result.pass_minutes_total == 25
    assert pass_of(db, item, 3) == ("todo", 25.0)
    for bad in (0, -5, 24 * 60 + 1):
        with pytest.raises(ValidationError):
            timer.add_manual(item, 3, bad)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_command_prints_the_json_contract(
    db: Database, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_item(db, "Transformer论文逐段精读", kind="paper_video", done={1: datetime(2026, 3, 1, 12)})
    add_item(db, "ResNet论文逐段精读", kind="paper_video", position=1, minutes=60)
    code, out, _ = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "plan",
        "--date",
        "2026-03-04",
        "--minutes",
        "200",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert data == {
        "date": "2026-03-04",
        "budget_minutes": 200,
        "entries": [
            {
                "item_id": 1,
                "title": "Transformer论文逐段精读",
                "pass": 2,
                "minutes": 24.0,
                "due": "2026-03-02",
                "overdue": True,
            },
            {
                "item_id": 2,
                "title": "ResNet论文逐段精读",
                "pass": 1,
                "minutes": 60.0,
                "due": None,
                "overdue": False,
            },
        ],
    }
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "plan", "--date", "2026-03-04")
    assert code == 0
    assert "OVERDUE Transformer论文逐段精读" in out
    assert "1 h 24 min of 90 min" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("plan", "--date", "2026-02-30"), "--date must be a date written YYYY-MM-DD"),
        (("plan", "--minutes", "ninety"), "--minutes must be a whole number"),
        (("plan", "--minutes", "0"), "--minutes must be between 1 and 1440"),
        (("timer", "x", "1", "start"), "ITEM_ID must be a whole number"),
        (("timer", "1", "4", "start"), "The pass number N is 1, 2 or 3"),
        (("timer", "1", "1", "pause"), "start or stop"),
        (("timer", "99", "1", "start"), "No item with id 99."),
        (("timer", "1", "1", "stop"), "No timer is running."),
    ],
)
def test_bad_input_gets_one_clear_line_and_exit_2(
    db: Database,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...],
    message: str,
) -> None:
    add_item(db, "a")
    code, out, err = run(capsys, "--data-dir", str(data_dir), *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("threepass: ")
    assert message in err
    assert err.count("\n") == 1


def test_timer_command_starts_and_stops(
    db: Database, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    item = add_item(db, "Transformer论文逐段精读")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "timer", str(item), "2", "start")
    assert code == 0
    assert "Timer started on #1 pass 2" in out
    running = TimerService(db).running()
    assert running is not None
    assert running.pass_number == 2
    code, _, err = run(capsys, "--data-dir", str(data_dir), "timer", str(item), "1", "stop")
    assert code == 2
    assert "running timer is on #1 pass 2" in err
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "timer", str(item), "2", "stop")
    assert code == 0
    assert "to pass 2 of #1" in out
    assert TimerService(db).running() is None


def test_a_pass_started_out_of_order_stays_in_the_plan(
    db: Database, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`timer 1 2 start` / `stop` with pass 1 still to do: the plan offers pass 2, once."""
    item = add_item(db, "Transformer论文逐段精读", kind="paper_video", position=1)
    add_item(db, "ResNet论文逐段精读", kind="paper_video", position=2)
    for action in ("start", "stop"):
        code, _, _ = run(capsys, "--data-dir", str(data_dir), "timer", str(item), "2", action)
        assert code == 0
    assert pass_of(db, item, 1)[0] == "todo"
    assert pass_of(db, item, 2)[0] == "in_progress"
    code, out, _ = run(
        capsys, "--data-dir", str(data_dir), "plan", "--date", "2026-03-04", "--json"
    )
    assert code == 0
    entries = json.loads(out)["entries"]
    assert [(e["item_id"], e["pass"]) for e in entries] == [(item, 2), (2, 1)]
    assert entries[0]["minutes"] == 24.0
    assert entries[0]["due"] is None
