"""The notes importer decides by content and the nearest heading, keeps every URL, reads
company lines and tables, decodes the usual encodings and parses the file once."""

from __future__ import annotations

import codecs
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.token import Token
from markdown_it.utils import EnvType

from importers import study_notes
from importers.http import Document
from importers.study_notes import SectionKind, company_parts

QUESTION_HEADINGS = """# Deep learning interview questions

## Table of contents

- [RNN](#rnn)
- [Training](#training)

[![Build](https://img.shields.io/badge/build-passing-green.svg)](https://ci.example.org/x)
![logo](https://example.org/logo.png)

## RNN

#### 1) What is the difference between an RNN and an LSTM? [[src](https://example.org/rnn-lstm)]

- gates
- cell state
- see [the post](https://colah.github.io/posts/2015-08-Understanding-LSTMs/)

##### Follow-up

The forget gate decides what to drop.

#### 2) 为什么 RNN 会梯度消失

- 连乘
- tanh 饱和

## Training

#### 3) How does dropout work?

It drops units at random.

## What people say

- This repository helped me land a job at a great place, thank you so much!
- I read it twice before my interviews and it was exactly what I needed.
"""


def test_question_headings_are_questions_and_their_bullets_their_answer() -> None:
    doc = study_notes.parse(QUESTION_HEADINGS)
    questions = doc.result.questions
    assert [q.text for q in questions] == [
        "What is the difference between an RNN and an LSTM?",
        "为什么 RNN 会梯度消失",
        "How does dropout work?",
    ]
    first = questions[0]
    assert first.category == "RNN"
    assert first.detail is not None
    assert "- gates" in first.detail
    assert "The forget gate decides what to drop." in first.detail  # a subsection continues
    assert "https://example.org/rnn-lstm" in first.detail  # the heading's [src] link
    assert "colah.github.io" in first.detail
    assert questions[2].category == "Training"


def test_a_document_title_does_not_make_every_section_questions() -> None:
    doc = study_notes.parse(QUESTION_HEADINGS)
    guesses = {s.heading: s.guess for s in doc.sections}
    assert guesses["Table of contents"] == "ignore"
    assert guesses["What people say"] == "notes"
    assert not any("thank you" in q.text for q in doc.result.questions)


def test_contents_and_badges_are_left_out_with_a_reason() -> None:
    result = study_notes.parse(QUESTION_HEADINGS).result
    reasons = [s.reason for s in result.skipped]
    assert any("table of contents (2 in-page link(s))" in r for r in reasons), reasons
    assert any("2 badge(s) or image(s)" in r for r in reasons), reasons
    urls = {i.url for i in result.items}
    assert "https://ci.example.org/x" not in urls
    assert "https://example.org/logo.png" not in urls


def test_heading_links_keep_their_url_and_src_links_take_their_title_from_context() -> None:
    text = (
        "# Reading\n\n## [The Annotated Transformer](https://nlp.seas.harvard.edu/annotated)\n\n"
        "Read it twice.\n\n## Papers\n\n- Attention is all you need [src](https://arxiv.org/abs/1706.03762)\n"
    )
    doc = study_notes.parse(text)
    kinds: dict[int, SectionKind] = dict.fromkeys((s.index for s in doc.sections), "resources")
    result = study_notes.apply_mapping(doc, kinds)
    by_url = {i.url: i for i in result.items}
    assert by_url["https://nlp.seas.harvard.edu/annotated"].title == "The Annotated Transformer"
    assert by_url["https://arxiv.org/abs/1706.03762"].title == "Attention is all you need"
    notes: dict[int, SectionKind] = dict.fromkeys(kinds, "notes")
    as_notes = study_notes.apply_mapping(doc, notes)
    assert any("https://nlp.seas.harvard.edu/annotated" in n.markdown for n in as_notes.notes)


def test_numbered_paragraphs_are_questions_answered_by_the_blocks_below() -> None:
    text = (
        "# Technical interview questions\n\n## Coding\n\n**1) FizzBuzz.** Print 1 to 100.\n\n"
        "```python\nfor i in range(1, 101): print(i)\n```\n\n- [1, 2], 3 ⇒ True\n\n"
        "**2) Factorial**. Compute n!\n\n```python\nmath.factorial(n)\n```\n"
    )
    questions = study_notes.parse(text).result.questions
    assert [q.text for q in questions] == ["FizzBuzz. Print 1 to 100.", "Factorial. Compute n!"]
    assert questions[0].detail is not None
    assert "[1, 2], 3 ⇒ True" in questions[0].detail  # an example, not a question


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("小米 - 北京", ("小米", "北京", None)),
        ("王小川-五季智能", ("五季智能", None, "王小川")),
        ("Mistral AI - Paris, referral", ("Mistral AI", "Paris", "referral")),
        ("Cohere: Toronto", ("Cohere", "Toronto", None)),
        ("Anthropic — SF", ("Anthropic", "SF", None)),
        ("OpenAI: referral from a friend", ("OpenAI", None, "referral from a friend")),
        ("字节跳动 - 上海，AI Lab", ("字节跳动", "上海", "AI Lab")),
        ("stability.ai", ("stability.ai", None, None)),
    ],
)
def test_company_line_rule(line: str, parts: tuple[str, str | None, str | None]) -> None:
    assert company_parts(line) == parts


def test_company_lines_and_tables() -> None:
    text = (
        "## Companies\n\n- 小米 - 北京\n- **Anthropic** — SF\n"
        "- NOTE: these are the companies I liked most after the career fair this spring.\n\n"
        "## Target list\n\n| City | Company | Notes |\n|---|---|---|\n"
        "| Paris | Mistral AI | referral |\n| Toronto | Cohere | |\n| | | nothing here |\n"
    )
    doc = study_notes.parse(text)
    target = next(s for s in doc.sections if s.heading == "Target list")
    result = study_notes.apply_mapping(doc, {target.index: "companies"})
    companies = {c.name: c for c in result.companies}
    assert set(companies) == {"小米", "Anthropic", "Mistral AI", "Cohere"}
    assert companies["小米"].city == "北京"
    assert (companies["Mistral AI"].city, companies["Mistral AI"].note) == (
        "Paris",
        "Notes: referral",
    )
    reasons = " ".join(s.reason for s in result.skipped)
    assert "reads as a sentence" in reasons
    assert "no company name" in reasons
    assert target.counts["companies"] == 2


GBK_NOTES = "# 面经\n\n## LLM\n\n1. 什么是注意力机制？\n2. 为什么要用 LayerNorm？\n"


@pytest.mark.parametrize(
    ("encoded", "named"),
    [
        (GBK_NOTES.encode("gbk"), "gb18030"),
        (GBK_NOTES.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF8 + GBK_NOTES.encode("utf-8"), "utf-8"),
        (GBK_NOTES.encode("utf-8"), "utf-8"),
    ],
)
def test_encodings(tmp_path: Path, encoded: bytes, named: str) -> None:
    path = tmp_path / "notes.md"
    path.write_bytes(encoded)
    document = study_notes.fetch(str(path))
    assert isinstance(document, Document)
    assert document.text == GBK_NOTES
    assert document.encoding == named
    doc = study_notes.parse(document.text, encoding=document.encoding)
    assert [q.text for q in doc.result.questions] == [
        "什么是注意力机制？",
        "为什么要用 LayerNorm？",
    ]


def test_cli_names_the_encoding(tmp_path: Path) -> None:
    path = tmp_path / "gbk-notes.md"
    path.write_bytes(GBK_NOTES.encode("gbk"))
    command = [sys.executable, "-m", "desktop", "--data-dir", str(tmp_path / "data")]
    run = subprocess.run(
        [*command, "import", "notes", str(path), "--preview"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "Read as GB18030" in run.stdout
    assert "questions      2  面经 / LLM" in run.stdout


def test_the_file_is_parsed_once(monkeypatch: pytest.MonkeyPatch, study_notes_text: str) -> None:
    # Counted where a block pass starts (its state over the text): the inlines are read in
    # batches after it, not parsed anew.
    calls: list[int] = []
    original = StateBlock.__init__

    def counting(
        self: StateBlock, src: str, md: MarkdownIt, env: EnvType, tokens: list[Token]
    ) -> None:
        calls.append(len(src))
        original(self, src, md, env, tokens)

    monkeypatch.setattr(StateBlock, "__init__", counting)
    doc = study_notes.parse(QUESTION_HEADINGS)
    for kind in study_notes.SECTION_KINDS:
        study_notes.apply_mapping(doc, dict.fromkeys((s.index for s in doc.sections), kind))
    assert len(calls) == 1
    calls.clear()
    study_notes.parse(study_notes_text)  # its indented list is parsed once more, alone
    assert len(calls) == 2
    assert calls[1] < len(study_notes_text) // 2
