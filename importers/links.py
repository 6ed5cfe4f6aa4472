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
# ACL Anthology ids: old style "P19-1001", new style "2020.acl-main.1"; "v2" is a revision.
_ACL_ID = re.compile(
    r"^/(?:anthology/)?([A-Z]\d{2}-\d{4}|\d{4}\.[a-z0-9-]+\.\d+)(?:v\d+)?(?:\.pdf)?/?$",
    re.IGNORECASE,
)
# NeurIPS proceedings: ".../<year>/{file,hash}/<md5>-{Paper,Abstract,...}.{pdf,html}".
_NEURIPS_HASH = re.compile(
    r"^/paper(?:_files/paper)?/(\d{4})/(?:file|hash)/([0-9a-f]{32})(?:-[A-Za-z-]+)?(?:\.\w+)?/?$"
)
# Older NeurIPS pages: "/paper/5423-generative-adversarial-nets(.pdf)".
_NEURIPS_NUMBER = re.compile(r"^/paper/(\d+)-[^/]*?(?:\.pdf)?/?$")
# PMLR: "/v37/ioffe15.html", "/v37/ioffe15.pdf", "/v37/ioffe15/ioffe15.pdf", "-supp.pdf".
_PMLR = re.compile(r"^/(?:proceedings/papers/)?(v\d+)/([\w-]+?)(?:/[\w-]+)?(?:\.html|\.pdf)?/?$")


def _host(netloc_host: str | None) -> str:
    host = (netloc_host or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def normalize_url(url: str) -> str:
    """A canonical spelling of ``url`` for identity comparisons (not for display).

    https, no ``www.``, no fragment, no tracking parameters, no trailing slash;
    a paper's abstract, PDF and revision links collapse to one key (``normalise_paper_url``).
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
    paper = _paper_key(host, path, parts.query)
    if paper is not None:
        return paper
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


def _paper_key(host: str, path: str, query: str) -> str | None:
    """The identity key of a link to a paper on a known venue's site, else None.

    The same paper is linked as its abstract page, its PDF, a revision, or through an
    older host name; all of them name one key so that imports agree on one item.
    """
    if host in ("arxiv.org", "export.arxiv.org"):
        match = _ARXIV_ID.match(path)
        return f"https://arxiv.org/abs/{match.group(1)}" if match else None
    if host == "openreview.net" and path.rstrip("/") in ("/pdf", "/forum"):
        paper_id = dict(parse_qsl(query)).get("id")
        return f"https://openreview.net/forum?id={paper_id}" if paper_id else None
    if host in ("aclanthology.org", "aclweb.org"):
        match = _ACL_ID.match(path)
        return f"https://aclanthology.org/{match.group(1)}" if match else None
    if host in ("papers.nips.cc", "proceedings.neurips.cc", "papers.neurips.cc"):
        match = _NEURIPS_HASH.match(path)
        if match:
            year, digest = match.groups()
            return f"https://proceedings.neurips.cc/paper/{year}/hash/{digest.lower()}"
        match = _NEURIPS_NUMBER.match(path)
        return f"https://papers.nips.cc/paper/{match.group(1)}" if match else None
    if host in ("proceedings.mlr.press", "jmlr.org"):
        match = _PMLR.match(path)
        if match and (host != "jmlr.org" or path.startswith("/proceedings/")):
            volume, name = match.groups()
            name = name.removesuffix("-supp")
            return f"https://proceedings.mlr.press/{volume}/{name}.html"
    return None


def normalise_paper_url(url: str) -> str | None:
    """The identity key of a paper link (arXiv, OpenReview, ACL Anthology, NeurIPS, PMLR).

    None when ``url`` is not a paper on one of those sites. Equal to ``normalize_url(url)``
    whenever it is not None, so a paper imported from any source gets the same key.
    """
    try:
        parts = urlsplit(url.strip())
        host = _host(parts.hostname)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https"):
        return None
    return _paper_key(host, re.sub(r"/{2,}", "/", parts.path or "/"), parts.query)


def paper_url_kind(url: str) -> bool:
    """Whether ``url`` links a paper on a venue's site (so its item is a ``paper``)."""
    return normalise_paper_url(url) is not None


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
