"""The notes preview renderer (pyromark events → HTML): inert, and it looks as markdown-it did.

The preview used to render through markdown-it with html disabled; these pin what it
showed (raw HTML as text, images as links, unsafe link schemes as text) and the Markdown
a reader sees (tables, lists, CJK, [[wiki link]] text), on the renderer and in a QTextBrowser.
"""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.widgets import wiki
from desktop.widgets.markdown import MarkdownEditor, _Renderer, render_markdown
from models.services.link_read import WikiTarget, name_key
from tests.document_support import anchors

ALLOWED_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "s", "code", "pre", "a", "br",
    "hr", "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")


def tags(out: str) -> set[str]:
    return {match.group(2).lower() for match in TAG.finditer(out)}


def hrefs(out: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)"', out)


def test_raw_html_blocks_and_inline_html_are_shown_as_typed() -> None:
    out = render_markdown(
        "<script>alert('x')</script>\n"
        '<img src="http://tracker.example/p.png" onerror="alert(2)">\n'
        '行内 <b onmouseover="x()">粗</b> <iframe src="https://evil.example/">\n\n'
        "<!-- 注释 -->"
    )
    assert tags(out) <= ALLOWED_TAGS
    assert "b" not in tags(out)
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in out
    assert "&lt;img src=&quot;http://tracker.example/p.png&quot;" in out
    assert "&lt;b onmouseover=&quot;x()&quot;&gt;粗&lt;/b&gt;" in out
    assert "&lt;!-- 注释 --&gt;" in out


def test_an_html_block_does_not_swallow_the_markdown_in_it() -> None:
    # markdown-it (html off) read these lines as one paragraph and rendered its Markdown;
    # pulldown-cmark would keep them as an opaque HTML block.
    out = render_markdown("前言\n<div>\n**粗体** and `代码`\n</div>\n\n```\n<b>x</b>\n```")
    assert (
        "<p>前言\n&lt;div&gt;\n<strong>粗体</strong> and <code>代码</code>\n&lt;/div&gt;</p>" in out
    )
    assert "<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>" in out  # no backslash added
    assert "\\" not in out


def test_many_html_lines_take_few_passes_and_stay_text() -> None:
    out = render_markdown("<div>\nword\n" * 300 + "> <p>引用</p>\n> <https://a.example/x>")
    assert out.count("&lt;div&gt;") == 300
    assert "<div" not in out
    assert '<blockquote>\n<p>&lt;p&gt;引用&lt;/p&gt;\n<a href="https://a.example/x">' in out


@pytest.mark.parametrize(
    "source",
    [
        "[js](javascript:alert(1))",
        "[js](JaVaScRiPt:alert(1))",
        "[js](<java\tscript:alert(1)>)",
        "[vb](vbscript:msgbox(1))",
        "[file](file:///etc/passwd)",
        "[data](data:text/html;base64,PHNjcmlwdD4=)",
        "<javascript:alert(1)>",
        "[ref][r]\n\n[r]: javascript:alert(1)",
        "![img](file:///etc/passwd)",
        "![img](data:text/html,x)",
    ],
)
def test_unsafe_link_schemes_are_not_made_clickable(source: str) -> None:
    out = render_markdown(source)
    assert "href" not in out, out
    assert source.split("\n")[0] in html.unescape(out)  # shown as typed


def test_safe_links_keep_their_target_and_title() -> None:
    out = render_markdown(
        '[论文](https://arxiv.org/abs/1706.03762 "Attention") <mu@example.com> '
        "[中文](https://zh.wikipedia.org/wiki/注意力) [sp](<https://x.example/a b>)"
    )
    assert '<a href="https://arxiv.org/abs/1706.03762" title="Attention">论文</a>' in out
    assert '<a href="mailto:mu@example.com">mu@example.com</a>' in out
    assert '<a href="https://zh.wikipedia.org/wiki/注意力">中文</a>' in out
    assert '<a href="https://x.example/a%20b">sp</a>' in out


def test_images_become_links_and_are_never_embedded() -> None:
    out = render_markdown(
        "![架构图](https://example.com/arch.png) ![](http://127.0.0.1:9/x.png) "
        '![**粗** `c`](https://e.example/i.png "t") '
        "[![badge](https://img.example/b.svg)](https://ci.example/run)"
    )
    assert "img" not in tags(out)
    assert '<a href="https://example.com/arch.png">[▣ 架构图]</a>' in out
    assert '<a href="http://127.0.0.1:9/x.png">[▣ http://127.0.0.1:9/x.png]</a>' in out
    assert '<a href="https://e.example/i.png">[▣ 粗 c]</a>' in out
    # An image inside a link is that link's text: one anchor, to the link.
    assert '<a href="https://ci.example/run">[▣ badge]</a>' in out
    assert "https://img.example/b.svg" not in out


def test_tables_with_alignment_cjk_and_hostile_cells() -> None:
    out = render_markdown(
        "| 模型 | 参数 | 说明 |\n|:--|--:|:-:|\n"
        '| BERT | 110M | <img src="http://x.example/t.png"> |\n'
        "| GPT | 175B | <table><tr><td>嵌套</td></tr></table> `a\\|b` |\n| 缺 |"
    )
    assert '<th style="text-align:left">模型</th>' in out
    assert '<th style="text-align:right">参数</th>' in out
    assert '<td style="text-align:center">&lt;img src=&quot;http://x.example/t.png&quot;&gt;' in out
    assert "&lt;table&gt;&lt;tr&gt;&lt;td&gt;嵌套&lt;/td&gt;" in out
    assert "<code>a|b</code>" in out
    assert out.count("<table>") == 1
    assert out.count("<tr>") == 4
    assert '<td style="text-align:left">缺</td>\n<td style="text-align:right"></td>' in out


def test_block_and_inline_markdown() -> None:
    out = render_markdown(
        "# 一\n## 二\n###### 六\n\n3. 三\n4. 四\n   - 嵌套\n\n> 引用\n> 第二行\n\n"
        "```python\nprint('<b>')\n```\n\n    indented\n\n"
        "行一  \n行二\\\n行三\n软换行\n\n***\n\n*斜* **粗** ~~删~~ `code<>`"
    )
    for piece in (
        "<h1>一</h1>",
        "<h2>二</h2>",
        "<h6>六</h6>",
        '<ol start="3">\n<li>三</li>\n<li>四\n<ul>\n<li>嵌套</li>\n</ul>\n</li>\n</ol>',
        "<blockquote>\n<p>引用\n第二行</p>\n</blockquote>",
        "<pre><code class=\"language-python\">print('&lt;b&gt;')\n</code></pre>",
        "<pre><code>indented\n</code></pre>",
        "<p>行一<br />\n行二<br />\n行三\n软换行</p>",
        "<hr />",
        "<em>斜</em> <strong>粗</strong> <s>删</s> <code>code&lt;&gt;</code>",
    ):
        assert piece in out, piece
    assert "<ol>\n<li>a</li>" in render_markdown("1. a")


def test_what_markdown_it_showed_as_typed_stays_typed() -> None:
    # A single tilde is not strikethrough (GFM's one-tilde form was not in markdown-it).
    assert render_markdown("延迟 3~5 天，~约~ 10~20 ms") == ("<p>延迟 3~5 天，~约~ 10~20 ms</p>\n")
    assert render_markdown("- [ ] 待办\n- [x] 完成") == (
        "<ul>\n<li>[ ] 待办</li>\n<li>[x] 完成</li>\n</ul>\n"
    )
    assert render_markdown("脚注[^1] and $x^2$") == "<p>脚注[^1] and $x^2$</p>\n"


def test_unknown_events_become_text_or_nothing() -> None:
    span = {"start": 0, "end": 0}
    events = [
        ({"Start": {"Mystery": {"x": 1}}}, span),
        ({"NewKind": "<b>新</b>"}, span),
        ("NewBare", span),
        ({"Start": "Superscript"}, span),
        ({"Text": "上"}, span),
        ({"End": "Superscript"}, span),
        ({"End": {"Mystery": 1}}, span),
        (["not", "an", "event"], span),
        ({"Start": 5}, span),
        ({"Start": {"List": "x"}}, span),
        ({"End": {"List": True}}, span),
    ]
    out = _Renderer(b"").render(events)  # type: ignore[arg-type]
    assert out == "&lt;b&gt;新&lt;/b&gt;^上^\n<ul>\n</ul>\n"


@pytest.mark.parametrize(
    "source",
    ["a\ud800b", "nul\x00char", ">" * 2000 + " deep", "[" * 3000, "*a " * 2000, "", "\n\n"],
)
def test_odd_input_never_crashes(source: str) -> None:
    out = render_markdown(source)
    assert tags(out) <= ALLOWED_TAGS


def test_wiki_link_text_survives_for_the_wiki_preview() -> None:
    targets = {
        name_key("注意力机制"): WikiTarget(kind="item", id=7, title="注意力机制"),
        name_key("ResNet"): WikiTarget(kind="item", id=8, title="ResNet"),
    }
    out = wiki.render_markdown(
        "见 [[注意力机制]]，**[[ResNet|残差网络]]** 和 [[没有]]\n\n| 链接 |\n|--|\n| [[ResNet]] |",
        targets,
    )
    assert '<a href="threepass:item/7">注意力机制</a>' in out
    assert '<strong><a href="threepass:item/8">残差网络</a></strong>' in out
    assert '<td><a href="threepass:item/8">ResNet</a></td>' in out
    assert "[[没有]]</span>" in out


def test_the_preview_shows_it_inert(qapp: QApplication, qtbot: QtBot) -> None:
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    editor.set_text(
        "## 第二遍\n\n<script>alert(1)</script>\n\n![图](https://example.com/a.png) "
        "[js](javascript:alert(1)) [论文](https://arxiv.org/abs/1706.03762)\n\n"
        "| 甲 | 乙 |\n|--|--|\n| 1 | 2 |"
    )
    document = editor.preview.document()
    text = document.toPlainText()
    assert "第二遍" in text
    assert "<script>alert(1)</script>" in text
    assert "[▣ 图]" in text
    assert "[js](javascript:alert(1))" in text
    assert anchors(document) == ["https://example.com/a.png", "https://arxiv.org/abs/1706.03762"]
    assert "甲" in text
    assert "乙" in text


_PIECES = st.sampled_from(
    [
        "<script>", "<img src=http://x/y.png>", "<div>", "</div>", "<!--", "-->", "<b>",
        "<a href='javascript:x'>", "\n", "\n\n", "  \n", "    ", "# ", "> ", "- ", "1. ", "|",
        "|--|", "`", "```", "*", "**", "~", "~~", "_", "[", "]", "(", ")", "![", "<", ">",
        "javascript:alert(1)", "JAVASCRIPT:x", "data:text/html,x", "file:///etc", "vbscript:x",
        "http://a.example/中", "mu@example.com", "中文", "注意力", "，", "&amp;", "&#x3c;",
        "\\", '"', "'", "[[名字]]", "[x]: ", "a", " ",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_no_input_yields_active_html(source: str) -> None:
    out = render_markdown(source)
    assert tags(out) <= ALLOWED_TAGS, out
    for match in TAG.finditer(out):
        closing, name, attrs = match.groups()
        if closing or name not in ("a", "ol", "pre", "code", "th", "td"):
            assert attrs.strip(" /") == "", match.group()
    for href in hrefs(out):
        scheme = re.sub(r"[\x00-\x20]", "", href).split(":", 1)[0].lower()
        assert scheme not in {"javascript", "vbscript", "file"}
        assert scheme != "data" or href.startswith("data:image/")
