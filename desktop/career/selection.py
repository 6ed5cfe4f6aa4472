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

    def sync() -> None:
        enabled = has_current()
        for widget in widgets:
            widget.setEnabled(enabled)

    view.selectionModel().currentRowChanged.connect(lambda *_: sync())
    model = view.model()
    model.modelReset.connect(sync)
    model.layoutChanged.connect(lambda *_: sync())
    model.rowsRemoved.connect(lambda *_: sync())
    sync()
    return sync
