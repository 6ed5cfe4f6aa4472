"""paper-reading parser on the real README fixture, on older formats, and on junk."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from importers import paper_reading
from importers.http import Fetcher, FetchError, Validators
from importers.links import normalize_url, video_link, youtube_id
from importers.records import ItemRecord, ParseResult

LLAMA = "https://arxiv.org/abs/2407.21783"
RESNET = "https://arxiv.org/abs/1512.03385"
ALEXNET = normalize_url(
    "https://papers.nips.cc/paper/2012/file/c399862d3b9d6b76c8436e924a68c45b-Paper.pdf"
)


@pytest.fixture(scope="module")
def parsed(paper_readme: str) -> ParseResult:
    return paper_reading.parse(paper_readme)


def _videos(result: ParseResult) -> list[ItemRecord]:
    return [i for i in result.items if i.kind == "paper_video"]


def _papers(result: ParseResult) -> list[ItemRecord]:
    return [i for i in result.items if i.kind == "paper"]


def _video(result: ParseResult, title_start: str) -> ItemRecord:
    matches = [v for v in _videos(result) if v.title.startswith(title_start)]
    assert len(matches) == 1, (title_start, [v.title for v in matches])
    return matches[0]


def _paper(result: ParseResult, title: str) -> ItemRecord:
    return next(p for p in _papers(result) if p.title == title)


def test_fixture_counts(parsed: ParseResult) -> None:
    videos, papers = _videos(parsed), _papers(parsed)
    assert len(videos) == 59
    assert len(papers) == 90 + len(TITLE_LINKED)  # the paper list's rows, then title links
    assert len({p.category for p in papers[:90]}) == 12
    assert [p.category for p in papers[90:]] == [None] * len(TITLE_LINKED)
    assert sum(v.duration_seconds or 0 for v in videos) == 188_957
    assert all(v.duration_seconds for v in videos)
    platforms = Counter(k for v in videos for k in v.links)
    assert platforms == {"bilibili": 59, "youtube": 47, "zhihu": 20}
    assert sum(bool(p.recorded) for p in papers[:90]) == 59
    assert all(p.recorded for p in papers[90:])  # a video reads each
    assert parsed.skipped == ()
    assert len({i.external_key for i in parsed.items}) == len(parsed.items)


def test_categories_in_order(parsed: ParseResult) -> None:
    categories = list(dict.fromkeys(p.category for p in _papers(parsed) if p.category))
    assert categories[0] == "计算机视觉 - CNN"
    assert categories[-1] == "新领域应用"
    assert "计算机视觉 - 对比学习" in categories
    assert "系统" in categories


def test_newest_video_exact_fields(parsed: ParseResult) -> None:
    video = _videos(parsed)[0]
    assert video.title == "Llama 3.1论文精读 · 5. 模型训练过程"
    assert video.external_key == "bilibili:BV1c8HbeaEXi"
    assert video.url == "https://www.bilibili.com/video/BV1c8HbeaEXi"
    assert video.links == {"bilibili": "https://www.bilibili.com/video/BV1c8HbeaEXi"}
    assert video.published == "2024-09-04"
    assert video.year == 2024
    assert video.duration_seconds == 10 * 60 + 41
    assert video.covers == (LLAMA,)
    assert video.position == 59  # the course runs oldest first: the newest video is last


def test_videos_numbered_oldest_first(parsed: ParseResult) -> None:
    by_position = sorted(_videos(parsed), key=lambda v: v.position or 0)
    assert [v.position for v in by_position] == list(range(1, 60))
    assert by_position[0].title == "如何读论文"
    assert by_position[-1].title == "Llama 3.1论文精读 · 5. 模型训练过程"
    assert by_position[1].published is not None
    assert by_position[1].published >= "2021-10-06"
    # papers: table order, then the ones only a video's title links
    assert [p.position for p in _papers(parsed)] == list(range(1, 91 + len(TITLE_LINKED)))


def test_new_video_at_the_top_keeps_positions(parsed: ParseResult, paper_readme: str) -> None:
    new_row = (
        "| 11/20/24 | [Mamba](https://arxiv.org/abs/2312.00752) 精读 | | 40:00 | "
        "[![b](x)](https://www.bilibili.com/video/BV1aa4y1a7aa) |\n"
    )
    assert "| 9/04/24 |" in paper_readme
    later = paper_reading.parse(paper_readme.replace("| 9/04/24 |", new_row + "| 9/04/24 |", 1))
    before = {v.external_key: v.position for v in _videos(parsed)}
    after = {v.external_key: v.position for v in _videos(later)}
    assert after.pop("bilibili:BV1aa4y1a7aa") == 60
    assert after == before


def test_hour_long_video_and_platform_ids(parsed: ParseResult) -> None:
    gpt4 = _video(parsed, "GPT-4")
    assert gpt4.duration_seconds == 1 * 3600 + 20 * 60 + 38
    assert gpt4.links["youtube"] == "https://www.youtube.com/watch?v=K0SZ9mdygTw"
    assert gpt4.covers == ("https://openai.com/research/gpt-4",)  # not in the paper list
    assert gpt4.refs == ("https://openai.com/research/gpt-4",)
    codex = _video(parsed, "OpenAI Codex")
    assert codex.links == {
        "bilibili": "https://www.bilibili.com/video/BV1iY41137Zi",
        "youtube": "https://www.youtube.com/watch?v=oZriUGkQSNM",
        "zhihu": "https://www.zhihu.com/zvideo/1490959755963666432",
    }
    first = _videos(parsed)[-1]
    assert first.title == "如何读论文"
    assert first.published == "2021-10-06"
    assert first.links["youtube"] == "https://www.youtube.com/watch?v=txjl_Q4jCyQ"
    assert first.covers == ()


def test_llama_series_covers_one_paper(parsed: ParseResult) -> None:
    series = [v for v in _videos(parsed) if v.title.startswith("Llama 3.1论文精读")]
    assert len(series) == 5
    assert all(v.covers == (LLAMA,) for v in series)
    llama = _paper(parsed, "Llama 3.1")
    assert llama.external_key == LLAMA
    assert llama.year == 2024
    assert llama.recorded is True


def test_several_videos_per_paper_and_videos_without_paper(parsed: ParseResult) -> None:
    covering = Counter(k for v in _videos(parsed) for k in v.covers)
    assert covering[RESNET] == 2
    assert covering[ALEXNET] == 2
    art = [v for v in _videos(parsed) if "研究的艺术" in v.title]
    assert len(art) == 4
    assert all(_titles(parsed, v.covers) == ["研究的艺术"] for v in art)  # the book they read
    assert _video(parsed, "如何读论文").covers == ()
    gpt = _video(parsed, "GPT, GPT-2, GPT-3")
    assert [(_title_of(parsed, k)) for k in gpt.covers] == ["GPT", "GPT-2", "GPT-3"]


def _titles(result: ParseResult, keys: tuple[str, ...]) -> list[str]:
    return [_title_of(result, k) for k in keys]


def _title_of(result: ParseResult, key: str) -> str:
    return next(i.title for i in result.items if i.external_key == key)


def test_anchor_and_name_fallback_links(parsed: ParseResult) -> None:
    survey = _video(parsed, "对比学习论文综述")  # links "#contrastive_learning"
    assert len(survey.covers) == 13
    assert {_title_of(parsed, k) for k in survey.covers} >= {"MoCov1", "SimCLRv1", "DINO"}
    # The video links a NeurIPS PDF, the paper list an arXiv abstract: matched by name.
    two_stream = _video(parsed, "Two-Stream")
    assert two_stream.covers == ("https://arxiv.org/abs/1406.2199",)


def test_paper_exact_fields(parsed: ParseResult) -> None:
    alexnet = _paper(parsed, "AlexNet")
    assert alexnet.external_key == ALEXNET
    assert alexnet.url is not None
    assert alexnet.url.endswith("-Paper.pdf")
    assert (alexnet.year, alexnet.category, alexnet.recorded) == (2012, "计算机视觉 - CNN", True)
    assert alexnet.summary == "深度学习热潮的奠基作"
    vgg = _paper(parsed, "VGG")
    assert vgg.recorded is False
    assert vgg.external_key == "https://arxiv.org/abs/1409.1556"
    rcnn = _paper(parsed, "R-CNN")  # written as .../pdf/1311.2524v5.pdf
    assert rcnn.external_key == "https://arxiv.org/abs/1311.2524"
    assert rcnn.category == "计算机视觉 - Object Detection"
    momentum = _paper(parsed, "为什么Momentum有效")
    assert momentum.external_key == "https://distill.pub/2017/momentum"


def test_transformer_footnote_goes_to_summary(parsed: ParseResult) -> None:
    transformer = _video(parsed, "Transformer 逐段精读")
    assert transformer.title == "Transformer 逐段精读"
    assert transformer.summary == (
        "（视频中提到的文献 1 斯坦福100+作者的200+页综述 (https://arxiv.org/abs/2108.07258)，"
        "2 对LayerNorm的新研究 (https://arxiv.org/pdf/1911.07013.pdf)，"
        "3 对Attention在Transformer里面作用的研究 (https://arxiv.org/abs/2103.03404))"
    )
    assert "https://arxiv.org/abs/2108.07258" in transformer.refs
    # mentioned in the video, not read in it: no paper items of their own
    assert "https://arxiv.org/abs/2103.03404" not in {i.external_key for i in parsed.items}


# Papers the 录制完成的论文 table links from a video's title but the 所有论文 tables lack,
# counted by hand in the fixture: 15 links (研究的艺术 ×4, 视频理解论文串讲 ×2), 11 papers.
TITLE_LINKED = {
    "GPT-4": ("https://openai.com/research/gpt-4", ["GPT-4"]),
    "Anthropic LLM": ("https://arxiv.org/abs/2204.05862", ["Anthropic LLM"]),
    "Helm": ("https://arxiv.org/abs/2211.09110", ["Helm 全面语言模型评测"]),
    "Instruct GPT": ("https://arxiv.org/abs/2203.02155", ["Instruct GPT"]),
    "Neural Corpus Indexer": (
        "https://arxiv.org/abs/2206.02743",
        ["Neural Corpus Indexer 文档检索"],
    ),
    "OpenAI Whisper": ("https://cdn.openai.com/papers/whisper.pdf", ["OpenAI Whisper 精读"]),
    "Chain of Thought": (
        "https://arxiv.org/abs/2201.11903",
        ["Chain of Thought 论文、代码和资源"],
    ),
    "研究的艺术": (
        "https://press.uchicago.edu/ucp/books/book/chicago/C/bo23521678.html",
        [
            "理由、论据和担保【研究的艺术·四】",
            "如何讲好故事、故事里的论点【研究的艺术·三】",
            "明白问题的重要性【研究的艺术·二】",
            "跟读者建立联系【研究的艺术·一】",
        ],
    ),
    "视频理解论文串讲": (
        "https://arxiv.org/abs/2012.06567",
        ["视频理解论文串讲（下）", "视频理解论文串讲（上）"],
    ),
    "AI 指数报告": (
        "https://aiindex.stanford.edu/wp-content/uploads/2022/03/2022-AI-Index-Report_Master.pdf",
        ["斯坦福 2022 年 AI 指数报告 精读"],
    ),
    "论文不够 novel": (
        "https://perceiving-systems.blog/en/post/novelty-in-science",
        ["你（被）吐槽过论文不够 novel 吗？"],
    ),
}


def test_papers_linked_only_from_a_video_title(parsed: ParseResult) -> None:
    extra = _papers(parsed)[90:]
    assert {p.title: p.external_key for p in extra} == {
        title: key for title, (key, _) in TITLE_LINKED.items()
    }
    assert sum(len(videos) for _, videos in TITLE_LINKED.values()) == 15
    for paper in extra:
        covering = [v.title for v in _videos(parsed) if paper.external_key in v.covers]
        assert covering == TITLE_LINKED[paper.title][1]
        assert paper.kind == "paper"
    whisper = _paper(parsed, "OpenAI Whisper")
    assert whisper.url == "https://cdn.openai.com/papers/whisper.pdf"
    assert [p.position for p in extra] == list(range(91, 91 + len(TITLE_LINKED)))


_B = "https://www.bilibili.com/video/"
_GNN_PAPER = "https://distill.pub/2021/gnn-intro/"
_RESNET_PDF = "http://arxiv.org/pdf/1512.03385v3.pdf"
_GNN_LINKS = (
    f"[B站]({_B}BV1iT4y1d7zP/), [知乎](https://www.zhihu.com/zvideo/1439540657619087360), "
    "[YouTube](https://youtu.be/sejA2PtCITw)"
)
OLD_FORMAT = f"""# 深度学习论文精读

| 日期 | 标题 | 封面 | 时长 | 视频（4K） |
| -- | -- | -- | -- | -- |
| 录制中 | [BERT](https://arxiv.org/abs/1810.04805) |
| 11/3/21 | 零基础 [图神经网络]({_GNN_PAPER})（GNN） | <img/> | 66:19 | {_GNN_LINKS} |
| 2/?/22 | [ResNet]({_RESNET_PDF}) 逐段精读 | | 53:46 | [B站]({_B}BV1P3411y7nn/) |
| 3/1/22 | | | 10:00 | [B站]({_B}BV1xx411c7mD/) |
| 3/2/22 | 没有视频链接的一行 | | 1:00 | 即将上线 |

## 所有论文

### 计算机视觉

| 名字 | 年份 | 已录制 | 简介 |
| --- | --- | --- | --- |
| [ResNet](https://arxiv.org/abs/1512.03385) | 2015 | ✅ | 残差连接 |
| [图神经网络介绍](https://distill.pub/2021/gnn-intro/) | 2021 | | |
| [ResNet again](https://arxiv.org/abs/1512.03385v2) | 2015 | | 重复 |
"""

_YT = "[YouTube](https://www.youtube.com/watch?v=nzqlFIcCSWQ&t=5s)"
VIEWS_COLUMN = f"""| 视频 | 播放数 | 时长 | 标题 | 日期 |
|---|---|---|---|---|
| {_YT} | 12万 | 1:27:05 | [Transformer](https://arxiv.org/abs/1706.03762) | 2021-10-27 |
"""


def test_older_formats_found_from_header_row() -> None:
    result = paper_reading.parse(OLD_FORMAT)
    videos, papers = _videos(result), _papers(result)
    assert [v.title for v in videos] == ["零基础 图神经网络（GNN）", "ResNet 逐段精读"]
    gnn, resnet = videos
    assert gnn.duration_seconds == 66 * 60 + 19  # minutes past 59 in old rows
    assert set(gnn.links) == {"bilibili", "zhihu", "youtube"}
    assert gnn.covers == ("https://distill.pub/2021/gnn-intro",)
    assert resnet.published == "2022-02"
    assert resnet.year == 2022
    assert resnet.covers == (RESNET,)
    assert [p.title for p in papers] == ["ResNet", "图神经网络介绍"]
    assert papers[0].recorded is True
    assert papers[1].recorded is False
    reasons = {s.reason for s in result.skipped}
    assert any("no video yet" in r and "录制中" in r for r in reasons)
    assert "the row has no title" in reasons
    assert "the row has no Bilibili, YouTube or Zhihu video link" in reasons
    assert any("same paper as 'ResNet'" in r for r in reasons)
    assert all(s.where.startswith("line ") for s in result.skipped)


def test_reordered_columns_with_separate_views_column() -> None:
    (video,) = _videos(paper_reading.parse(VIEWS_COLUMN))
    assert video.external_key == "youtube:nzqlFIcCSWQ"
    assert (video.title, video.published, video.duration_seconds) == (
        "Transformer",
        "2021-10-27",
        5225,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9/04/24", ("2024-09-04", 2024)),
        ("2/?/22", ("2022-02", 2022)),
        ("?/?/21", ("2021", 2021)),
        ("13/40/21", ("2021", 2021)),
        ("2023-3", ("2023-03", 2023)),
        ("录制中", (None, None)),
    ],
)
def test_parse_date(text: str, expected: tuple[str | None, int | None]) -> None:
    assert paper_reading.parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("10:41", 641),
        ("03:28", 208),
        ("1:20:38", 4838),
        ("87:05", 5225),
        ("1:61:00", None),
        ("", None),
        ("abc", None),
    ],
)
def test_parse_duration(text: str, seconds: int | None) -> None:
    assert paper_reading.parse_duration(text) == seconds


def test_url_normalisation() -> None:
    same = {
        normalize_url(u)
        for u in [
            "https://arxiv.org/abs/1512.03385",
            "http://arxiv.org/pdf/1512.03385.pdf",
            "https://www.arxiv.org/pdf/1512.03385v2",
            "https://arxiv.org/abs/1512.03385v3/",
        ]
    }
    assert same == {RESNET}
    assert normalize_url("https://WWW.Example.org/a/?utm_source=x#frag") == "https://example.org/a"
    assert normalize_url("mailto:x@y.z") == "mailto:x@y.z"
    assert youtube_id("https://youtu.be/0_BBRNYInx8") == "0_BBRNYInx8"
    assert youtube_id("https://www.youtube-nocookie.com/embed/hBBOjCiFcuo?x=1") == "hBBOjCiFcuo"
    assert video_link("https://img.shields.io/youtube/views/6XidEHVjS1A?style=social") is None


def test_fetch_from_folder_and_url(
    paper_readme: str, tmp_path: Path, server: HTTPServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    (tmp_path / "README.md").write_text(paper_readme, encoding="utf-8")
    loaded = paper_reading.load(str(tmp_path), fetcher=make_fetcher())
    assert loaded is not None
    assert len(loaded[0].items) == 160
    server.expect_request("/README.md").respond_with_data(
        paper_readme, content_type="text/plain; charset=utf-8", headers={"ETag": '"abc"'}
    )
    url = server.url_for("/README.md")
    loaded = paper_reading.load(url, fetcher=make_fetcher())
    assert loaded is not None
    assert loaded[1] == Validators(etag='"abc"')
    server.clear()
    server.expect_request("/README.md", headers={"If-None-Match": '"abc"'}).respond_with_data(
        "", status=304
    )
    assert paper_reading.load(url, validators=loaded[1], fetcher=make_fetcher()) is None


def test_fetch_html_instead_of_markdown_fails(
    server: HTTPServer, make_fetcher: Callable[..., Fetcher]
) -> None:
    server.expect_request("/README.md").respond_with_data("<html/>", content_type="text/html")
    with pytest.raises(FetchError, match="paper-reading") as info:
        paper_reading.load(server.url_for("/README.md"), fetcher=make_fetcher("paper-reading"))
    assert info.value.kind == "content_type"


@settings(max_examples=200, deadline=None, database=None)
@given(st.text())
def test_parse_never_raises_on_arbitrary_text(text: str) -> None:
    assert isinstance(paper_reading.parse(text), ParseResult)


@settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(cut=st.integers(min_value=0, max_value=81_000), drop=st.integers(min_value=0, max_value=50))
def test_truncated_or_damaged_readme_never_raises(paper_readme: str, cut: int, drop: int) -> None:
    damaged = paper_readme[:cut] + paper_readme[cut + drop : cut + 2000]
    result = paper_reading.parse(damaged)
    assert len(_videos(result)) <= 59


@settings(max_examples=120, deadline=None, database=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(["", "x", "1:2", "✅", "[a](http://b)", "2/?/2", "|", "<br>"]),
            max_size=6,
        ),
        max_size=6,
    )
)
def test_table_like_junk_never_raises(rows: list[list[str]]) -> None:
    header = "| 日期 | 标题 | 时长 | 视频 |\n|--|--|--|--|\n"
    body = "\n".join("| " + " | ".join(r) + " |" for r in rows)
    assert isinstance(paper_reading.parse(header + body), ParseResult)
