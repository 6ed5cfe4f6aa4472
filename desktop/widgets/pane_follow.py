"""A detail pane that follows a list's current row: at once after a click or a change made
by the program, once the keys pause after a move by key.

Holding Down in Companies rendered the company pane (readiness, notes, links, backlinks)
for every row passed, ~80 ms a key at 100k items (#17); the row itself is highlighted at
once either way. The library's item pane does the same (desktop/library/view.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QWidget

PANE_IDLE_MS = 90  # what "the keys pause" means: longer than a held key's repeat (~33 ms)
MOVE_KEYS = frozenset(
    {
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
    }
)


class PaneFollower(QObject):
    """Calls `show()` when `view`'s current row changes, deferred while keys move it.

    Anything else that happens in the list first shows what a pending move left (another
    key, whose shortcut may act on the pane's row; a click; the focus leaving), so no action
    ever sees the pane of a row the list has left. Changes made `deferred()` (a filter typed
    in a search box moving the current row) wait the same way, until the typing pauses or
    the box loses the focus.
    """

    def __init__(
        self, view: QAbstractItemView, show: Callable[[], None], idle_ms: int = PANE_IDLE_MS
    ) -> None:
        super().__init__(view)
        self._view = view
        self._show = show
        self._key_move = False
        self._deferring = 0
        self._boxes: list[QWidget] = []  # search boxes whose typing defers the pane
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(idle_ms)
        self._timer.timeout.connect(show)
        view.installEventFilter(self)
        view.selectionModel().currentRowChanged.connect(self._moved)

    @contextmanager
    def deferred(self, typed_in: QWidget | None = None) -> Iterator[None]:
        """Row changes made meanwhile show once things pause, like a move by key; leaving
        `typed_in` (the search box) shows them at once."""
        if typed_in is not None and typed_in not in self._boxes:
            self._boxes.append(typed_in)
            typed_in.installEventFilter(self)
        self._deferring += 1
        try:
            yield
        finally:
            self._deferring -= 1

    def row_changed(self) -> None:
        """The current row changed without a signal (a layout change dropped it): follow,
        deferred or not as a signalled change would be."""
        self._moved(QModelIndex(), QModelIndex())

    def pending(self) -> bool:
        """Whether the pane has still to follow a move by key."""
        return self._timer.isActive()

    def flush(self) -> None:
        """Show the row a move by key left, if the pane has not yet."""
        if self._timer.isActive():
            self._timer.stop()
            self._show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is not self._view:  # a search box typed in (deferred)
            if kind == QEvent.Type.FocusOut:
                self.flush()
        elif kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(
            event, QKeyEvent
        ):
            moving = event.key() in MOVE_KEYS
            if kind == QEvent.Type.KeyPress:
                self._key_move = moving
            if not moving:
                self.flush()  # before a shortcut or key acts on the pane's row
        elif kind == QEvent.Type.KeyRelease:
            self._key_move = False
        elif kind in (QEvent.Type.MouseButtonPress, QEvent.Type.FocusOut):
            self._key_move = False
            self.flush()
        return super().eventFilter(watched, event)

    def _moved(
        self,
        _current: QModelIndex | QPersistentModelIndex,
        _previous: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if self._deferring or (self._key_move and self._view.hasFocus()):
            self._key_move = False
            self._timer.start()  # the row is highlighted now; the pane once the keys pause
        else:
            self._timer.stop()
            self._show()
