"""Preview/Edit tabs for a Markdown text with `[[wiki links]]` (company notes, answers).

The wiki pieces (rendering, clickable preview, `[[` completion) live in desktop/widgets/wiki.py,
shared with the library's pass notes; clicking a link emits `link_activated(kind, id)`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.widgets.autosave import AutosaveTimer
from desktop.widgets.wiki import (
    SCHEME,
    WikiEditor,
    WikiPreview,
    render_markdown,
    wiki_editor,
)
from models.services.links import LinkService, wiki_names

__all__ = ["SCHEME", "MarkdownPane", "WikiEditor", "WikiPreview", "render_markdown"]


class MarkdownPane(QWidget):
    """Preview and Edit tabs for one Markdown text; saves through `save` after a pause (at
    least every 2 s while typing)."""

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
        self.editor = wiki_editor(links)
        self.editor.setPlaceholderText(
            self.tr("Markdown. Type [[ to link an item, company or question.")
        )
        self.tabs.addTab(self.preview, self.tr("Preview"))
        self.tabs.addTab(self.editor, self.tr("Edit"))
        self.tabs.currentChanged.connect(self._on_tab)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._timer = AutosaveTimer(self)
        self._timer.due.connect(self.flush)
        self.editor.textChanged.connect(self._timer.touch)

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

    def set_accessible_name(self, name: str) -> None:
        """What a screen reader calls the editor ("Answer") and the preview ("Answer, preview")."""
        self.editor.setAccessibleName(name)
        self.preview.setAccessibleName(
            QCoreApplication.translate("MarkdownEditor", "{name}, preview").replace("{name}", name)
        )

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
