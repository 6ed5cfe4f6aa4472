"""The one path for showing user data as the characters typed, never as markup.

Qt renders a tooltip, a QLabel or a message box as HTML whenever `Qt.mightBeRichText`
guesses so: a company named `<img src="/dev/zero">` reads that file (and aborts the app)
when hovered, `<h1 style=…>` restyles the tooltip. Window titles hide `[*]` and buttons,
actions and tabs turn `&` into a shortcut. Every place that shows data goes through here.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

_TITLE_PLACEHOLDER = "[*]"


def plain_tooltip(text: str) -> str:
    """A tooltip that shows text exactly: escaped inside a paragraph that keeps whitespace.

    Qt tooltips have no plain-text switch; escaped HTML is the only form it never reinterprets.
    """
    if not text:
        return ""
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    return '<p style="white-space: pre-wrap">' + html.escape(lines) + "</p>"


def plain_title(text: str) -> str:
    """A window title that shows `[*]` in data instead of reading it as the modified marker."""
    return text.replace(_TITLE_PLACEHOLDER, _TITLE_PLACEHOLDER * 2)


def plain_mnemonic(text: str) -> str:
    """Button, action and tab text from data: `&` is shown, not made a keyboard shortcut."""
    return text.replace("&", "&&")


class PlainLabel(QLabel):
    """A label for data: always plain text, whatever the text looks like."""

    def __init__(
        self, text: str = "", parent: QWidget | None = None, *, word_wrap: bool = False
    ) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(word_wrap)
        self.setText(text)
