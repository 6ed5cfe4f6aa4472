"""Importer for mli/paper-reading (Li Mu's "深度学习论文精读" README).

The README holds two kinds of GitHub Markdown tables: recorded videos
(date, title with paper link, duration, Bilibili/YouTube/Zhihu links) and,
under ``### category`` headings, the list of papers. Its format changed
several times, so columns are found from each table's header row, and a row
that cannot be read is skipped with a reason while the rest still imports.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pyromark
from pyromark.event import Range

from importers.http import (
    MARKDOWN_TYPES,
    Fetcher,
    FetchResult,
    NotModified,
    Validators,
    is_url,
)
from importers.links import normalize_url, video_link
from importers.mdtext import (
    GFM_OPTIONS,
    InlineBuilder,
    Line,
    Link,
    inline_lines,
    inline_tokens,
    one_line,
)
from importers.records import ItemRecord, ParseResult, SkippedRow

log = logging.getLogger(__name__)

SOURCE = "paper-reading"
PARSE_VERSION = "3"
"""Changes whenever ``parse`` gives other records for the same text (2: pulldown-cmark;
3: papers linked only from a video's title, footnote URLs, the oldest layouts), so
that an import of an unchanged README is not skipped after such a change."""
DEFAULT_URL = "https://raw.githubusercontent.com/mli/paper-reading/main/README.md"
PLATFORM_ORDER = ("bilibili", "youtube", "zhihu")

# Header words -> column role. Checked in this order, first hit wins, so
# "视频（播放数）" is the video column and a lone "播放数" is only view counts.
_COLUMN_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("date", ("日期", "date")),
    ("duration", ("时长", "duration", "length")),
    ("video", ("视频", "video", "链接", "links")),
    ("views", ("播放", "views", "plays")),
    ("cover", ("封面", "cover", "thumbnail")),
    ("recorded", ("已录制", "录制", "recorded", "done")),
    ("year", ("年份", "year")),
    ("title", ("标题", "title")),
    ("name", ("名字", "名称", "论文", "name", "paper")),
    ("summary", ("简介", "说明", "summary", "description", "note")),
    ("citations", ("引用", "citation")),
)

_DATE = re.compile(r"^\s*(\d{1,2}|\?+)\s*/\s*(\d{1,2}|\?+)\s*/\s*(\d{2}|\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")
_DURATION = re.compile(r"^\s*(?:(\d+):)?(\d+):(\d{1,2})\s*$")
_YEAR = re.compile(r"(19|20)\d{2}")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]]*)\]")
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]]+)\]:[ \t]*(.+)$", re.MULTILINE)
_SERIES = re.compile(
    r"^(?P<name>.+?)\s*(?:[·・]\s*(?:\d+\s*[.、:]|[一二三四五六七八九十上中下]\b)|[（(][上中下][）)]\s*$)"
)
_ANCHOR = re.compile(r"""<a\s[^>]*?\b(?:name|id)\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_NEWLINES = re.compile(r"\r\n?")
_RECORDED_MARKS = ("✅", "✔", "☑", "yes", "是", "done", "[x]", "x")


def fetch(
    location: str | None = None,
    *,
    validators: Validators | None = None,
    fetcher: Fetcher | None = None,
) -> FetchResult:
    """Download the README (conditional GET when ``validators`` are given) or read a local copy.

    ``location`` may be a URL, a README file or a folder holding ``README.md``.
    """
    fetcher = fetcher or Fetcher(SOURCE)
    target = location or DEFAULT_URL
    if not is_url(target):
        path = Path(target).expanduser()
        if path.is_dir():
            target = str(path / "README.md")
        validators = None
    return fetcher.get(target, accept=MARKDOWN_TYPES, validators=validators)


# --------------------------------------------------------------------------- parsing


Cell = list[Line]
"""A table cell's inline content, read once into lines (see ``inline_lines``)."""


@dataclass
class _Table:
    header: list[str]
    rows: list[tuple[int, list[Cell]]]  # (1-based source line, the cells)
    h2: str
    h3: str
    anchors: tuple[str, ...]


@dataclass
class _VideoRow:
    line: int
    title: str
    summary: str | None
    published: str | None
    year: int | None
    duration: int | None
    links: dict[str, str]
    ids: dict[str, str]
    title_links: list[Link]
    note_links: list[Link]
    covers: list[str] = field(default_factory=list)


def _heading_slug(text: str) -> str:
    """GitHub's anchor for a heading (close enough for in-page links)."""
    slug = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return slug.replace(" ", "-")


class _TableWalker:
    """The state of one walk over pulldown-cmark's events (see ``_collect_tables``)."""

    def __init__(self, source: bytes) -> None:
        self.source = source
        self.line, self.counted = 1, 0  # 1-based line number at byte offset ``counted``
        self.tables: list[_Table] = []
        self.h2 = self.h3 = ""
        self.pending_anchors: list[str] = []
        self.section_anchors: tuple[str, ...] = ()
        self.builder: InlineBuilder | None = None  # the inline content read (cell or heading)
        self.heading = ""
        self.html_block: list[str] | None = None
        self.table: _Table | None = None
        self.header: list[Cell] | None = None
        self.row: list[Cell] = []
        self.row_line = 0

    def event(self, key: str, value: Any, span: Range) -> None:
        """One event; ``value`` is pyromark's payload (TypedDicts, strings, tuples)."""
        if key == "Start":
            self._start(key, value, span)
        elif key == "End":
            self._end(key, value, span)
        elif self.builder is not None:
            self.builder.event(key, value, span)
        elif key == "Html" and self.html_block is not None:
            self.html_block.append(value)
        elif key == "InlineHtml" and self.table is None:
            self.pending_anchors.extend(_ANCHOR.findall(value))

    def _start(self, key: str, value: Any, span: Range) -> None:
        tag = value if isinstance(value, str) else next(iter(value))
        if tag == "TableCell":
            self.builder = InlineBuilder(self.source)
        elif tag == "TableRow":
            self.row = []
            self.line += self.source.count(b"\n", self.counted, span["start"])
            self.counted = span["start"]
            self.row_line = self.line
        elif tag == "TableHead":
            self.header = []
        elif tag == "Table":
            self.table = _Table([], [], self.h2, self.h3, self.section_anchors)
        elif tag == "Heading":
            level = value["Heading"]["level"]
            self.heading = "h2" if level == "H2" else "h3" if level == "H3" else "h"
            self.builder = InlineBuilder(self.source)
        elif tag == "HtmlBlock":
            self.html_block = []
        elif self.builder is not None:
            self.builder.event(key, value, span)

    def _end(self, key: str, value: Any, span: Range) -> None:
        table, builder = self.table, self.builder
        if value == "TableCell" and builder is not None:
            cells = self.header if self.header is not None else self.row
            cells.append(inline_lines(builder.tokens))
            self.builder = None
        elif value == "TableRow" and table is not None:
            table.rows.append((self.row_line, self.row))
        elif value == "TableHead" and table is not None and self.header is not None:
            table.header = [one_line(_cell_text(cell)) for cell in self.header]
            self.header = None
        elif value == "Table" and table is not None:
            self.tables.append(table)
            self.table = None
        elif isinstance(value, dict) and "Heading" in value and builder is not None:
            self._end_heading(builder)
            self.builder = None
        elif value == "HtmlBlock" and self.html_block is not None:
            self.pending_anchors.extend(_ANCHOR.findall("".join(self.html_block)))
            self.html_block = None
        elif builder is not None:
            builder.event(key, value, span)

    def _end_heading(self, builder: InlineBuilder) -> None:
        """A new h2/h3 section takes the anchors placed before it (and its own slug)."""
        title = one_line("".join(line.text for line in inline_lines(builder.tokens)))
        if self.heading == "h2":
            self.h2, self.h3 = title, ""
        elif self.heading == "h3":
            self.h3 = title
        if self.heading in ("h2", "h3"):
            self.section_anchors = (*self.pending_anchors, _heading_slug(title))
            self.pending_anchors = []
        for tok in builder.tokens:
            if tok.type == "html_inline":
                self.pending_anchors.extend(_ANCHOR.findall(tok.content))


def _collect_tables(text: str) -> list[_Table]:
    """Tables with their section headings and the in-page anchors placed before them.

    One walk over pulldown-cmark's events. Anchors (``<a name=..>``) written anywhere but
    in a table apply to the next h2/h3 heading's section (those inside a heading to the
    section after it).
    """
    walker = _TableWalker(text.encode("utf-8", "surrogatepass"))
    for event, span in pyromark.events_with_range(text, options=GFM_OPTIONS, merge_text=True):
        if isinstance(event, str):
            walker.event(event, None, span)
        else:
            key, value = next(iter(event.items()))
            walker.event(key, value, span)
    return walker.tables


def _cell_text(cell: Cell) -> str:
    return "\n".join(line.text for line in cell)


def _columns(header: Sequence[str]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for index, name in enumerate(header):
        low = name.lower()
        for role, words in _COLUMN_WORDS:
            if role not in roles and any(w in low for w in words):
                roles[role] = index
                break
    return roles


def parse_date(text: str) -> tuple[str | None, int | None]:
    """``M/D/YY`` (or ISO) -> partial ISO date and year; unknown parts (``?``) are dropped."""
    text = text.strip()
    match = _DATE.match(text)
    if match:
        month_s, day_s, year_s = match.groups()
        year = int(year_s) + (2000 if len(year_s) == 2 else 0)
        month = int(month_s) if month_s.isdigit() else None
        day = int(day_s) if day_s.isdigit() else None
        if month is not None and not 1 <= month <= 12:
            return f"{year:04d}", year
        if month is None:
            return f"{year:04d}", year
        if day is None or not 1 <= day <= 31:
            return f"{year:04d}-{month:02d}", year
        return f"{year:04d}-{month:02d}-{day:02d}", year
    match = _ISO_DATE.match(text)
    if match:
        year = int(match.group(1))
        parts = [f"{year:04d}"]
        for value, high in ((match.group(2), 12), (match.group(3), 31)):
            if value is None or not 1 <= int(value) <= high:
                break
            parts.append(f"{int(value):02d}")
        return "-".join(parts), year
    return None, None


def parse_duration(text: str) -> int | None:
    """``MM:SS`` or ``H:MM:SS`` -> seconds (old READMEs wrote ``66:19`` for 1h06m19s)."""
    match = _DURATION.match(text)
    if not match:
        return None
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    if seconds >= 60 or (match.group(1) and minutes >= 60):
        return None
    return hours * 3600 + minutes * 60 + seconds


def _footnotes(text: str) -> dict[str, tuple[str, list[Link]]]:
    """``[^name]: text`` definitions -> (plain text, links), to expand refs in titles."""
    notes: dict[str, tuple[str, list[Link]]] = {}
    for match in _FOOTNOTE_DEF.finditer(text):
        lines = inline_lines(inline_tokens(match.group(2)))
        links = [link for line in lines for link in line.links]
        notes[match.group(1)] = (
            _with_urls(one_line(" ".join(line.text for line in lines)), links),
            links,
        )
    return notes


def _with_urls(text: str, links: list[Link]) -> str:
    """``text`` with each web link's URL written after its words: the summary is plain text."""
    out: list[str] = []
    at = 0
    for link in links:
        if not link.href.lower().startswith(("http://", "https://")):
            continue
        found = text.find(link.text, at) if link.text else -1
        if found < 0:
            out.append(text[at:])
            at = len(text)
            out.append(f" ({link.href})")
            continue
        end = found + len(link.text)
        out.append(f"{text[at:end]} ({link.href})")
        at = end
    out.append(text[at:])
    return "".join(out)


def _split_title(
    cell: Cell, footnotes: dict[str, tuple[str, list[Link]]]
) -> tuple[str, str | None, list[Link], list[Link]]:
    """Title = text before the first line break; what follows is kept as a summary.

    Footnote refs (``[^x]``) are replaced by the footnote's text in the summary.
    """
    lines: list[Line] = cell
    links = [link for line in lines for link in line.links]
    extra: list[Link] = []

    def expand(match: re.Match[str]) -> str:
        text, note_links = footnotes.get(match.group(1), ("", []))
        extra.extend(note_links)
        return text

    texts = [_FOOTNOTE_REF.sub("", line.text).strip() for line in lines]
    non_empty = [(i, t) for i, t in enumerate(texts) if t]
    title = non_empty[0][1] if non_empty else ""
    first = non_empty[0][0] if non_empty else 0
    rest_lines = [_FOOTNOTE_REF.sub(expand, line.text) for line in lines[first + 1 :]]
    rest = re.sub(r"\s+([)）])", r"\1", one_line(" ".join(rest_lines))) or None
    if not rest:  # refs on the title line itself: still keep their links
        for line in lines[: first + 1]:
            _FOOTNOTE_REF.sub(expand, line.text)
    return one_line(title), rest, links, extra


def _video_row(
    cols: dict[str, int],
    line: int,
    cells: list[Cell],
    footnotes: dict[str, tuple[str, list[Link]]],
) -> _VideoRow | SkippedRow:
    def cell(role: str) -> Cell | None:
        index = cols.get(role)
        return cells[index] if index is not None and index < len(cells) else None

    title_cell = cell("title")
    date_cell = cell("date")
    date_text = one_line(_cell_text(date_cell)) if date_cell is not None else ""
    title, summary, title_links, note_links = (
        _split_title(title_cell, footnotes) if title_cell is not None else ("", None, [], [])
    )
    where = f"line {line}" + (f" ({title})" if title else "")
    links: dict[str, str] = {}
    ids: dict[str, str] = {}
    title_index = cols.get("title")
    for index, c in enumerate(cells):
        if index == title_index:
            continue
        for link in (lk for ln in c for lk in ln.links):
            found = video_link(link.href)
            if found and found[0] not in links:
                platform, vid, canonical = found
                links[platform] = canonical
                ids[platform] = vid
    if not title:
        return SkippedRow(where, "the row has no title")
    if not links:
        if date_text and not any(ch.isdigit() for ch in date_text):
            return SkippedRow(where, f"no video yet (marked {date_text!r})")
        return SkippedRow(where, "the row has no Bilibili, YouTube or Zhihu video link")
    published, year = parse_date(date_text) if date_text else (None, None)
    duration_cell = cell("duration")
    duration = parse_duration(_cell_text(duration_cell)) if duration_cell is not None else None
    ordered = {p: links[p] for p in PLATFORM_ORDER if p in links}
    return _VideoRow(
        line, title, summary, published, year, duration, ordered, ids, title_links, note_links
    )


def _is_recorded(text: str) -> bool | None:
    low = text.strip().lower()
    if not low:
        return False
    if any(mark in low for mark in _RECORDED_MARKS if len(mark) > 1) or low in _RECORDED_MARKS:
        return True
    if low in ("❌", "no", "否", "-", "—", "[ ]"):
        return False
    return None


def _name_key(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


def _paper_row(
    table: _Table, cols: dict[str, int], line: int, cells: list[Cell], position: int
) -> ItemRecord | SkippedRow:
    def cell(role: str) -> Cell | None:
        index = cols.get(role)
        return cells[index] if index is not None and index < len(cells) else None

    name_cell = cell("name")
    if name_cell is None:
        name_cell = cell("title")
    lines = name_cell if name_cell is not None else []
    name = one_line(" ".join(line.text for line in lines))
    links = [
        lk for ln in lines for lk in ln.links if lk.href.lower().startswith(("http://", "https://"))
    ]
    where = f"line {line}" + (f" ({name})" if name else "")
    if not name:
        return SkippedRow(where, "the row has no paper name")
    url = links[0].href if links else None
    key = normalize_url(url) if url else f"paper-reading:paper:{_name_key(name)}"
    year_cell = cell("year")
    year_match = _YEAR.search(_cell_text(year_cell)) if year_cell is not None else None
    summary_cell = cell("summary")
    summary = one_line(_cell_text(summary_cell)) if summary_cell is not None else ""
    recorded_cell = cell("recorded")
    recorded = _is_recorded(_cell_text(recorded_cell)) if recorded_cell is not None else None
    category = table.h3 or table.h2 or None
    return ItemRecord(
        kind="paper",
        external_key=key,
        title=name,
        url=url,
        category=category,
        year=int(year_match.group(0)) if year_match else None,
        summary=summary or None,
        position=position,
        recorded=recorded,
        refs=tuple(normalize_url(lk.href) for lk in links[1:]),
    )


def _is_video_table(cols: dict[str, int]) -> bool:
    """A table of videos: a title and video links or a date and duration, and no paper list's
    year or recorded columns. The oldest READMEs had no date column, or called the title
    column 论文 (paper)."""
    if ("title" not in cols and "name" not in cols) or "year" in cols or "recorded" in cols:
        return False
    return "video" in cols or ("date" in cols and "duration" in cols)


def _linked_paper(link: Link, video: _VideoRow, position: int) -> ItemRecord | None:
    """A paper a video's title cell links but the paper list lacks (GPT-4, Whisper, ...).

    What a paper-reading video's title links is what it reads, so it is a paper whatever
    its site (arXiv, a PDF, a report page); video links are not.
    """
    href = link.href.strip()
    if not href.lower().startswith(("http://", "https://")) or video_link(href):
        return None
    title = one_line(link.text) or video.title
    return ItemRecord(
        kind="paper",
        external_key=normalize_url(href),
        title=title,
        url=href,
        position=position,
        recorded=True,
    )


def _series_name(title: str) -> str | None:
    match = _SERIES.match(title)
    return match.group("name").strip() if match else None


def parse(text: str) -> ParseResult:
    """Parse the README text into paper videos and papers. Never raises on bad input."""
    text = _NEWLINES.sub("\n", text)  # line numbers as markdown-it counted them
    try:
        tables = _collect_tables(text)
        footnotes = _footnotes(text)
    except Exception as exc:
        log.warning("the paper-reading README could not be read as Markdown", exc_info=True)
        return ParseResult(
            skipped=(SkippedRow("document", f"could not be read as Markdown ({exc})"),)
        )
    skipped: list[SkippedRow] = []
    videos: list[_VideoRow] = []
    papers: list[ItemRecord] = []
    paper_index: dict[str, int] = {}
    anchors: dict[str, list[str]] = {}
    for table in tables:
        cols = _columns(table.header)
        is_video = _is_video_table(cols)
        if is_video and "title" not in cols:
            cols["title"] = cols["name"]
        is_paper = (
            not is_video
            and ("name" in cols or "title" in cols)
            and ("year" in cols or "recorded" in cols)
        )
        if not (is_video or is_paper):
            continue
        for line, cells in table.rows:
            try:
                if is_video:
                    row: object = _video_row(cols, line, cells, footnotes)
                else:
                    row = _paper_row(table, cols, line, cells, len(papers) + 1)
            except Exception as exc:
                log.warning("paper-reading line %s could not be read", line, exc_info=True)
                skipped.append(SkippedRow(f"line {line}", f"could not be read ({exc})"))
                continue
            if isinstance(row, SkippedRow):
                skipped.append(row)
            elif isinstance(row, _VideoRow):
                videos.append(row)
            elif isinstance(row, ItemRecord):
                if row.external_key in paper_index:
                    first = papers[paper_index[row.external_key]]
                    skipped.append(
                        SkippedRow(
                            f"line {line} ({row.title})",
                            f"same paper as {first.title!r} listed earlier",
                        )
                    )
                    continue
                paper_index[row.external_key] = len(papers)
                papers.append(row)
                for anchor in table.anchors:
                    anchors.setdefault(anchor.lower(), []).append(row.external_key)
    items = _link_videos(videos, papers, anchors, skipped)
    return ParseResult(items=tuple(items + papers), skipped=tuple(skipped))


def _link_videos(
    videos: list[_VideoRow],
    papers: list[ItemRecord],
    anchors: dict[str, list[str]],
    skipped: list[SkippedRow],
) -> list[ItemRecord]:
    """Match videos to papers by normalised URL (name as fallback), spread over series."""
    by_url = {p.external_key: p.external_key for p in papers}
    for p in papers:
        for ref in p.refs:
            by_url.setdefault(ref, p.external_key)
    by_name = {_name_key(p.title): p.external_key for p in papers}
    for video in videos:
        for link in video.title_links:
            href = link.href.strip()
            keys: list[str] = []
            if href.startswith("#"):
                keys = anchors.get(href[1:].lower(), [])
            elif (key := by_url.get(normalize_url(href))) is not None or (
                key := by_name.get(_name_key(link.text))
            ) is not None:
                keys = [key]
            elif (paper := _linked_paper(link, video, len(papers) + 1)) is not None:
                papers.append(paper)
                by_url[paper.external_key] = paper.external_key
                keys = [paper.external_key]
            video.covers.extend(k for k in keys if k not in video.covers)
    series: dict[str, list[_VideoRow]] = {}
    for video in videos:
        name = _series_name(video.title)
        if name:
            series.setdefault(name, []).append(video)
    for members in series.values():
        shared = [k for v in members for k in v.covers]
        for video in members:
            video.covers.extend(k for k in dict.fromkeys(shared) if k not in video.covers)
    category_of = {p.external_key: p.category for p in papers}
    items: list[ItemRecord] = []
    seen: dict[str, _VideoRow] = {}
    for video in videos:
        platform = next(p for p in PLATFORM_ORDER if p in video.ids)
        key = f"{platform}:{video.ids[platform]}"
        if key in seen:
            skipped.append(
                SkippedRow(
                    f"line {video.line} ({video.title})",
                    f"same {platform} video as {seen[key].title!r} listed earlier",
                )
            )
            continue
        seen[key] = video
        refs = tuple(
            dict.fromkeys(
                normalize_url(lk.href)
                for lk in video.title_links + video.note_links
                if lk.href.lower().startswith(("http://", "https://"))
            )
        )
        items.append(
            ItemRecord(
                kind="paper_video",
                external_key=key,
                title=video.title,
                url=video.links[platform],
                category=category_of.get(video.covers[0]) if video.covers else None,
                year=video.year,
                published=video.published,
                duration_seconds=video.duration,
                links=video.links,
                summary=video.summary,
                covers=tuple(video.covers),
                refs=refs,
            )
        )
    # The README lists videos newest first, but the course starts with the oldest
    # ("如何读论文"): number from the bottom so that position 1 is the oldest and a video
    # added at the top of the README leaves every existing position unchanged.
    return [replace(item, position=len(items) - index) for index, item in enumerate(items)]


def load(
    location: str | None = None,
    *,
    validators: Validators | None = None,
    fetcher: Fetcher | None = None,
) -> tuple[ParseResult, Validators] | None:
    """Fetch and parse; None when the source is unchanged since ``validators``."""
    result = fetch(location, validators=validators, fetcher=fetcher)
    if isinstance(result, NotModified):
        return None
    return parse(result.text), result.validators
