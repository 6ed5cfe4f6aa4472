"""fast.ai course importer on the rendered site fixture, over HTTP, and with questionnaires.

The questionnaire notebooks here are small ones written for these tests in the
fastbook .ipynb structure; the book's own text is never copied.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from importers import fastai_course
from importers.http import Fetcher, FetchError
from importers.records import ItemRecord, ParseResult, SkippedRow
from tests.importers.importers_support import (
    BOOK_ONLY,
    CHAPTERS,
    CONCLUSION,
    notebook,
    write_book,
)

MakeFetcher = Callable[..., Fetcher]


def _expected(site: Path) -> list[dict[str, str]]:
    data: list[dict[str, str]] = json.loads((site / "expected-lessons.json").read_text())
    return data


def _as_expected(items: tuple[ItemRecord, ...], base: str) -> list[dict[str, str]]:
    return [
        {
            "number": item.number or "",
            "title": item.title,
            "part": item.category or "",
            "url": (item.url or "").removeprefix(base),
            "youtube_id": item.links["youtube"].rsplit("=", 1)[-1],
        }
        for item in items
    ]


def test_saved_site_gives_expected_lessons(fastai_site: Path, make_fetcher: MakeFetcher) -> None:
    loaded = fastai_course.load(str(fastai_site), fetcher=make_fetcher("fastai"))
    assert loaded is not None
    items = loaded.result.items
    assert _as_expected(items, "https://course.fast.ai/") == _expected(fastai_site)
    assert len(items) == 28
    assert loaded.result.skipped == ()
    assert [i.position for i in items] == list(range(1, 29))
    assert {i.kind for i in items} == {"course_video"}
    lesson8a = next(i for i in items if i.number == "8a")
    assert lesson8a.external_key == "fastai:lesson8a"
    assert lesson8a.url == "https://course.fast.ai/Lessons/lesson8a.html"
    bonus = items[-1]
    assert (bonus.external_key, bonus.url) == ("fastai:lesson9b", "https://youtu.be/mYpjmM7O-30")
    assert bonus.links == {"youtube": "https://www.youtube.com/watch?v=mYpjmM7O-30"}


def test_nav_is_the_same_from_every_page(fastai_site: Path) -> None:
    from_index, _ = fastai_course.parse_nav((fastai_site / "index.html").read_text())
    from_lesson, _ = fastai_course.parse_nav((fastai_site / "Lessons/lesson3.html").read_text())
    assert [(e.number, e.text, e.part) for e in from_index] == [
        (e.number, e.text, e.part) for e in from_lesson
    ]
    assert from_index[0].href == "./Lessons/lesson1.html"
    assert from_lesson[0].href == "../Lessons/lesson1.html"
    assert "Summaries" not in {e.part for e in from_index}
    assert all("Summaries" not in e.href and "part2" not in e.href for e in from_index)


def test_lesson_page_fields(fastai_site: Path) -> None:
    page = fastai_course.parse_lesson((fastai_site / "Lessons/lesson5.html").read_text())
    assert page.title == "5: From-scratch model"
    assert page.youtube_id == "_rXzeWq4C6w"
    assert page.chapters == ("04_mnist_basics.ipynb", "09_tabular.ipynb")
    overview = fastai_course.parse_lesson((fastai_site / "Lessons/part2.html").read_text())
    assert overview.youtube_id is None


def _serve_site(server: HTTPServer, site: Path, broken: dict[str, Response] | None = None) -> None:
    def handler(request: Request) -> Response:
        path = request.path.lstrip("/") or "index.html"
        if broken and path in broken:
            return broken[path]
        target = site / path
        if not target.is_file():
            return Response("not found", status=404)
        return Response(target.read_bytes(), content_type="text/html; charset=utf-8")

    server.expect_request(re.compile(r"^/.*$")).respond_with_handler(handler)


def test_site_over_http(fastai_site: Path, server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    _serve_site(server, fastai_site)
    base = server.url_for("/")
    progress: list[str] = []
    loaded = fastai_course.load(base, fetcher=make_fetcher("fastai", on_progress=progress.append))
    assert loaded is not None
    assert _as_expected(loaded.result.items, base) == _expected(fastai_site)
    assert any("lesson 8a" in p for p in progress)


@pytest.mark.parametrize(
    ("broken", "kind"),
    [
        (Response("gone", status=404), "http"),
        (Response(b"%PDF-1.4", content_type="application/pdf"), "content_type"),
    ],
)
def test_failing_lesson_page_fails_the_whole_fetch(
    fastai_site: Path,
    server: HTTPServer,
    make_fetcher: MakeFetcher,
    broken: Response,
    kind: str,
) -> None:
    _serve_site(server, fastai_site, {"Lessons/lesson7.html": broken})
    with pytest.raises(FetchError) as info:
        fastai_course.load(server.url_for("/"), fetcher=make_fetcher("fastai"))
    assert info.value.kind == kind
    assert "fastai" in str(info.value)
    assert "lesson7.html" in str(info.value)


def _questions_per_chapter(result: ParseResult) -> dict[str, int]:
    counts: dict[str, int] = {}
    for q in result.questions:
        chapter = q.external_key.split(":")[1]
        counts[chapter] = counts.get(chapter, 0) + 1
    return counts


def _stem(name: str) -> str:
    return name.removesuffix(".ipynb")


def test_questionnaires_of_the_whole_book_from_a_folder(
    fastai_site: Path, tmp_path: Path, make_fetcher: MakeFetcher
) -> None:
    book = write_book(tmp_path / "book")
    loaded = fastai_course.load(
        str(fastai_site),
        fetcher=make_fetcher("fastai"),
        with_questionnaires=True,
        notebooks_from=str(book),
    )
    assert loaded is not None
    questions = loaded.result.questions
    # 19 chapters: 8 named by lesson pages, 11 linked only from Resources/book.html.
    assert _questions_per_chapter(loaded.result) == {_stem(c): 3 for c in CHAPTERS + BOOK_ONLY}
    assert len(questions) == 3 * 19
    chapters = [q.external_key.split(":")[1] for q in questions]
    assert chapters == sorted(chapters)  # in book order
    by_chapter = {q.external_key.split(":")[1]: q.item_key for q in questions}
    assert by_chapter["04_mnist_basics"] == "fastai:lesson3"  # first lesson naming chapter 4
    assert by_chapter["09_tabular"] == "fastai:lesson5"
    assert by_chapter["03_ethics"] == "fastai:lesson8a"
    assert {by_chapter[_stem(c)] for c in BOOK_ONLY} == {None}  # taught in no lesson
    first, second, third = [q for q in questions if q.external_key.startswith("fastbook:04_")]
    assert first.external_key == "fastbook:04_mnist_basics:q1"
    assert first.text == "What is test question one of chapter 04?"
    assert first.category == "Chapter 4 questionnaire"
    assert first.position == 1
    assert second.detail == "- the input\n- the label"
    # The question keeps its Markdown: emphasis, inline code and the link with its URL.
    assert third.text == (
        "Why check a **validation** set with `valid_pct=0.2`? See "
        "[the split docs](https://docs.example.org/data.html#split)."
    )
    pets = [q for q in questions if q.external_key.startswith("fastbook:05_pet_breeds:")]
    assert pets[0].category == "Chapter 5 questionnaire"
    assert not any("research task" in q.text for q in questions)
    assert loaded.result.skipped == (
        SkippedRow("notebook 20_conclusion.ipynb", "has no Questionnaire section"),
    )
    assert len(loaded.result.items) == 28


def test_a_translated_heading_after_questionnaire_still_gives_the_questions() -> None:
    text = notebook("12_nlp_dive.ipynb", translated_heading=True)
    result = fastai_course.parse_questionnaire(text, notebook_name="12_nlp_dive.ipynb")
    assert [q.position for q in result.questions] == [1, 2, 3]
    assert result.questions[0].text == "What is test question one of chapter 12?"
    assert not any("research task" in q.text for q in result.questions)
    # A heading after the questions still ends them, in any language.
    cells = [
        {"cell_type": "markdown", "source": "# # 问卷调查[机器翻译]\n\n## Questionnaire\n"},
        {"cell_type": "markdown", "source": "## Questionnaire\n# # 问卷调查\n\n1. 为什么?\n"},
        {"cell_type": "markdown", "source": "### 进一步研究\n\n1. Not a question here\n"},
    ]
    mixed = fastai_course.parse_questionnaire(
        json.dumps({"cells": cells}), notebook_name="05_pet_breeds.ipynb"
    )
    assert [q.text for q in mixed.questions] == ["为什么?"]


def _serve_notebooks(server: HTTPServer, folder: Path, content_type: str) -> str:
    def handler(request: Request) -> Response:
        target = folder / request.path.rsplit("/", 1)[-1]
        if not target.is_file():
            return Response("not found", status=404)
        return Response(target.read_bytes(), content_type=content_type)

    server.expect_request(re.compile(r"^/nb/.*")).respond_with_handler(handler)
    return server.url_for("/nb")


def test_questionnaires_over_http_as_octet_stream_and_inside_saved_site(
    fastai_site: Path,
    tmp_path: Path,
    server: HTTPServer,
    make_fetcher: MakeFetcher,
) -> None:
    book = write_book(tmp_path / "book")
    # What `python3 -m http.server` sends for .ipynb: the content decides, not the type.
    base = _serve_notebooks(server, book, "application/octet-stream")
    over_http = fastai_course.load(
        str(fastai_site),
        fetcher=make_fetcher("fastai"),
        with_questionnaires=True,
        notebooks_from=base,
    )
    site_copy = tmp_path / "site"
    shutil.copytree(fastai_site, site_copy)
    shutil.copytree(book, site_copy / "fastbook")
    inside = fastai_course.load(
        str(site_copy), fetcher=make_fetcher("fastai"), with_questionnaires=True
    )
    assert over_http is not None
    assert inside is not None
    assert over_http.result.questions == inside.result.questions
    assert len(inside.result.questions) == 57


def test_missing_or_broken_notebooks_skip_their_chapter_only(
    fastai_site: Path, tmp_path: Path, server: HTTPServer, make_fetcher: MakeFetcher
) -> None:
    book = write_book(tmp_path / "book")
    (book / "05_pet_breeds.ipynb").unlink()
    (book / "06_multicat.ipynb").write_text("{not json")
    (book / "07_sizing_and_tta.ipynb").write_text('{"nbformat": 4}')
    (book / "11_midlevel_data.ipynb").write_bytes(b"\x80\x81 not text")
    (book / "14_resnet.ipynb").write_text(" " * (fastai_course.NOTEBOOK_MAX_BYTES + 1))
    for notebooks_from in (str(book), _serve_notebooks(server, book, "text/plain")):
        loaded = fastai_course.load(
            str(fastai_site),
            fetcher=make_fetcher("fastai"),
            with_questionnaires=True,
            notebooks_from=notebooks_from,
        )
        assert loaded is not None
        assert len(loaded.result.items) == 28  # the lessons still import
        broken = {"05_pet_breeds", "06_multicat", "07_sizing_and_tta", "11_midlevel_data"}
        broken.add("14_resnet")
        assert (
            set(_questions_per_chapter(loaded.result))
            == {_stem(c) for c in CHAPTERS + BOOK_ONLY} - broken
        )
        reasons = {row.where: row.reason for row in loaded.result.skipped}
        assert "not valid notebook JSON" in reasons["notebook 06_multicat.ipynb"]
        assert reasons["notebook 07_sizing_and_tta.ipynb"] == (
            "is not a Jupyter notebook (no cells)"
        )
        assert "not valid utf-8 text" in reasons["notebook 11_midlevel_data.ipynb"]
        assert "32.0 MB limit" in reasons["notebook 14_resnet.ipynb"]
        missing = reasons["notebook 05_pet_breeds.ipynb"]
        if notebooks_from == str(book):
            assert missing == f"is not in {book}"
        else:
            assert "404" in missing
        assert len(reasons) == 6  # and 20_conclusion, without a questionnaire


def test_an_unreachable_notebook_host_is_tried_once(
    fastai_site: Path, make_fetcher: MakeFetcher
) -> None:
    with socket.socket() as probe:  # a port nothing listens on: connection refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    progress: list[str] = []
    loaded = fastai_course.load(
        str(fastai_site),
        fetcher=make_fetcher("fastai", on_progress=progress.append),
        with_questionnaires=True,
        notebooks_from=f"http://127.0.0.1:{port}/nb/",
    )
    assert loaded is not None
    assert len(loaded.result.items) == 28
    assert loaded.result.questions == ()
    reasons = [row.reason for row in loaded.result.skipped]
    assert len(reasons) == 20
    assert reasons[0].startswith(f"could not be read (http://127.0.0.1:{port}/nb/01_intro.ipynb)")
    assert all(
        r.startswith(f"not tried: 127.0.0.1:{port} could not be reached") for r in reasons[1:]
    )
    assert sum("questionnaire" in p for p in progress) == 1


def test_a_missing_notebooks_folder_fails_clearly(
    fastai_site: Path, tmp_path: Path, make_fetcher: MakeFetcher
) -> None:
    with pytest.raises(FetchError) as info:
        fastai_course.load(
            str(fastai_site),
            fetcher=make_fetcher("fastai"),
            with_questionnaires=True,
            notebooks_from=str(tmp_path / "no-such-folder"),
        )
    assert info.value.kind == "not_found"
    assert "notebooks folder does not exist" in str(info.value)


def test_a_saved_site_without_its_book_page_keeps_the_lesson_chapters(
    fastai_site: Path, tmp_path: Path, make_fetcher: MakeFetcher
) -> None:
    site_copy = tmp_path / "site"
    shutil.copytree(fastai_site, site_copy)
    (site_copy / "Resources" / "book.html").unlink()
    loaded = fastai_course.load(
        str(site_copy),
        fetcher=make_fetcher("fastai"),
        with_questionnaires=True,
        notebooks_from=str(write_book(tmp_path / "book")),
    )
    assert loaded is not None
    assert set(_questions_per_chapter(loaded.result)) == {_stem(c) for c in CHAPTERS}
    (row,) = loaded.result.skipped
    assert row.where == "the book page (./Resources/book.html)"
    assert "the file does not exist" in row.reason


def test_book_page_links_every_chapter(fastai_site: Path) -> None:
    assert fastai_course.book_pages((fastai_site / "index.html").read_text()) == [
        "./Resources/book.html"
    ]
    page = fastai_course.parse_lesson((fastai_site / "Resources/book.html").read_text())
    assert page.chapters == tuple(sorted(CHAPTERS + BOOK_ONLY + [CONCLUSION]))


def test_links_leaving_a_saved_site_are_refused(tmp_path: Path, make_fetcher: MakeFetcher) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "lesson1.html").write_text("<iframe src='https://youtu.be/abcdefghijk'>")
    (site / "index.html").write_text(
        '<nav id="quarto-sidebar"><ul><li class="sidebar-item sidebar-item-section">'
        '<div><a><span class="menu-text">Part 1</span></a></div><ul>'
        '<li class="sidebar-item"><a class="sidebar-link" href="../lesson1.html">'
        '<span class="menu-text">1: Escape</span></a></li></ul></li></ul></nav>'
    )
    with pytest.raises(FetchError, match="outside the saved site"):
        fastai_course.load(str(site), fetcher=make_fetcher("fastai"))


def test_page_without_navigation(tmp_path: Path, make_fetcher: MakeFetcher) -> None:
    (tmp_path / "index.html").write_text("<html><body><p>Not the course</p></body></html>")
    with pytest.raises(FetchError, match="no course navigation"):
        fastai_course.load(str(tmp_path), fetcher=make_fetcher("fastai"))


def test_questionnaire_edge_cases() -> None:
    junk = fastai_course.parse_questionnaire("{not json", notebook_name="01_intro.ipynb")
    assert junk.questions == ()
    assert "not valid notebook JSON" in junk.skipped[0].reason
    empty = fastai_course.parse_questionnaire(
        json.dumps({"cells": [{"cell_type": "markdown", "source": "# no questions"}]}),
        notebook_name="05_pet_breeds.ipynb",
    )
    assert "no Questionnaire" in empty.skipped[0].reason


@settings(max_examples=150, deadline=None, database=None)
@given(st.text())
def test_html_parsers_never_raise(text: str) -> None:
    entries, skipped = fastai_course.parse_nav(text)
    assert isinstance(entries, list)
    assert isinstance(skipped, list)
    assert isinstance(fastai_course.parse_lesson(text), fastai_course.LessonPage)
    result = fastai_course.parse_site(text, {"x": text})
    assert isinstance(result, ParseResult)


@settings(max_examples=150, deadline=None, database=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=30),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(
                st.sampled_from(["cells", "cell_type", "source", "markdown", "x"]),
                children,
                max_size=4,
            )
        ),
        max_leaves=20,
    )
)
def test_questionnaire_parser_never_raises(data: object) -> None:
    result = fastai_course.parse_questionnaire(json.dumps(data), notebook_name="01_intro.ipynb")
    assert isinstance(result, ParseResult)


@settings(max_examples=100, deadline=None, database=None)
@given(st.text(alphabet=st.sampled_from("#1. -*\n Questionnaire?x"), max_size=200))
def test_questionnaire_markdown_never_raises(markdown: str) -> None:
    notebook = json.dumps({"cells": [{"cell_type": "markdown", "source": markdown}]})
    assert isinstance(
        fastai_course.parse_questionnaire(notebook, notebook_name="01_intro.ipynb"), ParseResult
    )
