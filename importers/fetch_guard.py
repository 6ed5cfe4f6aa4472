"""Limits one fetch enforces from outside the thread that runs it.

Socket timeouts bound each read, not a download: a server trickling one byte a second
resets them forever. A :class:`Watch` runs beside each fetch and, at the fetch's deadline
or when the user cancels, shuts down the sockets the fetch uses, which wakes a ``recv()``
blocked in the fetching thread at once (closing the socket would not, on Linux).

The connection classes here also refuse to connect to a private, loopback, link-local
or otherwise non-public address unless the user's own location (``--from``) resolves to
it: a page or a redirect must not make ThreePass reach into the user's network (router,
cloud metadata). The address is checked after name resolution and the connection goes to
the checked address, so a name that resolves differently the second time gains nothing.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, Literal, Self

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import MaxRetryError
from urllib3.util.retry import Retry

StopReason = Literal["deadline", "cancelled"]

_TICK = 0.1
"""Seconds between two looks at the cancel flag: Cancel takes effect within this."""

_local = threading.local()


class Stopped(Exception):
    """Raised in the fetching thread when its watch has fired (the caller explains why)."""


class PrivateAddressError(Exception):
    """A connection to a non-public address the user did not name; ``str()`` says which."""

    def __init__(self, host: str, address: str) -> None:
        self.host = host
        self.address = address
        shown = host if host == address else f"{host} ({address})"
        super().__init__(shown)


def is_public(address: str) -> bool:
    """True for a globally routable unicast address (a literal IPv4 or IPv6 address)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def literal_address(host: str) -> str | None:
    """``host`` as an IP address if it is written as one (``[::1]`` included), else None."""
    bare = host.strip("[]")
    try:
        return str(ipaddress.ip_address(bare.split("%", 1)[0]))
    except ValueError:
        return None


class Watch:
    """Stops one fetch at its deadline or on cancel, from a thread of its own."""

    def __init__(
        self,
        deadline: float,
        should_cancel: Callable[[], bool] | None,
        *,
        trusted_host: str | None,
    ) -> None:
        self.deadline = deadline
        self.trusted_host = trusted_host.lower() if trusted_host else None
        self.reason: StopReason | None = None
        self._should_cancel = should_cancel
        self._lock = threading.Lock()
        self._connections: list[HTTPConnection] = []
        self._finished = threading.Event()
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self._previous: Watch | None = None
        self._trusted_addresses: frozenset[str] | None = None

    def allows(self, address: str) -> bool:
        """A public address, or one the user's own host resolves to."""
        if is_public(address):
            return True
        if self._trusted_addresses is None:
            self._trusted_addresses = _addresses_of(self.trusted_host)
        return _canonical(address) in self._trusted_addresses

    def __enter__(self) -> Watch:
        self._previous = getattr(_local, "watch", None)
        _local.watch = self
        self._thread = threading.Thread(target=self._run, name="fetch-watch", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._finished.set()
        _local.watch = self._previous
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        end = time.monotonic() + self.deadline
        while True:
            left = end - time.monotonic()
            if left <= 0:
                self.stop("deadline")
                return
            tick = min(_TICK, left) if self._should_cancel is not None else left
            if self._finished.wait(tick):
                return
            if self._should_cancel is not None and self._should_cancel():
                self.stop("cancelled")
                return

    def stop(self, reason: StopReason) -> None:
        """Safe from any thread: wake the fetching thread wherever it blocks on a socket."""
        with self._lock:
            if self.reason is not None:
                return
            self.reason = reason
            connections = list(self._connections)
        self._stopped.set()
        for connection in connections:
            _shut(connection)

    def attach(self, connection: HTTPConnection) -> None:
        with self._lock:
            if self.reason is None:
                self._connections.append(connection)
                return
        _shut(connection)
        raise Stopped()

    def sleep(self, seconds: float) -> None:
        """A retry's pause that a cancel or the deadline ends early."""
        if self._stopped.wait(seconds):
            raise Stopped()


def _canonical(address: str) -> str:
    return str(ipaddress.ip_address(address.split("%", 1)[0]))


def _addresses_of(host: str | None) -> frozenset[str]:
    if not host:
        return frozenset()
    literal = literal_address(host)
    if literal is not None:
        return frozenset({literal})
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except OSError:
        return frozenset()
    return frozenset(_canonical(str(info[4][0])) for info in infos)


def check_url_host(host: str) -> None:
    """Refuse an address written in a URL (``10.0.0.1``, ``[::1]``) before any request;
    names are checked after resolution, when connecting."""
    watch = current()
    literal = literal_address(host)
    if watch is None or literal is None:
        return
    if watch.trusted_host is not None and host.lower() == watch.trusted_host:
        return
    if not watch.allows(literal):
        raise PrivateAddressError(host, literal)


def current() -> Watch | None:
    """The watch of the fetch running in this thread, if any."""
    return getattr(_local, "watch", None)


def _shut(connection: HTTPConnection) -> None:
    sock = connection.sock
    if sock is None:
        return
    # The plain socket's shutdown: SSLSocket's would drop its state under the reader.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _checked_address(connection: HTTPConnection) -> str | None:
    """The address to connect to once checked (None: connect as urllib3 would).

    Refuses a host whose addresses are all non-public ones the user did not name;
    of several addresses, only an allowed one is used.
    """
    watch = current()
    if watch is None:
        return None
    if watch.reason is not None:
        raise Stopped()
    if getattr(connection, "proxy", None) is not None:
        return None  # the user's own proxy: the target was checked as a URL beforehand
    host = connection.host.lower()
    if watch.trusted_host is not None and host == watch.trusted_host.rstrip("."):
        return None
    try:
        infos = socket.getaddrinfo(host, connection.port, type=socket.SOCK_STREAM)
    except OSError:
        return None  # urllib3's own lookup reports the failure in its words
    addresses = [str(info[4][0]) for info in infos]
    allowed = [address for address in addresses if watch.allows(address)]
    if addresses and not allowed:
        raise PrivateAddressError(connection.host, addresses[0])
    return allowed[0] if allowed else None


def _connect(connection: HTTPConnection, new_conn: Callable[[], socket.socket]) -> socket.socket:
    """Connect to the checked address, not to a second lookup's answer."""
    address = _checked_address(connection)
    if address is None:
        return new_conn()
    name = connection._dns_host
    connection._dns_host = address  # only for the connect: TLS and Host: read it afterwards
    try:
        return new_conn()
    finally:
        connection._dns_host = name


class _Guarded(HTTPConnection):
    """What both guarded connections add: the address check on connect, and the current
    watch learning the socket before a request (so a deadline or Cancel can shut it)."""

    def _new_conn(self) -> socket.socket:
        return _connect(self, super()._new_conn)

    def request(self, *args: Any, **kwargs: Any) -> None:
        watch = current()
        if watch is not None:
            watch.attach(self)
        super().request(*args, **kwargs)


class GuardedHTTPConnection(_Guarded):
    pass


class GuardedHTTPSConnection(_Guarded, HTTPSConnection):
    pass


class GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = GuardedHTTPConnection


class GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = GuardedHTTPSConnection


POOL_CLASSES: dict[str, type[HTTPConnectionPool]] = {
    "http": GuardedHTTPPool,
    "https": GuardedHTTPSPool,
}


class WatchedRetry(Retry):
    """urllib3's retry policy whose pauses (backoff, ``Retry-After``) end on cancel, and
    that never retries a refused connection: nothing listens there, so trying again after
    a pause only keeps the user waiting for the same error."""

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: Any = None,
        error: Exception | None = None,
        _pool: Any = None,
        _stacktrace: TracebackType | None = None,
    ) -> Self:
        if error is not None and _refused(error):
            raise MaxRetryError(_pool, url, error) from error
        return super().increment(method, url, response, error, _pool, _stacktrace)

    def sleep_for_retry(self, response: Any) -> bool:
        seconds = self.get_retry_after(response)
        if seconds:
            _pause(seconds)
            return True
        return False

    def _sleep_backoff(self) -> None:
        seconds = self.get_backoff_time()
        if seconds > 0:
            _pause(seconds)


def _refused(error: BaseException) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _pause(seconds: float) -> None:
    watch = current()
    if watch is None:
        time.sleep(seconds)
    else:
        watch.sleep(seconds)
