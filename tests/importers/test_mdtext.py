"""mdtext: pulldown-cmark (pyromark) events read into the same lines as markdown-it tokens.

The paper-reading importer parses with pyromark for speed; the other importers with
markdown-it. Row keys derive from link hrefs and texts, so both must agree exactly.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.common.normalize_url import normalizeLink

from importers import paper_reading
from importers.mdtext import (
    _PLAIN_URL,
    inline_lines,
    inline_tokens,
    new_parser,
    normalize_link,
)

SAMPLES = [
    "[Transformer](https://arxiv.org/abs/1706.03762) 逐段精读",
    "标题<br>第二行 [论文](https://arxiv.org/pdf/2005.14165.pdf)<br/>第三行",
    "[![b](https://i0.hdslb.com/x.png)](https://www.bilibili.com/video/BV1pu411o7BE)",
    "<https://www.youtube.com/watch?v=nzqlFIcCSWQ> and <mu@example.org>",
    "`code | pipe` \\| escaped &amp; entity &#35; 中文",
    "bare https://zhuanlan.zhihu.com/p/123，后面 and **bold** _em_ ~~gone~~",
    "[中文链接](https://example.org/论文 路径) [space](<https://a.b/c d>)",
    "[bad](javascript:alert(1)) stays text",
    "line one\nline two  \nline three",
    "[HOST](HTTPS://Arxiv.org/ABS/1706.03762) [pct](https://a.b/%zz) [ok](https://a.b/%7e)",
    "[ref][r]\n\n[r]: https://arxiv.org/abs/2103.03404",
]


def _markdown_it_lines(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    tokens = new_parser().parse(text)
    lines = [line for tok in tokens if tok.type == "inline" for line in inline_lines(tok.children)]
    return [(line.text, [(lk.href, lk.text) for lk in line.links]) for line in lines]


def _pyromark_lines(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    lines = inline_lines(inline_tokens(text))
    return [(line.text, [(lk.href, lk.text) for lk in line.links]) for line in lines]


@pytest.mark.parametrize("text", SAMPLES)
def test_pyromark_reads_inline_content_like_markdown_it(text: str) -> None:
    assert _pyromark_lines(text) == _markdown_it_lines(text)


@settings(max_examples=200, deadline=None)
@given(st.from_regex(_PLAIN_URL, fullmatch=True))
def test_plain_urls_are_what_markdown_it_normalises_to(url: str) -> None:
    assert normalize_link(url) == normalizeLink(url) == url


def test_other_urls_are_normalised_by_markdown_it() -> None:
    for url in ("https://例子.com/路径 x", "HTTPS://A.b/x", "https://a.b/%zz"):
        assert normalize_link(url) == normalizeLink(url)
    assert normalize_link("https://a.b/论文") == "https://a.b/%E8%AE%BA%E6%96%87"


def test_crlf_readme_parses_like_lf(paper_readme: str) -> None:
    assert paper_reading.parse(paper_readme.replace("\n", "\r\n")) == paper_reading.parse(
        paper_readme
    )


FRAGMENTS = [
    "- 1. 见 [附录](https://arxiv.org/abs/2103.03404)",
    "# 标题 *强调* _x_",
    "> 引用 <b>粗</b>",
    "1) 列表 https://a.b/c",
    "2. 列表",
    "*** rule",
    "_ _ _",
    "~~~ fence",
    "```fence",
    "```code``` span",
    "=== x",
    "+ plus",
    "*em* start",
    "_em_ start",
    "#hashtag",
]


@pytest.mark.parametrize("fragment", FRAGMENTS)
def test_a_fragment_is_read_as_inline_content_only(fragment: str) -> None:
    """``inline_tokens`` reads one line as markdown-it's parseInline does (footnote texts)."""
    (inline,) = new_parser().parseInline(fragment)
    expected = [
        (line.text, [(lk.href, lk.text) for lk in line.links])
        for line in inline_lines(inline.children)
    ]
    assert _pyromark_lines(fragment) == expected


def test_footnote_that_looks_like_a_block_stays_text() -> None:
    readme = (
        "## 录制完成的论文\n\n"
        "| 日期 | 标题 | 时长 | 视频 |\n| --- | --- | --- | --- |\n"
        "| 1/2/23 | 某论文[^n] <br> 说明[^n] | 10:00 | "
        "[B站](https://www.bilibili.com/video/BV1aa4y1a7aa) |\n\n"
        "[^n]: - 1. 见 [附录](https://arxiv.org/abs/2103.03404)\n"
    )
    (video,) = paper_reading.parse(readme).items
    assert video.summary == "说明- 1. 见 附录 (https://arxiv.org/abs/2103.03404)"  # URL kept
    assert video.refs == ("https://arxiv.org/abs/2103.03404",)
