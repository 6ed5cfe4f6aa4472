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

from desktop.tasks import report_unhandled
from desktop.widgets.background_read import BackgroundReads, is_large
from desktop.widgets.loading import LoadingOverlay
from models.db import Database

T = TypeVar("T")


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
        self._name = name
        self._db = db
        self._read = read
        self._apply = apply
        self.overlay = LoadingOverlay(covered)
        self._reads: BackgroundReads[T] = BackgroundReads(widget, name, self.load)
        self._generation = 0

    def loading(self) -> bool:
        return self._reads.busy()

    def load(self) -> None:
        if self._reads.defer():
            return
        if not is_large(self._db):
            self.now()
            return
        self._generation += 1
        generation = self._generation
        self.overlay.start()
        self._reads.start(self._read, lambda data: self._done(generation, data), self._failed)

    def now(self) -> None:
        """Read and show at once; an answer still on its way is then stale."""
        self._generation += 1
        self._apply(self._read())
        self.overlay.stop()

    def wait_idle(self) -> None:
        """Let a running read finish and show it (screenshots, tests)."""
        self._reads.wait_idle()

    def _done(self, generation: int, data: T) -> None:
        if generation == self._generation:
            self._apply(data)
            self.overlay.stop()

    def _failed(self, err: BaseException) -> None:
        report_unhandled(err, where=self._name)  # the crash handler shows it
        self.overlay.stop()
