"""Fetch behaviour against a real local HTTP server and local files."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from importers import fetch_guard
from importers.http import (
    HTML_TYPES,
    MARKDOWN_TYPES,
    USER_AGENT,
    Document,
    FetchCancelled,
    Fetcher,
    FetchError,
    NotModified,
    Validators,
    join_location,
)

MakeFetcher = Callable[..., Fetcher]


def test_success_returns_text_validators_and_sends_user_agent(
    server: HTTPServer, make_fetcher: MakeFetcher
) -> None:
    server.expect_request("/page", headers={"User-Agent": USER_AGENT}).respond_with_data(
        "<h1>héllo</h1>",
        content_type="text/html; charset=utf-8",
        headers={"ETag": '"v1"', "Last-Modified": "Wed, 01 Jan 2025 00:00:00 GMT"},
    )
    result = make_fetcher().get(server.url_for("/page"), accept=HTML_TYPES)
    assert isinstance(result, Document)
    assert result.text == "<h1>héllo</h1>"
    assert result.validators == Validators('"v1"', "Wed, 01 Jan 2025 00:00:00 GMT")
    assert USER_AGENT.startswith("ThreePass/")
    assert "(+study planner)" in USER_AGENT


def test_conditional_get_304_is_not_modified(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request(
        "/readme", headers={"If-None-Match": '"v1"', "If-Modified-Since": "yesterday"}
    ).respond_with_data("", status=304, headers={"ETag": '"v1"'})
    previous = Validators(etag='"v1"', last_modified="yesterday")
    result = make_fetcher().get(
        server.url_for("/readme"), accept=MARKDOWN_TYPES, validators=previous
    )
    assert isinstance(result, NotModified)
    assert result.validators.etag == '"v1"'


def test_changed_source_with_validators_returns_new_document(
    server: HTTPServer, make_fetcher: MakeFetcher
) -> None:
    server.expect_request("/readme").respond_with_data(
        "new", content_type="text/plain", headers={"ETag": '"v2"'}
    )
    result = make_fetcher().get(
        server.url_for("/readme"), accept=MARKDOWN_TYPES, validators=Validators(etag='"v1"')
    )
    assert isinstance(result, Document)
    assert result.validators.etag == '"v2"'


def test_404_is_a_clear_http_error(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/missing").respond_with_data("nope", status=404)
    with pytest.raises(FetchError) as info:
        make_fetcher("paper-reading").get(server.url_for("/missing"), accept=MARKDOWN_TYPES)
    err = info.value
    assert err.kind == "http"
    assert err.source == "paper-reading"
    message = str(err)
    assert "paper-reading" in message
    assert "HTTP 404" in message
    assert message.endswith(".")
    assert message.count(". ") == 0  # one sentence


def test_500_then_success_is_retried(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_oneshot_request("/flaky").respond_with_data("boom", status=500)
    server.expect_request("/flaky").respond_with_data("ok", content_type="text/plain")
    result = make_fetcher().get(server.url_for("/flaky"), accept=MARKDOWN_TYPES)
    assert isinstance(result, Document)
    assert result.text == "ok"
    assert len(server.log) == 2


def test_persistent_500_gives_up_after_retries(
    server: HTTPServer, make_fetcher: MakeFetcher
) -> None:
    server.expect_request("/down").respond_with_data("boom", status=500)
    with pytest.raises(FetchError) as info:
        make_fetcher(retries=2).get(server.url_for("/down"), accept=MARKDOWN_TYPES)
    assert info.value.kind == "http"
    assert "HTTP 500" in str(info.value)
    assert len(server.log) == 3  # first try + 2 retries


@pytest.fixture
def pauses(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The retry policy's pauses, recorded instead of slept: what the fetcher decided to wait
    is asserted, not how long a loaded machine took."""
    recorded: list[float] = []
    monkeypatch.setattr(fetch_guard, "_pause", recorded.append)
    return recorded


def test_retry_after_is_honoured(
    server: HTTPServer, make_fetcher: MakeFetcher, pauses: list[float]
) -> None:
    server.expect_oneshot_request("/busy").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"}
    )
    server.expect_request("/busy").respond_with_data("ok", content_type="text/plain")
    result = make_fetcher().get(server.url_for("/busy"), accept=MARKDOWN_TYPES)
    assert isinstance(result, Document)
    assert result.text == "ok"
    assert pauses == [1.0]  # the server's Retry-After, not the 0.01 s backoff
    assert len(server.log) == 2


def test_huge_retry_after_is_capped(
    server: HTTPServer, make_fetcher: MakeFetcher, pauses: list[float]
) -> None:
    server.expect_oneshot_request("/busy").respond_with_data(
        "", status=503, headers={"Retry-After": "3600"}
    )
    server.expect_request("/busy").respond_with_data("ok", content_type="text/plain")
    result = make_fetcher(retry_after_max=1).get(server.url_for("/busy"), accept=MARKDOWN_TYPES)
    assert isinstance(result, Document)
    assert pauses == [1.0]


def test_response_slower_than_timeout(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    """The server answers only after the fetch has returned (or after 10 s if it never does):
    a timeout error proves the read timeout ended the wait, with no clock in the test."""
    answered = threading.Event()

    def late(_request: Request) -> Response:
        answered.wait(10)
        return Response("late", content_type="text/plain")

    server.expect_request("/slow").respond_with_handler(late)
    try:
        with pytest.raises(FetchError) as info:
            make_fetcher(timeout=(1.0, 0.2), retries=0).get(
                server.url_for("/slow"), accept=MARKDOWN_TYPES
            )
    finally:
        answered.set()
    assert info.value.kind == "timeout"
    assert "timed out" in str(info.value)


def test_oversize_body_with_content_length(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/big").respond_with_data("x" * 5000, content_type="text/plain")
    with pytest.raises(FetchError) as info:
        make_fetcher(max_bytes=1000).get(server.url_for("/big"), accept=MARKDOWN_TYPES)
    assert info.value.kind == "too_large"
    assert "limit" in str(info.value)


def test_oversize_streamed_body_is_cut_off(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    def chunks(_request: Request) -> Response:
        # A generator body has no Content-Length: only the streaming cap can stop it.
        return Response((b"y" * 1024 for _ in range(200)), content_type="text/plain")

    server.expect_request("/stream").respond_with_handler(chunks)
    with pytest.raises(FetchError) as info:
        make_fetcher(max_bytes=10_000).get(server.url_for("/stream"), accept=MARKDOWN_TYPES)
    assert info.value.kind == "too_large"


def test_non_html_body_is_rejected(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/image").respond_with_data(b"\x89PNG....", content_type="image/png")
    with pytest.raises(FetchError) as info:
        make_fetcher("fastai").get(server.url_for("/image"), accept=HTML_TYPES)
    assert info.value.kind == "content_type"
    assert "image/png" in str(info.value)
    assert "fastai" in str(info.value)


def test_undecodable_bytes(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/bad").respond_with_data(
        b"caf\xe9 \xff\xfe", content_type="text/plain; charset=utf-8"
    )
    with pytest.raises(FetchError) as info:
        make_fetcher().get(server.url_for("/bad"), accept=MARKDOWN_TYPES)
    assert info.value.kind == "undecodable"
    assert "utf-8" in str(info.value)


def test_declared_and_meta_charsets_are_used(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/gbk").respond_with_data(
        "论文精读".encode("gbk"), content_type="text/plain; charset=GBK"
    )
    server.expect_request("/meta").respond_with_data(
        '<meta charset="gbk"><p>课程</p>'.encode("gbk"), content_type="text/html"
    )
    fetcher = make_fetcher()
    gbk = fetcher.get(server.url_for("/gbk"), accept=MARKDOWN_TYPES)
    meta = fetcher.get(server.url_for("/meta"), accept=HTML_TYPES)
    assert isinstance(gbk, Document)
    assert gbk.text == "论文精读"
    assert isinstance(meta, Document)
    assert "课程" in meta.text


def test_unknown_charset(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/x").respond_with_data(
        b"abc", content_type="text/plain; charset=klingon"
    )
    with pytest.raises(FetchError, match="unknown text encoding"):
        make_fetcher().get(server.url_for("/x"), accept=MARKDOWN_TYPES)


def test_too_many_redirects(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/loop").respond_with_data(
        "", status=302, headers={"Location": server.url_for("/loop")}
    )
    with pytest.raises(FetchError) as info:
        make_fetcher(max_redirects=3).get(server.url_for("/loop"), accept=MARKDOWN_TYPES)
    assert info.value.kind == "redirects"


def test_redirect_is_followed(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    server.expect_request("/new").respond_with_data("moved", content_type="text/plain")
    result = make_fetcher().get(server.url_for("/old"), accept=MARKDOWN_TYPES)
    assert isinstance(result, Document)
    assert result.location.endswith("/new")


def test_connection_refused(make_fetcher: MakeFetcher) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError) as info:
        make_fetcher(retries=0).get(f"http://127.0.0.1:{port}/x", accept=MARKDOWN_TYPES)
    assert info.value.kind == "refused"
    assert "refused" in str(info.value)


def test_dns_failure(make_fetcher: MakeFetcher) -> None:
    # The test guard refuses to resolve non-local names, exactly like a failed DNS lookup.
    with pytest.raises(FetchError) as info:
        make_fetcher("paper-reading", retries=0).get(
            "https://no-such-host.invalid/README.md", accept=MARKDOWN_TYPES
        )
    assert info.value.kind == "dns"
    assert "no-such-host.invalid" in str(info.value)
    assert "DNS" in str(info.value)


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "http:///nohost"])
def test_only_http_urls(url: str, make_fetcher: MakeFetcher) -> None:
    with pytest.raises(FetchError) as info:
        make_fetcher().get(url, accept=MARKDOWN_TYPES)
    assert info.value.kind == "invalid"


def test_cancel_stops_before_download(server: HTTPServer, make_fetcher: MakeFetcher) -> None:
    with pytest.raises(FetchCancelled):
        make_fetcher(should_cancel=lambda: True).get(server.url_for("/x"), accept=MARKDOWN_TYPES)
    assert server.log == []


def test_local_files(tmp_path: Path, make_fetcher: MakeFetcher) -> None:
    fetcher = make_fetcher(max_bytes=100)
    good = tmp_path / "notes.md"
    good.write_bytes("\ufeff# 笔记\n".encode())
    result = fetcher.get(str(good), accept=MARKDOWN_TYPES)
    assert isinstance(result, Document)
    assert result.text == "# 笔记\n"

    big = tmp_path / "big.md"
    big.write_text("x" * 101)
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\xff\xfe\xfa")
    cases = [(tmp_path / "nope.md", "not_found"), (tmp_path, "not_found"), (big, "too_large")]
    for path, kind in cases:
        with pytest.raises(FetchError) as info:
            fetcher.get(str(path), accept=MARKDOWN_TYPES)
        assert info.value.kind == kind, path
    with pytest.raises(FetchError) as info:
        fetcher.get(str(bad), accept=MARKDOWN_TYPES)
    assert info.value.kind == "undecodable"


def test_validators_round_trip() -> None:
    v = Validators(etag='"abc"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT")
    assert Validators.from_dict(v.to_dict()) == v
    assert Validators.from_dict(None) == Validators()
    assert not Validators()
    assert Validators.from_dict({"etag": 3}) == Validators()


def test_join_location(tmp_path: Path) -> None:
    assert join_location("https://a.org/x/index.html", "./L/l1.html") == "https://a.org/x/L/l1.html"
    page = tmp_path / "Lessons" / "lesson1.html"
    assert join_location(str(page), "../Lessons/lesson%202.html#v") == str(
        tmp_path / "Lessons" / "lesson 2.html"
    )
