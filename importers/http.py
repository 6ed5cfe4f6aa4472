"""Fetching source documents over HTTP(S) or from local files.

Every importer goes through :class:`Fetcher` so that all of them behave the
same way on the network: bounded time (connect/read timeouts and a deadline for the
whole download, which Cancel also ends at once: see :mod:`importers.fetch_guard`),
bounded size (streamed with a byte cap), only regular local files (a FIFO or a device
would block or never end), polite retries on 429/5xx that honour
``Retry-After`` (delegated to urllib3's ``Retry``), conditional GET so an
unchanged source is not downloaded again, and one error type whose message
names the source and the cause in a sentence the user can act on.
"""

from __future__ import annotations

import codecs
import inspect
import logging
import os
import re
import socket
import ssl
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import NameResolutionError
from urllib3.util.retry import Retry

from importers.fetch_guard import (
    POOL_CLASSES,
    PrivateAddressError,
    Watch,
    WatchedRetry,
    check_url_host,
)
from importers.files import NotRegularFileError, open_regular_file
from importers.messages import Message, message

log = logging.getLogger(__name__)

ErrorKind = Literal[
    "invalid",
    "dns",
    "refused",
    "timeout",
    "tls",
    "redirects",
    "off_site",
    "network",
    "http",
    "content_type",
    "too_large",
    "undecodable",
    "not_found",
    "cancelled",
]

DEFAULT_TIMEOUT: tuple[float, float] = (10.0, 30.0)
"""(connect, read) seconds; read is per socket read, not for the whole body."""
DEFAULT_DEADLINE = 120.0
"""Seconds one fetch may take in all (redirects, retries, the whole body): a server sending
a byte now and then never trips the read timeout. 8 MB in 120 s is ~70 KB/s."""
DEFAULT_MAX_BYTES = 8 * 1024 * 1024
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 0.5
DEFAULT_RETRY_AFTER_MAX = 60
"""A server asking us to wait longer than this gets this instead: the user is waiting."""
DEFAULT_MAX_REDIRECTS = 5
RETRY_STATUSES: frozenset[int] = frozenset({429, 500, 502, 503, 504})
_RETRY_AFTER_CAP = "retry_after_max" in inspect.signature(Retry.__init__).parameters
"""Older urllib3 releases cannot cap Retry-After; recent ones (2.8 is tested) can."""

HTML_TYPES: tuple[str, ...] = ("text/html", "application/xhtml+xml")
MARKDOWN_TYPES: tuple[str, ...] = ("text/plain", "text/markdown", "text/x-markdown")


def _version() -> str:
    try:
        return metadata.version("threepass")
    except metadata.PackageNotFoundError:
        return "dev"


USER_AGENT = f"ThreePass/{_version()} (+study planner)"


class FetchError(Exception):
    """A source could not be fetched; ``str()`` is one sentence for the user.

    ``user_message`` is that sentence as a code and parameters (the cause a nested message), which
    the desktop translates; ``cause`` stays the English cause for the log and skipped rows.
    """

    def __init__(
        self,
        source: str,
        cause: str | Message,
        *,
        location: str | None = None,
        kind: ErrorKind = "network",
    ) -> None:
        self.source = source
        self.cause = str(cause)
        self.location = location
        self.kind: ErrorKind = kind
        if location:
            self.user_message = message(
                "fetch.failed_from",
                "Could not fetch {source} from {location}: {cause}.",
                source=source,
                location=location,
                cause=cause,
            )
        else:
            self.user_message = message(
                "fetch.failed", "Could not fetch {source}: {cause}.", source=source, cause=cause
            )
        super().__init__(str(self.user_message))


class FetchCancelled(FetchError):
    """The user cancelled while fetching; nothing must be written."""

    def __init__(self, source: str) -> None:
        super().__init__(
            source, message("fetch.cancelled", "cancelled by the user"), kind="cancelled"
        )


@dataclass(frozen=True)
class Validators:
    """HTTP cache validators remembered per source for conditional GET."""

    etag: str | None = None
    last_modified: str | None = None

    def request_headers(self) -> dict[str, str]:
        headers: dict[str, str] = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers

    def to_dict(self) -> dict[str, str]:
        """Plain form for storing in a settings table."""
        return {k: v for k, v in (("etag", self.etag), ("last_modified", self.last_modified)) if v}

    @classmethod
    def from_dict(cls, data: object) -> Validators:
        """Inverse of :meth:`to_dict`; tolerates missing or junk data."""
        if not isinstance(data, dict):
            return cls()
        etag = data.get("etag")
        modified = data.get("last_modified")
        return cls(
            etag=etag if isinstance(etag, str) else None,
            last_modified=modified if isinstance(modified, str) else None,
        )

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)


@dataclass(frozen=True)
class Document:
    """A fetched, decoded text document."""

    location: str
    """Final URL after redirects, or the absolute local path."""
    text: str
    content_type: str | None = None
    validators: Validators = Validators()
    encoding: str = "utf-8"
    """The text encoding the bytes were decoded with (a guessed one for notes files)."""


@dataclass(frozen=True)
class NotModified:
    """The server answered 304: the source has not changed since the last import."""

    location: str
    validators: Validators


FetchResult = Document | NotModified
ProgressFn = Callable[[str], None]
"""Gets the English line (the CLI prints it); the GUI's Fetcher translates the Message."""
CancelFn = Callable[[], bool]


def is_url(location: str) -> bool:
    """True for anything with a URL scheme (``x://``); local paths otherwise."""
    return "://" in location


_DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(url: str) -> tuple[str, str, int | None] | None:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname:
        return None
    return scheme, parts.hostname.rstrip("."), port or _DEFAULT_PORTS.get(scheme)


def same_site(url: str, site: str) -> bool:
    """The importers' same-site rule: same scheme, host and port (the URLs' origin).

    Host names are compared as written, so ``localhost`` and ``127.0.0.1`` are
    different sites even though they reach the same machine; ``:80`` and no port are
    the same for http.
    """
    origin = _origin(url)
    return origin is not None and origin == _origin(site)


def join_location(base: str, ref: str) -> str:
    """Resolve ``ref`` against ``base`` for both URLs and local paths."""
    if is_url(base) or is_url(ref):
        return urljoin(base, ref)
    path = urlsplit(ref).path  # drop ?query and #fragment from relative links
    base_dir = base if os.path.isdir(base) else os.path.dirname(base)
    return os.path.normpath(os.path.join(base_dir, unquote(path)))


def _retry_after_cap(seconds: int) -> dict[str, Any]:
    return {"retry_after_max": seconds} if _RETRY_AFTER_CAP else {}


class _GuardedAdapter(HTTPAdapter):
    """Connections that a fetch's deadline or Cancel can interrupt and that refuse
    non-public addresses the user did not name (see :mod:`importers.fetch_guard`)."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(POOL_CLASSES)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = dict(POOL_CLASSES)
        return manager


def make_session(
    *,
    retries: int = DEFAULT_RETRIES,
    backoff_factor: float = DEFAULT_BACKOFF,
    retry_after_max: int = DEFAULT_RETRY_AFTER_MAX,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    user_agent: str = USER_AGENT,
) -> requests.Session:
    """A session with our retry policy, User-Agent, TLS verification and redirect cap."""
    retry = WatchedRetry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        redirect=False,  # requests follows redirects itself (capped below)
        allowed_methods=frozenset({"GET", "HEAD"}),
        status_forcelist=RETRY_STATUSES,
        backoff_factor=backoff_factor,
        respect_retry_after_header=True,
        raise_on_status=False,  # hand back the last response so we can report its status
        **_retry_after_cap(retry_after_max),
    )
    adapter = _GuardedAdapter(max_retries=retry)
    session = requests.Session()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = user_agent
    session.verify = True
    session.max_redirects = max_redirects
    session.trust_env = True
    return session


def _media_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def _charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*\"?([\w.:-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)


def decode_bytes(
    source: str, body: bytes, *, charset: str | None, location: str, sniff_html: bool = False
) -> str:
    """Decode strictly: a BOM wins, then the declared charset, then ``<meta>``, then UTF-8.

    Strict decoding turns mojibake into a clear error instead of silently
    importing garbage titles.
    """
    if body.startswith(codecs.BOM_UTF8):
        charset, body = "utf-8", body[len(codecs.BOM_UTF8) :]
    elif body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        charset = "utf-16"
    elif not charset and sniff_html:
        match = _META_CHARSET.search(body[:4096])
        if match:
            charset = match.group(1).decode("ascii", "replace")
    name = charset or "utf-8"
    try:
        codecs.lookup(name)
    except LookupError:
        raise FetchError(
            source,
            message(
                "fetch.unknown_encoding",
                "it declares an unknown text encoding {encoding}",
                encoding=repr(name),
            ),
            location=location,
            kind="undecodable",
        ) from None
    try:
        return body.decode(name)
    except UnicodeDecodeError as exc:
        raise FetchError(
            source,
            message(
                "fetch.undecodable",
                "its bytes are not valid {encoding} text (undecodable byte at offset {offset})",
                encoding=name,
                offset=exc.start,
            ),
            location=location,
            kind="undecodable",
        ) from None


def guess_decode(
    source: str, body: bytes, *, charset: str | None, location: str
) -> tuple[str, str]:
    """(text, encoding): a BOM, a declared charset or UTF-8 when they fit, else the
    encoding charset-normalizer finds (GB18030 for GBK notes, Shift-JIS, ...).

    For files people write themselves (notes), whose editors save in the locale's
    encoding and declare nothing. The guess is refused when it is not text at all.
    """
    if body.startswith(codecs.BOM_UTF8):
        return decode_bytes(source, body, charset=None, location=location), "utf-8"
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(source, body, charset=None, location=location), "utf-16"
    if charset:
        return decode_bytes(source, body, charset=charset, location=location), charset.lower()
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    import charset_normalizer  # only for a file that is not UTF-8

    best = charset_normalizer.from_bytes(body).best()
    if best is None:
        return decode_bytes(source, body, charset=None, location=location), "utf-8"
    name = "gb18030" if best.encoding in ("gbk", "gb2312") else best.encoding
    return body.decode(name, "replace"), name


def _exception_chain(exc: BaseException) -> Iterator[BaseException]:
    """Walk causes, contexts, args and urllib3 ``reason``s: requests wraps deeply."""
    seen: set[int] = set()
    stack: list[BaseException] = [exc]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        for nxt in (current.__cause__, current.__context__, getattr(current, "reason", None)):
            if isinstance(nxt, BaseException):
                stack.append(nxt)
        stack.extend(a for a in current.args if isinstance(a, BaseException))


def _describe_network_error(
    exc: BaseException, *, location: str, timeout: tuple[float, float]
) -> tuple[ErrorKind, Message]:
    chain = list(_exception_chain(exc))
    host = urlsplit(location).hostname or location
    if any(isinstance(e, NameResolutionError | socket.gaierror) for e in chain):
        return "dns", message(
            "fetch.dns",
            "the host name {host} could not be resolved (DNS lookup failed)",
            host=repr(host),
        )
    if any(isinstance(e, requests.exceptions.TooManyRedirects) for e in chain):
        return "redirects", _TOO_MANY_REDIRECTS
    if any(isinstance(e, requests.exceptions.SSLError | ssl.SSLError) for e in chain):
        return "tls", message(
            "fetch.tls", "the secure connection failed (TLS certificate could not be verified)"
        )
    if any(isinstance(e, ConnectionRefusedError) for e in chain):
        return "refused", message(
            "fetch.refused", "the connection to {host} was refused", host=host
        )
    if any(isinstance(e, requests.exceptions.ConnectTimeout) for e in chain):
        return "timeout", message(
            "fetch.connect_timeout",
            "the connection timed out after {seconds} s",
            seconds=f"{timeout[0]:g}",
        )
    if any(
        isinstance(e, requests.exceptions.Timeout | TimeoutError | socket.timeout)
        or type(e).__name__.endswith("TimeoutError")
        for e in chain
    ):
        return "timeout", message(
            "fetch.read_timeout",
            "the server did not answer within {seconds} s (timed out)",
            seconds=f"{timeout[1]:g}",
        )
    return "network", message(
        "fetch.network", "a network error occurred ({error})", error=type(exc).__name__
    )


_TOO_MANY_REDIRECTS = message("fetch.too_many_redirects", "it redirected too many times")


def _check_media_type(
    source: str, media_type: str | None, accept: Collection[str], location: str
) -> None:
    if media_type is None or not accept:
        return  # nothing declared: let the parser judge the content
    for wanted in accept:
        if wanted.endswith("/*") and media_type.startswith(wanted[:-1]):
            return
        if media_type == wanted:
            return
    raise FetchError(
        source,
        message(
            "fetch.content_type",
            "it returned {media_type} content, expected {expected}",
            media_type=media_type,
            expected=tuple(accept),
        ),
        location=location,
        kind="content_type",
    )


class Fetcher:
    """Fetches documents for one named source (the name goes into error messages)."""

    def __init__(
        self,
        source: str,
        *,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        retries: int = DEFAULT_RETRIES,
        backoff_factor: float = DEFAULT_BACKOFF,
        retry_after_max: int = DEFAULT_RETRY_AFTER_MAX,
        max_redirects: int = DEFAULT_MAX_REDIRECTS,
        should_cancel: CancelFn | None = None,
        on_progress: ProgressFn | None = None,
        deadline: float = DEFAULT_DEADLINE,
    ) -> None:
        """``should_cancel`` is also polled from a watcher thread during a download."""
        self.source = source
        self.session = session or make_session(
            retries=retries,
            backoff_factor=backoff_factor,
            retry_after_max=retry_after_max,
            max_redirects=max_redirects,
        )
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.deadline = deadline
        self._should_cancel = should_cancel
        self._on_progress = on_progress

    def progress(self, line: str | Message, *, done: int = 0, total: int = 0) -> None:
        """Report what is being done (the GUI shows it in its progress dialog).

        `done` of `total` (when total > 0) is the importer's own count of what it reads, so
        the bar counts what is imported, not the pages fetched on the way.
        """
        if self._on_progress is not None:
            self._on_progress(str(line))

    def detail(self, line: str | Message) -> None:
        """Report what the current step is waiting on (the URL being downloaded).

        A line under the step, not a step: the step's text and count stay on screen while
        the download runs. Where nothing shows details apart, it is reported as a step.
        """
        self.progress(line)

    def check_cancelled(self) -> None:
        if self._should_cancel is not None and self._should_cancel():
            raise FetchCancelled(self.source)

    def error(
        self, cause: str | Message, *, location: str | None = None, kind: ErrorKind
    ) -> FetchError:
        """Build a FetchError for this source (used by importers for their own checks)."""
        return FetchError(self.source, cause, location=location, kind=kind)

    def get(
        self,
        location: str,
        *,
        accept: Collection[str],
        validators: Validators | None = None,
        max_bytes: int | None = None,
        same_site_as: str | None = None,
        guess_encoding: bool = False,
    ) -> FetchResult:
        """Fetch ``location`` (http/https URL or local file path).

        With ``guess_encoding``, bytes that declare no charset and are not UTF-8 are
        decoded in the encoding charset-normalizer finds (GBK notes, say); otherwise
        decoding is strict.

        With ``validators`` a 304 answer yields :class:`NotModified`. Redirects are
        followed hop by hop, and only to http(s) addresses; with ``same_site_as``
        every hop must also stay on that URL's site (see :func:`same_site`), so a
        crawler never reads a page another host answered for.
        No hop goes to a private, loopback or link-local address unless the host the
        user named (``same_site_as``, else ``location`` itself) is at that address.
        The whole fetch ends at :attr:`deadline`, and a cancel ends it within ~0.1 s
        even while a read is blocked.
        Raises :class:`FetchError` for every failure.
        """
        self.check_cancelled()
        limit = self.max_bytes if max_bytes is None else max_bytes
        log.debug("%s: fetching %s", self.source, location)
        try:
            result: FetchResult
            if is_url(location):
                result = self._watched(
                    location,
                    accept=accept,
                    validators=validators,
                    limit=limit,
                    same_site_as=same_site_as,
                    guess_encoding=guess_encoding,
                )
            else:
                result = self._get_file(
                    location, limit=limit, accept=accept, guess_encoding=guess_encoding
                )
        except FetchCancelled:
            log.info("%s: cancelled while fetching %s", self.source, location)
            raise
        except FetchError as err:
            log.warning("%s: fetching %s failed (%s): %s", self.source, location, err.kind, err)
            raise
        if isinstance(result, Document):
            log.info("%s: fetched %s (%d characters)", self.source, location, len(result.text))
        else:
            log.info("%s: %s not modified since the last import", self.source, location)
        return result

    def get_document(
        self,
        location: str,
        *,
        accept: Collection[str],
        max_bytes: int | None = None,
        same_site_as: str | None = None,
    ) -> Document:
        """Fetch unconditionally: always a :class:`Document` or a :class:`FetchError`."""
        result = self.get(location, accept=accept, max_bytes=max_bytes, same_site_as=same_site_as)
        assert isinstance(result, Document)  # no validators sent, so never 304
        return result

    def _watched(
        self,
        url: str,
        *,
        accept: Collection[str],
        validators: Validators | None,
        limit: int,
        same_site_as: str | None,
        guess_encoding: bool = False,
    ) -> FetchResult:
        """:meth:`_get_url` under a :class:`~importers.fetch_guard.Watch`."""
        trusted = urlsplit(same_site_as or url).hostname
        watch = Watch(self.deadline, self._should_cancel, trusted_host=trusted)
        try:
            with watch:
                result = self._get_url(
                    url,
                    accept=accept,
                    validators=validators,
                    limit=limit,
                    same_site_as=same_site_as,
                    guess_encoding=guess_encoding,
                )
        except PrivateAddressError as exc:
            raise self._private(str(exc), url) from None
        except Exception:
            if watch.reason is None:
                raise
            raise self._stopped(watch, url) from None
        if watch.reason is not None:  # the interrupted read may have looked like the end
            raise self._stopped(watch, url)
        return result

    def _stopped(self, watch: Watch, url: str) -> FetchError:
        if watch.reason == "cancelled":
            return FetchCancelled(self.source)
        return FetchError(
            self.source,
            message(
                "fetch.deadline",
                "it took longer than the {seconds} s allowed for one download "
                "(the server is sending too slowly)",
                seconds=f"{watch.deadline:g}",
            ),
            location=url,
            kind="timeout",
        )

    def _private(self, target: str, url: str) -> FetchError:
        return FetchError(
            self.source,
            message(
                "fetch.private",
                "it leads to {target}, a private, loopback or link-local address, "
                "which is fetched only when you name it yourself",
                target=target,
            ),
            location=url,
            kind="off_site",
        )

    def _get_file(
        self, location: str, *, limit: int, accept: Collection[str], guess_encoding: bool = False
    ) -> Document:
        path = Path(location).expanduser()
        shown = str(path)
        if path.is_dir():
            raise FetchError(
                self.source,
                message("fetch.folder", "it is a folder, not a file"),
                location=shown,
                kind="not_found",
            )
        try:
            with open_regular_file(path) as handle:
                body = handle.read(limit + 1)
        except FileNotFoundError:
            raise FetchError(
                self.source,
                message("fetch.no_file", "the file does not exist"),
                location=shown,
                kind="not_found",
            ) from None
        except NotRegularFileError as exc:
            raise FetchError(
                self.source,
                message("fetch.not_regular", "it is {what}, not a regular file", what=exc.what),
                location=shown,
                kind="invalid",
            ) from None
        except OSError as exc:
            raise FetchError(
                self.source,
                message(
                    "fetch.unreadable", "the file could not be read ({error})", error=exc.strerror
                ),
                location=shown,
                kind="not_found",
            ) from None
        if len(body) > limit:
            raise FetchError(
                self.source,
                message(
                    "fetch.file_too_large",
                    "the file is larger than the {limit} limit",
                    limit=_size(limit),
                ),
                location=shown,
                kind="too_large",
            )
        sniff = any(t in HTML_TYPES for t in accept) or path.suffix.lower() in (".html", ".htm")
        if guess_encoding:
            text, encoding = guess_decode(self.source, body, charset=None, location=shown)
            return Document(location=str(path.resolve()), text=text, encoding=encoding)
        text = decode_bytes(self.source, body, charset=None, location=shown, sniff_html=sniff)
        return Document(location=str(path.resolve()), text=text)

    def _get_url(
        self,
        url: str,
        *,
        accept: Collection[str],
        validators: Validators | None,
        limit: int,
        same_site_as: str | None,
        guess_encoding: bool = False,
    ) -> FetchResult:
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise FetchError(
                self.source,
                message("fetch.scheme", "only http:// and https:// URLs can be fetched"),
                location=url,
                kind="invalid",
            )
        headers = {"Accept": ", ".join([*accept, "*/*;q=0.1"])} if accept else {}
        if validators:
            headers.update(validators.request_headers())
        self.detail(message("progress.downloading", "Downloading {url}", url=url))
        current = url
        hops = 0
        while True:
            check_url_host(urlsplit(current).hostname or "")
            response = self._send(current, headers=headers, source_url=url)
            if not response.is_redirect:
                break
            with response:  # only its Location header is needed
                target = self._redirect_target(response, current, url, same_site_as)
            hops += 1
            if hops > self.session.max_redirects:
                raise FetchError(self.source, _TOO_MANY_REDIRECTS, location=url, kind="redirects")
            self.check_cancelled()
            current = target
        with response:
            return self._read_response(
                response,
                url=url,
                accept=accept,
                validators=validators,
                limit=limit,
                guess_encoding=guess_encoding,
            )

    def _send(self, url: str, *, headers: Mapping[str, str], source_url: str) -> requests.Response:
        """One request, no redirect following: :meth:`_get_url` checks each hop itself."""
        try:
            return self.session.get(
                url, headers=headers, timeout=self.timeout, stream=True, allow_redirects=False
            )
        except requests.exceptions.InvalidURL:
            raise FetchError(
                self.source,
                message("fetch.bad_url", "the URL is not valid"),
                location=source_url,
                kind="invalid",
            ) from None
        except requests.exceptions.RequestException as exc:
            kind, cause = _describe_network_error(exc, location=url, timeout=self.timeout)
            raise FetchError(self.source, cause, location=source_url, kind=kind) from exc

    def _redirect_target(
        self, response: requests.Response, current: str, url: str, same_site_as: str | None
    ) -> str:
        """The absolute address a redirect points to, if it may be followed.

        Refused: anything but http(s) (``file:``, ``ftp:``, ``javascript:``...) and,
        when ``same_site_as`` is given, any other scheme, host or port. A private address
        is refused by the next hop's checks, before any request is sent.
        """
        location = self.session.get_redirect_target(response) or ""
        target = urljoin(current, location.strip())
        parts = urlsplit(target)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise FetchError(
                self.source,
                message(
                    "fetch.redirect_scheme",
                    "it redirected to {target}, which is not an http:// or https:// address",
                    target=target,
                ),
                location=url,
                kind="invalid",
            )
        if same_site_as is not None and not same_site(target, same_site_as):
            site = _site_name(target, same_site_as)
            raise FetchError(
                self.source,
                message(
                    "fetch.redirect_off_site",
                    "it redirected to {target}, which is not on the site {site}",
                    target=target,
                    site=site,
                ),
                location=url,
                kind="off_site",
            )
        return target

    def _read_response(
        self,
        response: requests.Response,
        *,
        url: str,
        accept: Collection[str],
        validators: Validators | None,
        limit: int,
        guess_encoding: bool = False,
    ) -> FetchResult:
        new_validators = Validators(
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
        )
        if response.status_code == 304:
            return NotModified(
                location=url, validators=new_validators or validators or Validators()
            )
        if response.status_code >= 300 or response.status_code < 200:
            # the reason phrase is the server's own words, like the URL: shown as sent
            reason = f" {response.reason}" if response.reason else ""
            if response.status_code < 400:
                cause = message(
                    "fetch.redirect_nowhere",
                    "the server answered HTTP {status}{reason} without saying where to",
                    status=response.status_code,
                    reason=reason,
                )
            else:
                cause = message(
                    "fetch.http",
                    "the server answered HTTP {status}{reason}",
                    status=response.status_code,
                    reason=reason,
                )
            raise FetchError(
                self.source,
                cause,
                location=url,
                kind="http",
            )
        content_type = response.headers.get("Content-Type")
        _check_media_type(self.source, _media_type(content_type), accept, url)
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(
                self.source,
                message(
                    "fetch.declared_too_large",
                    "it is {size}, over the {limit} limit",
                    size=_size(int(declared)),
                    limit=_size(limit),
                ),
                location=url,
                kind="too_large",
            )
        chunks: list[bytes] = []
        total = 0
        try:
            for chunk in response.iter_content(chunk_size=64 * 1024):
                total += len(chunk)
                if total > limit:
                    raise FetchError(
                        self.source,
                        message(
                            "fetch.too_large",
                            "it is larger than the {limit} limit",
                            limit=_size(limit),
                        ),
                        location=url,
                        kind="too_large",
                    )
                chunks.append(chunk)
                self.check_cancelled()
        except requests.exceptions.RequestException as exc:
            kind, cause = _describe_network_error(exc, location=url, timeout=self.timeout)
            raise FetchError(self.source, cause, location=url, kind=kind) from exc
        body = b"".join(chunks)
        media_type = _media_type(content_type)
        if guess_encoding:
            text, encoding = guess_decode(
                self.source, body, charset=_charset(content_type), location=url
            )
            return Document(
                location=response.url or url,
                text=text,
                content_type=content_type,
                validators=new_validators,
                encoding=encoding,
            )
        text = decode_bytes(
            self.source,
            body,
            charset=_charset(content_type),
            location=url,
            sniff_html=media_type in HTML_TYPES or media_type is None,
        )
        return Document(
            location=response.url or url,
            text=text,
            content_type=content_type,
            validators=new_validators,
        )


def _site_name(target: str, site: str) -> str:
    """The site as the user tells it apart from ``target``: its host, or its origin when
    only the scheme or port differ."""
    parts = urlsplit(site)
    if parts.hostname and parts.hostname != urlsplit(target).hostname:
        return parts.hostname
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else site


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"
