"""The notes parse holds one batch of inline children at a time, yet reads like one parse."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt
from markdown_it.parser_inline import ParserInline
from markdown_it.token import Token
from markdown_it.utils import EnvType

from importers import study_notes

PAPER = "https://arxiv.org/abs/1706.03762"


def _long_notes(sections: int) -> str:
    parts = ["# Reading\n\n- [Attention is all you need][paper]\n"]
    for n in range(sections):
        parts.append(f"## Topic {n}\n\nA paragraph about topic {n}.\n\n- point one\n- point two\n")
    parts.append(f"[paper]: {PAPER}\n")
    return "\n".join(parts)


def test_a_reference_defined_at_the_end_serves_a_link_at_the_start() -> None:
    doc = study_notes.parse(_long_notes(400))
    assert PAPER in {item.url for item in doc.result.items}


def test_inline_children_are_read_and_dropped_a_batch_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pending = 0
    most = 0
    parse_inline = ParserInline.parse
    compact = study_notes._compact

    def counting(
        self: ParserInline, src: str, md: MarkdownIt, env: EnvType, out: list[Token]
    ) -> list[Token]:
        nonlocal pending, most
        pending += 1
        most = max(most, pending)
        return parse_inline(self, src, md, env, out)

    def compacting(tokens: list[Token]) -> list[Token]:
        nonlocal pending
        pending = 0
        return compact(tokens)

    monkeypatch.setattr(ParserInline, "parse", counting)
    monkeypatch.setattr(study_notes, "_compact", compacting)
    doc = study_notes.parse(_long_notes(400))
    inlines = sum(t.type == "inline" for s in doc.sections for t in s.parsed.tokens)
    assert inlines > 4 * study_notes._INLINE_BATCH
    assert 0 < most <= study_notes._INLINE_BATCH
    assert all(t.children is None for s in doc.sections for t in s.parsed.tokens)
