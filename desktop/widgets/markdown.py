"""Markdown notes: a plain-text editor with a live, inert preview.

The preview never runs raw HTML (markdown-it with html disabled escapes it), never fetches
remote images (they become links) and only opens http/https/mailto links after a confirm.
markdown-it (~60 modules) is imported when the first note is rendered, not at start-up.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFocusEvent, QFont, QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from desktop.widgets import links

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from markdown_it.utils import EnvType, OptionsDict

PREVIEW_DELAY_MS = 120

PREVIEW_CSS = """
body { line-height: 140%; }
h1 { font-size: large; } h2 { font-size: medium; } h3 { font-size: medium; }
code { background-color: rgba(127,127,127,0.15); }
pre { background-color: rgba(127,127,127,0.12); padding: 6px; }
blockquote { color: #666; margin-left: 8px; }
table { border-collapse: collapse; }
th, td { border: 1px solid #bbb; padding: 3px 6px; }
"""


def _image_as_link(
    _renderer: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """Images become links: nothing remote is fetched when a note is shown."""
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = "".join(child.content for child in token.children or []) or src
    return f'<a href="{html.escape(src, quote=True)}">[▣ {html.escape(alt)}]</a>'


def _make_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.add_render_rule("image", _image_as_link)
    return md


_PARSER: MarkdownIt | None = None


def render_markdown(text: str) -> str:
    """Markdown → safe HTML for QTextBrowser (no raw HTML, no remote images)."""
    global _PARSER
    if _PARSER is None:
        _PARSER = _make_parser()
    return _PARSER.render(text)


class SafePreview(QTextBrowser):
    """A preview that loads nothing by itself and routes link clicks through a confirm."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._follow)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        return None  # never fetch images, stylesheets or anything else

    def _follow(self, url: QUrl) -> None:
        links.open_url(self, url, schemes=links.NOTE_SCHEMES, ask=True)


class NoteEdit(QPlainTextEdit):
    """The source editor; reports losing focus (a virtual override, not an event filter,
    so nothing reaches Python while Qt tears the widget down)."""

    focus_left = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_left.emit()


class MarkdownEditor(QWidget):
    """Editor above, live preview below. Emits edited on keystrokes and focus_left on blur.

    Autosave timing belongs to the owner (it knows what the text belongs to).
    """

    edited = Signal()
    focus_left = Signal()

    def __init__(
        self,
        placeholder: str = "",
        parent: QWidget | None = None,
        *,
        editor: NoteEdit | None = None,
        preview: SafePreview | None = None,
    ) -> None:
        """`editor` / `preview` let a subclass supply richer widgets (see widgets/wiki.py)."""
        super().__init__(parent)
        self.editor = editor if editor is not None else NoteEdit()
        self.editor.setObjectName("MarkdownSource")
        self.editor.setPlaceholderText(placeholder)
        self.editor.setTabChangesFocus(False)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.editor.setFont(mono)
        self.preview = preview if preview is not None else SafePreview()
        self.preview.setObjectName("MarkdownPreview")
        self.preview.setPlaceholderText(self.tr("Preview"))
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(self.preview)
        self.splitter.setSizes([160, 120])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self._loading = False
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.focus_left.connect(self.focus_left.emit)

    def text(self) -> str:
        return self.editor.toPlainText()

    def set_text(self, text: str) -> None:
        """Replace the content without emitting edited (loading is not editing)."""
        if text == self.editor.toPlainText():
            return
        self._loading = True
        try:
            self.editor.setPlainText(text)
        finally:
            self._loading = False
        self.refresh_preview()

    def refresh_preview(self) -> None:
        self._preview_timer.stop()
        bar = self.preview.verticalScrollBar()
        position = bar.value()
        self.preview.setHtml(
            f"<style>{PREVIEW_CSS}</style>" + self.html_for(self.editor.toPlainText())
        )
        bar.setValue(position)

    def html_for(self, text: str) -> str:
        """The preview body for a text; subclasses add wiki links."""
        return render_markdown(text)

    def _on_text_changed(self) -> None:
        self._preview_timer.start()
        if not self._loading:
            self.edited.emit()
