"""Buttons that act on a table's current row are enabled only while there is one."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QAbstractItemView, QWidget


def enable_with_current(
    view: QAbstractItemView, widgets: Sequence[QWidget], has_current: Callable[[], bool]
) -> Callable[[], None]:
    """Keeps `widgets` enabled exactly while `has_current()`; returns the sync for other paths.

    A reset or a filter can drop the current row without a currentRowChanged, hence the model
    signals too.
    """

    state = [False]

    def sync() -> None:
        enabled = state[0] = has_current()
        for widget in widgets:
            widget.setEnabled(enabled)

    def rows_removed() -> None:
        # a filter removes rows range by range (thousands of signals for one keystroke in
        # 5k questions, #17): look further only when the current row may have gone
        if view.currentIndex().isValid() != state[0]:
            sync()

    view.selectionModel().currentRowChanged.connect(lambda *_: sync())
    model = view.model()
    model.modelReset.connect(sync)
    model.layoutChanged.connect(lambda *_: sync())
    model.rowsRemoved.connect(lambda *_: rows_removed())
    sync()
    return sync
