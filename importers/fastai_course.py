"""Importer for the fast.ai course site (course.fast.ai, "Practical Deep Learning").

The site is a Quarto build: every page carries the full sidebar, whose
top-level sections ("Part 1", "Part 2", ...) list the lessons in course
order. Lessons are read from that navigation, then each lesson page gives
its title, its YouTube video and the fastbook chapter notebook(s) it is
based on; sidebar entries that point straight to YouTube (the bonus 9a/9b
videos) are lessons too. Optionally each chapter notebook's "Questionnaire"
is turned into questions: the chapters are those the lesson pages name plus those
the book page (the sidebar's "The book") links, as about half of the book is taught
in no lesson. A question is linked to the first lesson that uses its chapter.
"""

from __future__ import annotations

import json
import logging
import os
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, SoupStrainer, Tag

from importers.http import (
    HTML_TYPES,
    Document,
    FetchCancelled,
    Fetcher,
    FetchError,
    NotModified,
    Validators,
    is_url,
    join_location,
    same_site,
)
from importers.links import youtube_id
from importers.mdtext import list_entries, one_line
from importers.messages import Message, message
from importers.records import ItemRecord, ParseResult, QuestionRecord, SkippedRow

log = logging.getLogger(__name__)

SOURCE = "fastai"
DEFAULT_URL = "https://course.fast.ai/"
NOTEBOOK_RAW_BASE = "https://raw.githubusercontent.com/fastai/fastbook/master/"
NOTEBOOK_MAX_BYTES = 32 * 1024 * 1024  # chapters embed output images

_LESSON_PAGE = re.compile(r"^lesson([0-9A-Za-z_-]+)\.html?$", re.IGNORECASE)
_NUMBER_PREFIX = re.compile(r"^\s*([0-9A-Za-z]+)\s*[:.]\s+")
_LESSON_IN_TEXT = re.compile(r"\blesson\s+([0-9]+[a-z]?)\b", re.IGNORECASE)
# github.com/fastai/fastbook/blob/master/01_intro.ipynb, and the same path behind Colab
# (colab.research.google.com/github/...), nbviewer and raw.githubusercontent.com.
_FASTBOOK_NB = re.compile(
    r"/fastai/fastbook/(?:(?:blob|raw|tree)/)?[^/?#]+/((\d+)_[\w-]+\.ipynb)", re.IGNORECASE
)
_BOOK_TEXT = re.compile(r"\bbook\b", re.IGNORECASE)
_QUESTIONNAIRE = re.compile(r"^\s{0,3}(#{1,6})\s*questionnaire\b.*$", re.IGNORECASE)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_UNREACHABLE = frozenset({"dns", "refused", "timeout", "tls", "network"})
"""Fetch failures that say the host, not the file, is the problem."""


@dataclass(frozen=True)
class NavEntry:
    """A lesson as listed in the sidebar."""

    position: int
    part: str
    text: str
    """Sidebar text as shown ("1: Getting started")."""
    href: str
    """The link as written (relative page or absolute YouTube URL)."""
    number: str | None
    youtube_id: str | None = None
    """Set for entries that link straight to a YouTube video."""


@dataclass(frozen=True)
class LessonPage:
    """What a lesson page contributes."""

    title: str | None
    youtube_id: str | None
    chapters: tuple[str, ...] = ()
    """fastbook notebook file names the lesson is based on, e.g. ``04_mnist_basics.ipynb``."""


# --------------------------------------------------------------------------- pure parsing


def _soup(html: str, only: Sequence[str] | None = None) -> BeautifulSoup:
    """Parse with the stdlib parser; ``only`` keeps just those tags (twice as fast)."""
    with warnings.catch_warnings():
        # bs4 warns when markup looks like a file name or URL; odd pages are still pages.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        strainer = SoupStrainer(list(only)) if only else None
        return BeautifulSoup(html, "html.parser", parse_only=strainer)


def _find_sidebar(soup: BeautifulSoup) -> Tag | None:
    for selector in ("nav#quarto-sidebar", "#quarto-sidebar", "nav.sidebar", ".sidebar-navigation"):
        found = soup.select_one(selector)
        if isinstance(found, Tag):
            return found
    return None


def _entry_text(li: Tag) -> tuple[str, str | None]:
    link = li.find("a", href=True)
    if not isinstance(link, Tag):
        link = li.find("a")
    if not isinstance(link, Tag):
        return one_line(li.get_text(" ")), None
    menu = link.find(class_="menu-text")
    text = one_line((menu if isinstance(menu, Tag) else link).get_text(" "))
    href = link.get("href")
    return text, href if isinstance(href, str) else None


def _section_header(li: Tag) -> str:
    """Text of a section's own header (not of its first entry)."""
    header = li.find(["div", "a", "span"], recursive=False)
    if not isinstance(header, Tag):
        return ""
    menu = header.find(class_="menu-text") if header.name != "span" else header
    return one_line((menu if isinstance(menu, Tag) else header).get_text(" "))


def _direct_items(ul: Tag) -> list[Tag]:
    return [li for li in ul.find_all("li", recursive=False) if isinstance(li, Tag)]


def _section_list(li: Tag) -> Tag | None:
    for ul in li.find_all("ul"):
        if isinstance(ul, Tag):
            return ul
    return None


def parse_nav(html: str) -> tuple[list[NavEntry], list[SkippedRow]]:
    """Lessons from the sidebar, in course order. Never raises on bad input.

    A lesson is a direct entry of a top-level section that links to a
    ``lessonN.html`` page or straight to a YouTube video; nested sections
    (e.g. "Summaries") and other pages ("Part 2 overview") are not lessons.
    """
    try:
        sidebar = _find_sidebar(_soup(html))
    except Exception as exc:
        log.warning("the fast.ai site navigation could not be read", exc_info=True)
        return [], [SkippedRow("site navigation", f"could not be read ({exc})")]
    if sidebar is None:
        return [], [SkippedRow("site navigation", "the page has no sidebar navigation")]
    top = sidebar.find("ul")
    if not isinstance(top, Tag):
        return [], [SkippedRow("site navigation", "the sidebar has no entries")]
    entries: list[NavEntry] = []
    skipped: list[SkippedRow] = []
    for section in _direct_items(top):
        classes = section.get("class") or []
        if "sidebar-item-section" not in classes:
            continue
        part = _section_header(section)
        body = _section_list(section)
        if body is None:
            continue
        for li in _direct_items(body):
            if "sidebar-item-section" in (li.get("class") or []):
                continue  # nested section such as "Summaries"
            text, href = _entry_text(li)
            if not href:
                continue
            vid = youtube_id(href) if is_url(href) else None
            page = unquote(urlsplit(href).path).rsplit("/", 1)[-1]
            match = _LESSON_PAGE.match(page)
            if vid is None and not match:
                continue
            if match:
                number: str | None = match.group(1)
            else:
                found = _LESSON_IN_TEXT.search(text)
                number = found.group(1) if found else None
            entries.append(NavEntry(len(entries) + 1, part, text, href, number, vid))
    if not entries:
        skipped.append(SkippedRow("site navigation", "no lessons were found in the sidebar"))
    return entries, skipped


def book_pages(html: str) -> list[str]:
    """Links of the sidebar's book page(s) ("The book"), as written. Never raises.

    The book page links every chapter notebook, also those no lesson names.
    """
    try:
        sidebar = _find_sidebar(_soup(html))
    except Exception:
        log.warning("the fast.ai site navigation could not be read", exc_info=True)
        return []
    found: list[str] = []
    for link in sidebar.find_all("a", href=True) if sidebar is not None else ():
        href = link.get("href") if isinstance(link, Tag) else None
        if not isinstance(href, str) or is_url(href) or href.startswith("#"):
            continue
        if _BOOK_TEXT.search(one_line(link.get_text(" "))) and href not in found:
            found.append(href)
    return found


def parse_lesson(html: str) -> LessonPage:
    """Title, YouTube id and fastbook chapters of one lesson page. Never raises."""
    try:
        soup = _soup(html, only=("title", "h1", "iframe", "a"))
    except Exception:
        log.warning("a fast.ai lesson page could not be read", exc_info=True)
        return LessonPage(None, None)
    title: str | None = None
    h1 = soup.find("h1", class_="title") or soup.find("h1")
    if isinstance(h1, Tag):
        title = one_line(h1.get_text(" ")) or None
    page_title = soup.find("title")
    if title is None and isinstance(page_title, Tag):
        title = re.split(r"\s+[–—-]\s+", one_line(page_title.get_text()), maxsplit=1)[0] or None
    video: str | None = None
    for tag in soup.find_all("iframe"):
        src = tag.get("src") if isinstance(tag, Tag) else None
        if isinstance(src, str) and (vid := youtube_id(src)):
            video = vid
            break
    chapters: list[str] = []
    for a in soup.find_all("a", href=True):
        href = a.get("href") if isinstance(a, Tag) else None
        m = _FASTBOOK_NB.search(href) if isinstance(href, str) else None
        if m and m.group(1) not in chapters:
            chapters.append(m.group(1))
    return LessonPage(title, video, tuple(chapters))


def _strip_number(text: str, number: str | None) -> str:
    match = _NUMBER_PREFIX.match(text)
    if match and number is not None and match.group(1).lower() == number.lower():
        return text[match.end() :].strip()
    return text


def lesson_key(entry: NavEntry) -> str:
    """Stable external key: ``fastai:lesson8a``; falls back to the link."""
    if entry.number:
        return f"fastai:lesson{entry.number.lower()}"
    return f"fastai:{entry.href}"


def build(
    entries: Sequence[NavEntry],
    pages: Mapping[str, LessonPage | None],
    *,
    site_url: str = DEFAULT_URL,
) -> ParseResult:
    """Combine sidebar entries and their pages (keyed by ``href``) into course videos.

    ``site_url`` is the public address the page links are made absolute against,
    also when the pages were read from a saved copy of the site.
    """
    items: list[ItemRecord] = []
    skipped: list[SkippedRow] = []
    seen: set[str] = set()
    for entry in entries:
        where = f"lesson {entry.number}" if entry.number else entry.text
        where = f"{where} ({entry.text})"
        if entry.youtube_id:
            url = entry.href
            title = entry.text
            vid: str | None = entry.youtube_id
        else:
            page = pages.get(entry.href)
            if page is None:
                skipped.append(SkippedRow(where, "its page could not be read"))
                continue
            vid = page.youtube_id
            if vid is None:
                skipped.append(SkippedRow(where, "its page has no video"))
                continue
            url = urljoin(site_url, entry.href)
            title = entry.text or page.title or ""
        title = _strip_number(title, entry.number)
        key = lesson_key(entry)
        if key in seen:
            skipped.append(SkippedRow(where, "listed twice in the sidebar"))
            continue
        seen.add(key)
        items.append(
            ItemRecord(
                kind="course_video",
                external_key=key,
                title=title,
                url=url,
                category=entry.part or None,
                number=entry.number,
                position=len(items) + 1,
                links={"youtube": f"https://www.youtube.com/watch?v={vid}"},
            )
        )
    return ParseResult(items=tuple(items), skipped=tuple(skipped))


def parse_site(
    index_html: str, pages: Mapping[str, str], *, site_url: str = DEFAULT_URL
) -> ParseResult:
    """Pure whole-site parse: the index page's sidebar plus lesson pages keyed by href."""
    entries, skipped = parse_nav(index_html)
    parsed = {href: parse_lesson(html) for href, html in pages.items()}
    result = build(entries, parsed, site_url=site_url)
    return ParseResult(items=result.items, skipped=tuple(skipped) + result.skipped)


def _cell_source(cell: object) -> str:
    if not isinstance(cell, dict):
        return ""
    source = cell.get("source", "")
    if isinstance(source, list):
        return "".join(s for s in source if isinstance(s, str))
    return source if isinstance(source, str) else ""


def _questionnaire_markdown(cells: Sequence[object]) -> str | None:
    """The Markdown under the "Questionnaire" heading, up to the next heading.

    Headings right after it, with nothing in between, are its title in another
    language (``## 问卷调查`` in a translated book), not the next section.
    """
    collected: list[str] = []
    inside = False
    titled = False  # still in the run of headings that opens the section
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "markdown":
            continue
        for line in _cell_source(cell).splitlines():
            if _QUESTIONNAIRE.match(line):
                inside, titled = True, True
                collected = []
                continue
            if inside and _HEADING.match(line):
                if titled:
                    continue
                return "\n".join(collected)
            if inside:
                titled = titled and not line.strip()
                collected.append(line)
        if inside:
            collected.append("")
    return "\n".join(collected) if inside else None


def chapter_label(notebook_name: str) -> str:
    """``04_mnist_basics.ipynb`` -> ``Chapter 4``."""
    match = re.match(r"(\d+)_", notebook_name)
    return f"Chapter {int(match.group(1))}" if match else Path(notebook_name).stem


def parse_questionnaire(
    notebook_json: str, *, notebook_name: str, lesson_key: str | None = None
) -> ParseResult:
    """Questions of a chapter notebook's "Questionnaire" section. Never raises.

    Each top-level list entry is a question, its Markdown as written (inline code,
    links with their URLs); nested sub-points are kept as its Markdown detail.
    """
    stem = Path(notebook_name).stem
    where = f"notebook {notebook_name}"
    try:
        notebook = json.loads(notebook_json)
    except (ValueError, RecursionError) as exc:
        return ParseResult(skipped=(SkippedRow(where, f"is not valid notebook JSON ({exc})"),))
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        return ParseResult(skipped=(SkippedRow(where, "is not a Jupyter notebook (no cells)"),))
    markdown = _questionnaire_markdown(cells)
    if markdown is None:
        return ParseResult(skipped=(SkippedRow(where, "has no Questionnaire section"),))
    try:
        entries = list_entries(markdown)
    except Exception as exc:
        log.warning("the questionnaire of %s could not be read", where, exc_info=True)
        return ParseResult(skipped=(SkippedRow(where, f"questionnaire unreadable ({exc})"),))
    category = f"{chapter_label(notebook_name)} questionnaire"
    questions = tuple(
        QuestionRecord(
            external_key=f"fastbook:{stem}:q{n}",
            text=text,
            detail=detail,
            category=category,
            item_key=lesson_key,
            position=n,
        )
        for n, (text, detail) in enumerate(entries, start=1)
    )
    skipped = () if questions else (SkippedRow(where, "its Questionnaire has no questions"),)
    return ParseResult(questions=questions, skipped=skipped)


# --------------------------------------------------------------------------- fetching


@dataclass(frozen=True)
class Site:
    """Where the site is read from and under which public URL its pages are known."""

    index: str
    """URL or local path of the page whose sidebar is read."""
    public_url: str
    """Public URL matching ``index`` (for absolute lesson URLs)."""
    root: str | None = None
    """For a local copy: the folder the links must stay inside."""


def locate_site(location: str | None) -> Site:
    """``None`` -> the live site; a URL; a saved-site folder (``index.html``) or an HTML file."""
    if not location:
        return Site(DEFAULT_URL, DEFAULT_URL)
    if is_url(location):
        return Site(location, location)
    path = Path(location).expanduser()
    if path.is_dir():
        return Site(str(path / "index.html"), urljoin(DEFAULT_URL, "index.html"), str(path))
    return Site(str(path), urljoin(DEFAULT_URL, path.name), str(path.parent))


def _within(root: str, path: str) -> bool:
    try:
        return os.path.commonpath([os.path.realpath(root), os.path.realpath(path)]) == (
            os.path.realpath(root)
        )
    except ValueError:
        return False


@dataclass(frozen=True)
class NotebookSource:
    """Where every chapter notebook of one import is read from."""

    base: str | None
    """Base URL the notebook names are joined to, or None for a local folder."""
    files: Mapping[str, str]
    """For a local folder: notebook name -> path of the file found under it."""
    where: str
    """The folder or base URL, for the reasons shown to the user."""

    def locate(self, name: str) -> str | None:
        if self.base is not None:
            return urljoin(self.base, name)
        return self.files.get(name)


def _chapter_files(folder: Path) -> dict[str, str]:
    """``NN_name.ipynb`` files under ``folder``, the shallowest first; one walk for all."""
    found: dict[str, str] = {}
    paths = sorted(folder.rglob("[0-9]*_*.ipynb"), key=lambda p: (len(p.parts), str(p)))
    for path in paths:
        if ".ipynb_checkpoints" not in path.parts:
            found.setdefault(path.name, str(path))
    return found


def notebook_source(notebooks_from: str | None, site: Site, fetcher: Fetcher) -> NotebookSource:
    """The folder or base URL given; else the chapters saved inside a local site; else GitHub.

    A folder that does not exist is refused (a typo would otherwise skip every chapter).
    """
    if notebooks_from and is_url(notebooks_from):
        base = notebooks_from if notebooks_from.endswith("/") else notebooks_from + "/"
        return NotebookSource(base, {}, notebooks_from)
    if notebooks_from:
        folder = Path(notebooks_from).expanduser()
        if not folder.is_dir():
            raise fetcher.error(
                message("fastai.no_notebooks_folder", "the notebooks folder does not exist"),
                location=str(folder),
                kind="not_found",
            )
        return NotebookSource(None, _chapter_files(folder), str(folder))
    if site.root:
        files = _chapter_files(Path(site.root))
        if files:
            return NotebookSource(None, files, site.root)
    return NotebookSource(NOTEBOOK_RAW_BASE, {}, NOTEBOOK_RAW_BASE)


@dataclass(frozen=True)
class Loaded:
    result: ParseResult
    validators: Validators


def load(
    location: str | None = None,
    *,
    validators: Validators | None = None,
    fetcher: Fetcher | None = None,
    with_questionnaires: bool = False,
    notebooks_from: str | None = None,
) -> Loaded | None:
    """Fetch the site (and optionally the chapter notebooks) and parse it.

    Returns None if the index page is unchanged since ``validators`` (the
    site is rebuilt as a whole, and every page carries the full sidebar).
    Any page that cannot be fetched raises :class:`~importers.http.FetchError`, and so
    does a lesson page whose link or redirect leaves the site the index was read from:
    nothing is imported then, so what an earlier import wrote stays as it was.
    """
    fetcher = fetcher or Fetcher(SOURCE)
    site = locate_site(location)
    fetcher.progress(message("progress.fastai_navigation", "Reading the course navigation"))
    index = fetcher.get(
        site.index, accept=HTML_TYPES, validators=validators if is_url(site.index) else None
    )
    if isinstance(index, NotModified):
        return None
    entries, nav_skipped = parse_nav(index.text)
    if not entries:
        raise fetcher.error(
            message("fastai.no_navigation", "the page has no course navigation with lessons"),
            location=site.index,
            kind="http",
        )
    pages: dict[str, LessonPage | None] = {}
    for ordinal, entry in enumerate(entries, 1):
        if entry.youtube_id:
            continue
        fetcher.check_cancelled()
        target = _page_location(index, entry.href, site, fetcher)
        fetcher.progress(
            message(
                "progress.fastai_lesson",
                "Reading lesson {lesson}",
                lesson=entry.number or entry.text,
            ),
            done=ordinal,
            total=len(entries),
        )
        document = fetcher.get_document(
            target,
            accept=HTML_TYPES,
            same_site_as=index.location if is_url(index.location) else None,
        )
        pages[entry.href] = parse_lesson(document.text)
    result = build(entries, pages, site_url=urljoin(site.public_url, "."))
    result = ParseResult(items=result.items, skipped=tuple(nav_skipped) + result.skipped)
    if with_questionnaires:
        result = result.merged(
            _questionnaires(entries, pages, result, fetcher, site, index, notebooks_from)
        )
    return Loaded(result, index.validators)


def _page_location(index: Document, href: str, site: Site, fetcher: Fetcher) -> str:
    target = join_location(index.location, href)
    if is_url(index.location):
        if not same_site(target, index.location):
            raise fetcher.error(
                message(
                    "fastai.link_off_site", "the lesson link {href} leaves the site", href=href
                ),
                location=target,
                kind="invalid",
            )
    elif site.root and not _within(site.root, target):
        raise fetcher.error(
            message(
                "fastai.link_outside",
                "the lesson link {href} points outside the saved site",
                href=href,
            ),
            location=target,
            kind="invalid",
        )
    return target


def _book_chapters(index: Document, site: Site, fetcher: Fetcher) -> tuple[list[str], ParseResult]:
    """Chapters the book page links; an unreadable book page is a skipped row, not a failure."""
    chapters: list[str] = []
    skipped: list[SkippedRow] = []
    hrefs = book_pages(index.text)
    if not hrefs:
        skipped.append(SkippedRow("the book page", "the site navigation has no book page"))
    for href in hrefs:
        fetcher.check_cancelled()
        fetcher.progress(message("progress.fastai_book", "Reading the book page"))
        try:
            target = _page_location(index, href, site, fetcher)
            document = fetcher.get_document(
                target,
                accept=HTML_TYPES,
                same_site_as=index.location if is_url(index.location) else None,
            )
        except FetchCancelled:
            raise
        except FetchError as err:
            skipped.append(SkippedRow(f"the book page ({href})", _reason(err)))
            continue
        for chapter in parse_lesson(document.text).chapters:
            if chapter not in chapters:
                chapters.append(chapter)
    return chapters, ParseResult(skipped=tuple(skipped))


def _questionnaire_progress(chapter: str) -> Message:
    """ "Reading the Chapter 4 questionnaire"; a notebook without a number by its name."""
    match = re.match(r"(\d+)_", chapter)
    if match:
        return message(
            "progress.fastai_chapter",
            "Reading the Chapter {number} questionnaire",
            number=int(match.group(1)),
        )
    return message(
        "progress.fastai_notebook",
        "Reading the {notebook} questionnaire",
        notebook=chapter_label(chapter),
    )


def _reason(err: FetchError) -> str:
    where = f" ({err.location})" if err.location else ""
    return f"could not be read{where}: {err.cause}"


def _chapter_number(name: str) -> int:
    match = re.match(r"(\d+)_", name)
    return int(match.group(1)) if match else 10**6


def _questionnaires(
    entries: Sequence[NavEntry],
    pages: Mapping[str, LessonPage | None],
    lessons: ParseResult,
    fetcher: Fetcher,
    site: Site,
    index: Document,
    notebooks_from: str | None,
) -> ParseResult:
    """Every chapter the lessons or the book page name, each read on its own.

    A notebook that is missing, too large or not a notebook skips its chapter with the
    reason; the lessons and the other chapters still import. Once a host cannot be
    reached, its other notebooks are not tried (offline, that would be one wait each).
    """
    source = notebook_source(notebooks_from, site, fetcher)
    imported = {item.external_key for item in lessons.items}
    first_lesson: dict[str, str | None] = {}
    for entry in entries:
        page = pages.get(entry.href)
        key = lesson_key(entry)
        if page is None or key not in imported:
            continue
        for chapter in page.chapters:
            first_lesson.setdefault(chapter, key)
    book, result = _book_chapters(index, site, fetcher)
    for chapter in book:
        first_lesson.setdefault(chapter, None)
    unreachable: dict[str, str] = {}
    for chapter in sorted(first_lesson, key=lambda name: (_chapter_number(name), name)):
        fetcher.check_cancelled()
        where = f"notebook {chapter}"
        location = source.locate(chapter)
        if location is None:
            result = result.merged(
                ParseResult(skipped=(SkippedRow(where, f"is not in {source.where}"),))
            )
            continue
        host = urlsplit(location).netloc if is_url(location) else ""
        if host in unreachable:
            reason = f"not tried: {host} could not be reached ({unreachable[host]})"
            result = result.merged(ParseResult(skipped=(SkippedRow(where, reason),)))
            continue
        fetcher.progress(_questionnaire_progress(chapter))
        try:
            # No media type check: static servers send notebooks as application/octet-stream;
            # the content decides (valid notebook JSON within the size cap).
            document = fetcher.get_document(location, accept=(), max_bytes=NOTEBOOK_MAX_BYTES)
        except FetchCancelled:
            raise
        except FetchError as err:
            if host and err.kind in _UNREACHABLE:
                unreachable[host] = err.cause
            result = result.merged(ParseResult(skipped=(SkippedRow(where, _reason(err)),)))
            continue
        result = result.merged(
            parse_questionnaire(
                document.text, notebook_name=chapter, lesson_key=first_lesson[chapter]
            )
        )
    return result
