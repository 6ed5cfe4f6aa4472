"""The notes parse keeps a compact block tree, not markdown-it's tokens, yet reads like one parse.

An 8 MB notes file once held ~230 MB of retained tokens (a table cell is three tokens with
their own maps and dicts) and peaked above 500 MB in the import; these tests hold the
parse to what it keeps and to how many tokens are alive at a time.
"""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Sequence

import pytest
from markdown_it import MarkdownIt
from markdown_it.parser_inline import ParserInline
from markdown_it.token import Token
from markdown_it.utils import EnvType

from importers import notes_blocks, study_notes
from importers.mdtext import new_parser
from importers.notes_blocks import Block, Text
from tests.fixture_paths import FIXTURES, require

PAPER = "https://arxiv.org/abs/1706.03762"


def _long_notes(sections: int) -> str:
    parts = ["# Reading\n\n- [Attention is all you need][paper]\n"]
    for n in range(sections):
        parts.append(f"## Topic {n}\n\nA paragraph about topic {n}.\n\n- point one\n- point two\n")
    parts.append(f"[paper]: {PAPER}\n")
    return "\n".join(parts)


def _tables_and_lists(copies: int) -> str:
    """What costs memory in real notes: company tables, question lists, linked prose."""
    parts = []
    for n in range(copies):
        rows = "\n".join(f"| Company {n}-{k} | City {k} | note {k} |" for k in range(40))
        questions = "".join(f"- What is thing {n}.{k}?\n  - detail {k}\n" for k in range(20))
        parts.append(
            f"## Companies {n}\n\n| Company | City | Notes |\n|---|---|---|\n{rows}\n\n"
            f"## Questions {n}\n\n{questions}\n"
            f"## Reading {n}\n\nSome prose about topic {n} with a [link](https://example.com/{n}).\n"
        )
    return "\n".join(parts)


EDGES = """Intro with a [late reference][late] and <b>html</b> inline.

- item with a table inside:

  | Company | City |
  |---|---|
  | [Acme](https://acme.example) | Paris<br>Lyon |

- # a heading in an item
  > a quote in an item

<div>an html block</div>

## Second [![badge](https://img.example/b.svg)](https://ci.example)

1. [a](#one) [b](#two)
2. [c](#three)

```
fenced
```

Setext heading
---

[late]: https://late.example/ref
"""


def _shape(blocks: Sequence[Block]) -> list[object]:
    """Everything the importer can read of blocks, as plain values."""

    def text(inline: Text | None) -> object:
        if inline is None:
            return None
        return (
            [(ln.text, ln.outside_text, ln.links, ln.first, ln.last) for ln in inline.lines],
            [(ln.text, ln.outside_text, ln.links, ln.first, ln.last) for ln in inline.lines_no_br],
            inline.anchors,
            inline.images,
            inline.badges,
        )

    return [
        (
            b.kind,
            b.map,
            b.level,
            b.content,
            text(b.inline),
            [(r.head, r.map, [text(c) for c in r.cells]) for r in b.rows],
            _shape(b.children),
        )
        for b in blocks
    ]


@pytest.mark.parametrize(
    "name", ["awesome-llm.md", "remote-jobs-companies.md", "javaguide-llm-questions.md", None]
)
def test_the_streamed_block_tree_is_markdown_its_one_parse(name: str | None) -> None:
    # One top-level block's tokens at a time and inlines read in batches after the block
    # pass give what one markdown-it parse of the whole text gives.
    text = EDGES if name is None else require(FIXTURES / "notes" / name).read_text("utf-8")
    lines = text.splitlines()
    streamed = notes_blocks.read_blocks(list(lines), 0)
    whole = notes_blocks._Reader(new_parser(), {}, list(lines))
    at_once = whole.convert(new_parser().parse("\n".join(lines)), inner=True)
    assert _shape(streamed) == _shape(at_once)
    assert len(streamed) >= 5


def test_a_reference_defined_at_the_end_serves_a_link_at_the_start() -> None:
    doc = study_notes.parse(_long_notes(400))
    assert PAPER in {item.url for item in doc.result.items}


def test_inlines_are_parsed_and_read_a_batch_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    pending = most = parsed = 0
    parse_inline = ParserInline.parse
    read_inline = notes_blocks.read_inline

    def counting(
        self: ParserInline, src: str, md: MarkdownIt, env: EnvType, out: list[Token]
    ) -> list[Token]:
        nonlocal pending, most, parsed
        pending += 1
        parsed += 1
        most = max(most, pending)
        return parse_inline(self, src, md, env, out)

    def reading(children: Sequence[Token] | None) -> Text:
        nonlocal pending
        pending = 0
        return read_inline(children)

    monkeypatch.setattr(ParserInline, "parse", counting)
    monkeypatch.setattr(notes_blocks, "read_inline", reading)
    study_notes.parse(_long_notes(400))
    assert parsed > 4 * notes_blocks.INLINE_BATCH
    assert 0 < most <= notes_blocks.INLINE_BATCH


def test_the_block_pass_hands_its_tokens_over_a_top_level_block_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    runs: list[int] = []
    convert = notes_blocks._Reader.convert

    def recording(
        self: notes_blocks._Reader, tokens: Sequence[Token], **kwargs: bool | int
    ) -> list[notes_blocks.Block]:
        runs.append(len(tokens))
        return convert(self, tokens, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(notes_blocks._Reader, "convert", recording)
    text = _tables_and_lists(60)
    study_notes.parse(text)
    whole = len(new_parser().parse(text))
    largest_table = len(new_parser().parse(_tables_and_lists(1).split("## Q")[0]))
    assert sum(runs) == whole
    assert max(runs) <= largest_table < whole // 50


def _reachable(root: object) -> list[object]:
    seen: set[int] = set()
    found: list[object] = []
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, type):
            continue
        seen.add(id(obj))
        found.append(obj)
        stack.extend(gc.get_referents(obj))
    return found


def test_a_parsed_file_holds_no_markdown_it_token() -> None:
    doc = study_notes.parse(_tables_and_lists(5) + _long_notes(5))
    reachable = _reachable(doc)
    assert any(isinstance(obj, notes_blocks.Block) for obj in reachable)
    assert not [obj for obj in reachable if isinstance(obj, Token)]


def test_the_parse_holds_a_small_multiple_of_the_text() -> None:
    # Tables of short cells are the worst case (the old token tree held ~120 bytes per
    # byte of such a file; the block tree ~30).
    text = _tables_and_lists(60)
    size = len(text.encode("utf-8"))
    gc.collect()
    tracemalloc.start()
    try:
        doc = study_notes.parse(text)
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(doc.result.companies) == 60 * 40
    assert held < 50 * size
    assert peak < 60 * size


def _resources_and_questions(copies: int) -> str:
    parts = []
    for n in range(copies):
        parts.append(
            f"## Reading {n}\n\n- [Paper {n}](https://arxiv.org/abs/2101.{n:05d})\n"
            f"  - why it matters\n  - [code](https://github.com/example/{n})\n\n"
            f"## Questions {n}\n\n- What is idea {n}?\n- Why does idea {n} work?\n"
        )
    return "\n".join(parts)


def test_the_parse_leaves_no_reference_cycles() -> None:
    # Garbage without cycles is freed at once; the collector is off during the parse, so
    # cycles (nested recursive closures once made one per resources section) would pile up.
    gc.collect()
    was_on = gc.isenabled()
    gc.disable()
    try:
        doc = study_notes.parse(_resources_and_questions(200) + _tables_and_lists(5))
        cyclic = gc.collect()
    finally:
        if was_on:
            gc.enable()
    assert len(doc.result.items) == 405
    assert cyclic < 100  # the parser object's own (its renderer's bound methods)


def test_the_collector_is_paused_for_the_parse_and_restored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []
    split = study_notes._split

    def watching(markdown: str) -> list[study_notes.Section]:
        seen.append(gc.isenabled())
        return split(markdown)

    monkeypatch.setattr(study_notes, "_split", watching)
    assert gc.isenabled()
    study_notes.parse(_long_notes(3))
    assert seen == [False]
    assert gc.isenabled()
    gc.disable()
    try:
        study_notes.parse(_long_notes(3))
        assert not gc.isenabled()  # left off when it was off
    finally:
        gc.enable()
