"""Small helpers over Markdown inline tokens: plain text, links and lines of inline content.

The importers read Markdown through real CommonMark parsers (not regexes) so that links,
tables, nested lists and inline HTML are understood the way GitHub renders them: the
notes and course importers through markdown-it-py's token tree, the paper-reading README
(one 80 KB document of tables, read on every import) through pyromark, the bindings to
pulldown-cmark (Rust), whose event stream is turned into the same inline tokens here
(``InlineBuilder``) so both share ``inline_lines``. pulldown-cmark reads that README in
~3 ms where markdown-it took ~50 ms of Python (holding the GIL in the import worker); the
whole paper-reading parse went from ~60 ms to ~10 ms. tests/importers/test_mdtext.py checks
that both read inline content alike.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import pyromark
from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink, normalizeLinkText, validateLink
from markdown_it.token import Token
from pyromark.event import Range

_BR = re.compile(r"^<br\s*/?>$", re.IGNORECASE)
_BARE_URL = re.compile(r"https?://[^\s<>\"'`，。；、）》]+", re.IGNORECASE)
_TRAILING_PUNCT = ".,;:!?)]}'\""
_SPACES = re.compile(r"[ \t\u3000\xa0]+")


GFM_OPTIONS = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH
"""pulldown-cmark options matching ``new_parser``: CommonMark (raw HTML kept), tables, ~~x~~."""

# A URL markdown-it's normalizeLink returns unchanged (checked by tests/importers): http(s),
# lower-case host, only characters mdurl.encode keeps and valid %XX escapes.
_PLAIN_URL = re.compile(
    r"https?://[a-z0-9.-]+(?::[0-9]+)?"
    r"(?:[/?#](?:[A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]|%[0-9A-Fa-f]{2})*)?"
)


# Starts of a line that make a block (heading, quote, list item, rule, setext, fence).
_BLOCK_START = re.compile(
    r"[#>]|[*+\-](?:\s|$)|\d{1,9}(?P<delim>[.)])(?:\s|$)|(?:[*\-_][ \t]*){3,}$|~{3}|`{3,}(?!.*`)"
)


class InlineLike(Protocol):
    """What the helpers read of an inline token (markdown-it's Token or ``InlineToken``)."""

    @property
    def type(self) -> str: ...

    @property
    def content(self) -> str: ...

    def attrGet(self, name: str) -> str | int | float | None: ...


@dataclass(slots=True)
class InlineToken:
    """An inline token built from pulldown-cmark events, shaped like markdown-it's."""

    type: str
    content: str = ""
    href: str | None = None

    def attrGet(self, name: str) -> str | int | float | None:
        return self.href if name == "href" else None


def normalize_link(url: str) -> str:
    """markdown-it's link normalisation (percent-encoding, punycode), fast for plain URLs.

    Hrefs from pulldown-cmark are as written; markdown-it's are normalised. Keys of
    imported rows derive from hrefs, so both parsers must give the same ones.
    """
    return url if _PLAIN_URL.fullmatch(url) else normalizeLink(url)


class InlineBuilder:
    """Turns pulldown-cmark inline events into markdown-it-like inline tokens.

    text, code_inline, softbreak, hardbreak, html_inline, link_open (href normalised as
    markdown-it does) / link_close, and image (its alt text as content, as markdown-it
    gives the label). Emphasis and strikethrough marks are dropped, as ``inline_lines``
    ignores them. A link markdown-it refuses (``javascript:`` and the like) stays its
    source text, as markdown-it leaves it, when ``source`` (the UTF-8 document the event
    ranges point into) is given.
    """

    __slots__ = ("_alt", "_autolink", "_image_depth", "_links", "_muted", "_source", "tokens")

    def __init__(self, source: bytes | None = None) -> None:
        self.tokens: list[InlineToken] = []
        self._source = source
        self._links: list[bool] = []
        self._autolink = False
        self._muted = False  # inside a refused link already written as source text
        self._image_depth = 0
        self._alt: list[str] = []

    def text(self, text: str) -> None:
        if self._image_depth:
            self._alt.append(text)
            return
        if self._autolink:
            text = normalizeLinkText(text)
        tokens = self.tokens
        if tokens and tokens[-1].type == "text":
            tokens[-1].content += text
        else:
            tokens.append(InlineToken("text", text))

    def event(self, key: str, value: Any, span: Range | None = None) -> None:
        """One inline event: its kind, payload and byte range, as pyromark gives them."""
        if self._muted:
            if key == "End" and value == "Link":
                self._muted = False
                self._links.pop()
            return
        if key == "Text":
            self.text(value)
        elif key == "Code":
            if self._image_depth:
                self._alt.append(value)
            else:
                self.tokens.append(InlineToken("code_inline", value))
        elif key == "InlineHtml":
            if not self._image_depth:
                self.tokens.append(InlineToken("html_inline", value))
        elif key in ("SoftBreak", "HardBreak"):
            if self._image_depth:
                self._alt.append("\n")
            else:
                self.tokens.append(InlineToken("softbreak" if key == "SoftBreak" else "hardbreak"))
        elif key == "Start":
            tag = value if isinstance(value, str) else next(iter(value))
            if tag == "Link":
                self._open_link(value["Link"], span)
            elif tag == "Image":
                self._image_depth += 1
                if self._image_depth == 1:
                    self._alt = []
        elif key == "End":
            if value == "Link":
                emitted = self._links.pop() if self._links else False
                self._autolink = False
                if emitted:
                    self.tokens.append(InlineToken("link_close"))
            elif value == "Image" and self._image_depth:
                self._image_depth -= 1
                if not self._image_depth:
                    self.tokens.append(InlineToken("image", "".join(self._alt)))

    def _open_link(self, data: Mapping[str, Any], span: Range | None) -> None:
        link_type = data.get("link_type")
        url = str(data.get("dest_url") or "")
        href = normalize_link("mailto:" + url if link_type == "Email" else url)
        valid = validateLink(href)
        emitted = valid and not self._image_depth
        self._links.append(emitted)
        if emitted:
            self._autolink = link_type in ("Autolink", "Email")
            self.tokens.append(InlineToken("link_open", href=href))
        elif not valid and self._source is not None and span is not None:
            raw = self._source[span["start"] : span["end"]].decode("utf-8", "surrogatepass")
            self.text(raw)
            self._muted = True


def _inline_only(fragment: str) -> str:
    """``fragment`` with a leading block marker escaped, so it parses as inline content."""
    match = _BLOCK_START.match(fragment)
    if match is None:
        return fragment
    at = match.start("delim") if match.group("delim") else 0
    return fragment[:at] + "\\" + fragment[at:]


def inline_tokens(fragment: str) -> list[InlineToken]:
    """The inline tokens of one line of Markdown, as markdown-it's ``parseInline`` reads it.

    A leading ``#``, ``>``, list marker, rule or fence is escaped first: on its own the
    line would otherwise parse as a heading, quote, list or code block.
    """
    markdown = _inline_only(fragment.strip())
    source = markdown.encode("utf-8", "surrogatepass")
    builder = InlineBuilder(source)
    for event, span in pyromark.events_with_range(markdown, options=GFM_OPTIONS, merge_text=True):
        if isinstance(event, str):
            builder.event(event, None, span)
        else:
            key, value = next(iter(event.items()))
            builder.event(key, value, span)
    return builder.tokens


def new_parser() -> MarkdownIt:
    """CommonMark with inline HTML, plus GitHub tables and strikethrough."""
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def one_line(text: str) -> str:
    """All whitespace (including line breaks) collapsed to single spaces."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Link:
    href: str
    text: str


@dataclass
class Line:
    """One visual line of inline content: its links and the text around them."""

    links: list[Link] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    """Text that is not inside a link, in order."""
    parts: list[str] = field(default_factory=list)
    """All text in order (link texts included)."""
    first: int = 0
    """Offset of the source line this line starts on, from the inline's first line."""
    last: int = 0
    """Offset of the source line this line ends on (a link text may span lines)."""

    @property
    def text(self) -> str:
        return one_line("".join(self.parts))

    @property
    def outside_text(self) -> str:
        return one_line("".join(self.outside))


def _bare_urls(text: str) -> list[Link]:
    links = []
    for match in _BARE_URL.finditer(text):
        url = match.group(0).rstrip(_TRAILING_PUNCT)
        links.append(Link(href=url, text=url))
    return links


def inline_lines(children: Sequence[InlineLike] | None, *, split_br: bool = True) -> list[Line]:
    """Split inline tokens into lines (soft/hard breaks, and ``<br>`` if ``split_br``).

    Bare ``http(s)://`` URLs in plain text count as links too, since notes
    often paste them without Markdown syntax. Each line knows which source
    lines it came from (``first``/``last``), so callers can map back to Markdown.
    """
    lines = [Line()]
    link_stack: list[tuple[str, list[str]]] = []
    offset = 0
    for tok in children or ():
        line = lines[-1]
        source_break = tok.type in ("softbreak", "hardbreak")
        if source_break or (
            split_br and tok.type == "html_inline" and _BR.match(tok.content.strip())
        ):
            offset += 1 if source_break else 0
            if link_stack:  # a break inside a link text: keep the link on this line
                link_stack[-1][1].append(" ")
                line.parts.append(" ")
                line.last = offset
            else:
                lines.append(Line(first=offset, last=offset))
            continue
        if tok.type == "link_open":
            link_stack.append((str(tok.attrGet("href") or ""), []))
            continue
        if tok.type == "link_close":
            if link_stack:
                href, texts = link_stack.pop()
                line.links.append(Link(href=href, text=one_line("".join(texts))))
            continue
        if tok.type in ("text", "code_inline", "image"):
            content = tok.content
        elif tok.type == "html_inline":
            content = ""
        else:
            continue
        line.parts.append(content)
        if link_stack:
            link_stack[-1][1].append(content)
        else:
            line.outside.append(content)
            if tok.type == "text":
                line.links.extend(_bare_urls(content))
    while link_stack:  # unbalanced tokens (should not happen): keep what we have
        href, texts = link_stack.pop()
        lines[-1].links.append(Link(href=href, text=one_line("".join(texts))))
    return lines


def matching_close(tokens: Sequence[Token], start: int) -> int:
    """Index of the token closing the block opened at ``start`` (same nesting level)."""
    opener = tokens[start]
    if opener.nesting != 1:
        return start
    depth = 0
    for k in range(start, len(tokens)):
        depth += tokens[k].nesting
        if depth == 0:
            return k
    return len(tokens) - 1


def source_lines(lines: Sequence[str], start: int, end: int) -> str:
    """Source lines ``[start, end)`` dedented, trailing blank lines dropped."""
    return textwrap.dedent("\n".join(lines[start:end])).strip("\n")


def list_entries(markdown: str) -> list[tuple[str, str | None]]:
    """Top-level list items of ``markdown``: (first paragraph, the rest as Markdown).

    The first paragraph is its Markdown source on one line (`code`, [links](url) and
    emphasis as written), so a question read from a list keeps its formatting; the rest
    (nested sub-points, further paragraphs) keeps its Markdown so nothing is lost.
    """
    tokens = new_parser().parse(markdown)
    lines = markdown.splitlines()
    entries: list[tuple[str, str | None]] = []
    depth = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif tok.type == "list_item_open" and depth == 1:
            close = matching_close(tokens, i)
            text, detail = item_parts(tokens, i, close, lines)
            if text and tokens[i + 1].type == "paragraph_open":
                text = one_line(tokens[i + 2].content)  # its source, not its plain text
            if text or detail:
                entries.append((text, detail))
            i = close
        i += 1
    return entries


def item_parts(
    tokens: Sequence[Token], open_index: int, close_index: int, lines: Sequence[str]
) -> tuple[str, str | None]:
    """A list item's first paragraph as plain text and the rest as dedented Markdown."""
    item = tokens[open_index]
    end = item.map[1] if item.map else None
    first = tokens[open_index + 1] if open_index + 1 < close_index else None
    text = ""
    rest_start: int | None = None
    if first is not None and first.type == "paragraph_open" and first.map:
        inline = tokens[open_index + 2]
        text = one_line(" ".join(line.text for line in inline_lines(inline.children)))
        rest_start = first.map[1]
    elif first is not None and first.map:
        rest_start = first.map[0]
    detail = None
    if rest_start is not None and end is not None and rest_start < end:
        detail = source_lines(lines, rest_start, end).strip() or None
    return text, detail
