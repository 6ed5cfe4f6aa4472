"""A view's reads in a worker when the library is large (#17: at 100k a first show held the
window for 0.15–0.6 s), one at a time: asked again while one runs, the view reads once more
after it (the newest state), never two reads racing to be shown.

The view keeps what differs (what it shows meanwhile, how it reports a failure); this holds
the size test, the one-at-a-time rule and the wait used by screenshots and tests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject

from desktop.tasks import BackgroundTask, run_in_background
from models.db import Database
from models.errors import ThreePassError
from models.services.library_read import LibraryReader

ASYNC_ITEMS = 5000  # above this many library items, views read in a worker

T = TypeVar("T")


def is_large(db: Database) -> bool:
    try:
        return LibraryReader(db).count() > ASYNC_ITEMS
    except ThreePassError:
        return False  # read at once: the view's own read reports the error


class BackgroundReads(Generic[T]):
    """The worker reads of one view, one at a time; `again` is the view's request, called
    once after a read during which the view asked for another."""

    def __init__(self, parent: QObject, name: str, again: Callable[[], None]) -> None:
        self._parent = parent
        self._name = name
        self._again_request = again
        self._pending: BackgroundTask[T] | None = None
        self._again = False

    def busy(self) -> bool:
        return self._pending is not None

    def defer(self) -> bool:
        """True while a read runs: the request is then made again after it."""
        if self._pending is None:
            return False
        self._again = True
        return True

    def start(
        self,
        read: Callable[[], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run `read` in a worker (services only, plain values back); call when not busy."""
        self._pending = run_in_background(
            lambda _control: read(),
            parent=self._parent,
            name=self._name,
            on_success=on_success,
            on_failure=on_failure,
            on_finished=self._finished,
        )

    def wait_idle(self) -> None:
        """Let a running read finish and show it (screenshots, tests, closing)."""
        while self._pending is not None:
            task = self._pending
            task.deliver_now()
            if self._pending is task:  # dropped (the app is quitting)
                self._pending = None

    def _finished(self) -> None:
        self._pending = None
        if self._again:
            self._again = False
            self._again_request()
