"""fast.ai course importer on the rendered site fixture, over HTTP, and with questionnaires.

The questionnaire notebooks here are small ones written for these tests in the
fastbook .ipynb structure; the book's own text is never copied.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from importers import fastai_course
from importers.http import Fetcher, FetchError
from importers.records import ItemRecord, ParseResult
from tests.importers.importers_support import CHAPTERS, write_notebooks

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


@pytest.fixture
def notebooks(tmp_path: Path) -> Path:
    return write_notebooks(tmp_path / "notebooks")


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


def test_questionnaires_from_a_folder(
    fastai_site: Path, notebooks: Path, make_fetcher: MakeFetcher
) -> None:
    loaded = fastai_course.load(
        str(fastai_site),
        fetcher=make_fetcher("fastai"),
        with_questionnaires=True,
        notebooks_from=str(notebooks),
    )
    assert loaded is not None
    questions = loaded.result.questions
    assert len(questions) == 3 * len(CHAPTERS)
    by_chapter = {q.external_key.split(":")[1]: q.item_key for q in questions}
    assert by_chapter["04_mnist_basics"] == "fastai:lesson3"  # first lesson naming chapter 4
    assert by_chapter["09_tabular"] == "fastai:lesson5"
    assert by_chapter["03_ethics"] == "fastai:lesson8a"
    first, second, third = [q for q in questions if q.external_key.startswith("fastbook:04_")]
    assert first.external_key == "fastbook:04_mnist_basics:q1"
    assert first.text == "What is test question one of chapter 04?"
    assert first.category == "Chapter 4 questionnaire"
    assert first.position == 1
    assert second.detail == "- the input\n- the label"
    assert third.text == "Why check a validation set?"
    assert not any("research task" in q.text for q in questions)
    assert all(item.kind == "course_video" for item in loaded.result.items)


def test_questionnaires_over_http_and_inside_saved_site(
    fastai_site: Path,
    notebooks: Path,
    tmp_path: Path,
    server: HTTPServer,
    make_fetcher: MakeFetcher,
) -> None:
    def notebook(request: Request) -> Response:
        name = request.path.rsplit("/", 1)[-1]
        return Response((notebooks / name).read_bytes(), content_type="text/plain; charset=utf-8")

    server.expect_request(re.compile(r"^/nb/.*")).respond_with_handler(notebook)
    over_http = fastai_course.load(
        str(fastai_site),
        fetcher=make_fetcher("fastai"),
        with_questionnaires=True,
        notebooks_from=server.url_for("/nb"),
    )
    site_copy = tmp_path / "site"
    shutil.copytree(fastai_site, site_copy)
    shutil.copytree(notebooks, site_copy / "fastbook")
    inside = fastai_course.load(
        str(site_copy), fetcher=make_fetcher("fastai"), with_questionnaires=True
    )
    assert over_http is not None
    assert inside is not None
    assert over_http.result.questions == inside.result.questions
    assert len(inside.result.questions) == 24


def test_missing_notebook_fails_clearly(
    fastai_site: Path, tmp_path: Path, make_fetcher: MakeFetcher
) -> None:
    with pytest.raises(FetchError) as info:
        fastai_course.load(
            str(fastai_site),
            fetcher=make_fetcher("fastai"),
            with_questionnaires=True,
            notebooks_from=str(tmp_path),
        )
    assert info.value.kind == "not_found"
    assert "01_intro.ipynb" in str(info.value)


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
