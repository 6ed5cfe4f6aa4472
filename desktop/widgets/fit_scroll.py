"""A scroll area whose content fills its width and scrolls only below its minimum height."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class FitScrollArea(QScrollArea):
    """Lays the content out at the viewport's size, or at its minimum height for that width
    when the viewport is shorter (then it scrolls).

    QScrollArea's own resizing (widgetResizable) lays a layout with word-wrapped labels out
    at its preferred height for the width, so the content never got shorter than that and a
    pane of note editors scrolled even where they could simply have been smaller.
    """

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setWidget(content)
        self.viewport().installEventFilter(self)
        content.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (watched is self.viewport() and kind == QEvent.Type.Resize) or (
            watched is self.widget() and kind == QEvent.Type.LayoutRequest
        ):
            self.fit()
        return super().eventFilter(watched, event)

    def fit(self) -> None:
        content = self.widget()
        if content is None:
            return
        layout = content.layout()
        viewport = self.viewport().size()
        width = max(viewport.width(), content.minimumSizeHint().width())
        needed = content.minimumSizeHint().height()
        if layout is not None and layout.hasHeightForWidth():
            needed = max(needed, layout.totalMinimumHeightForWidth(width))
        size = (width, max(viewport.height(), needed))
        if (content.width(), content.height()) != size:
            content.resize(*size)
