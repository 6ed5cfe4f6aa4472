"""URL helpers shared by the importers: normalising paper URLs, recognising video links.

Sources write the same paper or video in many spellings (``arxiv.org/abs/X``,
``arxiv.org/pdf/X.pdf``, ``X v2``; ``youtu.be/ID`` vs ``youtube.com/watch?v=ID``);
identity across rows and re-imports depends on collapsing those spellings.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_ARXIV_ID = re.compile(
    r"^/(?:abs|pdf|html)/((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[A-Z]{2})?/\d{7}))(?:v\d+)?(?:\.pdf)?/?$",
    re.IGNORECASE,
)
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_BILIBILI_ID = re.compile(r"/video/(BV[0-9A-Za-z]{10}|av\d+)", re.IGNORECASE)
_ZHIHU_ID = re.compile(r"^/zvideo/(\d+)")
_TRACKING = re.compile(r"^(utm_|spm_|from$|share_|si$)")


def _host(netloc_host: str | None) -> str:
    host = (netloc_host or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def normalize_url(url: str) -> str:
    """A canonical spelling of ``url`` for identity comparisons (not for display).

    https, no ``www.``, no fragment, no tracking parameters, no trailing slash;
    arXiv abs/pdf/versioned links collapse to ``https://arxiv.org/abs/<id>``.
    Returns the stripped input unchanged if it is not an http(s) URL.
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
        host = _host(parts.hostname)
        port = parts.port
    except ValueError:
        return text
    if parts.scheme.lower() not in ("http", "https") or not host:
        return text
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if host in ("arxiv.org", "export.arxiv.org"):
        match = _ARXIV_ID.match(path)
        if match:
            return f"https://arxiv.org/abs/{match.group(1)}"
    if host == "openreview.net" and path in ("/pdf", "/forum"):
        path = "/forum"
    query = urlencode(
        sorted(
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING.match(k)
        )
    )
    if path != "/":
        path = path.rstrip("/")
    elif not query:
        path = ""
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    return urlunsplit(("https", netloc, path, query, ""))


def youtube_id(url: str) -> str | None:
    """The 11-character video id of a YouTube watch/short/embed link, else None."""
    try:
        parts = urlsplit(url.strip())
        host = _host(parts.hostname)
    except ValueError:
        return None
    candidate: str | None = None
    if host in ("youtu.be",):
        candidate = parts.path.strip("/").split("/")[0]
    elif host.endswith("youtube.com") or host.endswith("youtube-nocookie.com"):
        segments = [s for s in parts.path.split("/") if s]
        if segments[:1] == ["watch"]:
            candidate = dict(parse_qsl(parts.query)).get("v")
        elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live", "v"):
            candidate = segments[1]
    if candidate and _YOUTUBE_ID.match(candidate):
        return candidate
    return None


def video_link(url: str) -> tuple[str, str, str] | None:
    """Recognise a video page: ``(platform, id, canonical_url)`` or None.

    Only real video pages count; badge images and channel pages do not.
    """
    try:
        parts = urlsplit(url.strip())
        host = _host(parts.hostname)
    except ValueError:
        return None
    if host.endswith("bilibili.com"):
        match = _BILIBILI_ID.search(parts.path)
        if match:
            vid = match.group(1)
            vid = "BV" + vid[2:] if vid[:2].lower() == "bv" else vid.lower()
            return "bilibili", vid, f"https://www.bilibili.com/video/{vid}"
        return None
    if host.endswith("zhihu.com"):
        match = _ZHIHU_ID.match(parts.path)
        if match:
            vid = match.group(1)
            return "zhihu", vid, f"https://www.zhihu.com/zvideo/{vid}"
        return None
    vid = youtube_id(url)
    if vid:
        return "youtube", vid, f"https://www.youtube.com/watch?v={vid}"
    return None
