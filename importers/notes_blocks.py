"""A notes file as a compact block tree: what the notes importer reads of markdown-it's tokens.

markdown-it gives a flat token list (an open, an inline and a close token per table cell,
paragraph or list item, each with its own map, attribute and meta containers): an 8 MB
notes file ran to over half a million tokens and ~230 MB kept for the preview. Here each
top-level block's tokens become small slotted nodes as soon as the block pass has made
them (kind, line map, child blocks, table rows as cells) and the tokens are dropped; each
inline keeps only its lines of text and links (:class:`TextLine`) and the three figures
the importer asks of it (in-page anchors, images, badges).

The block pass still runs over the whole text at once (reference definitions are
document-wide, blocks end exactly where one parse ends them); only its output is taken a
top-level block at a time. Inlines are parsed once the block pass is over (a definition
may follow its use), a batch at a time.
"""

from __future__ import annotations

import re
import textwrap
from collections import deque
from collections.abc import Iterator, Sequence
from typing import ClassVar

from markdown_it import MarkdownIt
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.rules_core.state_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType

from importers.mdtext import Line, Link, inline_lines, new_parser

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[a-z][a-z0-9]*\b[^>]*>", re.IGNORECASE)
_FILLER = " \t|·•,，、.。:：;；-–—/()（）[]"
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:\s+|$)")

INLINE_BATCH = 256
"""Inlines parsed and read together (their child tokens are dropped after each batch)."""


class TextLine:
    """One visual line of an inline (``mdtext.Line`` with its texts joined once).

    An inline of one line with no HTML, badges, anchors or images (most table cells and
    list items) is its line: it reads as an :class:`Inline` of that one line.
    """

    __slots__ = ("first", "last", "links", "outside_text", "text")

    anchors: ClassVar[int] = 0
    images: ClassVar[int] = 0
    badges: ClassVar[int] = 0

    def __init__(
        self, text: str, outside_text: str, links: tuple[Link, ...], first: int, last: int
    ) -> None:
        self.text = text
        """All its text, link texts included, on one line."""
        self.outside_text = outside_text
        """Its text outside links."""
        self.links = links
        self.first = first
        """Offset of the source line it starts on, from the inline's first line."""
        self.last = last
        """Offset of the source line it ends on."""

    @property
    def lines(self) -> tuple[TextLine, ...]:
        return (self,)

    @property
    def lines_no_br(self) -> tuple[TextLine, ...]:
        return (self,)


class Inline:
    """The inline content of a paragraph, heading or table cell, as the importer reads it."""

    __slots__ = ("anchors", "badges", "images", "lines", "lines_no_br")

    def __init__(
        self,
        lines: tuple[TextLine, ...],
        lines_no_br: tuple[TextLine, ...],
        anchors: int = 0,
        images: int = 0,
        badges: int = 0,
    ) -> None:
        self.lines = lines
        """Lines split at source breaks and ``<br>``; badges (image-only links) left out."""
        self.lines_no_br = lines_no_br
        """The same split at source breaks only (the same tuple when it has no HTML)."""
        self.anchors = anchors
        """How many in-page links (``#anchor``) when that is all it holds, else 0."""
        self.images = images
        """How many images when it is only images (badges, pictures), else 0."""
        self.badges = badges
        """Image-only links (badges) it held."""


Text = Inline | TextLine
"""What an inline reads as."""

NO_INLINE = TextLine("", "", (), 0, 0)
"""What an inline without content reads as (as ``mdtext.inline_lines`` reads it)."""


class Row:
    """A table row: its cells in order, and whether it is a header row."""

    __slots__ = ("cells", "end", "head", "start")

    def __init__(self, head: bool, start: int, end: int, cells: tuple[Text, ...]) -> None:
        self.head = head
        self.start = start
        self.end = end
        self.cells = cells

    @property
    def map(self) -> tuple[int, int] | None:
        return (self.start, self.end) if self.start >= 0 else None


class Block:
    """A block: ``kind`` is markdown-it's token type without ``_open`` ("paragraph",
    "bullet_list", "ordered_list", "list_item", "blockquote", "table", "heading",
    "html_block", "code_block", "fence", "hr")."""

    __slots__ = ("children", "content", "end", "inline", "kind", "level", "rows", "start")

    def __init__(
        self,
        kind: str,
        start: int,
        end: int,
        children: tuple[Block, ...] = (),
        content: str = "",
        rows: tuple[Row, ...] = (),
        level: int = 0,
    ) -> None:
        self.kind = kind
        self.start = start
        """First source line, relative to the section's body (after its heading); -1: none."""
        self.end = end
        self.children = children
        """Blocks inside (a list's items, an item's or a quote's blocks)."""
        self.inline: Text | None = None
        """Paragraphs and headings."""
        self.content = content
        """The source of an HTML block."""
        self.rows = rows
        """A table's rows."""
        self.level = level
        """A heading's level (1-6)."""

    @property
    def map(self) -> tuple[int, int] | None:
        """Source lines [start, end), as markdown-it's ``Token.map``."""
        return (self.start, self.end) if self.start >= 0 else None

    @property
    def is_list(self) -> bool:
        return self.kind in ("bullet_list", "ordered_list")

    def inlines(self) -> Iterator[Text]:
        """Every inline inside, at any depth."""
        if self.inline is not None:
            yield self.inline
        for row in self.rows:
            yield from row.cells
        for child in self.children:
            yield from child.inlines()


_KINDS: dict[str, str] = {}


def _kind(token_type: str) -> str:
    found = _KINDS.get(token_type)
    if found is None:
        found = _KINDS[token_type] = token_type.removesuffix("_open")
    return found


def _listish(code: str) -> bool:
    """People indent bullet lists for looks; as code they would lose their structure."""
    dedented = textwrap.dedent(code).splitlines()
    outer = [ln for ln in dedented if ln.strip() and not ln[:1].isspace()]
    return bool(outer) and all(_LIST_MARKER.match(ln) for ln in outer)


_Frame = tuple[Token, list["Block"], list["str | Text | None"], list["Row"], list["str | Text"]]
"""An open block while its tokens are read: its token, child blocks, [its inline (the
source while unread)], rows and cells."""


class _Reader:
    """Turns top-level blocks' tokens into :class:`Block` trees; reads inlines later."""

    def __init__(self, parser: MarkdownIt, env: EnvType, lines: list[str]) -> None:
        self.parser = parser
        self.env = env
        self.lines = lines
        self.pending: deque[tuple[Block | Row, int, str]] = deque()
        """Inlines to read: where they go (a block, or a row and the cell's position)."""
        self.offset = 0
        """First line of the current section: block maps count from it."""

    def convert(
        self, tokens: Sequence[Token], *, shift: int = 0, inner: bool = False
    ) -> list[Block]:
        """Blocks of a run of whole top-level blocks' tokens, their lines moved by ``shift``.

        A top-level heading keeps its own lines and starts a section: the blocks after it
        count lines from the line after it. ``inner``: tokens of a whole parse of their
        own (an unwrapped list), whose inlines are read already.
        """
        top: list[Block] = []
        stack: list[_Frame] = []
        for tok in tokens:
            nesting = tok.nesting
            if nesting == 1:
                stack.append((tok, [], [None], [], []))
                continue
            if nesting == 0:
                ttype = tok.type
                if ttype == "inline":
                    if stack:
                        stack[-1][2][0] = read_inline(tok.children) if inner else tok.content
                    continue
                unwrap = not stack and not inner and ttype == "code_block"
                if unwrap and tok.map and _listish(tok.content):
                    top.extend(self._unwrapped(tok.map[0] + shift, tok.map[1] + shift))
                    continue
                start, end = self._span(tok, shift)
                block = Block(
                    _kind(ttype), start, end, content=tok.content if ttype == "html_block" else ""
                )
            else:
                opener, children, box, rows, cells = stack.pop()
                ttype = opener.type
                if ttype in ("thead_open", "tbody_open"):
                    stack[-1][3].extend(rows)
                    continue
                if ttype == "tr_open":
                    head = stack[-1][0].type == "thead_open"
                    stack[-1][3].append(self._row(head, opener, shift, cells))
                    continue
                if ttype in ("th_open", "td_open"):
                    if box[0] is not None:
                        stack[-1][4].append(box[0])
                    continue
                heading = ttype == "heading_open" and not stack
                start, end = self._span(opener, shift + self.offset if heading else shift)
                block = Block(
                    _kind(ttype),
                    start,
                    end,
                    tuple(children),
                    rows=tuple(rows),
                    level=int(opener.tag[1:]) if ttype == "heading_open" else 0,
                )
                if isinstance(box[0], str):
                    self.pending.append((block, -1, box[0]))
                else:
                    block.inline = box[0]
                if heading and start >= 0:
                    self.offset = end  # a section starts after it
            if stack:
                stack[-1][1].append(block)
            else:
                top.append(block)
        return top

    def _span(self, tok: Token, shift: int) -> tuple[int, int]:
        if not tok.map:
            return -1, -1
        start, end = tok.map
        return start + shift - self.offset, end + shift - self.offset

    def _row(self, head: bool, tok: Token, shift: int, cells: Sequence[str | Text]) -> Row:
        start, end = self._span(tok, shift)
        row = Row(head, start, end, tuple(NO_INLINE if isinstance(c, str) else c for c in cells))
        for k, cell in enumerate(cells):
            if isinstance(cell, str):
                self.pending.append((row, k, cell))
        return row

    def _unwrapped(self, start: int, end: int) -> list[Block]:
        """A list indented as code, dedented in ``lines`` and read as Markdown of its own."""
        lines = self.lines
        lines[start:end] = textwrap.dedent("\n".join(lines[start:end])).splitlines()
        return self.convert(self.parser.parse("\n".join(lines[start:end])), shift=start, inner=True)

    def read_pending(self) -> None:
        """Parse the inlines met so far with markdown-it's core rules from ``inline`` on,
        a batch at a time, and keep what the importer reads of them."""
        rules = self.parser.core.ruler.getRules("")
        at = self.parser.core.ruler.get_active_rules().index("inline")
        pending = self.pending
        while pending:
            batch: list[tuple[Block | Row, int, Token]] = []
            for _ in range(min(INLINE_BATCH, len(pending))):
                owner, at_cell, content = pending.popleft()
                tok = Token("inline", "", 0, content=content, children=[])
                batch.append((owner, at_cell, tok))
            state = StateCore("", self.parser, self.env, [tok for *_, tok in batch])
            for rule in rules[at:]:
                rule(state)
            for owner, at_cell, tok in batch:
                text = read_inline(tok.children)
                if isinstance(owner, Block):
                    owner.inline = text
                else:
                    owner.cells = (*owner.cells[:at_cell], text, *owner.cells[at_cell + 1 :])


def _text_lines(lines: Sequence[Line]) -> tuple[TextLine, ...]:
    out = []
    for ln in lines:
        text, outside = ln.text, ln.outside_text
        if text == outside:
            text = outside  # one string for both
        out.append(TextLine(text, outside, tuple(ln.links), ln.first, ln.last))
    return tuple(out)


def read_inline(children: Sequence[Token] | None) -> Text:
    """What the importer reads of an inline's child tokens."""
    kept, badges = without_badges(children)
    lines = _text_lines(inline_lines(kept, split_br=True))
    breaks = any(c.type == "html_inline" for c in kept)
    no_br = _text_lines(inline_lines(kept, split_br=False)) if breaks else lines
    anchors = anchors_only(children)
    images = images_only(children)
    if len(lines) == 1 and no_br is lines and not (anchors or images or badges):
        return lines[0]
    return Inline(lines, no_br, anchors, images, badges)


def without_badges(children: Sequence[Token] | None) -> tuple[list[Token], int]:
    """Inline tokens without links whose only content is an image, and how many.

    ``[![Awesome](…/badge.svg)](https://awesome.re)`` is a badge: its target is a
    decoration, not something to read, wherever it is written (a heading, a line).
    """
    tokens = list(children or ())
    if not any(t.type == "image" for t in tokens):
        return tokens, 0
    kept: list[Token] = []
    badges = 0
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        if tok.type == "link_open":
            close = next(
                (j for j in range(k + 1, len(tokens)) if tokens[j].type == "link_close"), None
            )
            inside = tokens[k + 1 : close] if close is not None else []
            if (
                close is not None
                and any(t.type == "image" for t in inside)
                and all(
                    t.type in ("image", "softbreak")
                    or (t.type == "text" and not t.content.strip())
                    or (t.type == "html_inline" and IMG_TAG.match(t.content))
                    for t in inside
                )
            ):
                badges += 1
                k = close + 1
                continue
        kept.append(tok)
        k += 1
    return kept, badges


def anchors_only(children: Sequence[Token] | None) -> int:
    """In-page links (``#anchor``) and nothing else: how many, else 0."""
    anchors = depth = 0
    for tok in children or ():
        if tok.type == "link_open":
            if not str(tok.attrGet("href") or "").startswith("#"):
                return 0
            anchors += 1
            depth += 1
        elif tok.type == "link_close":
            depth -= 1
        elif tok.type in ("text", "code_inline"):
            if not depth and tok.content.strip(_FILLER):
                return 0
        elif tok.type not in ("softbreak", "hardbreak", "html_inline") and not depth:
            return 0
    return anchors


def images_only(children: Sequence[Token] | None) -> int:
    """Badges and pictures: images (maybe each inside a link) and nothing else."""
    images = 0
    for tok in children or ():
        if tok.type == "image" or (tok.type == "html_inline" and IMG_TAG.match(tok.content)):
            images += 1
        elif (
            tok.type in ("link_open", "link_close", "softbreak", "hardbreak")
            or (tok.type == "html_inline" and _HTML_TAG.fullmatch(tok.content.strip()))
            or (tok.type == "text" and not tok.content.strip(_FILLER))
        ):
            continue
        else:
            return 0
    return images


def _top_level_runs(parser: MarkdownIt, src: str, env: EnvType) -> Iterator[list[Token]]:
    """markdown-it's block pass over ``src``, its tokens handed out a top-level block at a
    time: the loop of ``ParserBlock.tokenize`` (markdown-it-py 4) at the top level, where no
    rule reads an earlier block's tokens. Nested blocks go through ``tokenize`` itself."""
    if not src:
        return
    state = StateBlock(src, parser, env, [])
    rules = parser.block.ruler.getRules("")
    line, end = state.line, state.lineMax
    has_empty = False
    while line < end:
        state.line = line = state.skipEmptyLines(line)
        if line >= end or state.sCount[line] < state.blkIndent:
            break
        if state.level >= parser.options.maxNesting:
            state.line = end
            break
        for rule in rules:
            if rule(state, line, end, False):
                if state.line <= line:
                    raise RuntimeError("block rule didn't increment state.line")
                break
        else:
            raise RuntimeError("none of the block rules matched")
        state.tight = not has_empty
        line = state.line
        if line - 1 < end and state.isEmpty(line - 1):
            has_empty = True
        if line < end and state.isEmpty(line):
            has_empty = True
            line += 1
            state.line = line
        if state.tokens:
            yield state.tokens
            state.tokens = []


def read_blocks(lines: list[str], front: int) -> list[Block]:
    """The top-level blocks of the file (lines from ``front`` on; front matter is blank).

    A top-level heading's map is its own lines; the maps of the blocks after it count
    from the line after it (from the file's start before the first one). Lists indented
    as code are unwrapped in ``lines`` and read as lists.
    """
    parser = new_parser()
    core = StateCore("\n".join([""] * front + lines[front:]), parser, {})
    names = parser.core.ruler.get_active_rules()
    rules = parser.core.ruler.getRules("")
    at = names.index("block")
    for rule in rules[:at]:
        rule(core)  # normalising the text
    reader = _Reader(parser, core.env, lines)
    blocks: list[Block] = []
    for run in _top_level_runs(parser, core.src, core.env):
        blocks.extend(reader.convert(run))
    for rule in rules[at + 1 : names.index("inline")]:
        rule(core)
    reader.read_pending()
    return blocks
