"""A Markdown note editor with a safe preview, `[[wiki link]]` rendering and completion.

The preview renders with markdown-it (raw HTML disabled, so note text never becomes markup);
`[[name]]` becomes a `threepass:KIND/ID` link when the name resolves, clicking it emits
`link_activated(kind, id)`. Typing `[[` pops up names of items, companies and questions.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from PySide6.QtCore import QStringListModel, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.widgets import links as web_links
from desktop.widgets.markdown import SafePreview
from desktop.widgets.markdown import render_markdown as render_safe_markdown
from models.services.links import LinkService, WikiTarget, name_key, wiki_names

_RENDERED_WIKI = re.compile(r"\[\[([^\[\]<>\n|]+)(?:\|([^\[\]<>\n]*))?\]\]")
_TYPING_WIKI = re.compile(r"\[\[([^\[\]\n|]*)$")
SCHEME = "threepass"


def render_markdown(text: str, targets: dict[str, WikiTarget]) -> str:
    """HTML for the preview; wiki links resolved through `targets` (keyed by name_key)."""
    body = render_safe_markdown(text or "")

    def replace(match: re.Match[str]) -> str:
        name = html.unescape(match.group(1)).strip()
        label = html.unescape(match.group(2) or name).strip() or name
        target = targets.get(name_key(name))
        if target is None:
            return f'<span style="color:#b85450" title="not found">[[{html.escape(label)}]]</span>'
        return f'<a href="{SCHEME}:{target.kind}/{target.id}">{html.escape(label)}</a>'

    return _RENDERED_WIKI.sub(replace, body)


class WikiPreview(SafePreview):
    """The shared safe preview; `threepass:KIND/ID` links are followed inside the app."""

    wiki_link = Signal(str, int)

    def _follow(self, url: QUrl) -> None:
        if url.scheme() != SCHEME:
            web_links.open_url(self, url, schemes=web_links.NOTE_SCHEMES, ask=True)
            return
        kind, _, raw_id = url.path().partition("/")
        if raw_id.isdigit():
            self.wiki_link.emit(kind, int(raw_id))


class WikiEditor(QPlainTextEdit):
    """Plain-text Markdown editor that completes `[[` names from a provider."""

    def __init__(self, provider: Callable[[str], list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._provider = provider
        self._names = QStringListModel(self)
        self.completer = QCompleter(self._names, self)
        self.completer.setWidget(self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.activated.connect(self.insert_completion)

    def _popup(self) -> QAbstractItemView:
        popup = self.completer.popup()
        assert popup is not None
        return popup

    def typed_prefix(self) -> str | None:
        """The text after an unclosed `[[` left of the cursor, or None."""
        cursor = self.textCursor()
        block = cursor.block().text()[: cursor.positionInBlock()]
        match = _TYPING_WIKI.search(block)
        return match.group(1) if match else None

    def insert_completion(self, name: str) -> None:
        prefix = self.typed_prefix()
        if prefix is None:
            return
        cursor = self.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(prefix)
        )
        following = self.toPlainText()[self.textCursor().position() :]
        cursor.insertText(name if following.startswith("]]") else name + "]]")
        self.setTextCursor(cursor)
        self._popup().hide()

    def update_completion(self) -> None:
        prefix = self.typed_prefix()
        if prefix is None:
            self._popup().hide()
            return
        self._names.setStringList(self._provider(prefix))
        self.completer.setCompletionPrefix(prefix)
        if self._names.rowCount() == 0:
            self._popup().hide()
            return
        rect = self.cursorRect()
        rect.setWidth(
            self._popup().sizeHintForColumn(0)
            + self._popup().verticalScrollBar().sizeHint().width()
        )
        self.completer.complete(rect)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self._popup()
        if popup.isVisible() and event.key() in (
            Qt.Key.Key_Enter,
            Qt.Key.Key_Return,
            Qt.Key.Key_Escape,
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        ):
            event.ignore()
            return
        super().keyPressEvent(event)
        if event.text() or event.key() == Qt.Key.Key_Backspace:
            self.update_completion()


class MarkdownPane(QWidget):
    """Preview and Edit tabs for one Markdown text; saves through `save` after a pause."""

    link_activated = Signal(str, int)  # kind, id
    saved = Signal()

    def __init__(self, links: LinkService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._links = links
        self._save: Callable[[str], None] | None = None
        self._loaded = ""
        self.tabs = QTabWidget()
        self.preview = WikiPreview()
        self.preview.wiki_link.connect(self.link_activated)
        self.editor = WikiEditor(lambda text: links.completion_names(text, limit=30))
        self.editor.setPlaceholderText(
            self.tr("Markdown. Type [[ to link an item, company or question.")
        )
        self.tabs.addTab(self.preview, self.tr("Preview"))
        self.tabs.addTab(self.editor, self.tr("Edit"))
        self.tabs.currentChanged.connect(self._on_tab)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(800)
        self._timer.timeout.connect(self.flush)
        self.editor.textChanged.connect(self._timer.start)

    def load(self, text: str, save: Callable[[str], None] | None) -> None:
        """Show a text; `save(text)` persists edits (None makes it read-only)."""
        self.flush()
        if save is not None and text == self.text() and self._save is not None:
            self._save = save  # same text (a refresh after our own save): keep cursor and undo
            self._loaded = text
            return
        self._save = save
        self._loaded = text
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        self.editor.setReadOnly(save is None)
        self.render_preview()

    def text(self) -> str:
        return self.editor.toPlainText()

    def render_preview(self) -> None:
        text = self.text()
        targets = self._links.resolve(wiki_names(text))
        self.preview.setHtml(render_markdown(text, targets))

    def flush(self) -> None:
        """Save pending edits now (before switching rows or closing)."""
        self._timer.stop()
        text = self.text()
        if self._save is not None and text != self._loaded:
            self._loaded = text
            self._save(text)
            self.saved.emit()

    def _on_tab(self, index: int) -> None:
        if index == 0:
            self.flush()
            self.render_preview()
