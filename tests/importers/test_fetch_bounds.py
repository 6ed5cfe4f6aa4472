"""Bounded fetches: a deadline per download, Cancel during a blocked read, no private
addresses the user did not name, and only regular local files.

The slow servers are raw sockets on 127.0.0.1 (see trickle_server.py). Private
addresses are never contacted: every outgoing connection is recorded and refused
unless it is to loopback, and the tests check that none was even attempted.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import urllib3.util.connection
from pytest_httpserver import HTTPServer
from werkzeug import Response

from importers import fastai_course, study_notes
from importers.http import (
    HTML_TYPES,
    MARKDOWN_TYPES,
    Document,
    FetchCancelled,
    Fetcher,
    FetchError,
)
from tests.trickle_server import Mode, TrickleServer

WAIT = 30.0
"""How long a test waits for a fetch it expects to have ended; only a hang reaches it."""


class Outcome:
    def __init__(self) -> None:
        self.result: object = None
        self.error: BaseException | None = None


def _in_thread(fetch: Callable[[], object]) -> tuple[threading.Thread, Outcome]:
    outcome = Outcome()

    def run() -> None:
        try:
            outcome.result = fetch()
        except BaseException as exc:  # the test inspects it
            outcome.error = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every address urllib3 connects to; anything but loopback is refused, never sent."""
    made: list[tuple[str, int]] = []
    real = urllib3.util.connection.create_connection

    def guarded(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        made.append(address)
        host = address[0]
        if host not in ("127.0.0.1", "::1", "localhost"):
            raise OSError(f"test refused a connection to {host}")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(urllib3.util.connection, "create_connection", guarded)
    return made


# ---- the deadline -----------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["slow_body", "slow_headers"])
def test_a_trickling_server_is_stopped_at_the_deadline(mode: Mode) -> None:
    """One byte every 0.2 s never trips the 5 s read timeout; the 1 s deadline stops it."""
    with TrickleServer(mode, interval=0.2) as server:
        fetcher = Fetcher("paper-reading", timeout=(5.0, 5.0), deadline=1.0, retries=0)
        thread, outcome = _in_thread(lambda: fetcher.get(server.url(), accept=MARKDOWN_TYPES))
        thread.join(WAIT)
        assert not thread.is_alive(), "the fetch did not stop at its deadline"
    err = outcome.error
    assert isinstance(err, FetchError)
    assert err.kind == "timeout"
    assert str(err) == (
        f"Could not fetch paper-reading from {server.url()}: it took longer than the 1 s "
        "allowed for one download (the server is sending too slowly)."
    )


def test_the_deadline_is_not_retried_into_a_second_download() -> None:
    with TrickleServer("slow_headers", interval=0.2) as server:
        fetcher = Fetcher("paper-reading", timeout=(5.0, 5.0), deadline=1.0, retries=3)
        thread, outcome = _in_thread(lambda: fetcher.get(server.url(), accept=MARKDOWN_TYPES))
        thread.join(WAIT)
        assert not thread.is_alive()
    assert isinstance(outcome.error, FetchError)
    assert outcome.error.kind == "timeout"
    assert server.connections == 1


# ---- cancel -----------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["silent_body", "slow_headers"])
def test_cancel_interrupts_a_blocked_read(mode: Mode) -> None:
    """The read would block for 60 s (timeout) and the deadline is 10 min: only the
    cancel can end the fetch before the test gives up waiting."""
    cancel = threading.Event()
    with TrickleServer(mode, interval=3600) as server:
        fetcher = Fetcher(
            "paper-reading",
            timeout=(5.0, 60.0),
            deadline=600.0,
            retries=3,
            should_cancel=cancel.is_set,
        )
        thread, outcome = _in_thread(lambda: fetcher.get(server.url(), accept=MARKDOWN_TYPES))
        assert server.headers_sent.wait(WAIT)
        cancel.set()
        thread.join(WAIT)
        assert not thread.is_alive(), "Cancel did not interrupt the blocked read"
    assert isinstance(outcome.error, FetchCancelled)
    assert server.connections == 1  # not retried after the cancel


def test_cancel_ends_a_retry_after_pause(server: HTTPServer) -> None:
    """A 503 asking to retry in 60 s: the pause ends with the cancel, not after a minute."""
    asked = threading.Event()

    def busy(_request: object) -> Response:
        asked.set()
        return Response("busy", status=503, headers={"Retry-After": "60"})

    server.expect_request("/README.md").respond_with_handler(busy)
    cancel = threading.Event()
    fetcher = Fetcher(
        "paper-reading", retries=2, retry_after_max=60, deadline=600.0, should_cancel=cancel.is_set
    )
    thread, outcome = _in_thread(
        lambda: fetcher.get(server.url_for("/README.md"), accept=MARKDOWN_TYPES)
    )
    assert asked.wait(WAIT)
    cancel.set()
    thread.join(WAIT)
    assert not thread.is_alive()
    assert isinstance(outcome.error, FetchCancelled)


# ---- links and redirects to private addresses -------------------------------------------------

PRIVATE_TARGETS = [
    "http://10.0.0.1/lesson.html",
    "http://169.254.169.254/latest/meta-data/",
    "http://192.168.1.1/",
    "http://[::ffff:10.0.0.1]/",
    "http://[fe80::1]/",
    "http://0.0.0.0/",
]


@pytest.mark.parametrize("target", PRIVATE_TARGETS)
def test_a_redirect_to_a_private_address_is_refused_without_a_request(
    server: HTTPServer, connects: list[tuple[str, int]], target: str
) -> None:
    server.expect_request("/README.md").respond_with_response(
        Response("", status=302, headers={"Location": target})
    )
    fetcher = Fetcher("paper-reading", retries=0)
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url_for("/README.md"), accept=MARKDOWN_TYPES)
    assert caught.value.kind == "off_site"
    assert "a private, loopback or link-local address" in str(caught.value)
    assert all(host == "127.0.0.1" for host, _port in connects), connects


def test_a_name_resolving_to_a_private_address_is_refused_without_a_request(
    server: HTTPServer, connects: list[tuple[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = socket.getaddrinfo

    def resolve(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "intranet.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.1", port or 80))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    server.expect_request("/README.md").respond_with_response(
        Response("", status=302, headers={"Location": "http://intranet.test/secret"})
    )
    with pytest.raises(FetchError) as caught:
        Fetcher("paper-reading", retries=0).get(server.url_for("/README.md"), accept=MARKDOWN_TYPES)
    assert str(caught.value) == (
        f"Could not fetch paper-reading from {server.url_for('/README.md')}: it leads to "
        "intranet.test (10.0.0.1), a private, loopback or link-local address, which is "
        "fetched only when you name it yourself."
    )
    assert ("10.0.0.1", 80) not in connects


def test_the_users_own_loopback_location_is_fetched(
    server: HTTPServer, connects: list[tuple[str, int]]
) -> None:
    """The rule's exception: --from on this machine (every local-server test relies on it)."""
    server.expect_request("/README.md").respond_with_data("ok", content_type="text/plain")
    result = Fetcher("paper-reading").get(server.url_for("/README.md"), accept=MARKDOWN_TYPES)
    assert isinstance(result, Document)
    assert result.text == "ok"


@pytest.fixture
def other_server() -> Iterator[HTTPServer]:
    other = HTTPServer(host="127.0.0.1", port=0)
    other.start()
    yield other
    other.clear()
    other.stop()


@pytest.mark.parametrize(
    "where",
    ["other_port", "//10.0.0.1/Lessons/lesson1.html", "http://169.254.169.254/lesson1.html"],
)
def test_a_lesson_link_leaving_the_origin_is_refused_without_a_request(
    server: HTTPServer,
    other_server: HTTPServer,
    connects: list[tuple[str, int]],
    fastai_site: Path,
    where: str,
) -> None:
    href = other_server.url_for("/Lessons/lesson1.html") if where == "other_port" else where
    other_server.expect_request("/Lessons/lesson1.html").respond_with_data(
        "<h1>Lesson 1</h1>", content_type="text/html"
    )
    index = (fastai_site / "index.html").read_text(encoding="utf-8")
    entries, _skipped = fastai_course.parse_nav(index)
    assert entries, "the saved site must have a navigation"
    first = entries[0].href
    server.expect_request("/").respond_with_data(
        index.replace(f'href="{first}"', f'href="{href}"'),
        content_type="text/html; charset=utf-8",
    )
    with pytest.raises(FetchError) as caught:
        fastai_course.load(server.url_for("/"), fetcher=Fetcher("fast.ai", retries=0))
    assert "leaves the site" in str(caught.value)
    assert other_server.log == []
    assert {host for host, _port in connects} <= {"127.0.0.1"}
    assert {port for _host, port in connects} == {server.port}


def test_redirect_of_a_lesson_to_another_port_is_refused(
    server: HTTPServer, other_server: HTTPServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    other_server.expect_request("/page").respond_with_data("<h1>x</h1>", content_type="text/html")
    server.expect_request("/page").respond_with_response(
        Response("", status=302, headers={"Location": other_server.url_for("/page")})
    )
    with pytest.raises(FetchError) as caught:
        make_fetcher().get(
            server.url_for("/page"), accept=HTML_TYPES, same_site_as=server.url_for("/")
        )
    assert caught.value.kind == "off_site"
    assert f"which is not on the site http://127.0.0.1:{server.port}" in str(caught.value)
    assert other_server.log == []


# ---- local files: regular files only ----------------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "notes.md"
    os.mkfifo(path)
    return path


def test_a_fifo_is_refused_without_waiting_for_a_writer(fifo: Path) -> None:
    thread, outcome = _in_thread(lambda: study_notes.fetch(str(fifo)))
    thread.join(WAIT)
    assert not thread.is_alive(), "reading the FIFO blocked"
    assert isinstance(outcome.error, FetchError)
    assert str(outcome.error) == (
        f"Could not fetch notes from {fifo}: it is a FIFO (named pipe), not a regular file."
    )


def test_a_symlink_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "README.md"
    link.symlink_to("/dev/zero")
    with pytest.raises(FetchError) as caught:
        Fetcher("paper-reading").get(str(link), accept=MARKDOWN_TYPES)
    assert "it is a device, not a regular file" in str(caught.value)


def test_fastai_notebooks_from_a_fifo_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    os.mkfifo(folder / "01_intro.ipynb")
    site = fastai_course.Site("", "")
    where = fastai_course.notebook_source(str(folder), site, Fetcher("fast.ai")).locate(
        "01_intro.ipynb"
    )
    assert where is not None
    with pytest.raises(FetchError) as caught:
        Fetcher("fast.ai").get(where, accept=MARKDOWN_TYPES)
    assert "FIFO" in str(caught.value)
