"""The pieces of a centred message in place of a view's content (an empty library or career
view, a search that found nothing): one look for their headline, one way to centre a row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget


def headline_label(text: str, scale: float) -> QLabel:
    """Bold, `scale` times the usual size, centred; plain text (a title may hold '<')."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def centred_row(*widgets: QWidget, spacing: int | None = None) -> QHBoxLayout:
    """`widgets` side by side between two equal stretches."""
    row = QHBoxLayout()
    if spacing is not None:
        row.setSpacing(spacing)
    row.addStretch(1)
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row
