"""A refused connection fails at once: nothing listens there, so retrying after a pause only
keeps the user waiting (it took ~5 s on 127.0.0.1 with the default retries)."""

from __future__ import annotations

import socket

import pytest

from importers import fetch_guard
from importers.http import DEFAULT_RETRIES, MARKDOWN_TYPES, Fetcher, FetchError


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_refused_connection_is_tried_once_without_pauses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    attempts: list[str] = []
    pauses: list[float] = []
    connect = fetch_guard.GuardedHTTPConnection._new_conn

    def counted(self: fetch_guard.GuardedHTTPConnection) -> socket.socket:
        attempts.append(self.host)
        return connect(self)

    monkeypatch.setattr(fetch_guard.GuardedHTTPConnection, "_new_conn", counted)
    monkeypatch.setattr(fetch_guard, "_pause", pauses.append)
    assert DEFAULT_RETRIES > 0  # the default policy, which does retry other failures
    with pytest.raises(FetchError) as info:
        Fetcher("test-source").get(f"http://127.0.0.1:{free_port()}/x", accept=MARKDOWN_TYPES)
    assert info.value.kind == "refused"
    assert attempts == ["127.0.0.1"]
    assert pauses == []
