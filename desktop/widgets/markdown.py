"""Markdown notes: a plain-text editor with a live, inert preview.

The preview never runs raw HTML (it is shown as the characters typed), never fetches
remote images (they become links) and only opens http/https/mailto links after a confirm.
Notes are parsed by pulldown-cmark (pyromark, ~2 ms to import) and turned into HTML by the
small renderer below rather than pulldown-cmark's own, which passes raw HTML through; the
output follows what markdown-it (html disabled) produced before, without its ~60 modules on
the start-up path (the first screen renders the selected item's notes).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pyromark
from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFocusEvent, QFont, QFontDatabase, QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from desktop.widgets import links

if TYPE_CHECKING:
    from pyromark.event import Event, Range

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


_OPTIONS = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH
"""Tables and ~~strikethrough~~ as before; task lists, footnotes and math stay off, as
markdown-it showed them as typed. GFM's one-tilde strikethrough (which markdown-it did not
have) is written back as the typed tildes: "3~5 天 … 10~20 ms" must not strike anything."""

_MAX_HTML_PASSES = 32
_HTML_BLOCK = {"Start": "HtmlBlock"}
_HTML_BLOCK_END = {"End": "HtmlBlock"}
_BLOCK_MARKS = frozenset(b"#>-*+=_`~|:0123456789 \t\\")
_AUTOLINK = re.compile(rb"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\x00-\x20]*|[^\s<>@]+@[^\s<>]+)>")
_SURROGATE = re.compile("[\ud800-\udfff]")

# markdown-it's validateLink: these schemes never become links (data: only for images).
_BAD_SCHEME = re.compile(r"^(?:vbscript|javascript|file|data):")
_GOOD_DATA = re.compile(r"^data:image/(?:gif|png|jpeg|webp);")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
# What an href percent-encodes: ASCII that mdurl.encode did (blanks, controls, quotes,
# brackets…) and a % that starts no valid escape. Non-ASCII stays: QUrl encodes it itself,
# international host names included.
_URL_UNSAFE = re.compile(r'%(?![0-9A-Fa-f]{2})|[\x00-\x20"<>\[\\\]^`{|}\x7f]')


def _safe_url(url: str) -> bool:
    """False for javascript:, vbscript:, file: and (non-image) data: URLs.

    As markdown-it's validateLink, but blanks and control characters anywhere are ignored
    first ("java\tscript:"), as browsers and QUrl would.
    """
    probe = _INVISIBLE.sub("", url).lower()
    return bool(_GOOD_DATA.match(probe)) if _BAD_SCHEME.match(probe) else True


def _href(url: str) -> str:
    """A link target as an attribute value: unsafe ASCII percent-encoded, then escaped."""
    encoded = _URL_UNSAFE.sub(
        lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8", "surrogatepass")), url
    )
    return html.escape(encoded, quote=True)


def _text(value: str) -> str:
    """Text escaped as markdown-it's escapeHtml does (&, <, >, ")."""
    return html.escape(value, quote=False).replace('"', "&quot;")


def _parse(text: str) -> tuple[bytes, list[tuple[Event, Range]]]:
    """The source (as UTF-8) and its events, with no HTML block left in it.

    markdown-it with html disabled read `<div>` at the start of a line as paragraph text;
    pulldown-cmark always makes it an HTML block (whose Markdown is not parsed and which can
    interrupt a paragraph). Escaping the `<` that opens each block (`\\<`) and parsing again
    gives markdown-it's structure; a block uncovered by that is escaped on the next pass.
    """
    source = _SURROGATE.sub("\ufffd", text).encode("utf-8")  # a lone one can come from Qt
    for _ in range(_MAX_HTML_PASSES):
        events = list(
            pyromark.events_with_range(source.decode("utf-8"), options=_OPTIONS, merge_text=True)
        )
        escapes = _html_block_starts(source, events)
        if not escapes:
            break
        for at in sorted(escapes, reverse=True):
            source = source[:at] + b"\\" + source[at:]
    return source, events  # blocks left after the last pass are rendered as escaped text


def _html_block_starts(source: bytes, events: list[tuple[Event, Range]]) -> list[int]:
    """Offsets of the `<` to escape: each HTML block's first one, and those of the lines after
    it that start with `<` too (each could open the next block: one pass, not one per line,
    for pasted HTML). Lines of plain words are skipped; a blank line or one that may open
    another block (a fence, a list, a quote…) ends the run, so that what follows is read
    afresh on the next pass."""
    escapes: list[int] = []
    first = run = False  # next line is a block's first / still in the run of `<` lines
    for event, span in events:
        if event == _HTML_BLOCK:
            first = run = True
        elif event == _HTML_BLOCK_END:
            first = run = False
        elif run and isinstance(event, dict) and "Html" in event:
            chunk = source[span["start"] : span["end"]]
            stripped = chunk.lstrip(b" ")
            if first and b"<" in chunk:
                escapes.append(source.index(b"<", span["start"]))
            elif len(chunk) - len(stripped) < 4 and stripped.startswith(b"<"):
                run = not _AUTOLINK.match(stripped)
                if run:
                    escapes.append(span["end"] - len(stripped))
            else:  # plain words continue the paragraph; anything that may open a block ends it
                run = bool(stripped.strip()) and stripped[0] not in _BLOCK_MARKS
            first = False
    return escapes


class _Renderer:
    """pulldown-cmark events → the HTML markdown-it produced (html off, images as links)."""

    def __init__(self, source: bytes) -> None:
        self.source = source
        self.out: list[str] = []
        self.lists: list[bool] = []  # ordered?
        self.links: list[bool] = []  # each open link: was an <a> written?
        self.strikes: list[bool] = []  # each open strikethrough: ~~ (else GFM's single ~)?
        self.muted = 0  # inside a refused link or image already written as source text
        self.images: list[tuple[str, bool, list[str]]] = []  # (url, as anchor?, alt parts)
        self.align: tuple[str, ...] = ()
        self.cell = 0
        self.in_head = False
        self.body_open = False

    def render(self, events: Iterable[tuple[Event, Range]]) -> str:
        for item, span in events:
            event: Any = item  # matched by shape below; unknown shapes are skipped
            if isinstance(event, str):
                self.bare(event)
            elif isinstance(event, dict) and len(event) == 1:
                ((key, value),) = event.items()
                self.event(key, value, span)
        return "".join(self.out)

    def write(self, piece: str) -> None:
        if self.muted:
            return
        if self.images:
            return  # alt text is collected in event(); markup inside an image is dropped
        self.out.append(piece)

    def block(self, piece: str) -> None:
        """A block's opening tag, on a line of its own (as markdown-it lays them out)."""
        if self.out and not self.out[-1].endswith("\n"):
            self.write("\n")
        self.write(piece)

    def literal(self, value: str) -> None:
        """Text as it is seen: into an image's alt text, or escaped into the page."""
        if self.muted:
            return
        if self.images:
            self.images[-1][2].append(value)
        else:
            self.out.append(_text(value))

    def bare(self, event: str) -> None:
        if event == "SoftBreak":
            self.literal("\n")
        elif event == "HardBreak":
            if self.images:
                self.literal("\n")
            else:
                self.write("<br />\n")
        elif event == "Rule":
            self.block("<hr />\n")

    def event(self, key: str, value: Any, span: Range) -> None:
        if key == "Start":
            self.start(value, span)
        elif key == "End":
            self.end(value)
        elif key == "Code":
            if self.images:
                self.literal(str(value))
            else:
                self.write(f"<code>{_text(str(value))}</code>")
        elif key in ("Text", "Html", "InlineHtml"):
            self.literal(str(value))  # raw HTML is shown as typed, never interpreted
        elif key == "FootnoteReference":
            self.literal(f"[^{value}]")
        elif key == "TaskListMarker":
            self.literal("[x] " if value else "[ ] ")
        elif key == "InlineMath":
            self.literal(f"${value}$")
        elif key == "DisplayMath":
            self.literal(f"$${value}$$")
        elif isinstance(value, str):
            self.literal(value)  # an event this renderer does not know: its text

    def start(self, tag: Any, span: Range) -> None:
        name, data = _tag(tag)
        if name == "Link":
            self.open_link(data, span)
        elif name == "Image":
            self.open_image(data, span)
        elif name == "Paragraph" or name == "HtmlBlock":
            self.block("<p>")
        elif name == "Heading":
            self.block(f"<{_heading(data)}>")
        elif name == "BlockQuote":
            self.block("<blockquote>\n")
        elif name == "CodeBlock":
            fence = data.get("Fenced") if isinstance(data, dict) else None
            lang = fence.split()[0] if isinstance(fence, str) and fence.split() else ""
            attr = f' class="language-{html.escape(lang, quote=True)}"' if lang else ""
            self.block(f"<pre><code{attr}>")
        elif name == "List":
            ordered = isinstance(data, int)
            self.lists.append(ordered)
            if not ordered:
                self.block("<ul>\n")
            elif data == 1:
                self.block("<ol>\n")
            else:
                self.block(f'<ol start="{int(data)}">\n')
        elif name == "Item":
            self.write("<li>")
        elif name == "Table":
            self.align = tuple(data or ())
            self.body_open = False
            self.block("<table>\n")
        elif name == "TableHead":
            self.in_head = True
            self.cell = 0
            self.write("<thead>\n<tr>\n")
        elif name == "TableRow":
            self.cell = 0
            if not self.body_open:
                self.body_open = True
                self.write("<tbody>\n")
            self.write("<tr>\n")
        elif name == "TableCell":
            align = self.align[self.cell] if self.cell < len(self.align) else "None"
            style = f' style="text-align:{align.lower()}"' if align != "None" else ""
            self.write(f"<{'th' if self.in_head else 'td'}{style}>")
        elif name == "Strikethrough":
            double = self.source[span["start"] : span["start"] + 2] == b"~~"
            self.strikes.append(double)
            if double:
                self.write("<s>")
            else:
                self.literal("~")
        elif name in _INLINE_TAGS:
            self.write(f"<{_INLINE_TAGS[name]}>")
        elif name in _TYPED_TAGS:
            self.literal(_TYPED_TAGS[name])
        elif name in _BLOCK_TAGS:
            self.block(f"<{_BLOCK_TAGS[name]}>")

    def end(self, tag: Any) -> None:
        name, data = _tag(tag)
        if name == "Link":
            self.close_link()
        elif name == "Image":
            self.close_image()
        elif name == "Paragraph" or name == "HtmlBlock":
            self.write("</p>\n")
        elif name == "Heading":
            self.write(f"</{_heading(data)}>\n")
        elif name == "BlockQuote":
            self.write("</blockquote>\n")
        elif name == "CodeBlock":
            self.write("</code></pre>\n")
        elif name == "List":
            ordered = self.lists.pop() if self.lists else False
            self.write("</ol>\n" if ordered else "</ul>\n")
        elif name == "Item":
            self.write("</li>\n")
        elif name == "Table":
            self.write("</tbody>\n</table>\n" if self.body_open else "</table>\n")
        elif name == "TableHead":
            self.in_head = False
            self.write("</tr>\n</thead>\n")
        elif name == "TableRow":
            self.write("</tr>\n")
        elif name == "TableCell":
            self.write("</th>\n" if self.in_head else "</td>\n")
            self.cell += 1
        elif name == "Strikethrough":
            if not self.strikes or self.strikes.pop():
                self.write("</s>")
            else:
                self.literal("~")
        elif name in _INLINE_TAGS:
            self.write(f"</{_INLINE_TAGS[name]}>")
        elif name in _TYPED_TAGS:
            self.literal(_TYPED_TAGS[name])
        elif name in _BLOCK_TAGS:
            self.write(f"</{_BLOCK_TAGS[name]}>\n")

    def refuse(self, span: Range) -> None:
        """An unsafe link or image is shown as its source text, as markdown-it left it."""
        raw = self.source[span["start"] : span["end"]]
        self.literal(raw.decode("utf-8", "replace"))
        self.muted += 1

    def open_link(self, data: Any, span: Range) -> None:
        if self.muted:
            self.muted += 1
            return
        data = data if isinstance(data, dict) else {}
        url = str(data.get("dest_url") or "")
        if data.get("link_type") == "Email":
            url = "mailto:" + url
        if not _safe_url(url):
            self.links.append(False)
            self.refuse(span)
            return
        anchor = not self.images and not any(self.links)
        self.links.append(anchor)
        if anchor:
            title = str(data.get("title") or "")
            attr = f' title="{html.escape(title, quote=True)}"' if title else ""
            self.write(f'<a href="{_href(url)}"{attr}>')

    def close_link(self) -> None:
        if self.muted:
            self.muted -= 1
            if self.muted:
                return
        if self.links and self.links.pop():
            self.write("</a>")

    def open_image(self, data: Any, span: Range) -> None:
        if self.muted:
            self.muted += 1
            return
        data = data if isinstance(data, dict) else {}
        url = str(data.get("dest_url") or "")
        if not _safe_url(url):
            self.refuse(span)
            return
        # Inside a link (a badge) the image is that link's text; otherwise its own link.
        self.images.append((url, not self.images and not any(self.links), []))

    def close_image(self) -> None:
        if self.muted:
            self.muted -= 1
            return
        if not self.images:
            return
        url, anchor, parts = self.images.pop()
        if self.images:  # an image inside an image's alt text: only its words count
            self.images[-1][2].extend(parts)
            return
        label = f"[▣ {_text(''.join(parts) or url)}]"
        self.write(f'<a href="{_href(url)}">{label}</a>' if anchor else label)


_INLINE_TAGS = {"Emphasis": "em", "Strong": "strong"}
_TYPED_TAGS = {"Subscript": "~", "Superscript": "^"}
_BLOCK_TAGS = {
    "DefinitionList": "dl",
    "DefinitionListTitle": "dt",
    "DefinitionListDefinition": "dd",
    "FootnoteDefinition": "div",
}


def _tag(tag: Any) -> tuple[str, Any]:
    """A Start/End payload as (name, data): "Paragraph" or {"Heading": {...}}."""
    if isinstance(tag, str):
        return tag, None
    if isinstance(tag, dict) and len(tag) == 1:
        ((name, data),) = tag.items()
        return str(name), data
    return "", None


_HEADINGS = {"H1": "h1", "H2": "h2", "H3": "h3", "H4": "h4", "H5": "h5", "H6": "h6"}


def _heading(data: Any) -> str:
    """The tag of a heading from its Start payload (a dict) or End payload (the level)."""
    level = data.get("level") if isinstance(data, dict) else data
    return _HEADINGS.get(str(level), "h6")


def render_markdown(text: str) -> str:
    """Markdown → safe HTML for QTextBrowser (no raw HTML, no remote images)."""
    source, events = _parse(text)
    return _Renderer(source).render(events)


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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Tab types a tab (Markdown indents), so Ctrl+Tab and Ctrl+Shift+Tab move the focus
        on: the keyboard must never be trapped in a note."""
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        parent = self.parentWidget()
        if control and parent is not None and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            # the parent's: this editor's own refuses to move the focus while Tab types
            backwards = event.key() == Qt.Key.Key_Backtab or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            parent.focusNextPrevChild(not backwards)
            return
        super().keyPressEvent(event)


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
        self.preview.setPlaceholderText(QCoreApplication.translate("MarkdownEditor", "Preview"))
        self.set_accessible_name(QCoreApplication.translate("MarkdownEditor", "Note"))
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

    def set_accessible_name(self, name: str) -> None:
        """What a screen reader calls the editor, and its preview after it ("Pass 1 notes",
        "Pass 1 notes, preview"): two note editors side by side must not sound the same."""
        self.editor.setAccessibleName(name)
        self.preview.setAccessibleName(
            QCoreApplication.translate("MarkdownEditor", "{name}, preview").replace("{name}", name)
        )

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
