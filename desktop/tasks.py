"""Background work: the one way to run a function off the GUI thread.

In the spirit of Anki's QueryOp/CollectionOp: the work runs in a thread of its own with a
`TaskControl` (progress reports, the cancel flag) and opens its own connections through
service calls; only plain values cross back. Every callback runs on the GUI thread, in the
order: progress…, then exactly one of success / failure / cancelled, then finished.

Why each piece is here, so no caller re-solves it:
- Delivery goes through a private QObject living on the GUI thread (queued signals), so it
  is safe from any thread, and a task keeps itself alive until delivered: the caller need
  not hold a reference.
- The receiver (the `parent` QObject, usually the view) may be deleted first (the window
  closed): its `destroyed` cancels the work and drops every later callback.
- Plain Python threads, never QThread: nothing can be destroyed while running, and the
  daemon flag means a stuck task cannot hold the process open at quit.
- One shutdown path: `shutdown()` (called by `desktop.gui` after the event loop ends)
  cancels every running task, drops its callbacks and waits for them, bounded.
- An error the caller does not handle (no `on_failure`) goes to the crash handler
  (`desktop.crash.report_exception`), which logs it and shows it.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from enum import Enum
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")

# How long quitting waits for running tasks in all (a backup or a rows load takes well under
# a second; an import stops at its next cancel check).
SHUTDOWN_WAIT_MS = 10_000

# While a task runs, the interpreter hands the GIL over every 0.5 ms instead of every 5: the
# GUI thread enters Python for each model data() call of a paint and each timer slot, and
# each entry waited up to one interval for a worker busy in Python. A paint of the 100k
# library during its sort by title waited 105-220 ms in all, 17-29 ms with this (the sort
# itself took ~25 % longer: 0.30 -> 0.39 s).
TASK_SWITCH_INTERVAL_S = 0.0005
_switch_lock = threading.Lock()
_switch_users = [0, 0.0]  # running tasks, the interval before the first began


def _share_the_gil(begin: bool) -> None:
    with _switch_lock:
        if begin:
            _switch_users[0] += 1
            if _switch_users[0] == 1:
                _switch_users[1] = sys.getswitchinterval()
                sys.setswitchinterval(min(_switch_users[1], TASK_SWITCH_INTERVAL_S))
        else:
            _switch_users[0] -= 1
            if _switch_users[0] == 0:
                sys.setswitchinterval(_switch_users[1])


class TaskCancelled(Exception):
    """Raised by `TaskControl.check()` (or by the work) to stop after a cancel request."""


class TaskControl:
    """What the work sees of the GUI, from its own thread: progress and the cancel flag."""

    def __init__(self, report: Callable[[Any], None], cancel_event: threading.Event) -> None:
        self._report = report
        self._cancel = cancel_event

    def progress(self, value: Any) -> None:
        """Hand `value` to the task's `on_progress` on the GUI thread (queued, in order)."""
        self._report(value)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def cancel_event(self) -> threading.Event:
        """The flag itself, for code that waits on it or hands it on (an import's Reporter)."""
        return self._cancel

    def check(self) -> None:
        """Stop here if cancel was requested (call before anything is written)."""
        if self._cancel.is_set():
            raise TaskCancelled()


class _State(Enum):
    NEW = "new"
    PENDING = "pending"  # start(after_ms=…) asked for a delay that has not passed yet
    RUNNING = "running"
    DONE = "done"  # the outcome was delivered (or dropped)


class _Relay(QObject):
    """Lives on the GUI thread: the worker's signals are queued to it, whatever the thread."""

    progressed = Signal(object)
    ended = Signal()

    def __init__(self, task: BackgroundTask[Any]) -> None:
        super().__init__()
        self._task = task
        self.progressed.connect(self._on_progress)
        self.ended.connect(self._on_ended)

    @Slot(object)
    def _on_progress(self, value: object) -> None:
        self._task._deliver_progress(value)

    @Slot()
    def _on_ended(self) -> None:
        self._task._deliver()

    @Slot()
    def _on_delay_over(self) -> None:
        self._task._start_pending()

    @Slot()
    def _on_receiver_gone(self) -> None:
        self._task._drop()


_active: set[BackgroundTask[Any]] = set()  # started and not yet delivered (GUI thread only)


class BackgroundTask(Generic[T]):
    """One function run once off the GUI thread; create, then `start()`, on the GUI thread.

    `work(control)` returns the result handed to `on_success`. An exception goes to
    `on_failure`, or to the crash handler when there is none; `TaskCancelled` goes to
    `on_cancelled` instead. `on_finished` runs after any of them.
    """

    def __init__(
        self,
        work: Callable[[TaskControl], T],
        *,
        parent: QObject | None = None,
        name: str = "task",
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        on_finished: Callable[[], None] | None = None,
    ) -> None:
        self.name = name
        self._work = work
        self._receiver = parent
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_progress = on_progress
        self._on_cancelled = on_cancelled
        self._on_finished = on_finished
        self._cancel = threading.Event()
        self._state = _State.NEW
        self._dropped = False
        self._thread: threading.Thread | None = None
        self._outcome: tuple[str, Any] | None = None  # ("ok", result) / ("error", exc) / …
        self._relay = _Relay(self)
        if parent is not None:
            parent.destroyed.connect(self._relay._on_receiver_gone)

    # ---- GUI thread ---------------------------------------------------------------------
    def start(self, *, after_ms: int = 0) -> BackgroundTask[T]:
        """Run now, or `after_ms` later so the GUI can paint first (a busy worker competes
        with the first paint of a dialog for the GIL)."""
        if self._state is not _State.NEW:
            raise RuntimeError(f"background task {self.name} was already started")
        _active.add(self)
        if after_ms <= 0:
            self._launch()
        else:
            self._state = _State.PENDING
            QTimer.singleShot(after_ms, self._relay, self._relay._on_delay_over)
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next check; safe from any thread."""
        self._cancel.set()

    def is_running(self) -> bool:
        """From start() until the outcome was delivered on the GUI thread."""
        return self._state in (_State.PENDING, _State.RUNNING)

    def wait(self, timeout_ms: int | None = None) -> bool:
        """Block until the work has ended (a start still waiting for its delay happens now);
        False on timeout. The outcome still arrives through the event loop."""
        self._start_pending()
        return self._join(None if timeout_ms is None else timeout_ms / 1000)

    def deliver_now(self, timeout_ms: int | None = None) -> bool:
        """`wait()`, then run the callbacks at once, in order (screenshots, closing views
        that must show the last answer); False on timeout, with nothing delivered."""
        if self._state is _State.DONE:
            return True
        if not self.wait(timeout_ms):
            return False
        QCoreApplication.sendPostedEvents(self._relay, 0)  # queued progress, then the end
        self._deliver()
        return True

    def _launch(self) -> None:
        self._state = _State.RUNNING
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
        self._thread.start()

    def _start_pending(self) -> None:
        if self._state is not _State.PENDING:
            return
        if self._dropped:
            self._finish_without_callbacks()
        else:
            self._launch()

    def _join(self, timeout_s: float | None) -> bool:
        thread = self._thread
        if thread is None:
            return self._state is not _State.PENDING
        thread.join(timeout_s)
        return not thread.is_alive()

    def _receiver_alive(self) -> bool:
        return self._receiver is None or shiboken6.isValid(self._receiver)

    def _drop(self) -> None:
        """No callback runs from now on (receiver deleted, app quitting); the work is asked
        to stop, and a start still waiting for its delay never happens."""
        self._dropped = True
        self._cancel.set()
        if self._state is _State.PENDING:
            self._finish_without_callbacks()

    def _deliver_progress(self, value: object) -> None:
        if self._on_progress is None or self._state is not _State.RUNNING or self._dropped:
            return
        if self._receiver_alive():
            self._on_progress(value)

    def _deliver(self) -> None:
        if self._state is _State.DONE or self._outcome is None:
            return
        if self._dropped or not self._receiver_alive():
            self._finish_without_callbacks()
            return
        self._state = _State.DONE
        _active.discard(self)
        kind, value = self._outcome
        try:
            if kind == "ok":
                if self._on_success is not None:
                    self._on_success(value)
            elif kind == "cancelled":
                if self._on_cancelled is not None:
                    self._on_cancelled()
            elif self._on_failure is not None:
                self._on_failure(value)
            else:
                report_unhandled(value, where=self.name)
        finally:
            try:
                if self._on_finished is not None:
                    self._on_finished()
            finally:
                self._release()

    def _finish_without_callbacks(self) -> None:
        self._state = _State.DONE
        _active.discard(self)
        self._release()

    def _release(self) -> None:
        """Delete the relay's C++ side on the GUI thread, not wherever Python frees the last
        reference; the worker, past its last emit, is joined first (microseconds). The
        work's closure is let go at once (it may hold a parsed document), and so are the
        result and the callbacks: a callback that names its task (`on_finished=lambda:
        done(task)`) is a reference cycle, which only the cyclic collector's rare full
        collections free, and it kept the result alive meanwhile (100k rows per library
        sort at 100k, ~12 MB each: #17 peak memory)."""
        self._join(None)
        self._work = _no_work
        self._outcome = None
        self._on_success = self._on_failure = self._on_cancelled = None
        self._on_progress = None
        self._on_finished = None
        self._relay.deleteLater()

    # ---- worker thread ------------------------------------------------------------------
    def _run(self) -> None:
        relay = self._relay
        control = TaskControl(relay.progressed.emit, self._cancel)
        _share_the_gil(True)
        try:
            self._outcome = ("ok", self._work(control))
        except TaskCancelled:
            self._outcome = ("cancelled", None)
        except BaseException as err:  # delivered on the GUI thread, never lost in a thread
            self._outcome = ("error", err)
        finally:
            _share_the_gil(False)
        relay.ended.emit()


def _no_work(_control: TaskControl) -> Any:
    return None


def run_in_background(
    work: Callable[[TaskControl], T],
    *,
    parent: QObject | None = None,
    name: str = "task",
    on_success: Callable[[T], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[Any], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    on_finished: Callable[[], None] | None = None,
) -> BackgroundTask[T]:
    """Create a `BackgroundTask` and start it at once."""
    return BackgroundTask(
        work,
        parent=parent,
        name=name,
        on_success=on_success,
        on_failure=on_failure,
        on_progress=on_progress,
        on_cancelled=on_cancelled,
        on_finished=on_finished,
    ).start()


def report_unhandled(err: BaseException, *, where: str) -> None:
    """An error no caller handles: logged and shown by the crash handler, never dropped."""
    from desktop.crash import report_exception  # its dialog's widgets only when needed

    report_exception(err, where=f"background task {where}")


def running() -> list[BackgroundTask[Any]]:
    """Tasks started and not yet delivered (tests, diagnostics)."""
    return list(_active)


def shutdown(timeout_ms: int = SHUTDOWN_WAIT_MS) -> list[str]:
    """The app is quitting: cancel every task, drop its callbacks, wait for them all within
    `timeout_ms`. Returns the names of tasks still running (daemon threads: they die with
    the process)."""
    tasks = list(_active)
    for task in tasks:
        task._drop()
    deadline = time.monotonic() + timeout_ms / 1000
    left: list[str] = []
    for task in tasks:
        if task._join(max(0.0, deadline - time.monotonic())):
            _active.discard(task)
        else:
            left.append(task.name)
    if left:
        log.warning("quitting with background tasks still running: %s", ", ".join(left))
    return left
