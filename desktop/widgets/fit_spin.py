"""Spin boxes as wide as their longest likely text, in the UI language."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QSpinBox, QStyle, QStyleOptionSpinBox


def spin_width(spin: QSpinBox, value: int) -> int:
    """The width that shows `value` whole with the prefix and suffix ("spent 1234 min",
    "已用 1234 分钟"): the text as QAbstractSpinBox measures it, in the style's frame with
    its arrows.

    A spin box's own size hint is for its maximum (100,000 minutes here): too wide for three
    pass cards side by side, while the fixed 96 px it was given cut "spent 39 min" short.
    """
    metrics = spin.fontMetrics()
    text = spin.prefix() + spin.textFromValue(value) + spin.suffix() + " "
    content = QSize(metrics.horizontalAdvance(text) + 2, spin.lineEdit().sizeHint().height())
    option = QStyleOptionSpinBox()
    spin.initStyleOption(option)
    return (
        spin.style().sizeFromContents(QStyle.ContentsType.CT_SpinBox, option, content, spin).width()
    )


def fit_spin_box(spin: QSpinBox, widest: int) -> None:
    """At least as wide as `widest` (or the value shown, if longer) needs, never narrower."""
    spin.setMinimumWidth(spin_width(spin, max(widest, spin.value())))
