"""Redirects are followed hop by hop: only to http(s), and for crawled pages only on the site.

The local server listens on 127.0.0.1; the same server named ``localhost`` is another
site under the importers' rule (host names are compared as written), so an off-site
redirect needs no second machine and never leaves this one.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

import desktop.cli.import_cmds as import_cmds
from desktop.app import main
from importers import fastai_course
from importers.http import MARKDOWN_TYPES, Document, Fetcher, FetchError, same_site
from models.db import Database
from models.services.transfer import TransferService, dumps_document

MakeFetcher = Callable[..., Fetcher]

OTHER_VIDEO = "zzzzzzzzzzz"
"""The video id the off-site page would smuggle in."""


def _elsewhere(server: HTTPServer, path: str) -> str:
    """The same local server under another host name: a different site."""
    url = server.url_for(path)
    assert "//127.0.0.1:" in url
    return url.replace("//127.0.0.1:", "//localhost:", 1)


def _requested(server: HTTPServer) -> list[str]:
    return [request.path for request, _response in server.log]


def _redirect(location: str, status: int = 302) -> Response:
    return Response("", status=status, headers={"Location": location})


def _serve_site(server: HTTPServer, site: Path, special: dict[str, Response]) -> None:
    """The saved fast.ai site, plus ``special`` answers keyed by path."""

    def handler(request: Request) -> Response:
        path = request.path.lstrip("/") or "index.html"
        if path in special:
            return special[path]
        if path.startswith("elsewhere/"):  # what another host would answer
            html = f"<h1>Not the course</h1><iframe src='https://youtu.be/{OTHER_VIDEO}'>"
            return Response(html, content_type="text/html; charset=utf-8")
        target = site / path.removeprefix("moved/")
        if not target.is_file():
            return Response("not found", status=404)
        return Response(target.read_bytes(), content_type="text/html; charset=utf-8")

    server.expect_request(re.compile(r"^/.*$")).respond_with_handler(handler)


# ---- the rule ---------------------------------------------------------------------------------


def test_same_site_compares_scheme_host_and_port() -> None:
    assert same_site("https://course.fast.ai/Lessons/x.html", "https://course.fast.ai/")
    assert same_site("https://course.fast.ai:443/x", "https://COURSE.fast.ai/")
    assert not same_site("http://course.fast.ai:8080/x", "https://course.fast.ai/")
    assert not same_site("http://course.fast.ai/x", "https://course.fast.ai/")
    assert not same_site("https://course.fast.ai:8443/x", "https://course.fast.ai/")
    assert not same_site("https://evil.example/x", "https://course.fast.ai/")
    assert not same_site("http://localhost:1/x", "http://127.0.0.1:1/")
    assert not same_site("file:///etc/passwd", "https://course.fast.ai/")


# ---- the fetcher ------------------------------------------------------------------------------


def test_redirect_on_the_site_is_followed(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/mid"})
    server.expect_request("/mid").respond_with_response(_redirect(server.url_for("/new"), 307))
    server.expect_request("/new").respond_with_data("moved", content_type="text/plain")
    result = make_fetcher().get(
        server.url_for("/old"), accept=MARKDOWN_TYPES, same_site_as=server.url_for("/")
    )
    assert isinstance(result, Document)
    assert result.text == "moved"
    assert result.location == server.url_for("/new")


@pytest.mark.parametrize("hops_on_site", [0, 2])
def test_redirect_off_the_site_is_refused_before_it_is_requested(
    server: HTTPServer, make_fetcher: MakeFetcher, hops_on_site: int
) -> None:
    off_site = _elsewhere(server, "/landing")
    for n in range(hops_on_site):
        server.expect_request(f"/hop{n}").respond_with_response(_redirect(f"/hop{n + 1}"))
    server.expect_request(f"/hop{hops_on_site}").respond_with_response(_redirect(off_site))
    server.expect_request("/landing").respond_with_data("other site", content_type="text/plain")
    with pytest.raises(FetchError) as info:
        make_fetcher("fastai").get(
            server.url_for("/hop0"), accept=MARKDOWN_TYPES, same_site_as=server.url_for("/")
        )
    assert info.value.kind == "off_site"
    assert str(info.value) == (
        f"Could not fetch fastai from {server.url_for('/hop0')}: "
        f"it redirected to {off_site}, which is not on the site 127.0.0.1."
    )
    assert "/landing" not in _requested(server)  # checked at the hop, not after the fact


def test_protocol_relative_redirect_to_another_host_is_refused(
    server: HTTPServer, make_fetcher: MakeFetcher
) -> None:
    off_site = _elsewhere(server, "/landing")
    server.expect_request("/page").respond_with_response(_redirect(off_site.removeprefix("http:")))
    with pytest.raises(FetchError) as info:
        make_fetcher().get(
            server.url_for("/page"), accept=MARKDOWN_TYPES, same_site_as=server.url_for("/")
        )
    assert info.value.kind == "off_site"
    assert off_site in str(info.value)


def test_without_a_site_other_hosts_are_followed(
    server: HTTPServer, make_fetcher: MakeFetcher
) -> None:
    """Plain downloads (a README, a notebook) may move to a mirror; only crawls are fenced."""
    server.expect_request("/page").respond_with_response(_redirect(_elsewhere(server, "/landing")))
    server.expect_request("/landing").respond_with_data("mirror", content_type="text/plain")
    result = make_fetcher().get(server.url_for("/page"), accept=MARKDOWN_TYPES)
    assert isinstance(result, Document)
    assert result.text == "mirror"
    assert result.location == _elsewhere(server, "/landing")


@pytest.mark.parametrize(
    "target",
    [
        "file:///etc/passwd",
        "ftp://127.0.0.1/README.md",
        "javascript:alert(1)",
        "data:text/plain,hello",
        "mailto:someone@example.com",
    ],
)
@pytest.mark.parametrize("fenced", [False, True])
def test_redirect_to_another_scheme_is_refused(
    server: HTTPServer, make_fetcher: MakeFetcher, target: str, fenced: bool
) -> None:
    server.expect_request("/page").respond_with_response(_redirect(target))
    with pytest.raises(FetchError) as info:
        make_fetcher().get(
            server.url_for("/page"),
            accept=MARKDOWN_TYPES,
            same_site_as=server.url_for("/") if fenced else None,
        )
    assert info.value.kind == "invalid"
    assert "which is not an http:// or https:// address" in str(info.value)


def test_redirect_cap_counts_hops(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    for n in range(3):
        server.expect_request(f"/r{n}").respond_with_response(_redirect(f"/r{n + 1}"))
    server.expect_request("/r3").respond_with_data("end", content_type="text/plain")
    three = make_fetcher(max_redirects=3).get(server.url_for("/r0"), accept=MARKDOWN_TYPES)
    assert isinstance(three, Document)
    assert three.text == "end"
    with pytest.raises(FetchError) as info:
        make_fetcher(max_redirects=2).get(server.url_for("/r0"), accept=MARKDOWN_TYPES)
    assert info.value.kind == "redirects"
    assert "redirected too many times" in str(info.value)


# ---- the fast.ai crawl ------------------------------------------------------------------------


def test_lesson_page_redirecting_off_site_fails_the_fetch(
    fastai_site: Path, server: HTTPServer, make_fetcher: MakeFetcher
) -> None:
    off_site = _elsewhere(server, "/elsewhere/lesson7.html")
    _serve_site(server, fastai_site, {"Lessons/lesson7.html": _redirect(off_site)})
    with pytest.raises(FetchError) as info:
        fastai_course.load(server.url_for("/"), fetcher=make_fetcher("fastai"))
    assert info.value.kind == "off_site"
    assert str(info.value) == (
        f"Could not fetch fastai from {server.url_for('/Lessons/lesson7.html')}: "
        f"it redirected to {off_site}, which is not on the site 127.0.0.1."
    )
    assert "/elsewhere/lesson7.html" not in _requested(server)


def test_lesson_page_redirecting_on_the_site_is_imported(
    fastai_site: Path, server: HTTPServer, make_fetcher: MakeFetcher
) -> None:
    _serve_site(
        server, fastai_site, {"Lessons/lesson7.html": _redirect("/moved/Lessons/lesson7.html")}
    )
    loaded = fastai_course.load(server.url_for("/"), fetcher=make_fetcher("fastai"))
    assert loaded is not None
    assert len(loaded.result.items) == 28
    assert "/moved/Lessons/lesson7.html" in _requested(server)


def test_lesson_page_redirecting_to_a_file_is_refused(
    fastai_site: Path, server: HTTPServer, make_fetcher: MakeFetcher
) -> None:
    _serve_site(server, fastai_site, {"Lessons/lesson7.html": _redirect("file:///etc/passwd")})
    with pytest.raises(FetchError) as info:
        fastai_course.load(server.url_for("/"), fetcher=make_fetcher("fastai"))
    assert info.value.kind == "invalid"
    assert "lesson7.html" in str(info.value)
    assert "file:///etc/passwd, which is not an http:// or https:// address" in str(info.value)


def test_cli_refuses_the_import_and_keeps_what_was_imported(
    fastai_site: Path,
    server: HTTPServer,
    data_dir: Path,
    db: Database,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A second import whose lesson page now redirects off-site writes nothing."""
    monkeypatch.setattr(
        import_cmds,
        "_fetcher",
        lambda source: Fetcher(source, retries=1, backoff_factor=0.01, timeout=(1.0, 1.0)),
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))

    def run() -> tuple[int, str]:
        capsys.readouterr()
        try:
            code = main(["--data-dir", str(data_dir), "import", "fastai", "--from", base])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        return code, capsys.readouterr().err

    base = server.url_for("/")
    _serve_site(server, fastai_site, {})
    assert run() == (0, "")
    before = dumps_document(TransferService(db).export_document())
    assert TransferService(db).content_counts()["items"] == 28

    server.clear()
    off_site = _elsewhere(server, "/elsewhere/lesson7.html")
    _serve_site(server, fastai_site, {"Lessons/lesson7.html": _redirect(off_site, 301)})
    code, err = run()
    assert code == 2
    assert err.strip() == (
        f"threepass: Could not fetch fastai from {server.url_for('/Lessons/lesson7.html')}: "
        f"it redirected to {off_site}, which is not on the site 127.0.0.1."
    )
    assert dumps_document(TransferService(db).export_document()) == before
    assert OTHER_VIDEO not in before


def test_redirect_status_without_location_is_an_error(
    server: HTTPServer, make_fetcher: MakeFetcher
) -> None:
    server.expect_request("/page").respond_with_data("moved", status=302)
    with pytest.raises(FetchError) as info:
        make_fetcher().get(server.url_for("/page"), accept=MARKDOWN_TYPES)
    assert info.value.kind == "http"
    assert "HTTP 302" in str(info.value)
    assert str(info.value).endswith("without saying where to.")
