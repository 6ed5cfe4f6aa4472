"""A delivered task lets its result go at once, even when a callback names the task (a
reference cycle only the cyclic collector's full collections free): the library's header
sort kept 100k prepared rows per click that way (#17 peak memory)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop import tasks
from desktop.tasks import BackgroundTask


class Rows:
    """Stands for a large result (weak-referenceable, unlike a list)."""


@pytest.fixture
def no_cyclic_gc() -> Iterator[None]:
    """Only reference counts free objects meanwhile (the app's window freezes most objects
    and full collections are rare: what a cycle holds stays for long)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
        tasks.shutdown(10_000)


@pytest.mark.usefixtures("no_cyclic_gc")
def test_a_delivered_result_is_let_go_though_a_callback_names_its_task(qtbot: QtBot) -> None:
    delivered: list[bool] = []
    refs: list[weakref.ref[Rows]] = []

    def work(_control: object) -> Rows:
        rows = Rows()
        refs.append(weakref.ref(rows))
        return rows

    def finished(task: BackgroundTask[Rows]) -> None:
        delivered.append(task.is_running())

    task: BackgroundTask[Rows] = BackgroundTask(
        work,
        name="rows",
        on_success=lambda rows: delivered.append(isinstance(rows, Rows)),
        on_finished=lambda: finished(task),  # the cycle: task -> callback -> task
    )
    task.start()
    qtbot.waitUntil(lambda: len(delivered) == 2)
    assert delivered == [True, False]  # the result reached on_success, then the end
    assert refs[0]() is None  # nothing holds the result any more
    assert not task.is_running()
    assert task.deliver_now()  # a delivered task stays delivered
