"""Study-notes importer: the user's real notes, other people's notes, and junk."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from importers import study_notes
from importers.records import ParseResult
from importers.study_notes import SECTION_KINDS, NotesImport, SectionKind

COMPANIES = [
    "Minimax",
    "五季智能",
    "衔远科技",
    "光年之外",
    "昆仑万维",
    "hoxi",
    "爱诗科技",
    "智元机器人",
    "stability.ai",
    "softbank",
    "huggingface",
]

ENGLISH_NOTES = """---
title: My ML notes
---

Intro before any heading, see https://example.org/start for more.

# Reading list

- [Deep Learning Book](https://www.deeplearningbook.org/) — chapters six to nine
  - focus on regularisation
- [Attention paper](https://arxiv.org/pdf/1706.03762v5.pdf)
- Some unlinked book: Pattern Recognition

### Papers to skim

* <https://arxiv.org/abs/2106.09685> LoRA
* Bare link https://openreview.net/forum?id=abc123 and its comment
* [Attention again](https://arxiv.org/abs/1706.03762) duplicate link

| Title | Link |
|-------|------|
| Karpathy blog | [blog](https://karpathy.github.io/) |

Interview prep
--------------

### Python

* What is the GIL?
  * how does it affect threads
  * and processes
* Explain generators versus iterators.

### Machine learning

1) Why does batch norm help?
2) Compare L1 and L2 regularisation
   ```python
   loss = l1 + l2
   ```

## Companies I like

- [Hugging Face](https://huggingface.co) - open source
- DeepMind
- deepmind

## Journal

Today I learned about **transformers**.

> A quote I liked.

```
some code
```

#### Empty heading

## Links and notes mixed
Read [this post](https://blog.example.com/post?utm_source=x) first.
Then think about it for a while.
"""


def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"\w+", text)}


def _record_text(result: ParseResult) -> str:
    parts: list[str | None] = []
    for i in result.items:
        parts += [i.title, i.url, i.summary, i.category]
    for q in result.questions:
        parts += [q.text, q.detail, q.category]
    for c in result.companies:
        parts += [c.name, c.note, c.url]
    for n in result.notes:
        parts += [n.title, n.markdown, n.category]
    return "\n".join(p for p in parts if p)


_MARKERS = re.compile(r"^(?:\s*(?:[-*+]|\d{1,9}[.)])(?=\s|$))+", re.MULTILINE)


def _content_words(markdown: str) -> set[str]:
    """Words of the content under headings (headings are structure), minus list numbers."""
    doc = study_notes.parse(markdown)
    return set().union(*(_words(_MARKERS.sub("", s.markdown)) for s in doc.sections))


def _lost_words(markdown: str, result: ParseResult) -> set[str]:
    return _content_words(markdown) - _words(_record_text(result))


@pytest.fixture(scope="module")
def seed(study_notes_text: str) -> NotesImport:
    return study_notes.parse(study_notes_text)


def test_seed_defaults(seed: NotesImport) -> None:
    result = seed.result
    assert len(result.items) == 13
    # the two arXiv links are papers, the other links articles
    assert Counter(i.kind for i in result.items) == {"article": 11, "paper": 2}
    assert Counter(q.category for q in result.questions) == {
        "LLM": 14,
        "神经网络基础": 8,
        "CS基础": 6,
    }
    assert [c.name for c in result.companies] == COMPANIES
    interview_notes = [n for n in result.notes if n.category == "一些面经"]
    assert len(interview_notes) == 17  # one per bullet
    assert interview_notes[0].markdown.startswith("，问了一些简历的经历")
    assert result.skipped == ()


def test_seed_exact_fields(seed: NotesImport) -> None:
    result = seed.result
    first = result.items[0]
    assert (first.title, first.url, first.category) == (
        "fast.ai.course",
        "https://course.fast.ai/",
        "Basic",
    )
    assert first.summary == "写完每个章节后面的问题"
    suggestion = next(i for i in result.items if "Uranus" in i.title)
    assert suggestion.category == "李沐精讲学习方式 / Suggetions"
    assert suggestion.external_key == "https://zhihu.com/question/604134581/answer/3063230236"
    assert [i.title for i in result.items if i.category == "Blogs"] == [
        "紫气东来专栏",
        "一文读懂",
        "整理的面试题",
        "八股",
    ]
    plugins = result.questions[0]
    assert plugins.text == "ChatGPT Plugins体验。不足与提升"
    assert plugins.detail is not None
    assert plugins.detail.startswith("1. chatwithPDF plugin")
    assert "   1. 工具型的plugin，如何引流" in plugins.detail  # nesting kept
    java = result.questions[-1]
    assert (java.text, java.category, java.detail) == ("Java虚拟机简介", "CS基础", None)
    companies = {c.name: c for c in result.companies}
    assert companies["五季智能"].note == "王小川"
    assert companies["光年之外"].note == "慧文"
    method = next(n for n in result.notes if n.category == "李沐精讲学习方式")
    assert method.markdown.startswith("看三遍")
    assert "1.5X第三遍" in method.markdown


def test_seed_guesses_and_counts(seed: NotesImport) -> None:
    guesses = {s.title: s.guess for s in seed.sections}
    assert guesses["面经 / LLM"] == "questions"
    assert guesses["面经 / 参考公司"] == "companies"
    assert guesses["一些面经"] == "notes"
    assert guesses["Blogs"] == "resources"
    assert guesses["NLP"] == "notes"
    assert guesses["面经"] == "ignore"  # only a heading
    llm = next(s for s in seed.sections if s.title == "面经 / LLM")
    assert llm.counts["questions"] == 14
    assert llm.level == 2
    assert llm.heading == "LLM"
    blogs = next(s for s in seed.sections if s.title == "Blogs")
    assert blogs.counts["resources"] == 4


def test_seed_loses_nothing(seed: NotesImport, study_notes_text: str) -> None:
    assert _lost_words(study_notes_text, seed.result) == set()


def test_user_changed_mapping(seed: NotesImport) -> None:
    index = {s.title: s.index for s in seed.sections}
    mapping: dict[int, SectionKind] = {
        index["面经 / 参考公司"]: "notes",
        index["一些面经"]: "ignore",
        index["Blogs"]: "notes",
    }
    result = study_notes.apply_mapping(seed, mapping)
    assert result.companies == ()
    assert not any(n.category == "一些面经" for n in result.notes)
    assert sum(n.category == "面经 / 参考公司" for n in result.notes) == 11
    assert len(result.items) == 9
    assert any(n.category == "Blogs" and "紫气东来专栏" in n.markdown for n in result.notes)
    assert len(result.questions) == 28  # untouched sections keep their guess
    assert study_notes.apply_mapping(seed, {}) == seed.result


def test_english_notes_land_somewhere_sensible() -> None:
    doc = study_notes.parse(ENGLISH_NOTES)
    guesses = {s.title: s.guess for s in doc.sections}
    assert guesses["Reading list"] == "resources"
    assert guesses["Reading list / Papers to skim"] == "resources"
    assert guesses["Reading list / Interview prep / Python"] == "questions"
    assert guesses["Reading list / Interview prep / Machine learning"] == "questions"
    assert guesses["Reading list / Companies I like"] == "companies"
    assert guesses["Reading list / Journal"] == "notes"
    result = doc.result
    book = next(i for i in result.items if i.title == "Deep Learning Book")
    assert book.summary == "chapters six to nine\nfocus on regularisation"
    lora = next(i for i in result.items if i.url == "https://arxiv.org/abs/2106.09685")
    assert lora.title == "LoRA"
    blog = next(i for i in result.items if i.url == "https://karpathy.github.io/")
    assert blog.title == "Karpathy blog"
    attention = next(i for i in result.items if i.title == "Attention paper")
    assert attention.summary is not None
    assert "Attention again" in attention.summary
    assert any("same link" in s.reason for s in result.skipped)
    gil = next(q for q in result.questions if q.text == "What is the GIL?")
    assert gil.category == "Python"
    assert gil.detail == "* how does it affect threads\n* and processes"
    l1 = next(q for q in result.questions if q.text.startswith("Compare L1"))
    assert l1.detail is not None
    assert "loss = l1 + l2" in l1.detail
    assert [(c.name, c.note, c.url) for c in result.companies] == [
        ("Hugging Face", "open source", "https://huggingface.co"),
        ("DeepMind", None, None),
    ]
    assert any(n.markdown.startswith("- Some unlinked book") for n in result.notes)
    assert _lost_words(ENGLISH_NOTES, result) == set()


@pytest.mark.parametrize("kind", [k for k in SECTION_KINDS if k != "ignore"])
def test_any_uniform_mapping_loses_nothing(kind: SectionKind, study_notes_text: str) -> None:
    for text in (ENGLISH_NOTES, study_notes_text):
        doc = study_notes.parse(text)
        result = study_notes.apply_mapping(doc, {s.index: kind for s in doc.sections})
        assert _lost_words(text, result) == set(), kind


def test_no_headings_and_empty_input() -> None:
    assert study_notes.parse("").sections == ()
    doc = study_notes.parse("just a thought\n\n- and a list\n")
    assert [s.title for s in doc.sections] == ["(before the first heading)"]
    assert doc.result.notes
    assert not doc.result.items


def test_keys_are_stable_across_reparse(study_notes_text: str) -> None:
    first = study_notes.parse(study_notes_text).result
    edited = study_notes_text.replace("## CS基础\n", "## CS基础\n\n0. 新加的问题\n", 1)
    second = study_notes.parse(edited).result
    assert {q.external_key for q in first.questions} < {q.external_key for q in second.questions}


@settings(max_examples=150, deadline=None, database=None)
@given(st.text())
def test_parse_never_raises(text: str) -> None:
    doc = study_notes.parse(text)
    assert isinstance(doc.result, ParseResult)
    for kind in SECTION_KINDS:
        study_notes.apply_mapping(doc, {s.index: kind for s in doc.sections})


@settings(max_examples=120, deadline=None, database=None)
@given(st.text(alphabet=st.sampled_from(list("#-*1.) >[]()<`|\n\t xyhttps:/中?")), max_size=300))
def test_markdown_like_junk_never_raises(text: str) -> None:
    doc = study_notes.parse(text)
    for kind in SECTION_KINDS:
        study_notes.apply_mapping(doc, {s.index: kind for s in doc.sections})


_WORD = st.from_regex(r"[a-z]{3,7}", fullmatch=True)


@st.composite
def _notes_documents(draw: st.DrawFn) -> str:
    """Markdown built from the pieces people use: headings, links, nested lists, code."""
    blocks: list[str] = []
    serial = draw(st.integers(0, 10_000))
    for n in range(draw(st.integers(1, 8))):
        words = " ".join(draw(st.lists(_WORD, min_size=1, max_size=4)))
        choice = draw(st.integers(0, 6))
        if choice == 0:
            blocks.append("#" * draw(st.integers(1, 4)) + " " + words)
        elif choice == 1:
            blocks.append(f"[{words}](https://site{serial}.org/p{n}) {draw(_WORD)}")
        elif choice == 2:
            marker = draw(st.sampled_from(["-", "*", "1."]))
            items = []
            for k in range(draw(st.integers(1, 3))):
                text = " ".join(draw(st.lists(_WORD, min_size=1, max_size=3)))
                if draw(st.booleans()):
                    text = f"[{text}](https://x{serial}.org/{n}/{k}) {draw(_WORD)}"
                items.append(f"{marker} {text}")
                if draw(st.booleans()):
                    items.append(f"    - {draw(_WORD)} {draw(_WORD)}")
            blocks.append("\n".join(items))
        elif choice == 3:
            blocks.append(f"```\n{words}\n```")
        elif choice == 4:
            blocks.append(f"    - {words}\n    - {draw(_WORD)}")
        elif choice == 5:
            blocks.append(f"{words} https://bare{serial}.org/{n} {draw(_WORD)}?")
        else:
            blocks.append(f"> {words}")
    return "\n\n".join(blocks) + "\n"


@settings(max_examples=60, deadline=None, database=None)
@given(_notes_documents(), st.sampled_from((*SECTION_KINDS[:-1], "guess")))
def test_generated_notes_lose_nothing(markdown: str, kind: str) -> None:
    doc = study_notes.parse(markdown)
    if kind == "guess":
        result = doc.result
    else:
        chosen = next(k for k in SECTION_KINDS if k == kind)
        result = study_notes.apply_mapping(doc, {s.index: chosen for s in doc.sections})
    assert _lost_words(markdown, result) == set()
