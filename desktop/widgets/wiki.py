"""`[[title]]` wiki links in Markdown notes, shared by the career panes and the item pane.

The preview renders a resolved `[[name]]` as a `threepass:KIND/ID` link (an unresolved one in
red) and emits `wiki_link(kind, id)` when it is clicked; the editor pops up names of items,
companies and questions while `[[` is being typed. Names come from a `WikiSource` (LinkService).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QStringListModel, Qt, QUrl, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QWidget

from desktop.widgets import links as web_links
from desktop.widgets.markdown import MarkdownEditor, NoteEdit, SafePreview
from desktop.widgets.markdown import render_markdown as render_safe_markdown
from models.services.link_read import WikiTarget, name_key, wiki_names

_RENDERED_WIKI = re.compile(r"\[\[([^\[\]<>\n|]+)(?:\|([^\[\]<>\n]*))?\]\]")
_TYPING_WIKI = re.compile(r"\[\[([^\[\]\n|]*)$")
SCHEME = "threepass"
COMPLETION_LIMIT = 30
# keys the completion popup takes while it shows
POPUP_KEYS = (
    Qt.Key.Key_Enter,
    Qt.Key.Key_Return,
    Qt.Key.Key_Escape,
    Qt.Key.Key_Tab,
    Qt.Key.Key_Backtab,
)


class WikiSource(Protocol):
    """What wiki links need from the service layer (LinkService provides it)."""

    def resolve(self, names: list[str]) -> dict[str, WikiTarget]: ...

    def completion_names(self, text: str = "", *, limit: int = 50) -> list[str]: ...


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


def link_target(url: QUrl) -> tuple[str, int] | None:
    """(kind, id) of a `threepass:KIND/ID` link, None for any other URL."""
    if url.scheme() != SCHEME:
        return None
    kind, _, raw_id = url.path().partition("/")
    return (kind, int(raw_id)) if raw_id.isdigit() else None


class WikiPreview(SafePreview):
    """The safe preview; `threepass:KIND/ID` links are followed inside the app."""

    wiki_link = Signal(str, int)

    def _follow(self, url: QUrl) -> None:
        target = link_target(url)
        if url.scheme() != SCHEME:
            web_links.open_url(self, url, schemes=web_links.NOTE_SCHEMES, ask=True)
        elif target is not None:
            self.wiki_link.emit(*target)


class WikiEditor(NoteEdit):
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

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """Chinese arrives committed by an input method, not as key presses: complete it too."""
        super().inputMethodEvent(event)
        if event.commitString():
            self.update_completion()

    def event(self, event: QEvent) -> bool:
        """While the popup shows, its keys are not shortcuts (Esc closes it rather than
        leaving the item pane)."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in POPUP_KEYS
            and self._popup().isVisible()
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self._popup()
        if popup.isVisible() and event.key() in POPUP_KEYS:
            event.ignore()  # the completer's popup takes these
            return
        super().keyPressEvent(event)
        if event.text() or event.key() == Qt.Key.Key_Backspace:
            self.update_completion()


def wiki_editor(source: WikiSource, parent: QWidget | None = None) -> WikiEditor:
    """A WikiEditor completing from `source` (items, companies and questions)."""
    return WikiEditor(lambda text: source.completion_names(text, limit=COMPLETION_LIMIT), parent)


class WikiMarkdownEditor(MarkdownEditor):
    """The live-preview MarkdownEditor with `[[links]]`: completion and clickable preview."""

    link_activated = Signal(str, int)  # kind, id

    def __init__(
        self, source: WikiSource, placeholder: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(placeholder, parent, editor=wiki_editor(source), preview=WikiPreview())
        self._source = source
        assert isinstance(self.preview, WikiPreview)
        self.preview.wiki_link.connect(self.link_activated)

    def html_for(self, text: str) -> str:
        return render_markdown(text, self._source.resolve(wiki_names(text)))
