"""Importer for the user's own Markdown study notes.

The file is split into sections at its headings. Each section is mapped to
one kind of record: ``resources`` (its links become article items),
``questions`` (list entries become questions, nested sub-points their
detail), ``companies``, ``notes`` (kept as Markdown) or ``ignore``. A default
mapping is guessed from headings and content; the GUI lets the user change
it per section before anything is written, then :func:`apply_mapping`
produces the records. Whatever a mapping does not turn into records is kept
as a note, so no text is lost unless the user chooses ``ignore``.
"""

from __future__ import annotations

import hashlib
import logging
import re
import statistics
import textwrap
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from markdown_it.token import Token

from importers.http import MARKDOWN_TYPES, Fetcher, FetchResult
from importers.links import normalize_url
from importers.mdtext import (
    Line,
    Link,
    inline_lines,
    item_parts,
    matching_close,
    new_parser,
    one_line,
    source_lines,
)
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
_PERSON_PREFIX = re.compile(r"^\s*([\u4e00-\u9fff·]{1,6})\s*[-－—–]\s*(\S.*)$")
_LEADING_SEPARATOR = re.compile(r"^\s*(?:->|→|=>|[-–—:：|,，;；])\s*")
_WORDY = re.compile(r"\w")
_QUESTION_MEDIAN_WIDTH = 60
"""Interview questions are short; interview *experiences* (also under 面经) run long."""


def fetch(location: str, *, fetcher: Fetcher | None = None) -> FetchResult:
    """Read the notes file (a local path or an http(s) URL)."""
    return (fetcher or Fetcher(SOURCE)).get(location, accept=MARKDOWN_TYPES)


# --------------------------------------------------------------------------- sections


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

    @property
    def title(self) -> str:
        return PATH_SEPARATOR.join(self.path) if self.path else TOP_TITLE

    @property
    def heading(self) -> str:
        return self.path[-1] if self.path else TOP_TITLE


@dataclass(frozen=True)
class NotesImport:
    """A parsed notes file: its sections, the guessed mapping and what it yields."""

    sections: tuple[Section, ...]
    mapping: Mapping[int, SectionKind]
    result: ParseResult


def parse(markdown: str) -> NotesImport:
    """Split into sections, guess each one's kind and build records. Never raises."""
    skipped: tuple[SkippedRow, ...] = ()
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
    )


def apply_mapping(doc: NotesImport, mapping: Mapping[int, SectionKind]) -> ParseResult:
    """Records for a user-changed mapping (sections not in ``mapping`` keep their guess)."""
    full = {s.index: mapping.get(s.index, s.guess) for s in doc.sections}
    return apply_mapping_to(doc.sections, full)


def apply_mapping_to(
    sections: Sequence[Section], mapping: Mapping[int, SectionKind]
) -> ParseResult:
    builder = _Builder()
    for section in sections:
        kind = mapping.get(section.index, section.guess)
        try:
            builder.add(section, kind)
        except Exception as exc:
            log.warning("notes section %r could not be read", section.title, exc_info=True)
            builder.skipped.append(SkippedRow(section.title, f"could not be read ({exc})"))
            builder.add_note(section, section.markdown)
    return builder.result()


def _front_matter_end(lines: Sequence[str]) -> int:
    if not lines or lines[0].strip() != "---":
        return 0
    for k in range(1, min(len(lines), 200)):
        if lines[k].strip() in ("---", "..."):
            return k + 1
    return 0


def _split(markdown: str) -> list[Section]:
    lines = markdown.splitlines()
    front = _front_matter_end(lines)
    masked = [""] * front + lines[front:]
    tokens = new_parser().parse("\n".join(masked))
    headings: list[tuple[int, int, int, str]] = []  # (start line, content start, level, text)
    for k, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.level == 0 and tok.map:
            text = one_line(" ".join(ln.text for ln in inline_lines(tokens[k + 1].children)))
            headings.append((tok.map[0], tok.map[1], int(tok.tag[1:]), text))
    sections: list[Section] = []
    first_start = headings[0][0] if headings else len(lines)
    stack: list[tuple[int, str]] = []
    raw: list[tuple[tuple[str, ...], int, str]] = []
    if "\n".join(lines[:first_start]).strip():
        raw.append(((), 0, "\n".join(lines[:first_start])))
    for n, (_, content_start, level, text) in enumerate(headings):
        end = headings[n + 1][0] if n + 1 < len(headings) else len(lines)
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, text or f"(untitled heading {n + 1})"))
        raw.append((tuple(t for _, t in stack), level, "\n".join(lines[content_start:end])))
    for index, (path, level, body) in enumerate(raw):
        body = _unwrap_indented_lists(body)
        probe = Section(index, path, level, body, "notes")
        counts = {kind: _count(probe, kind) for kind in SECTION_KINDS}
        probe = Section(index, path, level, body, "notes", counts)
        sections.append(Section(index, path, level, body, _guess(probe), counts))
    return sections


def _unwrap_indented_lists(markdown: str) -> str:
    """Lists indented by 4+ spaces right under a heading parse as code; unwrap them.

    People indent bullet lists for looks; as code they would lose their
    structure (and the per-bullet notes the user expects).
    """
    tokens = new_parser().parse(markdown)
    lines = markdown.splitlines()
    changed = False
    for tok in tokens:
        if tok.type != "code_block" or tok.level != 0 or not tok.map:
            continue
        dedented = textwrap.dedent(tok.content).splitlines()
        outer = [ln for ln in dedented if ln.strip() and not ln[:1].isspace()]
        if outer and all(_LIST_MARKER.match(ln) for ln in outer):
            start, end = tok.map
            lines[start:end] = textwrap.dedent("\n".join(lines[start:end])).splitlines()
            changed = True
    return "\n".join(lines) if changed else markdown


# --------------------------------------------------------------------------- guessing


def _width(text: str) -> int:
    """Display width: CJK counts double, roughly matching how much it says."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _looks_like_question(text: str) -> bool:
    stripped = text.strip()
    return (
        stripped.endswith(("?", "？"))
        or bool(_QUESTION_START.match(stripped))
        or bool(_QUESTION_WORDS_ZH.search(stripped))
    )


@dataclass
class _Parsed:
    tokens: list[Token]
    lines: list[str]


def _parsed(markdown: str) -> _Parsed:
    return _Parsed(new_parser().parse(markdown), markdown.splitlines())


def _top_blocks(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """(open, close) index pairs of the top-level blocks."""
    blocks = []
    i = 0
    while i < len(tokens):
        close = matching_close(tokens, i)
        blocks.append((i, close))
        i = close + 1
    return blocks


def _list_items(
    tokens: Sequence[Token], open_index: int, close_index: int
) -> list[tuple[int, int]]:
    items = []
    i = open_index + 1
    while i < close_index:
        if tokens[i].type == "list_item_open":
            close = matching_close(tokens, i)
            items.append((i, close))
            i = close
        i += 1
    return items


def _guess(section: Section) -> SectionKind:
    if not section.markdown.strip():
        return "ignore"
    parsed = _parsed(section.markdown)
    entries = _Builder()._entries(parsed, set())
    texts = [e.text for e in entries if e.text]
    heading_text = " ".join(section.path)
    links = section.counts.get("resources", 0)
    if texts and _COMPANY_HEADING.search(section.heading):
        return "companies"
    link_share = sum(bool(e.links) for e in entries) / len(entries) if entries else 1.0
    if texts and link_share < 0.5:
        median = statistics.median(_width(t) for t in texts)
        question_share = sum(_looks_like_question(t) for t in texts) / len(texts)
        if _QUESTION_HEADING.search(heading_text) and (
            median <= _QUESTION_MEDIAN_WIDTH or question_share >= 0.5
        ):
            return "questions"
        if question_share >= 0.6 and len(texts) >= 2:
            return "questions"
    if links:
        return "resources"
    return "notes"


def _strip_marker(line: str) -> str:
    return _LIST_MARKER.sub("", line, count=1).strip()


def _count(section: Section, kind: SectionKind) -> int:
    if kind == "ignore":
        return 0
    builder = _Builder()
    builder.add(section, kind, leftovers=False)
    result = builder.result()
    return {
        "resources": len(result.items),
        "questions": len(result.questions),
        "companies": len(result.companies),
        "notes": len(result.notes),
    }[kind]


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


@dataclass(frozen=True)
class _Entry:
    text: str
    detail: str | None
    links: list[Link]
    outside: str = ""
    """Text of the first paragraph outside its links."""


@dataclass
class _Article:
    title: str
    url: str
    summary: list[str]
    category: str | None


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

    def result(self) -> ParseResult:
        return ParseResult(
            items=tuple(self.items),
            questions=tuple(self.questions),
            companies=tuple(self.companies),
            notes=tuple(self.notes),
            skipped=tuple(self.skipped),
        )

    def add(self, section: Section, kind: SectionKind, *, leftovers: bool = True) -> None:
        if kind == "ignore" or not section.markdown.strip():
            return
        parsed = _parsed(section.markdown)
        consumed: set[int] = set()
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
        articles: list[_Article] = []
        tokens = parsed.tokens

        def paragraph(open_index: int, attach: _Article | None) -> _Article | None:
            tok = tokens[open_index]
            if not tok.map:
                return attach
            start = tok.map[0]
            last = attach
            made: _Article | None = None
            for line in inline_lines(tokens[open_index + 1].children, split_br=False):
                src = range(start + line.first, start + line.last + 1)
                links = [lk for lk in line.links if _is_http(lk.href)]
                if links:
                    for article in self._articles_from_line(line, links, section):
                        articles.append(article)
                        last = made = article
                    consumed.update(src)
                elif last is not None and line.text:
                    last.summary.append(_clean_summary(line.text) or line.text)
                    consumed.update(src)
            return made

        def block_source(open_index: int, close_index: int) -> tuple[int, int] | None:
            tok = tokens[open_index]
            return (tok.map[0], tok.map[1]) if tok.map else None

        def walk_list(open_index: int, close_index: int, parent: _Article | None) -> None:
            for io, ic in _list_items(tokens, open_index, close_index):
                made: _Article | None = None
                j = io + 1
                first = True
                while j < ic:
                    t = tokens[j]
                    c = matching_close(tokens, j)
                    if t.type == "paragraph_open" and first:
                        made = paragraph(j, parent)
                    elif t.type == "paragraph_open":
                        made = paragraph(j, made or parent) or made
                    elif t.type in ("bullet_list_open", "ordered_list_open"):
                        walk_list(j, c, made or parent)
                    else:
                        owner = made or parent
                        span = block_source(j, c)
                        if owner is not None and span:
                            owner.summary.append(source_lines(parsed.lines, *span))
                            consumed.update(range(*span))
                    first = False
                    j = c + 1
                item_map = tokens[io].map
                if made is not None and item_map:
                    consumed.add(item_map[0])  # the marker line of an item that became a link

        for bo, bc in _top_blocks(tokens):
            t = tokens[bo]
            if t.type == "paragraph_open":
                paragraph(bo, None)
            elif t.type in ("bullet_list_open", "ordered_list_open"):
                walk_list(bo, bc, None)
            elif t.type == "table_open":
                self._table_links(tokens, bo, bc, section, articles, consumed)
            elif t.type == "blockquote_open":
                for qo, _qc in _top_blocks(tokens[bo + 1 : bc]):
                    if tokens[bo + 1 + qo].type == "paragraph_open":
                        paragraph(bo + 1 + qo, None)
        for article in articles:
            self._add_article(section, article)

    def _articles_from_line(
        self, line: Line, links: Sequence[Link], section: Section
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
            title = text if text and text != href else (one_line(outside) or href)
            summary_parts = []
            if outside and outside != title:
                summary_parts.append(line.text if len(links) > 1 else outside)
            made.append(_Article(title, href, summary_parts, category))
        return made

    def _table_links(
        self,
        tokens: Sequence[Token],
        open_index: int,
        close_index: int,
        section: Section,
        articles: list[_Article],
        consumed: set[int],
    ) -> None:
        category = section.title if section.path else None
        any_links = False
        i = open_index
        while i < close_index:
            row_map = tokens[i].map
            if tokens[i].type == "tr_open" and row_map:
                row_close = matching_close(tokens, i)
                cells = [t for t in tokens[i:row_close] if t.type == "inline"]
                lines = [ln for c in cells for ln in inline_lines(c.children)]
                links = [lk for ln in lines for lk in ln.links if _is_http(lk.href)]
                if links:
                    others = [ln.text for ln in lines if not ln.links and ln.text]
                    for link in links:
                        text = link.text if link.text != link.href else ""
                        title = others[0] if others else (text or link.href)
                        summary = [t for t in (*others[1:], text) if t and t != title]
                        articles.append(_Article(title, link.href, summary, category))
                    consumed.add(row_map[0])
                    any_links = True
                i = row_close
            i += 1
        table_map = tokens[open_index].map
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
                kind="article",
                external_key=key,
                title=article.title,
                url=article.url,
                category=article.category,
                summary=summary or None,
                position=len(self.items) + 1,
            )
        )

    # -- questions, companies, notes

    def _entries(self, parsed: _Parsed, consumed: set[int]) -> list[_Entry]:
        """Top-level list items of the section; their lines count as used."""
        entries: list[_Entry] = []
        tokens = parsed.tokens
        for bo, bc in _top_blocks(tokens):
            if tokens[bo].type not in ("bullet_list_open", "ordered_list_open"):
                continue
            for io, ic in _list_items(tokens, bo, bc):
                text, detail = item_parts(tokens, io, ic, parsed.lines)
                links: list[Link] = []
                outside = ""
                if text and tokens[io + 1].type == "paragraph_open":
                    first_lines = inline_lines(tokens[io + 2].children)
                    links = [lk for ln in first_lines for lk in ln.links if _is_http(lk.href)]
                    outside = one_line(" ".join(ln.outside_text for ln in first_lines))
                elif detail:
                    first, _, rest = detail.partition("\n")
                    text = _strip_marker(first)
                    detail = textwrap.dedent(rest).strip() or None
                if text or detail:
                    entries.append(_Entry(text, detail, links, outside))
            block_map = tokens[bo].map
            if block_map:
                consumed.update(range(block_map[0], block_map[1]))
        return entries

    def _questions(self, section: Section, parsed: _Parsed, consumed: set[int]) -> None:
        category = section.heading if section.path else None
        for position, entry in enumerate(self._entries(parsed, consumed), start=1):
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
        for entry in self._entries(parsed, consumed):
            text, detail = entry.text, entry.detail
            if not text:
                continue
            name, note = text, None
            url = entry.links[0].href if entry.links else None
            match = _PERSON_PREFIX.match(text)
            if match:
                note, name = match.group(1), match.group(2).strip()
            elif entry.links and entry.links[0].text and entry.links[0].text != url:
                name = entry.links[0].text
                note = _clean_summary(entry.outside.replace(url or "", "")) or None
            detail = _with_links(detail, entry.links[1:])
            if detail:
                note = f"{note}\n\n{detail}" if note else detail
            folded = name.casefold()
            if folded in self._company_names:
                self.skipped.append(SkippedRow(f"{section.title}: {name}", "company listed twice"))
                if note:
                    self.add_note(section, f"{name}: {note}")
                continue
            self._company_names[folded] = len(self.companies)
            self.companies.append(CompanyRecord(name=name, note=note, url=url))

    def _notes(self, section: Section, parsed: _Parsed, consumed: set[int]) -> None:
        tokens = parsed.tokens
        blocks = _top_blocks(tokens)
        if blocks and all(
            tokens[o].type in ("bullet_list_open", "ordered_list_open") for o, _ in blocks
        ):
            for bo, bc in blocks:
                for io, _ic in _list_items(tokens, bo, bc):
                    span = tokens[io].map
                    if not span:
                        continue
                    first = _strip_marker(parsed.lines[span[0]])
                    rest = textwrap.dedent("\n".join(parsed.lines[span[0] + 1 : span[1]]))
                    self.add_note(section, f"{first}\n{rest}".strip())
                    consumed.update(range(*span))
            return
        self.add_note(
            section,
            section.markdown,
            title=section.heading if section.path else None,
            role="section",
        )
        consumed.update(range(len(parsed.lines)))
