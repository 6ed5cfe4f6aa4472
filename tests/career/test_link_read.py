"""LinkReader: the item pane's links, backlinks and wiki-name resolution in plain SQL, without
importing the ORM (issue #7: the first screen must not pay for sqlalchemy.orm)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from models.db import Database
from models.errors import NotFoundError
from models.services.career import CompanyInput
from models.services.link_read import RESOLVE_CHUNK, LinkReader, WikiTarget, name_key, wiki_names
from models.services.review import QuestionInput
from tests.career.career_support import Services

REPO = Path(__file__).resolve().parents[2]
ORM_MODULES = ("sqlalchemy.orm", "models.library", "models.career", "models.services.links")


def test_importing_the_reader_and_the_wiki_widgets_leaves_the_orm_out(tmp_path: Path) -> None:
    """In a fresh interpreter; importing LinkService afterwards proves the check sees the ORM."""
    script = (
        "import json, sys\n"
        f"orm = {ORM_MODULES!r}\n"
        "import models.services.link_read\n"
        "reader = [m for m in orm if m in sys.modules]\n"
        "import desktop.widgets.wiki\n"
        "wiki = [m for m in orm if m in sys.modules]\n"
        "import models.services.links\n"
        "service = [m for m in orm if m in sys.modules]\n"
        "print(json.dumps([reader, wiki, service]))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, env=env
    )
    assert done.returncode == 0, done.stderr
    reader, wiki, service = json.loads(done.stdout.splitlines()[-1])
    assert reader == []
    assert wiki == []
    assert service == list(ORM_MODULES)


def test_names_resolve_across_case_spacing_and_cjk(svc: Services, db: Database) -> None:
    resnet = svc.item("ResNet  残差网络   精读")  # typed with repeated spaces
    gpt = svc.item("GPT-3 论文精读")
    accented = svc.item("Ärzte und LLMs")
    reader = LinkReader(db)
    note = "见 [[resnet 残差网络 精读]]、[[gpt-3 论文精读|GPT-3]]、[[ärzte und llms]] 和 [[不存在]]"
    names = wiki_names(note)
    assert names == ["resnet 残差网络 精读", "gpt-3 论文精读", "ärzte und llms", "不存在"]
    found = reader.resolve(names)
    # ASCII case folds (like SQLite lower()); Ä does not, so that name stays unresolved
    assert found == {
        "resnet 残差网络 精读": WikiTarget("item", resnet, "ResNet  残差网络   精读"),
        "gpt-3 论文精读": WikiTarget("item", gpt, "GPT-3 论文精读"),
    }
    assert reader.resolve_one("  RESNET 残差网络  精读 ") == found["resnet 残差网络 精读"]
    assert reader.resolve_one("Ärzte und LLMs") == WikiTarget("item", accented, "Ärzte und LLMs")
    assert reader.resolve_one("不存在") is None
    assert reader.resolve(["", "   "]) == {}


def test_items_win_over_companies_over_questions(svc: Services, db: Database) -> None:
    question = svc.questions.add_question(QuestionInput(text="Minimax"))
    reader = LinkReader(db)
    assert reader.resolve_one("minimax") == WikiTarget("question", question, "Minimax")
    company = svc.career.add_company(CompanyInput(name="Minimax"))
    assert reader.resolve_one("MINIMAX") == WikiTarget("company", company, "Minimax")
    first = svc.item("minimax")
    svc.item("MiniMax")  # a later item of the same name: the first one keeps the name
    assert reader.resolve_one("Minimax") == WikiTarget("item", first, "minimax")


def test_long_name_lists_are_resolved_in_chunks(svc: Services, db: Database) -> None:
    """Every chunk of the IN lists is read: names found at the start, middle and end."""
    titles = ["注意力机制", "Flash Attention", "位置编码 RoPE"]
    ids = [svc.item(t) for t in titles]
    names = [f"missing {n}" for n in range(2 * RESOLVE_CHUNK + 50)]
    names[0], names[RESOLVE_CHUNK + 10], names[-1] = titles
    found = LinkReader(db).resolve(names)
    assert {key: t.id for key, t in found.items()} == {
        name_key(t): i for t, i in zip(titles, ids, strict=True)
    }


def test_item_links_in_name_and_id_order(svc: Services, db: Database) -> None:
    item = svc.item("GPT-3 论文精读")
    minimax = svc.career.add_company(CompanyInput(name="Minimax"))
    hf = svc.career.add_company(CompanyInput(name="huggingface"))
    zhipu = svc.career.add_company(CompanyInput(name="智谱"))
    q1 = svc.questions.add_question(QuestionInput(text="大语言模型有哪几种架构", confidence=3))
    q2 = svc.questions.add_question(QuestionInput(text="why scaling laws?"))
    svc.links.set_item_links(item, [zhipu, minimax, hf], [q2, q1])
    links = LinkReader(db).item_links(item)
    # companies.name is COLLATE NOCASE: huggingface sorts before Minimax, CJK after ASCII
    assert links.companies == ((hf, "huggingface"), (minimax, "Minimax"), (zhipu, "智谱"))
    assert links.questions == ((q1, "大语言模型有哪几种架构", 3), (q2, "why scaling laws?", 0))
    assert LinkReader(db).item_links(svc.item("无链接")).companies == ()


def test_backlinks_come_from_every_kind_of_note(svc: Services, db: Database) -> None:
    target = svc.item("Transformer 论文逐段精读")
    b_item = svc.item("BERT 精读")
    a_item = svc.item("Attention 总览")
    svc.library.save_note(
        b_item,
        2,
        "对比 [[transformer 论文逐段精读]] 的 encoder\n\n再看一遍 [[Transformer 论文逐段精读]]",
    )
    svc.library.save_note(b_item, None, "总笔记：[[TRANSFORMER 论文逐段精读|原论文]]")
    svc.library.save_note(a_item, 1, "先看 [[Transformer 论文逐段精读]]")
    zhipu = svc.career.add_company(CompanyInput(name="智谱"))
    minimax = svc.career.add_company(CompanyInput(name="Minimax"))
    svc.career.set_company_notes(zhipu, "会问 [[Transformer 论文逐段精读]]")
    svc.career.set_company_notes(minimax, "重点：[[transformer 论文逐段精读]]")
    q_both = svc.questions.add_question(
        QuestionInput(
            text="attention 原理",
            answer="见 [[Transformer 论文逐段精读]]",
            detail="- 缩放：[[Transformer 论文逐段精读]]",
        )
    )
    q_detail = svc.questions.add_question(
        QuestionInput(text="多头", detail="[[transformer 论文逐段精读|paper]]")
    )
    back = LinkReader(db).backlinks("item", target)
    assert [(b.source, b.where) for b in back] == [
        # study notes by item title, then pass (general notes first)
        (WikiTarget("item", a_item, "Attention 总览"), "pass 1 notes"),
        (WikiTarget("item", b_item, "BERT 精读"), "notes"),
        (WikiTarget("item", b_item, "BERT 精读"), "pass 2 notes"),
        # company notes by name, then questions by id (answer before detail)
        (WikiTarget("company", minimax, "Minimax"), "notes"),
        (WikiTarget("company", zhipu, "智谱"), "notes"),
        (WikiTarget("question", q_both, "attention 原理"), "answer"),
        (WikiTarget("question", q_both, "attention 原理"), "detail"),
        (WikiTarget("question", q_detail, "多头"), "detail"),
    ]
    # one backlink per note, its snippet the line of the first link
    assert back[2].snippet == "对比 [[transformer 论文逐段精读]] 的 encoder"


def test_backlink_snippet_is_the_line_that_holds_the_link(svc: Services, db: Database) -> None:
    """Not a window of characters around the link that shows the neighbouring lines."""
    target = svc.item("ResNet 残差网络")
    source = svc.item("DenseNet 精读")
    before = "# 第二遍\n\n" + "前面一大段关于稠密连接的笔记，和残差无关。" * 3 + "\n"
    after = "\n" + "后面也是一大段别的内容：growth rate、transition layer 等等。" * 3
    svc.library.save_note(source, 2, before + "- 对比  [[ResNet 残差网络]]：相加变拼接" + after)
    long_line = "很长的一行" * 30 + " [[ResNet 残差网络]] " + "结尾" * 60
    svc.library.save_note(source, 3, "标题\n" + long_line + "\n下一行")
    back = LinkReader(db).backlinks("item", target)
    assert [b.snippet for b in back] == [
        "- 对比 [[ResNet 残差网络]]：相加变拼接",
        # a long line is cut around the link, the cuts marked
        "…" + ("很长的一行" * 30)[-39:] + " [[ResNet 残差网络]] " + "结尾" * 52 + "…",
    ]


def test_backlinks_need_a_link_that_resolves_to_the_target(svc: Services, db: Database) -> None:
    """Mentions, longer names and same-named targets that win the name are not backlinks."""
    target = svc.item("ResNet 残差网络")
    other = svc.item("Vision Transformer")
    longer = svc.item("ResNet 残差网络 精读")
    svc.library.save_note(other, 1, "ResNet 残差网络 without brackets is no link")
    svc.library.save_note(other, 2, "[[ResNet 残差网络 精读]] is the longer title")
    svc.library.save_note(other, 3, "[[ResNet 残差网]] is an unknown name")
    reader = LinkReader(db)
    assert reader.backlinks("item", target) == []
    assert [b.source.id for b in reader.backlinks("item", longer)] == [other]
    # a question named like an item: [[links]] resolve to the item, so not to the question
    question = svc.questions.add_question(QuestionInput(text="Vision Transformer"))
    svc.library.save_note(target, 1, "参考 [[Vision Transformer]]")
    assert reader.backlinks("question", question) == []
    assert [(b.source.id, b.where) for b in reader.backlinks("item", other)] == [
        (target, "pass 1 notes")
    ]
    # a question linking a company from its answer
    company = svc.career.add_company(CompanyInput(name="月之暗面"))
    asker = svc.questions.add_question(QuestionInput(text="长上下文", answer="[[月之暗面]] 会问"))
    assert [(b.source, b.where) for b in reader.backlinks("company", company)] == [
        (WikiTarget("question", asker, "长上下文"), "answer")
    ]


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("item", "No item with id 999."),
        ("company", "No company with id 999."),
        ("question", "No question with id 999."),
        ("note", "Unknown link target kind 'note'."),
    ],
)
def test_missing_targets_are_one_clear_error(db: Database, kind: str, message: str) -> None:
    with pytest.raises(NotFoundError) as raised:
        LinkReader(db).backlinks(kind, 999)
    assert str(raised.value) == message


def test_links_of_a_missing_item_are_an_error(db: Database) -> None:
    with pytest.raises(NotFoundError, match=r"^No item with id 999\.$"):
        LinkReader(db).item_links(999)
