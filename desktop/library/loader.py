"""Loads library rows off the main thread when the library is large.

Each request runs `LibraryService.list_items` in its own QThread (the service opens its own
Session there). Only the newest request's answer is delivered: typing on, or changing a
filter, makes earlier answers stale, which is how a running load is cancelled.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from models.errors import ThreePassError
from models.services.dto import ItemFilter
from models.services.library import LibraryService


class _Worker(QObject):
    done = Signal(int, object, str)  # generation, rows (or None), error sentence

    def __init__(self, service: LibraryService, flt: ItemFilter, generation: int) -> None:
        super().__init__()
        self._service = service
        self._filter = flt
        self._generation = generation

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
            rows = self._service.list_items(self._filter)
        except ThreePassError as err:
            self.done.emit(self._generation, None, str(err))
            return
        except Exception as err:  # a bug, not bad input: reported on the main thread, not lost
            self.done.emit(self._generation, None, f"{type(err).__name__}: {err}")
            return
        self.done.emit(self._generation, rows, "")


class RowLoader(QObject):
    loaded = Signal(int, object)  # generation, list[ItemRow]
    failed = Signal(int, str)

    def __init__(self, service: LibraryService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._generation = 0
        self._running: dict[QThread, _Worker] = {}

    @property
    def generation(self) -> int:
        return self._generation

    def busy(self) -> bool:
        return bool(self._running)

    def request(self, flt: ItemFilter) -> int:
        """Start loading rows for flt; returns the generation its answer will carry."""
        self._generation += 1
        thread = QThread()
        thread.setObjectName("library-rows")
        worker = _Worker(self._service, flt, self._generation)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.done.connect(self._done)
        thread.finished.connect(lambda: self._finished(thread))
        self._running[thread] = worker
        thread.start()
        return self._generation

    def _done(self, generation: int, rows: object, error: str) -> None:
        if generation != self._generation:
            return  # a newer request superseded this one
        if error:
            self.failed.emit(generation, error)
        else:
            self.loaded.emit(generation, rows)

    def _finished(self, thread: QThread) -> None:
        worker = self._running.pop(thread, None)
        if worker is not None:
            worker.deleteLater()
        thread.deleteLater()

    def wait_idle(self) -> None:
        """Block until running loads are done and their rows delivered (screenshots)."""
        for thread in list(self._running):
            thread.wait()
        QCoreApplication.sendPostedEvents()  # the queued done() signals

    def shutdown(self) -> None:
        """Wait for running loads (window close): a QThread must not die while running."""
        self._generation += 1  # whatever arrives now is stale
        for thread in list(self._running):
            thread.wait()
            self._finished(thread)
