"""Reads a career view's rows in a worker when the library is large (#17: at 100k the first
show of Questions, Companies or Applications held the window 150–330 ms), saying "Loading…"
meanwhile rather than the view's empty state.

A view splits its refresh into `read()` (services only, plain values: any thread) and
`apply(data)` (widgets). `load()` reads in the worker for a large library, at once for a
small one; `now()` reads at once whatever the size (navigation and actions that select a
row right after), and makes any answer still on its way stale.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QWidget

from desktop.tasks import BackgroundTask, run_in_background
from desktop.widgets.loading import LoadingOverlay
from models.db import Database
from models.errors import ThreePassError
from models.services.library_read import LibraryReader

ASYNC_ITEMS = 5000  # above this many library items, career views read in a worker

T = TypeVar("T")


def is_large(db: Database) -> bool:
    try:
        return LibraryReader(db).count() > ASYNC_ITEMS
    except ThreePassError:
        return False  # read at once: the view's own read reports the error


class ViewLoader(Generic[T]):
    """One read at a time for one view; a request made while one runs reads once more after."""

    def __init__(
        self,
        widget: QWidget,
        name: str,
        db: Database,
        read: Callable[[], T],
        apply: Callable[[T], None],
        covered: QWidget,
    ) -> None:
        self._widget = widget
        self._name = name
        self._db = db
        self._read = read
        self._apply = apply
        self.overlay = LoadingOverlay(covered)
        self._pending: BackgroundTask[T] | None = None
        self._generation = 0
        self._again = False

    def loading(self) -> bool:
        return self._pending is not None

    def load(self) -> None:
        if self._pending is not None:
            self._again = True
            return
        if not is_large(self._db):
            self.now()
            return
        self._generation += 1
        generation = self._generation
        self.overlay.start()
        self._pending = run_in_background(
            lambda _control: self._read(),
            parent=self._widget,
            name=self._name,
            on_success=lambda data: self._done(generation, data),
            on_finished=self._finished,
        )

    def now(self) -> None:
        """Read and show at once; an answer still on its way is then stale."""
        self._generation += 1
        self._apply(self._read())
        self.overlay.stop()

    def wait_idle(self) -> None:
        """Let a running read finish and show it (screenshots, tests)."""
        while self._pending is not None:
            task = self._pending
            task.deliver_now()
            if self._pending is task:  # dropped (the app is quitting)
                self._pending = None

    def _done(self, generation: int, data: T) -> None:
        if generation == self._generation:
            self._apply(data)
            self.overlay.stop()

    def _finished(self) -> None:
        self._pending = None
        if self._again:
            self._again = False
            self.load()
        elif not self.loading():
            self.overlay.stop()  # also after a failure (the crash handler showed it)
