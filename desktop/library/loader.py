"""Loads library rows off the main thread when the library is large.

A request runs `LibraryReader.all_rows` (no filter: plain SQL, so start-up needs no ORM) or
`LibraryService.table_rows` in a QThread of its own (each opens its own connection there),
then sorts and indexes the rows there too (`prepare_rows`), so the GUI thread only swaps
ready lists into the model. One load runs at a time and only the newest request's
answer is delivered: typing on, or changing a filter, makes earlier answers stale, which is
how a running load is cancelled. A request may also ask for the filter bar's choices
(categories, tag names): the view's first load does, so start-up runs no query for them on
the GUI thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from desktop.library.table_model import PreparedRows, SortSpec, prepare_rows
from models.errors import ThreePassError
from models.services.dto import ItemFilter

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from desktop.library.services import LibraryServices

# rows sorted per slice in the worker: a slice's C sort holds the GIL a few ms at most
SORT_STEP = 4096
ASYNC_ROWS = 5000  # libraries bigger than this load their rows in a worker thread


@dataclass(frozen=True)
class LoadedRows:
    """A loader's answer: the rows ready for LibraryTableModel.swap, and how many items the
    library holds (for "12 of 100000 items"), counted in the same worker."""

    rows: PreparedRows
    total: int
    choices: tuple[list[str], list[str]] | None = None  # categories, tag names if asked for


class _Worker(QObject):
    done = Signal(int, object, str)  # generation, LoadedRows (or None), error sentence

    def __init__(
        self,
        services: LibraryServices,
        flt: ItemFilter,
        sort: SortSpec,
        generation: int,
        choices: bool = False,
    ) -> None:
        super().__init__()
        self._services = services
        self._filter = flt
        self._sort = sort
        self._generation = generation
        self._choices = choices

    @Slot()
    def run(self) -> None:
        try:
            self._load()
        finally:
            thread = QThread.currentThread()
            if thread is not None:
                thread.quit()  # thread-safe; lets wait() return without the main event loop

    def _load(self) -> None:
        try:
            reader = self._services.reader
            if self._filter == ItemFilter():
                rows = reader.all_rows()
                total = len(rows)
            else:
                rows = self._services.library.table_rows(self._filter)  # made by request()
                total = reader.count()
            choices = None
            if self._choices:
                choices = (reader.categories(), reader.tag_names())
            loaded = LoadedRows(prepare_rows(rows, self._sort, step=SORT_STEP), total, choices)
        except ThreePassError as err:
            log.warning("the library rows could not be read: %s", err)
            self.done.emit(self._generation, None, str(err))
            return
        except Exception as err:  # a bug, not bad input: reported on the main thread, not lost
            log.exception("reading the library rows failed")
            self.done.emit(self._generation, None, f"{type(err).__name__}: {err}")
            return
        self.done.emit(self._generation, loaded, "")


class RowLoader(QObject):
    loaded = Signal(int, object)  # generation, LoadedRows
    failed = Signal(int, str)

    def __init__(self, services: LibraryServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._generation = 0
        self._delivered = 0  # the newest generation whose answer was handed on
        self._running: dict[QThread, _Worker] = {}
        # the newest request made while a load ran: starts when that one ends
        self._waiting: tuple[ItemFilter, SortSpec, int, bool] | None = None

    @property
    def generation(self) -> int:
        return self._generation

    def busy(self) -> bool:
        """Whether the newest request's answer is still to come. Threads of answered or
        stale requests may still be winding down (wait_idle and shutdown wait for them)."""
        return self._delivered < self._generation

    def request(self, flt: ItemFilter, sort: SortSpec = None, *, choices: bool = False) -> int:
        """Load rows for flt, sorted by `sort` (the model's current sort); returns the
        generation its answer will carry. With `choices` the answer carries the filter
        bar's categories and tag names too.

        One load runs at a time: a request made meanwhile waits for it and replaces any
        request already waiting, whose answer would be stale anyway. Fast typing on a large
        library thus runs no pile of concurrent queries competing with the GUI thread for
        the CPU and the GIL (and no burst of new pooled connections, each of which makes
        the service reload its rows once: see models.services.library_read.data_epoch).
        """
        self._generation += 1
        if self._running:
            self._waiting = (flt, sort, self._generation, choices)
        else:
            self._start(flt, sort, self._generation, choices)
        return self._generation

    def _start(self, flt: ItemFilter, sort: SortSpec, generation: int, choices: bool) -> None:
        thread = QThread()
        thread.setObjectName("library-rows")
        if flt != ItemFilter():
            _ = self._services.library  # made here on the GUI thread, not in the worker
        worker = _Worker(self._services, flt, sort, generation, choices)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.done.connect(self._done)
        thread.finished.connect(lambda: self._finished(thread))
        self._running[thread] = worker
        thread.start()

    def _done(self, generation: int, rows: object, error: str) -> None:
        if generation != self._generation:
            return  # a newer request superseded this one
        self._delivered = generation
        if error:
            self.failed.emit(generation, error)
        else:
            self.loaded.emit(generation, rows)

    def _finished(self, thread: QThread) -> None:
        worker = self._running.pop(thread, None)
        if worker is None:
            return  # already handed on (wait_idle, shutdown)
        worker.deleteLater()
        thread.deleteLater()
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
        while self._running:
            for thread in list(self._running):
                thread.wait()
            QCoreApplication.sendPostedEvents()  # the queued done() and finished() signals
            for thread in [t for t in self._running if t.isFinished()]:
                self._finished(thread)  # its finished() was not delivered: hand on here

    def shutdown(self) -> None:
        """Wait for running loads (window close): a QThread must not die while running."""
        self._generation += 1  # whatever arrives now is stale
        self._waiting = None
        for thread in list(self._running):
            thread.wait()
            self._finished(thread)
        self._delivered = self._generation
