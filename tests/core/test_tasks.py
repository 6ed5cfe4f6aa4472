"""The background-task API (desktop/tasks.py): result, error, progress, cancel, a receiver
deleted before delivery, and the shutdown path, on real threads and a real event loop."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterator

import pytest
import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from desktop import tasks
from desktop.tasks import BackgroundTask, TaskCancelled, TaskControl, run_in_background

WAIT_MS = 10_000


@pytest.fixture(autouse=True)
def _no_task_left() -> Iterator[None]:
    yield
    tasks.shutdown(WAIT_MS)  # a failed test must not leave its threads to the next one


class Recorder:
    """Every callback, in order, with the thread it ran on."""

    def __init__(self) -> None:
        self.events: list[tuple[str, object]] = []
        self.threads: set[int] = set()

    def _note(self, name: str, value: object = None) -> None:
        self.threads.add(threading.get_ident())
        self.events.append((name, value))

    def task(
        self,
        work: Callable[[TaskControl], object],
        *,
        parent: QObject | None = None,
        name: str = "task",
    ) -> BackgroundTask[object]:
        """A task (not started) whose every callback is recorded."""
        return BackgroundTask(
            work,
            parent=parent,
            name=name,
            on_success=lambda result: self._note("success", result),
            on_failure=lambda err: self._note("failure", err),
            on_progress=lambda value: self._note("progress", value),
            on_cancelled=lambda: self._note("cancelled"),
            on_finished=lambda: self._note("finished"),
        )

    def names(self) -> list[str]:
        return [name for name, _ in self.events]


def test_the_result_and_the_progress_arrive_in_order_on_the_gui_thread(qtbot: QtBot) -> None:
    seen = Recorder()
    ran_in: list[str] = []

    def work(control: TaskControl) -> int:
        ran_in.append(threading.current_thread().name)
        for step in range(3):
            control.progress(step)
        return 42

    task = seen.task(work, name="answer").start()
    assert task.is_running()
    qtbot.waitUntil(lambda: "finished" in seen.names(), timeout=WAIT_MS)
    assert seen.events == [
        ("progress", 0),
        ("progress", 1),
        ("progress", 2),
        ("success", 42),
        ("finished", None),
    ]
    assert ran_in == ["answer"]
    assert seen.threads == {threading.get_ident()}  # the GUI thread, not the worker
    assert not task.is_running()
    assert task not in tasks.running()


def test_an_error_goes_to_on_failure(qtbot: QtBot) -> None:
    seen = Recorder()

    def work(_control: TaskControl) -> None:
        raise KeyError("lesson")

    seen.task(work).start()
    qtbot.waitUntil(lambda: "finished" in seen.names(), timeout=WAIT_MS)
    assert seen.names() == ["failure", "finished"]
    error = seen.events[0][1]
    assert isinstance(error, KeyError)
    assert error.args == ("lesson",)


def test_an_error_nobody_handles_reaches_the_crash_handler_and_the_log(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    finished: list[bool] = []

    def work(_control: TaskControl) -> None:
        raise ZeroDivisionError("no minutes")

    with caplog.at_level(logging.ERROR):
        run_in_background(work, name="sums", on_finished=lambda: finished.append(True))
        qtbot.waitUntil(lambda: bool(finished), timeout=WAIT_MS)
    records = [r for r in caplog.records if r.exc_info and r.exc_info[0] is ZeroDivisionError]
    assert records, "the error was lost"
    assert "background task sums" in records[0].getMessage()


def test_cancel_stops_the_work_at_its_next_check(qtbot: QtBot) -> None:
    seen = Recorder()
    started = threading.Event()
    writes: list[int] = []

    def work(control: TaskControl) -> None:
        started.set()
        while True:
            control.check()
            control.cancelled()  # also readable without raising
            threading.Event().wait(0.005)
            if len(writes) > 100_000:  # never: the cancel must stop it first
                writes.append(1)

    task = seen.task(work).start()
    assert started.wait(WAIT_MS / 1000)
    task.cancel()
    qtbot.waitUntil(lambda: "finished" in seen.names(), timeout=WAIT_MS)
    assert seen.names() == ["cancelled", "finished"]
    assert writes == []


def test_a_receiver_deleted_before_delivery_gets_nothing_and_the_work_is_cancelled(
    qtbot: QtBot,
) -> None:
    receiver = QObject()
    seen = Recorder()
    go = threading.Event()
    saw_cancel: list[bool] = []

    def work(control: TaskControl) -> str:
        go.wait(WAIT_MS / 1000)
        saw_cancel.append(control.cancelled())
        control.progress("late")
        return "too late"

    task = seen.task(work, parent=receiver).start()
    shiboken6.delete(receiver)  # the view went away while its work ran
    go.set()
    assert task.wait(WAIT_MS)
    qtbot.waitUntil(lambda: task not in tasks.running(), timeout=WAIT_MS)
    assert seen.events == []
    assert saw_cancel == [True]
    assert not task.is_running()


def test_a_delayed_start_runs_at_once_when_waited_for(qtbot: QtBot) -> None:
    seen = Recorder()
    started = threading.Event()
    task = seen.task(lambda _control: started.set())
    task.start(after_ms=60_000)  # a delay no test waits for
    assert task.is_running()
    assert not started.is_set()
    assert task.deliver_now(WAIT_MS)  # screenshots and closing views: the answer, now
    assert started.is_set()
    assert seen.names() == ["success", "finished"]
    qtbot.wait(10)
    assert seen.names() == ["success", "finished"]  # the queued end is not delivered twice


def test_shutdown_cancels_running_tasks_waits_for_them_and_drops_their_callbacks(
    qtbot: QtBot,
) -> None:
    seen = Recorder()
    started = threading.Event()
    stopped: list[bool] = []

    def patient(control: TaskControl) -> None:
        started.set()
        while not control.cancelled():
            threading.Event().wait(0.005)
        stopped.append(True)
        raise TaskCancelled()

    never = threading.Event()
    pending = seen.task(lambda _control: never.set())
    pending.start(after_ms=60_000)
    running = seen.task(patient, name="patient").start()
    assert started.wait(WAIT_MS / 1000)

    assert tasks.shutdown(WAIT_MS) == []
    assert stopped == [True]
    assert running.wait(0)
    assert tasks.running() == []
    qtbot.wait(20)  # whatever was queued meanwhile
    assert seen.events == []
    assert not never.is_set()  # a start still waiting for its delay never happens


def test_shutdown_is_bounded_by_a_task_that_ignores_cancel(qtbot: QtBot) -> None:
    release = threading.Event()
    started = threading.Event()

    def stubborn(_control: TaskControl) -> None:
        started.set()
        release.wait(WAIT_MS / 1000)

    task = run_in_background(stubborn, name="stubborn")
    assert started.wait(WAIT_MS / 1000)
    try:
        assert tasks.shutdown(50) == ["stubborn"]
        assert not task.wait(0)
    finally:
        release.set()
    assert task.wait(WAIT_MS)


def test_the_gil_changes_hands_often_while_tasks_run_and_as_before_after(qtbot: QtBot) -> None:
    """A worker busy in Python made each Python call of the GUI thread wait up to the switch
    interval (5 ms by default): while any task runs it is TASK_SWITCH_INTERVAL_S, and the
    interval the process had comes back once the last task ended, errors included."""
    before = sys.getswitchinterval()
    assert before > tasks.TASK_SWITCH_INTERVAL_S
    first_in, release_first = threading.Event(), threading.Event()
    seen: dict[str, float] = {}

    def first(_control: TaskControl) -> None:
        seen["first"] = sys.getswitchinterval()
        first_in.set()
        assert release_first.wait(WAIT_MS / 1000)

    def second(_control: TaskControl) -> None:
        seen["second"] = sys.getswitchinterval()
        raise ValueError("fails: the interval still comes back")

    recorder = Recorder()
    one = recorder.task(first, name="one").start()
    assert first_in.wait(WAIT_MS / 1000)
    two = BackgroundTask(second, name="two", on_failure=lambda _err: None).start()
    assert two.deliver_now(WAIT_MS)
    assert sys.getswitchinterval() == tasks.TASK_SWITCH_INTERVAL_S  # the first still runs
    release_first.set()
    assert one.deliver_now(WAIT_MS)
    assert seen == {"first": tasks.TASK_SWITCH_INTERVAL_S, "second": tasks.TASK_SWITCH_INTERVAL_S}
    assert sys.getswitchinterval() == before
