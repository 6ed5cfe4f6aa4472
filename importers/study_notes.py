"""Importer for the user's own Markdown study notes.

The file is split into sections at its headings. Each section is mapped to
one kind of record: ``resources`` (its links become article items),
``questions`` (list entries become questions, nested sub-points their
detail), ``companies``, ``notes`` (kept as Markdown) or ``ignore``. A default
mapping is guessed from headings and content; the GUI lets the user change
it per section before anything is written, then :func:`apply_mapping`
produces the records. Whatever a mapping does not turn into records is kept
as a note, so no text is lost unless the user chooses ``ignore``.

The file is parsed once, into a compact block tree (``notes_blocks``: markdown-it's
tokens are dropped a top-level block at a time, so memory stays a small multiple of the
file's size); every section keeps its blocks, so guessing, counting and building under
each mapping walk them instead of parsing again: import time is linear in the file's size.
Blocks are judged by their own text and the *nearest* heading: a heading that asks
something is a question whose section is its answer; tables of contents, badges and
image-only links are left out with a reason.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import logging
import re
import statistics
import textwrap
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Literal

from importers.http import MARKDOWN_TYPES, Fetcher, FetchResult
from importers.links import normalize_url, paper_url_kind
from importers.mdtext import Link, one_line, source_lines
from importers.notes_blocks import IMG_TAG, NO_INLINE, Block, Text, TextLine, read_blocks
from importers.records import (
    CompanyRecord,
    ItemRecord,
    NoteRecord,
    ParseResult,
    QuestionRecord,
    SkippedRow,
)

log = logging.getLogger(__name__)

SOURCE = "notes"

SectionKind = Literal["resources", "questions", "companies", "notes", "ignore"]
SECTION_KINDS: tuple[SectionKind, ...] = ("resources", "questions", "companies", "notes", "ignore")
PATH_SEPARATOR = " / "
TOP_TITLE = "(before the first heading)"

_QUESTION_HEADING = re.compile(
    r"面经|面试|问题|题|考点|八股|interview|question|quiz|faq|exam|flashcard", re.IGNORECASE
)
_COMPANY_HEADING = re.compile(
    r"公司|企业|厂|compan|employer|startup|firms?\b|organi[sz]ation", re.IGNORECASE
)
_QUESTION_START = re.compile(
    r"^(what|why|how|when|where|which|who|whom|whose|is|are|can|could|should|would|does|do|did|"
    r"explain|describe|define|compare|name|list|give|implement|derive|"
    r"什么|为什么|如何|怎么|怎样|哪|是否|解释|简述|介绍|比较|说明)\b",
    re.IGNORECASE,
)
_QUESTION_WORDS_ZH = re.compile(r"什么|为什么|如何|怎么|哪些|哪几|是否|原理|区别|方法")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:\s+|$)")
_LEADING_SEPARATOR = re.compile(r"^\s*(?:->|→|=>|[-–—:：|,，;；])\s*")
_WORDY = re.compile(r"\w")
_QUESTION_MEDIAN_WIDTH = 60
"""Interview questions are short; interview *experiences* (also under 面经) run long."""
_HTML_ONLY_IMAGES = re.compile(
    r"(?:\s*(?:</?(?:a|p|div|span|center|br|picture|source)\b[^>]*>|<img\b[^>]*>)\s*)+",
    re.IGNORECASE,
)
_BREAKS_ONLY = re.compile(r"(?:\s*<br\s*/?>\s*)+", re.IGNORECASE)
_COMPANY_MEDIAN_WIDTH = 40
"""Company entries are names with a word or two; sentences under such a heading are notes."""
_NUMBERING = re.compile(
    r"^\s*(?:Q\s*)?\d{1,4}\s*[.)、:：．](?!\d)\s*|^\s*Q\d{1,4}\b\s*", re.IGNORECASE
)
_Q_NUMBER = re.compile(r"^Q\s*\d{1,4}\b", re.IGNORECASE)
_HEADING_ASKS = re.compile(
    r"^(?:what|why|how|when|where|which|who|explain|describe|implement|derive|compare)\b"
    r"|什么|为什么|如何|怎么|怎样|哪些|哪几|是否|解释|手写|区别|原理",
    re.IGNORECASE,
)
_GENERIC_LINK = re.compile(
    r"^(?:src\d*|source\d*|sources|link\d*|ref\d*|reference|answer\d*|ans|here|this|"
    r"click here|more|read more|details?|\d{1,3}|原文|链接|答案|参考|来源|出处|详见|这里)$",
    re.IGNORECASE,
)


def fetch(location: str, *, fetcher: Fetcher | None = None) -> FetchResult:
    """Read the notes file (a local path or an http(s) URL) in whatever encoding it is in:
    people's own files are often GBK or UTF-16 and declare nothing."""
    return (fetcher or Fetcher(SOURCE)).get(location, accept=MARKDOWN_TYPES, guess_encoding=True)


# --------------------------------------------------------------------------- sections


@dataclass
class _Parsed:
    """A section's share of the one parse: its top-level blocks (line maps relative to
    its body) and its lines."""

    blocks: Sequence[Block]
    lines: list[str]


@dataclass(frozen=True)
class Section:
    """A heading and the content directly under it (not its subsections)."""

    index: int
    path: tuple[str, ...]
    """Heading texts from the top level down to this heading; empty before the first one."""
    level: int
    """Heading level 1-6; 0 for the text before the first heading."""
    markdown: str
    """The section's own content as written (lists hidden in indented code are unwrapped)."""
    guess: SectionKind
    counts: Mapping[SectionKind, int] = field(default_factory=dict)
    """Records each mapping would give (the preview shows these)."""
    heading_links: tuple[Link, ...] = ()
    """Links written in the heading itself (their URLs are kept like any other)."""
    heading_badges: int = 0
    """Badges (image-only links) in the heading: left out, and said so."""
    shared_heading: bool = False
    """Another section has the same heading text ("Optional" under every week)."""
    asks: bool = False
    """The heading is a question: the section is its answer."""
    answer_of: int | None = None
    """Index of the question heading above this one, whose answer this section continues."""
    left_out: Mapping[SectionKind, tuple[SkippedRow, ...]] = field(default_factory=dict)
    """What each mapping would leave out, with the reason (the preview and CLI show it)."""
    blocks: Sequence[Block] = field(default=(), repr=False, compare=False, hash=False)
    """Its top-level blocks (line maps relative to its first line)."""

    @property
    def parsed(self) -> _Parsed:
        """Its blocks and lines; the lines are split from ``markdown`` when asked for, so
        the file's text is not held twice."""
        return _Parsed(self.blocks, self.markdown.split("\n") if self.markdown else [])

    @property
    def title(self) -> str:
        return PATH_SEPARATOR.join(self.path) if self.path else TOP_TITLE

    @property
    def heading(self) -> str:
        return self.path[-1] if self.path else TOP_TITLE

    @property
    def category(self) -> str | None:
        """What its questions are filed under: the heading, or the path when the heading
        alone would mix several sections' questions."""
        if not self.path:
            return None
        return self.title if self.shared_heading else self.heading


@dataclass(frozen=True)
class NotesImport:
    """A parsed notes file: its sections, the guessed mapping and what it yields."""

    sections: tuple[Section, ...]
    mapping: Mapping[int, SectionKind]
    result: ParseResult
    encoding: str = "utf-8"
    """The text encoding the file was read in (named to the user when not UTF-8)."""


def parse(markdown: str, *, encoding: str = "utf-8") -> NotesImport:
    """Split into sections, guess each one's kind and build records. Never raises."""
    skipped: tuple[SkippedRow, ...] = ()
    with _collector_paused():
        try:
            sections = _split(markdown)
        except Exception as exc:
            log.warning("the headings of a notes file could not be read", exc_info=True)
            fallback = Section(0, (), 0, markdown, "notes")
            sections = [fallback]
            skipped = (SkippedRow("document", f"headings could not be read ({exc})"),)
        mapping = {s.index: s.guess for s in sections}
        result = apply_mapping_to(sections, mapping)
    return NotesImport(
        tuple(sections),
        mapping,
        ParseResult(
            items=result.items,
            questions=result.questions,
            companies=result.companies,
            notes=result.notes,
            skipped=skipped + result.skipped,
        ),
        encoding,
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the parse (as it was before, after).

    The parse makes no reference cycles (tests/importers/test_notes_memory.py) but a few
    hundred thousand long-lived objects: an 8 MB file set off ~20 full collections, each
    walking all of them while holding the GIL, a quarter of the parse's time.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def apply_mapping(doc: NotesImport, mapping: Mapping[int, SectionKind]) -> ParseResult:
    """Records for a user-changed mapping (sections not in ``mapping`` keep their guess)."""
    full = {s.index: mapping.get(s.index, s.guess) for s in doc.sections}
    return apply_mapping_to(doc.sections, full)


def apply_mapping_to(
    sections: Sequence[Section], mapping: Mapping[int, SectionKind]
) -> ParseResult:
    return _build(sections, mapping)[0]


RecordKind = Literal["resources", "questions", "companies", "notes"]
RECORD_KINDS: tuple[RecordKind, ...] = ("resources", "questions", "companies", "notes")


def section_yields(
    doc: NotesImport, mapping: Mapping[int, SectionKind]
) -> tuple[ParseResult, dict[int, dict[RecordKind, int]]]:
    """The records for a mapping and, per section index, how many of each kind it added.

    Counted on the one build the import writes, so a section's leftover text (a note beside
    its links) and what an earlier section already gave (a duplicate) are where they land:
    the rows of the preview add up to the result.
    """
    full = {s.index: mapping.get(s.index, s.guess) for s in doc.sections}
    return _build(doc.sections, full)


def _build(
    sections: Sequence[Section], mapping: Mapping[int, SectionKind]
) -> tuple[ParseResult, dict[int, dict[RecordKind, int]]]:
    builder = _Builder()
    yields: dict[int, dict[RecordKind, int]] = {}
    for section in sections:
        kind = mapping.get(section.index, section.guess)
        before = builder.sizes()
        try:
            builder.add(section, kind)
        except Exception as exc:
            log.warning("notes section %r could not be read", section.title, exc_info=True)
            builder.skipped.append(SkippedRow(section.title, f"could not be read ({exc})"))
            builder.add_note(section, section.markdown)
        after = builder.sizes()
        yields[section.index] = {
            k: after[n] - before[n] for n, k in enumerate(RECORD_KINDS) if after[n] > before[n]
        }
    return builder.result(), yields


def _front_matter_end(lines: Sequence[str]) -> int:
    if not lines or lines[0].strip() != "---":
        return 0
    for k in range(1, min(len(lines), 200)):
        if lines[k].strip() in ("---", "..."):
            return k + 1
    return 0


@dataclass(frozen=True)
class _Heading:
    block: int
    """Its position among the top-level blocks."""
    start: int
    content: int
    level: int
    text: str
    links: tuple[Link, ...]
    badges: int = 0


def _headings(blocks: Sequence[Block]) -> list[_Heading]:
    found: list[_Heading] = []
    for k, block in enumerate(blocks):
        if block.kind == "heading" and block.map and block.inline is not None:
            lines = block.inline.lines
            text = one_line(" ".join(ln.text for ln in lines))
            links = tuple(lk for ln in lines for lk in ln.links)
            start, content = block.map
            found.append(_Heading(k, start, content, block.level, text, links, block.inline.badges))
    return found


def _split(markdown: str) -> list[Section]:
    lines = markdown.splitlines()
    blocks = read_blocks(lines, _front_matter_end(lines))
    headings = _headings(blocks)
    first_line = headings[0].start if headings else len(lines)
    first_block = headings[0].block if headings else len(blocks)
    raw: list[tuple[tuple[str, ...], int, _Parsed, _Heading | None]] = []
    if "\n".join(lines[:first_line]).strip():
        raw.append(((), 0, _Parsed(blocks[:first_block], lines[:first_line]), None))
    stack: list[tuple[int, str]] = []
    for n, head in enumerate(headings):
        nxt: _Heading | None = headings[n + 1] if n + 1 < len(headings) else None
        end_line = nxt.start if nxt else len(lines)
        end_block = nxt.block if nxt else len(blocks)
        while stack and stack[-1][0] >= head.level:
            stack.pop()
        stack.append((head.level, head.text or f"(untitled heading {n + 1})"))
        body = _Parsed(blocks[head.block + 1 : end_block], lines[head.content : end_line])
        raw.append((tuple(t for _, t in stack), head.level, body, head))
    asks = _asking(raw)
    heading_uses = Counter(path[-1] for path, *_ in raw if path)
    sections: list[Section] = []
    open_questions: list[tuple[int, int]] = []  # (level, section index) of question headings
    for index, (path, level, body, found) in enumerate(raw):
        while open_questions and open_questions[-1][0] >= level:
            open_questions.pop()
        answer_of = open_questions[-1][1] if open_questions and not asks[index] else None
        if asks[index]:
            open_questions.append((level, index))
        probe = Section(
            index,
            path,
            level,
            "\n".join(body.lines),
            "notes",
            heading_links=found.links if found else (),
            heading_badges=found.badges if found else 0,
            shared_heading=bool(path) and heading_uses[path[-1]] > 1,
            asks=asks[index],
            answer_of=answer_of,
            blocks=body.blocks,
        )
        counts: dict[SectionKind, int] = {}
        left_out: dict[SectionKind, tuple[SkippedRow, ...]] = {}
        for kind in SECTION_KINDS:
            counts[kind], left_out[kind] = _count(probe, kind)
        probe = replace(probe, counts=counts, left_out=left_out)
        sections.append(replace(probe, guess=_guess(probe)))
    return _with_question_siblings(sections)


def _with_question_siblings(sections: list[Section]) -> list[Section]:
    """A plain list among sibling sections of questions is questions too.

    "## Algorithm" between "## Quiz questions" and "## System design questions" lists
    tasks that read like statements; its siblings say what they are.
    """
    groups: dict[tuple[tuple[str, ...], int], list[int]] = {}
    for k, section in enumerate(sections):
        if section.path and not section.asks and section.answer_of is None:
            groups.setdefault((section.path[:-1], section.level), []).append(k)
    for members in groups.values():
        # Siblings whose own heading says questions: a list introduced inside a section
        # ("高频面试题：") makes that section questions, not its neighbours' lists.
        asking = sum(
            sections[k].guess == "questions" and bool(_QUESTION_HEADING.search(sections[k].heading))
            for k in members
        )
        listed = [k for k in members if _plain_list(sections[k])]
        if asking < 2 or asking * 2 <= len(listed):
            continue
        for k in listed:
            if sections[k].guess in ("notes", "resources") and sections[k].counts.get("questions"):
                sections[k] = replace(sections[k], guess="questions")
    return sections


def _plain_list(section: Section) -> bool:
    probe = _Builder()
    probe._skip = _left_out_blocks(section, set(), None)
    entries = probe._entries(section.parsed, set(), role="guess")
    return bool(entries) and sum(bool(e.links) for e in entries) * 2 < len(entries)


# --------------------------------------------------------------------------- guessing


def _width(text: str) -> int:
    """Display width: CJK counts double, roughly matching how much it says."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _looks_like_question(text: str) -> bool:
    stripped = _NUMBERING.sub("", text.strip(), count=1)
    return (
        stripped.endswith(("?", "？"))
        or bool(_QUESTION_START.match(stripped))
        or bool(_QUESTION_WORDS_ZH.search(stripped))
    )


def _asks_directly(text: str) -> bool:
    """A cell that is a question by its form: a question mark, or it opens with an
    interrogative or a task verb. A table's cells are terse data; a question word inside
    one ("你是否理解成本…" under "面试官想确认什么") describes, it does not ask."""
    stripped = _NUMBERING.sub("", text.strip(), count=1)
    return stripped.endswith(("?", "？")) or bool(_QUESTION_START.match(stripped))


def _heading_question(text: str, links: Sequence[Link]) -> tuple[bool, bool]:
    """(asks for sure, may ask) for a heading's text.

    A question mark or a ``Q3`` number settles it; interrogative words alone ("How to
    contribute") only count with a number or question siblings (see :func:`_asking`).
    """
    text = _question_text(text, links)
    if not text or _width(text) > 300:
        return False, False
    sure = text.endswith(("?", "？")) or bool(_Q_NUMBER.match(text))
    return sure, sure or bool(_HEADING_ASKS.search(text))


def _asking(raw: Sequence[tuple[tuple[str, ...], int, _Parsed, _Heading | None]]) -> list[bool]:
    """Which headings are questions: judged with their siblings (same parent, same level)."""
    verdicts = [_heading_question(h.text, h.links) if h else (False, False) for *_, h in raw]
    siblings: dict[tuple[tuple[str, ...], int], list[int]] = {}
    for k, (path, level, _body, head) in enumerate(raw):
        if head is not None:
            siblings.setdefault((path[:-1], level), []).append(k)
    asks = [sure for sure, _ in verdicts]
    for group in siblings.values():
        maybe = [k for k in group if verdicts[k][1]]
        for k in maybe:
            head = raw[k][3]
            numbered = head is not None and bool(_NUMBERING.match(head.text))
            if numbered or len(maybe) >= 2:
                asks[k] = True
    return asks


def _guess(section: Section) -> SectionKind:
    if section.asks:
        return "questions"
    if section.answer_of is not None:
        return "questions"  # more of the answer above
    if not section.markdown.strip() and not section.heading_links:
        return "ignore"
    probe = _Builder()
    probe._skip = _left_out_blocks(section, set(), None)
    parsed = section.parsed
    entries = probe._entries(parsed, set(), role="guess")
    texts = [e.text for e in entries if e.text]
    links = section.counts.get("resources", 0)
    if not texts and not links and not section.counts.get("notes", 0):
        return "ignore"  # nothing but a table of contents or badges
    if _COMPANY_HEADING.search(section.heading) or _company_table(section.blocks):
        # Judged on the rows as companies: a table's name column is chosen for companies.
        named = [e.text for e in probe._entries(parsed, set(), role="companies") if e.text]
        if named and statistics.median(_width(t) for t in named) <= _COMPANY_MEDIAN_WIDTH:
            return "companies"
    if texts and (_question_table(section.blocks) or probe.led_by_questions):
        # Rows of a table headed "Question", items of a list introduced as questions
        # ("高频面试题："): questions even when each links to its problem page.
        return "questions"
    link_share = sum(bool(e.links) for e in entries) / len(entries) if entries else 1.0
    if texts and link_share < 0.5:
        median = statistics.median(_width(t) for t in texts)
        question_share = sum(_looks_like_question(t) for t in texts) / len(texts)
        short = median <= _QUESTION_MEDIAN_WIDTH
        # The nearest heading decides first; an ancestor's word ("Interview Questions" as
        # the document title) only when the entries themselves read like questions.
        if _QUESTION_HEADING.search(section.heading) and (short or question_share >= 0.5):
            return "questions"
        ancestors = " ".join(section.path[:-1])
        if _QUESTION_HEADING.search(ancestors) and short and question_share >= 0.3:
            return "questions"
        if question_share >= 0.6 and len(texts) >= 2:
            return "questions"
        # Numbered paragraphs ("**3)** Reverse a list", code below) under a heading
        # that speaks of questions, or that mostly ask: a question list by structure.
        if len(_numbered_paragraphs(section.blocks)) >= 2 and (
            _QUESTION_HEADING.search(" ".join(section.path)) or question_share >= 0.3
        ):
            return "questions"
    if links:
        return "resources"
    return "notes"


def _strip_marker(line: str) -> str:
    return _LIST_MARKER.sub("", line, count=1).strip()


def _count(section: Section, kind: SectionKind) -> tuple[int, tuple[SkippedRow, ...]]:
    if kind == "ignore":
        return 0, ()
    builder = _Builder()
    builder.add(section, kind, leftovers=False)
    result = builder.result()
    found = {
        "resources": len(result.items),
        "questions": len(result.questions),
        "companies": len(result.companies),
        "notes": len(result.notes),
    }[kind]
    return found, result.skipped


# --------------------------------------------------------------------------- building


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _is_http(href: str) -> bool:
    return href.lower().startswith(("http://", "https://"))


def _with_links(detail: str | None, links: Sequence[Link]) -> str | None:
    """Plain-text entries drop URLs; append them to the detail so they are kept."""
    if not links:
        return detail
    listed = "\n".join(f"- <{link.href}>" for link in links)
    return f"{detail}\n\n{listed}" if detail else listed


def _clean_summary(text: str) -> str:
    return _LEADING_SEPARATOR.sub("", text).strip()


def _is_generic(link: Link) -> bool:
    """``[src]``, ``[1]``, ``[Answer]``: a link whose text names nothing."""
    text = link.text.strip(" []()（）【】")
    return not text or text == link.href or _is_http(text) or bool(_GENERIC_LINK.match(text))


def _link_title(link: Link, context: str) -> str:
    return context if _is_generic(link) and context else link.text or link.href


def _question_text(text: str, links: Sequence[Link]) -> str:
    """A heading or entry as a question: no number, no ``[src]``-like link texts."""
    for link in links:
        if _is_generic(link) and link.text:
            label = re.escape(link.text.strip())
            text = re.sub(rf"[\[(（【]\s*{label}\s*[\])）】]|\s+{label}\s*$", " ", text)
    text = re.sub(r"\[\s*\]|\(\s*\)", " ", text)
    return one_line(_NUMBERING.sub("", text, count=1)).rstrip(" -–—:：|")


def _para(block: Block) -> Text:
    """A paragraph's inline (markdown-it always gives one)."""
    return block.inline if block.inline is not None else NO_INLINE


def _numbered_paragraphs(blocks: Sequence[Block]) -> list[int]:
    """Positions in ``blocks`` of paragraphs that start with a number ("**3)** Reverse a
    list"): questions written as numbered paragraphs, each answered by the blocks below."""
    found = []
    for k, block in enumerate(blocks):
        if block.kind == "paragraph":
            first = _para(block).lines[0].text
            if _NUMBERING.match(first) and _NUMBERING.sub("", first, count=1):
                found.append(k)
    return found


def _paragraph_entries(
    parsed: _Parsed, blocks: Sequence[Block], numbered: Sequence[int], consumed: set[int]
) -> list[_Entry]:
    lines = parsed.lines
    entries = []
    for n, k in enumerate(numbered):
        span = blocks[k].map
        end_block = numbered[n + 1] if n + 1 < len(numbered) else len(blocks)
        last = blocks[end_block - 1].map
        if not span or not last:
            continue
        first = _para(blocks[k]).lines[0]
        text = _NUMBERING.sub("", first.text, count=1).strip()
        head_end = span[0] + 1 + first.last
        detail = source_lines(lines, head_end, last[1]).strip() or None
        links = [lk for lk in first.links if _is_http(lk.href)]
        entries.append(_Entry(text, detail, links, first.outside_text))
        consumed.update(range(span[0], last[1]))
    return entries


_LEAD_IN_WIDTH = 40
"""A lead-in is a label ("高频面试题：", "Common questions:"), not a paragraph of prose."""
_LEAD_IN = re.compile(
    r"(?:题|题目|问题|考点|八股|questions?|quiz|faq)\s*(?:\(\d+\)|（\d+）)?\s*(?:如下|有)?\s*[:：]$",
    re.IGNORECASE,
)
"""It ends by naming what follows as questions ("大模型基础题可以套用…框架：" does not)."""
_STEP_FIRST = re.compile(r"^(?:首先|先|第一|first(?:ly)?\b|step\s*1\b)", re.IGNORECASE)
_STEP_LATER = re.compile(
    r"^(?:其次|再|然后|接着|之后|随后|最后|最终|第[二三四五六七八九十]|"
    r"second(?:ly)?\b|third(?:ly)?\b|then\b|next\b|after that\b|finally\b|lastly\b|step\s*\d)",
    re.IGNORECASE,
)


def _question_lead_ins(blocks: Sequence[Block]) -> set[int]:
    """Lists (their positions) right after a short paragraph that introduces questions."""
    led: set[int] = set()
    for k, (para, listed) in enumerate(itertools.pairwise(blocks)):
        if para.kind != "paragraph" or not listed.is_list:
            continue
        text = one_line(" ".join(ln.text for ln in _para(para).lines))
        if _width(text) <= _LEAD_IN_WIDTH and _LEAD_IN.search(text):
            led.add(k + 1)
    return led


def _steps(listed: Block) -> bool:
    """A list of steps: "先理解…", "再理解…", "最后理解…" (first, then, finally).

    Advice in order, not questions, however many question words its items hold.
    """
    firsts = []
    for item in listed.children:
        if not item.children or item.children[0].kind != "paragraph":
            return False
        firsts.append(_para(item.children[0]).lines[0].text.strip())
    if len(firsts) < 3 or not _STEP_FIRST.match(firsts[0]):
        return False
    return sum(bool(_STEP_LATER.match(t)) for t in firsts[1:]) >= len(firsts) - 2


def _item_parts(item: Block, lines: Sequence[str]) -> tuple[str, str | None]:
    """A list item's first paragraph as plain text and the rest as dedented Markdown
    (``mdtext.item_parts`` on the kept lines)."""
    end = item.map[1] if item.map else None
    first = item.children[0] if item.children else None
    text = ""
    rest_start: int | None = None
    if first is not None and first.kind == "paragraph" and first.map:
        text = one_line(" ".join(ln.text for ln in _para(first).lines))
        rest_start = first.map[1]
    elif first is not None and first.map:
        rest_start = first.map[0]
    detail = None
    if rest_start is not None and end is not None and rest_start < end:
        detail = source_lines(lines, rest_start, end).strip() or None
    return text, detail


def _toc_list(listed: Block) -> int:
    """A list whose every line is in-page links (a table of contents): how many, else 0."""
    total = 0
    for inline in listed.inlines():
        if not inline.anchors:
            return 0
        total += inline.anchors
    return total


def _left_out_blocks(
    section: Section, consumed: set[int], skipped: list[SkippedRow] | None
) -> frozenset[int]:
    """Top-level blocks (their positions) no mapping imports: tables of contents, badges
    and bare images.

    Their lines count as used; the reason goes to ``skipped`` (when given).
    """
    left: set[int] = set()
    anchors = images = 0
    for k, block in enumerate(section.blocks):
        found = 0
        if block.is_list:
            found = _toc_list(block)
            anchors += found
        elif block.kind == "paragraph":
            found = _para(block).anchors
            anchors += found
            if not found:
                found = _para(block).images
                images += found
        elif block.kind == "html_block" and _BREAKS_ONLY.fullmatch(block.content):
            left.add(k)  # spacing, not content
            if block.map:
                consumed.update(range(*block.map))
            continue
        elif block.kind == "html_block":
            found = (
                len(IMG_TAG.findall(block.content))
                if _HTML_ONLY_IMAGES.fullmatch(block.content.strip())
                else 0
            )
            images += found
        if found:
            left.add(k)
            if block.map:
                consumed.update(range(*block.map))
        elif skipped is not None:  # badges inside a line of text are dropped from it
            images += sum(inline.badges for inline in block.inlines())
    if skipped is not None:
        if anchors:
            skipped.append(
                SkippedRow(
                    section.title,
                    f"a table of contents ({anchors} in-page link(s)) was left out",
                )
            )
        if images:
            skipped.append(
                SkippedRow(section.title, f"{images} badge(s) or image(s) were left out")
            )
    return frozenset(left)


def _kept_markdown(section: Section, skipped: list[SkippedRow] | None) -> str:
    """The section's Markdown without its table of contents and badges."""
    consumed: set[int] = set()
    if not section.markdown.strip():
        return ""
    _left_out_blocks(section, consumed, skipped)
    if not consumed:
        return section.markdown.strip()
    lines = section.parsed.lines
    return textwrap.dedent("\n".join(ln for k, ln in enumerate(lines) if k not in consumed)).strip()


@dataclass(frozen=True)
class _Entry:
    text: str
    detail: str | None
    links: list[Link]
    outside: str = ""
    """Text of the first paragraph outside its links."""
    city: str | None = None
    """From a table's city column."""
    cell: bool = False
    """A table row: ``text`` is its name column as written, not a line to split."""


_COMPANY_COLUMN = re.compile(
    r"compan|employer|organi[sz]ation|firm|startup|^name$|公司|企业|名称|单位|厂", re.IGNORECASE
)
_COMPANY_HEADER = re.compile(r"compan|employer|公司|企业|单位", re.IGNORECASE)
"""A header cell that by itself says the rows are companies (``Name`` alone does not)."""
_QUESTION_COLUMN = re.compile(r"question|^q$|问题|题目|面试题", re.IGNORECASE)
_CITY_COLUMN = re.compile(r"city|location|place|office|base|城市|地点|地区|位置|base地", re.I)


def _question_table(blocks: Sequence[Block]) -> bool:
    """A top-level table whose header names questions (``| Question | Difficulty |``)."""
    return _header_names(blocks, _QUESTION_COLUMN)


def _company_table(blocks: Sequence[Block]) -> bool:
    """A top-level table whose header names companies (``| Company | City |``)."""
    return _header_names(blocks, _COMPANY_HEADER)


def _header_names(blocks: Sequence[Block], pattern: re.Pattern[str]) -> bool:
    for block in blocks:
        if block.kind == "table":
            cells = [_cell_text(c.lines) for row in block.rows if row.head for c in row.cells]
            if any(pattern.search(c) for c in cells):
                return True
    return False


def _cell_text(lines: Sequence[TextLine]) -> str:
    if len(lines) == 1:  # most cells; a line's text is on one line already
        return lines[0].text
    return one_line(" ".join(ln.text for ln in lines))


def _main_column(header: Sequence[str], rows: Sequence[Sequence[str]], role: str) -> int:
    """The column a table's entries are named by: chosen from the header row."""
    pattern = _COMPANY_COLUMN if role == "companies" else _QUESTION_COLUMN
    for k, name in enumerate(header):
        if pattern.search(name):
            return k
    if role != "companies" and header:
        asking = [sum(_asks_directly(r[k]) for r in rows if k < len(r)) for k in range(len(header))]
        if max(asking, default=0) > 0:
            return asking.index(max(asking))
    return 0


def _table_entries(table: Block, role: str, consumed: set[int]) -> list[_Entry]:
    """A table's rows as entries: the main column is the text, the others its detail."""
    header: list[str] = []
    rows: list[list[tuple[TextLine, ...]]] = []
    for tr in table.rows:
        cells = [cell.lines for cell in tr.cells]
        if tr.head:
            header = [_cell_text(c) for c in cells]
        else:
            rows.append(cells)
    texts = [[_cell_text(c) for c in row] for row in rows]
    main = _main_column(header, texts, role)
    if role != "companies" and not (main < len(header) and _QUESTION_COLUMN.search(header[main])):
        asking = sum(_asks_directly(r[main]) for r in texts if main < len(r))
        if asking * 2 < len(texts) or not texts:
            return []  # a table of data (an example, a result), not of questions
    city_col = next((k for k, h in enumerate(header) if k != main and _CITY_COLUMN.search(h)), None)
    entries: list[_Entry] = []
    for cells, row in zip(rows, texts, strict=True):
        if main >= len(row):
            continue
        others = [
            f"{header[k] if k < len(header) and header[k] else k + 1}: {value}"
            for k, value in enumerate(row)
            if k not in (main, city_col) and value
        ]
        city = row[city_col] if city_col is not None and city_col < len(row) else None
        links = [lk for cell in cells for ln in cell for lk in ln.links if _is_http(lk.href)]
        main_lines = cells[main]
        outside = (
            main_lines[0].outside_text
            if len(main_lines) == 1
            else one_line(" ".join(ln.outside_text for ln in main_lines))
        )
        text = row[main]
        if text or others:
            detail = "\n".join(others) or None
            entries.append(_Entry(text, detail, links, outside, city or None, cell=True))
    table_map = table.map
    if table_map:
        consumed.update(range(*table_map))
    return entries


_PLACES = frozenset(
    [
        "北京",
        "上海",
        "深圳",
        "杭州",
        "广州",
        "成都",
        "南京",
        "武汉",
        "西安",
        "苏州",
        "天津",
        "重庆",
        "厦门",
        "合肥",
        "长沙",
        "青岛",
        "大连",
        "珠海",
        "东莞",
        "济南",
        "郑州",
        "宁波",
        "无锡",
        "福州",
        "香港",
        "澳门",
        "台北",
        "新加坡",
        "硅谷",
        "湾区",
        "美国",
        "日本",
        "东京",
        "首尔",
        "伦敦",
        "巴黎",
        "远程",
        "海外",
        "全国",
        "beijing",
        "shanghai",
        "shenzhen",
        "hangzhou",
        "guangzhou",
        "chengdu",
        "nanjing",
        "wuhan",
        "xi'an",
        "suzhou",
        "hong-kong",
        "singapore",
        "tokyo",
        "seoul",
        "london",
        "paris",
        "berlin",
        "munich",
        "zurich",
        "amsterdam",
        "dublin",
        "toronto",
        "montreal",
        "vancouver",
        "waterloo",
        "sf",
        "nyc",
        "seattle",
        "boston",
        "austin",
        "chicago",
        "denver",
        "remote",
        "bangalore",
        "bengaluru",
        "hyderabad",
        "sydney",
        "melbourne",
        "stockholm",
        "copenhagen",
        "helsinki",
        "oslo",
        "madrid",
        "barcelona",
        "milan",
        "warsaw",
        "prague",
        "vienna",
        "cambridge",
        "oxford",
        "edinburgh",
        "us",
        "usa",
        "uk",
        "eu",
        "europe",
        "china",
        "canada",
        "india",
        "japan",
        "germany",
        "france",
        "israel",
        "san-francisco",
        "bay-area",
        "silicon-valley",
        "new-york",
        "palo-alto",
        "mountain-view",
        "menlo-park",
        "los-angeles",
        "tel-aviv",
    ]
)
_PLACE_SUFFIX = re.compile(r"[\u4e00-\u9fff]{1,6}[市省区县州]$")
_SEPARATOR = re.compile(r"\s+[-–—－~]+\s+|\s*[—–－|｜]+\s*|\s*[:：]\s+|[：]")
_TIGHT_DASH = re.compile(r"^([\u4e00-\u9fff·]{1,6})\s*-\s*(\S.*)$")
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff·]{1,6}$")
_NOTE_PREFIX = re.compile(r"^(?:note|nb|n\.b\.|ps|p\.s\.|tip|todo|注|备注|注意)\s*[:：]", re.I)


def is_place(text: str) -> bool:
    """A city, region or "remote": what people write after a company's name."""
    key = text.strip().casefold().replace(" ", "-")
    return key in _PLACES or bool(_PLACE_SUFFIX.match(text.strip()))


def _place_first(left: str, right: str) -> tuple[str, str | None, str | None] | None:
    parts = re.split(r"\s*[,，;；、]\s*", right, maxsplit=1)
    if not is_place(parts[0]):
        return None
    return left, parts[0], (parts[1] if len(parts) > 1 else None) or None


def company_parts(text: str) -> tuple[str, str | None, str | None]:
    """(name, city, note) of one company line.

    ``小米 - 北京`` and ``Mistral AI - Paris, referral``: the name, then a place;
    ``王小川-五季智能``: a founder's name (a short CJK name) before the company;
    ``Cohere: Toronto``, ``**Anthropic** — SF``, ``OpenAI: referral``: the name, then
    a note whose first part, when it is a place, is the city.
    """
    text = one_line(text)
    tight = _TIGHT_DASH.match(text)
    if tight:
        left, right = tight.group(1), tight.group(2).strip()
        return _place_first(left, right) or (right, None, left)
    match = _SEPARATOR.search(text)
    if match is None or match.start() == 0:
        return text, None, None
    left, right = text[: match.start()].strip(), text[match.end() :].strip()
    if not right:
        return left, None, None
    return _place_first(left, right) or (left, None, right)


def _tidy_name(text: str) -> str:
    """A name without the invisible marks (emoji variation selectors) left around it."""
    text = text.strip()
    while text and unicodedata.category(text[-1])[0] in "MCZ":
        text = text[:-1].rstrip()
    return text


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:59].rstrip() + "…"


def _sentence(text: str) -> bool:
    """A remark, not a name: "NOTE: …", or a long sentence."""
    return (
        bool(_NOTE_PREFIX.match(text))
        or _width(text) > 80
        or (len(text.split()) >= 8 and text.rstrip().endswith((".", "。", "!", "！")))
    )


@dataclass
class _Article:
    title: str
    url: str
    summary: list[str]
    category: str | None


class _ResourceWalk:
    """A resources section's paragraphs and lists read into articles, each line of text
    below a link its summary. (Methods, not nested closures: a recursive closure is a
    reference cycle, which kept every section's articles alive until a full collection.)"""

    def __init__(
        self, builder: _Builder, section: Section, lines: Sequence[str], consumed: set[int]
    ) -> None:
        self.builder = builder
        self.section = section
        self.lines = lines
        self.consumed = consumed
        self.articles: list[_Article] = []

    def paragraph(self, block: Block, attach: _Article | None) -> _Article | None:
        if not block.map:
            return attach
        start = block.map[0]
        last = attach
        made: _Article | None = None
        for line in _para(block).lines_no_br:
            src = range(start + line.first, start + line.last + 1)
            links = [lk for lk in line.links if _is_http(lk.href)]
            if links:
                for article in self.builder._articles_from_line(line, links, self.section):
                    self.articles.append(article)
                    last = made = article
                self.consumed.update(src)
            elif last is not None and line.text:
                last.summary.append(_clean_summary(line.text) or line.text)
                self.consumed.update(src)
        return made

    def walk_list(self, listed: Block, parent: _Article | None) -> None:
        for item in listed.children:
            made: _Article | None = None
            first = True
            for child in item.children:
                if child.kind == "paragraph" and first:
                    made = self.paragraph(child, parent)
                elif child.kind == "paragraph":
                    made = self.paragraph(child, made or parent) or made
                elif child.is_list:
                    self.walk_list(child, made or parent)
                else:
                    owner = made or parent
                    span = child.map
                    if owner is not None and span:
                        owner.summary.append(source_lines(self.lines, *span))
                        self.consumed.update(range(*span))
                first = False
            if made is not None and item.map:
                self.consumed.add(item.map[0])  # the marker line of an item that became a link


class _Builder:
    """Accumulates records over sections; keeps keys unique and reports duplicates."""

    def __init__(self) -> None:
        self.items: list[ItemRecord] = []
        self.questions: list[QuestionRecord] = []
        self.companies: list[CompanyRecord] = []
        self.notes: list[NoteRecord] = []
        self.skipped: list[SkippedRow] = []
        self._item_index: dict[str, int] = {}
        self._question_keys: set[str] = set()
        self._company_names: dict[str, int] = {}
        self._note_keys: set[str] = set()
        self._asked: dict[int, int] = {}
        """Section index of a question heading -> its question's position in ``questions``."""
        self._skip: frozenset[int] = frozenset()
        """Top-level blocks of the current section that are left out (contents, badges)."""
        self.led_by_questions = False
        """The last section read by :meth:`_entries` has a list introduced as questions."""

    def sizes(self) -> tuple[int, int, int, int]:
        """Records so far, in the order of RECORD_KINDS (records are only ever appended)."""
        return len(self.items), len(self.questions), len(self.companies), len(self.notes)

    def result(self) -> ParseResult:
        return ParseResult(
            items=tuple(self.items),
            questions=tuple(self.questions),
            companies=tuple(self.companies),
            notes=tuple(self.notes),
            skipped=tuple(self.skipped),
        )

    def add(self, section: Section, kind: SectionKind, *, leftovers: bool = True) -> None:
        if section.heading_badges:
            self.skipped.append(
                SkippedRow(
                    section.title, f"{section.heading_badges} badge(s) in the heading were left out"
                )
            )
        if kind == "ignore":
            if section.markdown.strip():  # say what was left out even so
                _left_out_blocks(section, set(), self.skipped)
            return
        if kind == "questions" and (section.asks or section.answer_of is not None):
            self._answer(section)
            return
        if section.heading_links:
            self._heading_links(section, kind)
        if not section.markdown.strip():
            return
        parsed = section.parsed
        consumed: set[int] = set()
        self._skip = _left_out_blocks(section, consumed, self.skipped)
        if kind == "resources":
            self._resources(section, parsed, consumed)
        elif kind == "questions":
            self._questions(section, parsed, consumed)
        elif kind == "companies":
            self._companies(section, parsed, consumed)
        else:
            self._notes(section, parsed, consumed)
        if leftovers:
            rest = [ln for k, ln in enumerate(parsed.lines) if k not in consumed]
            text = textwrap.dedent("\n".join(rest)).strip()
            if text:
                self.add_note(section, text, role="rest")

    def _heading_links(self, section: Section, kind: SectionKind) -> None:
        """A link written in a heading keeps its URL: an article, or a note beside the rest."""
        links = [lk for lk in section.heading_links if _is_http(lk.href)]
        if not links:
            return
        context = _question_text(section.heading, section.heading_links) or section.heading
        if kind == "resources":
            category = PATH_SEPARATOR.join(section.path[:-1]) or None
            for link in links:
                title = context if _is_generic(link) else link.text or context
                self._add_article(section, _Article(title, link.href, [], category))
            return
        listed = "\n".join(f"- [{_link_title(lk, context)}]({lk.href})" for lk in links)
        self.add_note(section, listed, title=section.heading, role="heading")

    def _answer(self, section: Section) -> None:
        """A question heading and its section (its answer), or a subsection of that answer."""
        body = _kept_markdown(section, self.skipped)
        sources = [lk for lk in section.heading_links if _is_http(lk.href)]
        context = _question_text(section.heading, section.heading_links)
        listed = "\n".join(f"- [{_link_title(lk, context)}]({lk.href})" for lk in sources)
        if section.answer_of is not None and not section.asks:
            at = self._asked.get(section.answer_of)
            part = "\n\n".join(
                p for p in (f"{'#' * max(section.level, 1)} {section.heading}", body, listed) if p
            )
            if at is None:  # its question was mapped to something else: keep it as a note
                self.add_note(section, part, title=section.heading, role="section")
                return
            earlier = self.questions[at]
            merged = "\n\n".join(p for p in (earlier.detail, part) if p)
            self.questions[at] = replace(earlier, detail=merged)
            return
        category = next(
            (t for t in reversed(section.path[:-1]) if not _heading_question(t, ())[0]), None
        )
        text = context or section.heading
        detail = "\n\n".join(p for p in (body, f"Sources:\n{listed}" if listed else "") if p)
        key = f"notes:question:{_digest(category or '', text)}"
        if key in self._question_keys:
            self.skipped.append(SkippedRow(f"{section.title}", "duplicate question"))
            if detail:
                self.add_note(section, f"{text}\n\n{detail}")
            return
        self._question_keys.add(key)
        self._asked[section.index] = len(self.questions)
        position = sum(1 for q in self.questions if q.category == category) + 1
        self.questions.append(QuestionRecord(key, text, detail or None, category, None, position))

    def add_note(
        self, section: Section, markdown: str, title: str | None = None, *, role: str = ""
    ) -> None:
        """Add one note. With a role (a whole section, its leftovers) the key follows the
        heading, so an edited section updates its note; list entries are keyed by content."""
        markdown = markdown.strip()
        if not markdown:
            return
        key = (
            f"notes:{role}:{_digest(section.title)}"
            if role
            else f"notes:note:{_digest(section.title, markdown)}"
        )
        if key in self._note_keys:
            self.skipped.append(SkippedRow(section.title, "the same note appears twice"))
            return
        self._note_keys.add(key)
        first = next((ln for ln in markdown.splitlines() if _WORDY.search(ln)), "")
        shown = title or _strip_marker(first).lstrip("#> ").strip() or section.heading
        if len(shown) > 60:
            shown = shown[:59].rstrip() + "…"
        self.notes.append(NoteRecord(key, shown, markdown, section.title if section.path else None))

    # -- resources

    def _resources(self, section: Section, parsed: _Parsed, consumed: set[int]) -> None:
        walk = _ResourceWalk(self, section, parsed.lines, consumed)
        for k, block in enumerate(parsed.blocks):
            if k in self._skip:
                continue
            if block.kind == "paragraph":
                walk.paragraph(block, None)
            elif block.is_list:
                walk.walk_list(block, None)
            elif block.kind == "table":
                self._table_links(block, section, walk.articles, consumed)
            elif block.kind == "blockquote":
                for child in block.children:
                    if child.kind == "paragraph":
                        walk.paragraph(child, None)
        for article in walk.articles:
            self._add_article(section, article)

    def _articles_from_line(
        self, line: TextLine, links: Sequence[Link], section: Section
    ) -> list[_Article]:
        outside = _clean_summary(line.outside_text)
        # Bare URLs are both link and outside text: don't repeat them in the summary.
        for link in line.links:
            outside = outside.replace(link.href, "").strip()
        outside = one_line(_clean_summary(outside))
        category = section.title if section.path else None
        made = []
        for link in links:
            href = link.href
            text = link.text.strip()
            if _is_generic(link):  # [src], [1]: named by the text around it, or the heading
                title = one_line(outside) or (section.heading if section.path else href)
            else:
                title = text
            summary_parts = []
            if outside and outside != title:
                summary_parts.append(line.text if len(links) > 1 else outside)
            made.append(_Article(title, href, summary_parts, category))
        return made

    def _table_links(
        self, table: Block, section: Section, articles: list[_Article], consumed: set[int]
    ) -> None:
        category = section.title if section.path else None
        any_links = False
        for row in table.rows:
            if not row.map:
                continue
            lines = [ln for cell in row.cells for ln in cell.lines]
            links = [lk for ln in lines for lk in ln.links if _is_http(lk.href)]
            if links:
                others = [ln.text for ln in lines if not ln.links and ln.text]
                for link in links:
                    text = link.text if link.text != link.href else ""
                    title = others[0] if others else (text or link.href)
                    summary = [t for t in (*others[1:], text) if t and t != title]
                    articles.append(_Article(title, link.href, summary, category))
                consumed.add(row.map[0])
                any_links = True
        table_map = table.map
        if any_links and table_map:
            consumed.update((table_map[0], table_map[0] + 1))  # header and delimiter rows

    def _add_article(self, section: Section, article: _Article) -> None:
        key = normalize_url(article.url)
        summary = "\n".join(s for s in article.summary if s).strip()
        if key in self._item_index:
            # Same link again: keep one item, but keep what was written with it.
            index = self._item_index[key]
            earlier = self.items[index]
            shown = article.title
            if article.url != earlier.url:
                shown = f"[{article.title}]({article.url})"
            extra = f"Also in {section.title}: {shown}" + (f" — {summary}" if summary else "")
            merged = "\n".join(p for p in (earlier.summary, extra) if p)
            self.items[index] = replace(earlier, summary=merged)
            self.skipped.append(
                SkippedRow(
                    f"{section.title}: {article.title}",
                    f"same link as in {earlier.category or TOP_TITLE}; its text was added there",
                )
            )
            return
        self._item_index[key] = len(self.items)
        self.items.append(
            ItemRecord(
                kind="paper" if paper_url_kind(article.url) else "article",
                external_key=key,
                title=article.title,
                url=article.url,
                category=article.category,
                summary=summary or None,
                position=len(self.items) + 1,
            )
        )

    # -- questions, companies, notes

    def _entries(
        self, parsed: _Parsed, consumed: set[int], *, role: str, where: str = ""
    ) -> list[_Entry]:
        """Top-level list items and table rows of the section; their lines count as used.

        ``role`` ("questions", "companies" or "guess") picks a table's main column. For
        questions, a list introduced as questions ("高频面试题：") leaves out the other
        lists beside it, and a list of steps (先…/再…/最后…) is not questions; those stay
        in the section's note (``where`` names the section in the reason).
        """
        entries: list[_Entry] = []
        blocks = [b for k, b in enumerate(parsed.blocks) if k not in self._skip]
        if role != "companies":
            numbered = _numbered_paragraphs(blocks)
            if len(numbered) >= 2:
                return _paragraph_entries(parsed, blocks, numbered, consumed)
        led = _question_lead_ins(blocks) if role != "companies" else set()
        self.led_by_questions = bool(led)
        for k, block in enumerate(blocks):
            if block.kind == "table":
                entries.extend(_table_entries(block, role, consumed))
                continue
            if not block.is_list:
                continue
            if led and k not in led:
                if role == "questions":
                    self.skipped.append(
                        SkippedRow(
                            where,
                            "a list not introduced as questions beside one that is; kept as a note",
                        )
                    )
                continue
            if role != "companies" and not led and _steps(block):
                if role == "questions":
                    self.skipped.append(
                        SkippedRow(
                            where,
                            "a list of steps (first…, then…), not questions; kept as a note",
                        )
                    )
                continue
            for item in block.children:
                text, detail = _item_parts(item, parsed.lines)
                links: list[Link] = []
                outside = ""
                if text and item.children[0].kind == "paragraph":
                    first_lines = _para(item.children[0]).lines
                    links = [lk for ln in first_lines for lk in ln.links if _is_http(lk.href)]
                    outside = one_line(" ".join(ln.outside_text for ln in first_lines))
                elif detail:
                    first, _, rest = detail.partition("\n")
                    text = _strip_marker(first)
                    detail = textwrap.dedent(rest).strip() or None
                if text or detail:
                    entries.append(_Entry(text, detail, links, outside))
            block_map = block.map
            if block_map:
                consumed.update(range(block_map[0], block_map[1]))
        return entries

    def _questions(self, section: Section, parsed: _Parsed, consumed: set[int]) -> None:
        category = section.category
        for position, entry in enumerate(
            self._entries(parsed, consumed, role="questions", where=section.title), start=1
        ):
            text, detail = entry.text, _with_links(entry.detail, entry.links)
            if not text:
                continue
            key = f"notes:question:{_digest(category or '', text)}"
            if key in self._question_keys:
                self.skipped.append(SkippedRow(f"{section.title}: {text}", "duplicate question"))
                if detail:
                    self.add_note(section, f"{text}\n\n{detail}")
                continue
            self._question_keys.add(key)
            self.questions.append(QuestionRecord(key, text, detail, category, None, position))

    def _companies(self, section: Section, parsed: _Parsed, consumed: set[int]) -> None:
        for entry in self._entries(parsed, consumed, role="companies"):
            text, detail = entry.text, entry.detail
            if not text:
                if detail:
                    self.skipped.append(
                        SkippedRow(section.title, "a row with no company name; kept as a note")
                    )
                    self.add_note(section, detail)
                continue
            url = entry.links[0].href if entry.links else None
            city = entry.city
            named = entry.links[0].text if entry.links and not _is_generic(entry.links[0]) else ""
            if entry.cell:  # the name column holds the name, whatever its punctuation
                name, note = _tidy_name(text), None
            elif named:
                name, note = named, _clean_summary(entry.outside.replace(url or "", "")) or None
                if note:
                    name, city, note = _place_first(name, note) or (name, city, note)
            elif _sentence(text):
                self.skipped.append(
                    SkippedRow(
                        f"{section.title}: {_short(text)}",
                        "reads as a sentence, not a company name; kept as a note",
                    )
                )
                self.add_note(section, f"{text}\n\n{detail}" if detail else text)
                continue
            else:
                name, found_city, note = company_parts(text)
                city = city or found_city
            detail = _with_links(detail, entry.links[1:])
            if detail:
                note = f"{note}\n\n{detail}" if note else detail
            folded = name.casefold()
            if folded in self._company_names:
                self.skipped.append(SkippedRow(f"{section.title}: {name}", "company listed twice"))
                if note or city:
                    self.add_note(section, f"{name}: {', '.join(p for p in (city, note) if p)}")
                continue
            self._company_names[folded] = len(self.companies)
            self.companies.append(CompanyRecord(name=name, note=note, url=url, city=city))

    def _notes(self, section: Section, parsed: _Parsed, consumed: set[int]) -> None:
        blocks = [b for k, b in enumerate(parsed.blocks) if k not in self._skip]
        if self._skip and not blocks:
            return
        if blocks and all(b.is_list for b in blocks):
            for block in blocks:
                for item in block.children:
                    span = item.map
                    if not span:
                        continue
                    first = _strip_marker(parsed.lines[span[0]])
                    rest = textwrap.dedent("\n".join(parsed.lines[span[0] + 1 : span[1]]))
                    self.add_note(section, f"{first}\n{rest}".strip())
                    consumed.update(range(*span))
            return
        self.add_note(
            section,
            _kept_markdown(section, None) if self._skip else section.markdown,
            title=section.heading if section.path else None,
            role="section",
        )
        consumed.update(range(len(parsed.lines)))
