"""A tool button that gives way in a tight row: its text is elided to the width it gets."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QHelpEvent, QPaintEvent
from PySide6.QtWidgets import (
    QSizePolicy,
    QStyle,
    QStyleOptionToolButton,
    QStylePainter,
    QToolButton,
    QToolTip,
    QWidget,
)

from desktop.widgets.plain import plain_tooltip


class FitToolButton(QToolButton):
    """Asks for its whole text but may shrink to a few characters; the part cut off is
    drawn as "…" and the tooltip then starts with the whole text. `text()` (and what a
    screen reader announces) stays whole.

    The pass card's "Depth: skim · about 20 min" button took the room its status
    ("○ not started") needed, which was elided instead.
    """

    MIN_CHARS = 4  # shown before the ellipsis at the narrowest

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _chrome(self) -> int:
        """What the button adds around its text (margins, the menu's arrow)."""
        return max(
            0, super().sizeHint().width() - self.fontMetrics().horizontalAdvance(self.text())
        )

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        narrow = metrics.horizontalAdvance(self.text()[: self.MIN_CHARS] + "…")
        width = min(super().sizeHint().width(), self._chrome() + narrow)
        return QSize(width, super().minimumSizeHint().height())

    def shown_text(self) -> str:
        """The text as drawn at the current width."""
        room = self.width() - self._chrome()
        if self.fontMetrics().horizontalAdvance(self.text()) <= room:
            return self.text()  # elidedText may cut a text exactly as wide as the room
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, room)

    def is_elided(self) -> bool:
        return self.shown_text() != self.text()

    def paintEvent(self, event: QPaintEvent) -> None:
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        option.text = self.shown_text()
        QStylePainter(self).drawComplexControl(QStyle.ComplexControl.CC_ToolButton, option)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.is_elided():
            assert isinstance(event, QHelpEvent)
            tip = "\n".join(p for p in (self.text(), self.toolTip()) if p)
            QToolTip.showText(event.globalPos(), plain_tooltip(tip), self)
            return True
        return super().event(event)
