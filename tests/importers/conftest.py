"""Fixtures for the importer tests: real fixture files, a local HTTP server, no internet."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from importers.http import Fetcher
from tests.fixture_paths import FASTAI_SITE, PAPER_README, STUDY_NOTES, require


@pytest.fixture(scope="session")
def paper_readme() -> str:
    return require(PAPER_README).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def fastai_site() -> Path:
    return require(FASTAI_SITE)


@pytest.fixture(scope="session")
def study_notes_text() -> str:
    return require(STUDY_NOTES).read_text(encoding="utf-8")


def _is_local(host: object) -> bool:
    if not isinstance(host, str):
        return host is None
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True, scope="module")
def _no_internet() -> Iterator[None]:
    """Tests must never reach the internet: refuse to resolve any non-loopback host."""
    real = socket.getaddrinfo

    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_local(host):
            raise socket.gaierror(socket.EAI_NONAME, f"blocked in tests: {host}")
        return real(host, *args, **kwargs)

    patcher = pytest.MonkeyPatch()
    patcher.setattr(socket, "getaddrinfo", guarded)
    yield
    patcher.undo()


@pytest.fixture(scope="session")
def _server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def server(_server: HTTPServer) -> Iterator[HTTPServer]:
    """A real local HTTP server (threaded, so a slow handler does not block others)."""
    _server.clear()
    yield _server
    _server.clear()


@pytest.fixture
def make_fetcher() -> Callable[..., Fetcher]:
    """Fetchers with tiny timeouts and backoff so failure tests stay fast."""

    def make(source: str = "test-source", **kwargs: Any) -> Fetcher:
        kwargs.setdefault("timeout", (1.0, 1.0))
        kwargs.setdefault("retries", 2)
        kwargs.setdefault("backoff_factor", 0.01)
        kwargs.setdefault("retry_after_max", 2)
        return Fetcher(source, **kwargs)

    return make
