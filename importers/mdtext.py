"""Small helpers over markdown-it tokens: plain text, links and lines of inline content.

The importers read Markdown through markdown-it-py (not regexes) so that
links, tables, nested lists and inline HTML are understood the way GitHub
renders them; these helpers turn the inline token stream into what the
importers need.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

_BR = re.compile(r"^<br\s*/?>$", re.IGNORECASE)
_BARE_URL = re.compile(r"https?://[^\s<>\"'`，。；、）》]+", re.IGNORECASE)
_TRAILING_PUNCT = ".,;:!?)]}'\""
_SPACES = re.compile(r"[ \t\u3000\xa0]+")


def new_parser() -> MarkdownIt:
    """CommonMark with inline HTML, plus GitHub tables and strikethrough."""
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def squash(text: str) -> str:
    """Collapse runs of spaces on each line and trim; keeps line breaks."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


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


def inline_lines(children: Sequence[Token] | None, *, split_br: bool = True) -> list[Line]:
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


def inline_text(children: Sequence[Token] | None) -> str:
    """Plain text of inline tokens, one output line per visual line."""
    return "\n".join(line.text for line in inline_lines(children)).strip()


def inline_links(children: Sequence[Token] | None) -> list[Link]:
    """All links (Markdown, autolinks and bare URLs) in inline tokens, in order."""
    return [link for line in inline_lines(children) for link in line.links]


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
    """Top-level list items of ``markdown``: (first paragraph as text, rest as Markdown).

    The rest (nested sub-points, further paragraphs) keeps its Markdown so
    nothing written under an entry is lost.
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
