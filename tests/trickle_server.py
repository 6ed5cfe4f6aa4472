"""A raw HTTP server on 127.0.0.1 that answers as slowly as a hostile or broken one.

Each connection gets the request read, then (per ``mode``) the status line and headers at
once and the body one byte per ``interval``, or the headers themselves one byte at a time.
A byte now and then keeps any socket read timeout from ever firing.
"""

from __future__ import annotations

import socket
import threading
from typing import Literal

Mode = Literal["slow_body", "slow_headers", "silent_body"]


class TrickleServer:
    def __init__(
        self,
        mode: Mode = "slow_body",
        *,
        interval: float = 0.2,
        content_type: str = "text/plain; charset=utf-8",
    ) -> None:
        self.mode = mode
        self.interval = interval
        self.content_type = content_type
        self.headers_sent = threading.Event()
        """Set once a client has been sent the headers (or the first header byte)."""
        self.connections = 0
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.port = int(self._listener.getsockname()[1])
        self._threads: list[threading.Thread] = []
        self._accept = threading.Thread(target=self._serve, daemon=True)

    def url(self, path: str = "/README.md") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> TrickleServer:
        self._accept.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._accept.join()
        for thread in self._threads:
            thread.join()
        self._listener.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _addr = self._listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            thread = threading.Thread(target=self._answer, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(0.5)
            request = b""
            while b"\r\n\r\n" not in request and not self._stop.is_set():
                try:
                    chunk = conn.recv(4096)
                except TimeoutError:
                    continue
                except OSError:
                    return
                if not chunk:
                    return
                request += chunk
            head = (
                f"HTTP/1.1 200 OK\r\nContent-Type: {self.content_type}\r\n"
                "Content-Length: 1000000\r\n"
            ).encode()
            try:
                if self.mode == "slow_headers":
                    conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
                    self.headers_sent.set()
                    self._trickle(conn)
                    return
                conn.sendall(head + b"\r\n")
                self.headers_sent.set()
                if self.mode == "silent_body":
                    self._stop.wait()
                    return
                self._trickle(conn)
            except OSError:
                return

    def _trickle(self, conn: socket.socket) -> None:
        while not self._stop.wait(self.interval):
            conn.sendall(b"x")
