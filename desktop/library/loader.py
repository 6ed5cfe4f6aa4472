"""Loads library rows off the main thread when the library is large.

A request runs `LibraryReader.all_rows` (no filter: plain SQL, so start-up needs no ORM) or
`LibraryService.table_rows` as a background task (desktop/tasks.py; each opens its own
connection in the worker), then sorts and indexes the rows there too (`prepare_rows`), so
the GUI thread only swaps ready lists into the model. One load runs at a time and only the
newest request's answer is delivered: typing on, or changing a filter, makes earlier
answers stale, which is how a running load is cancelled. A request may also ask for the
filter bar's choices (categories, tag names): the view's first load does, so start-up runs
no query for them on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.library.table_model import SORT_STEP, PreparedRows, SortSpec, prepare_rows
from desktop.tasks import SHUTDOWN_WAIT_MS, BackgroundTask
from models.errors import ThreePassError
from models.services.dto import ItemFilter

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from desktop.library.services import LibraryServices

ASYNC_ROWS = 5000  # libraries bigger than this load their rows in a worker thread


@dataclass(frozen=True)
class LoadedRows:
    """A loader's answer: the rows ready for LibraryTableModel.swap, and how many items the
    library holds (for "12 of 100000 items"), counted in the same worker."""

    rows: PreparedRows
    total: int
    choices: tuple[list[str], list[str]] | None = None  # categories, tag names if asked for


def _load(
    services: LibraryServices, flt: ItemFilter, sort: Callable[[], SortSpec], choices: bool
) -> LoadedRows:
    """In the worker: read, sort and index the rows (and the filter bar's choices). The sort
    is asked for once the rows are read: the window restores the user's sort while the
    first load runs, and rows sorted the old way would show until a second sort."""
    reader = services.reader
    if flt == ItemFilter():
        rows = reader.all_rows()
        total = len(rows)
    else:
        rows = services.library.table_rows(flt)  # made by RowLoader._start on the GUI thread
        total = reader.count()
    found = (reader.categories(), reader.tag_names()) if choices else None
    return LoadedRows(prepare_rows(rows, sort(), step=SORT_STEP), total, found)


def _sentence(err: BaseException) -> str:
    if isinstance(err, ThreePassError):
        log.warning("the library rows could not be read: %s", err)
        return str(err)
    # a bug, not bad input: reported on the main thread, not lost
    log.error("reading the library rows failed", exc_info=err)
    return f"{type(err).__name__}: {err}"


class RowLoader(QObject):
    loaded = Signal(int, object)  # generation, LoadedRows
    failed = Signal(int, str)

    def __init__(self, services: LibraryServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._generation = 0
        self._delivered = 0  # the newest generation whose answer was handed on
        self._running: list[BackgroundTask[LoadedRows]] = []
        # the newest request made while a load ran: starts when that one ends
        self._waiting: tuple[ItemFilter, Callable[[], SortSpec], int, bool] | None = None
        self._holding = False  # a `later` request waits for the event loop's next turn

    @property
    def generation(self) -> int:
        return self._generation

    def busy(self) -> bool:
        """Whether the newest request's answer is still to come. A load of a stale request
        may still be running (wait_idle and shutdown wait for it)."""
        return self._delivered < self._generation

    def request(
        self,
        flt: ItemFilter,
        sort: Callable[[], SortSpec] = lambda: None,
        *,
        choices: bool = False,
        later: bool = False,
    ) -> int:
        """Load rows for flt, sorted by what `sort` gives once they are read (the model's
        current sort, read from the worker); returns the generation its answer will carry.
        With `choices` the answer carries the filter bar's categories and tag names too;
        `later` starts it at the event loop's next turn (start-up, a first page shown).

        One load runs at a time: a request made meanwhile waits for it and replaces any
        request already waiting, whose answer would be stale anyway. Fast typing on a large
        library thus runs no pile of concurrent queries competing with the GUI thread for
        the CPU and the GIL (and no burst of new pooled connections, each of which makes
        the service reload its rows once: see models.services.library_read.data_epoch).
        """
        self._generation += 1
        if self._running or self._holding:
            self._waiting = (flt, sort, self._generation, choices)
        elif later:  # start-up with a first page shown: after the window is built
            self._holding = True
            self._waiting = (flt, sort, self._generation, choices)
            QTimer.singleShot(0, self, self._release)
        else:
            self._start(flt, sort, self._generation, choices)
        return self._generation

    def _release(self) -> None:
        if not self._holding:
            return
        self._holding = False
        if not self._running and self._waiting is not None:
            flt, sort, generation, choices = self._waiting
            self._waiting = None
            self._start(flt, sort, generation, choices)

    def _start(
        self, flt: ItemFilter, sort: Callable[[], SortSpec], generation: int, choices: bool
    ) -> None:
        services = self._services
        if flt != ItemFilter():
            _ = services.library  # made here on the GUI thread, not in the worker
        task = BackgroundTask(
            lambda _control: _load(services, flt, sort, choices),
            parent=self,
            name="library-rows",
            on_success=lambda loaded: self._done(generation, loaded, ""),
            on_failure=lambda err: self._done(generation, None, _sentence(err)),
            on_finished=lambda: self._finished(task),
        )
        self._running.append(task)
        task.start()

    def _done(self, generation: int, rows: LoadedRows | None, error: str) -> None:
        if generation != self._generation:
            return  # a newer request superseded this one
        self._delivered = generation
        if error:
            self.failed.emit(generation, error)
        else:
            self.loaded.emit(generation, rows)

    def _finished(self, task: BackgroundTask[LoadedRows]) -> None:
        if task not in self._running:
            return  # already handed on (shutdown)
        self._running.remove(task)
        if self._running:
            return
        if self._waiting is not None:
            flt, sort, generation, choices = self._waiting
            self._waiting = None
            self._start(flt, sort, generation, choices)
        else:
            self._delivered = self._generation  # nothing more can come

    def wait_idle(self) -> None:
        """Block until every load, a waiting one included, is done and its rows delivered
        (screenshots)."""
        self._release()
        while self._running:
            task = self._running[0]
            task.deliver_now()  # its end starts the waiting request, if any
            if task in self._running:  # dropped (the app is quitting): no callback ran
                self._finished(task)

    def shutdown(self) -> None:
        """Window close: let a running load end before the database closes under it."""
        self._generation += 1  # whatever arrives now is stale
        self._waiting = None
        self._holding = False
        for task in list(self._running):
            task.deliver_now(SHUTDOWN_WAIT_MS)
            self._finished(task)  # also when it outlived the wait: its answer is stale
        self._delivered = self._generation
