"""Companies, applications with their history, rounds, links, readiness and wiki links."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from models.clock import FixedClock
from models.errors import NotFoundError, ValidationError
from models.services.career import (
    ApplicationInput,
    CompanyInput,
    DuplicateCompanyError,
    RoundInput,
)
from models.services.review import QuestionInput
from tests.career.career_support import Services


def test_company_names_are_unique_ignoring_case(svc: Services) -> None:
    first = svc.career.add_company(CompanyInput(name="Minimax", city="上海", tags=["LLM", "llm"]))
    svc.career.add_company(CompanyInput(name="五季智能"))
    svc.career.add_company(CompanyInput(name="Ärzte AI"))
    for clash in ("minimax", " MINIMAX ", "五季智能", "ärzte ai"):
        with pytest.raises(DuplicateCompanyError, match="already exists"):
            svc.career.add_company(CompanyInput(name=clash))
    assert [c.name for c in svc.career.list_companies()] == ["Minimax", "五季智能", "Ärzte AI"]
    assert svc.career.company_id("MiniMax") == first
    assert svc.career.get_company(first).tags == ("LLM",)
    with pytest.raises(ValidationError):
        svc.career.add_company(CompanyInput(name="   "))


def test_renaming_onto_another_company_is_refused_and_changes_nothing(svc: Services) -> None:
    a = svc.career.add_company(CompanyInput(name="衔远科技", city="北京"))
    svc.career.add_company(CompanyInput(name="hoxi"))
    with pytest.raises(DuplicateCompanyError):
        svc.career.update_company(a, CompanyInput(name="HOXI", city="上海"))
    detail = svc.career.get_company(a)
    assert (detail.name, detail.city) == ("衔远科技", "北京")
    svc.career.update_company(a, CompanyInput(name="衔远科技", city="上海", priority=5))
    assert svc.career.get_company(a).city == "上海"


def test_every_status_change_is_history(svc: Services, clock: FixedClock) -> None:
    company = svc.career.add_company(CompanyInput(name="Minimax"))
    app = svc.career.apply(company, ApplicationInput(role="LLM 算法", channel="referral"))
    clock.advance(days=2)
    assert svc.career.set_status(app, "applied") is True
    assert svc.career.set_status(app, "applied") is False  # no-op, no event
    clock.advance(days=5)
    svc.career.set_status(app, "Interviewing")
    with pytest.raises(ValidationError, match="Unknown application status"):
        svc.career.set_status(app, "hired")
    detail = svc.career.get_application(app)
    assert detail.status == "interviewing"
    assert [(e.from_status, e.to_status, e.at) for e in detail.events] == [
        (None, "interested", datetime(2026, 3, 2, 9, 0)),
        ("interested", "applied", datetime(2026, 3, 4, 9, 0)),
        ("applied", "interviewing", datetime(2026, 3, 9, 9, 0)),
    ]
    assert svc.career.list_companies()[0].application_status == "interviewing"
    with pytest.raises(NotFoundError):
        svc.career.set_status(999, "applied")


def test_application_fields_and_validation(svc: Services) -> None:
    company = svc.career.add_company(CompanyInput(name="昆仑万维"))
    with pytest.raises(ValidationError):
        svc.career.apply(company, ApplicationInput(role=" "))
    with pytest.raises(ValidationError):
        svc.career.apply(company, ApplicationInput(role="x"), status="maybe")
    app = svc.career.apply(
        company,
        ApplicationInput(
            role="天工 预训练",
            team="基座",
            contacts="王经理 wechat",
            next_action="发简历",
            next_action_due=date(2026, 3, 6),
        ),
        status="applied",
    )
    row = svc.career.list_applications()[0]
    assert (row.id, row.company, row.status, row.next_action_due) == (
        app,
        "昆仑万维",
        "applied",
        date(2026, 3, 6),
    )
    assert svc.career.status_counts()["applied"] == 1


def test_round_questions_come_from_the_bank_or_are_added(svc: Services) -> None:
    company = svc.career.add_company(CompanyInput(name="Minimax"))
    app = svc.career.apply(company, ApplicationInput(role="算法"))
    q1 = svc.questions.add_question(QuestionInput(text="attention原理", category="神经网络基础"))
    q2 = svc.questions.add_question(QuestionInput(text="LoRA原理"))
    round_id = svc.career.add_round(
        app,
        RoundInput(
            held_on=date(2026, 3, 1),
            kind="handwritten_code",
            interviewer_notes="写 MHA",
            question_ids=[q1, q2, q1],
            new_questions=["flash-attention 为什么快", ""],
        ),
    )
    rounds = svc.career.get_application(app).rounds
    assert [r.id for r in rounds] == [round_id]
    assert [t for _i, t in rounds[0].questions] == [
        "attention原理",
        "LoRA原理",
        "flash-attention 为什么快",
    ]
    asked = svc.questions.get_question(q1).companies
    assert [(a.company, a.rounds) for a in asked] == [
        ("Minimax", ((date(2026, 3, 1), "handwritten_code"),))
    ]
    assert svc.questions.count() == 3
    with pytest.raises(ValidationError):
        svc.career.add_round(app, RoundInput(kind="chat"))


def test_readiness_rises_with_passes_and_confidence(svc: Services) -> None:
    company = svc.career.add_company(CompanyInput(name="Minimax"))
    assert svc.links.readiness(company).score == 0
    steps = [s.kind for s in svc.links.readiness(company).next_steps]
    assert steps == ["link_items", "link_questions"]
    video = svc.item("Transformer论文逐段精读")
    paper = svc.item("LoRA", kind="paper")
    svc.links.link_item_company(video, company)
    svc.links.link_item_company(paper, company)
    assert svc.links.link_item_company(paper, company) is False
    svc.library.set_pass(video, 1, "done")
    r = svc.links.readiness(company)
    assert (r.score, r.items_score, r.questions_score) == (17, 17, None)  # 1 of 6 passes
    assert r.next_steps[0].kind == "pass"
    assert r.next_steps[0].number == 2
    q = svc.questions.add_question(QuestionInput(text="attention原理", confidence=2))
    svc.links.link_question_company(q, company)
    r = svc.links.readiness(company)
    assert r.questions_score == 40
    assert r.score == round(100 * (0.6 * 1 / 6 + 0.4 * 0.4))
    for n in (2, 3):
        svc.library.set_pass(video, n, "done")
    higher = svc.links.readiness(company)
    assert higher.score > r.score
    assert svc.links.readiness_scores()[company] == higher.score
    assert svc.career.list_companies()[0].readiness == higher.score
    as_json = higher.to_json()
    assert set(as_json) >= {"company", "readiness", "items", "questions", "next_steps"}
    assert as_json["company"] == "Minimax"
    assert isinstance(as_json["next_steps"], list)
    assert as_json["next_steps"]


def test_item_links_and_set_item_links(svc: Services) -> None:
    item = svc.item("GPT-3 论文精读")
    c1 = svc.career.add_company(CompanyInput(name="Minimax"))
    c2 = svc.career.add_company(CompanyInput(name="huggingface"))
    q = svc.questions.add_question(QuestionInput(text="大语言模型有哪几种架构"))
    svc.links.set_item_links(item, [c1, c2], [q])
    links = svc.links.item_links(item)
    assert [name for _i, name in links.companies] == ["huggingface", "Minimax"]
    assert [t for _i, t, _c in links.questions] == ["大语言模型有哪几种架构"]
    assert [i.title for i in svc.questions.get_question(q).items] == ["GPT-3 论文精读"]
    with pytest.raises(NotFoundError):
        svc.links.set_item_links(item, [c1, 999], [])
    assert len(svc.links.item_links(item).companies) == 2  # nothing changed
    svc.links.unlink_item_company(item, c2)
    assert [n for _i, n in svc.links.item_links(item).companies] == ["Minimax"]


def test_open_point_becomes_a_question_in_one_action(svc: Services) -> None:
    item = svc.item("Transformer论文逐段精读")
    point = svc.library.add_open_point(item, "为什么除以 √d_k")
    qid = svc.questions.open_point_to_question(point, category="神经网络基础")
    assert svc.questions.open_point_to_question(point) == qid  # idempotent
    detail = svc.questions.get_question(qid)
    assert (detail.text, detail.category, detail.source) == (
        "为什么除以 √d_k",
        "神经网络基础",
        "open_point",
    )
    assert [i.id for i in detail.items] == [item]
    assert svc.library.get_item(item).open_points[0].question_id == qid
    with pytest.raises(NotFoundError):
        svc.questions.open_point_to_question(12345)


def test_wiki_links_resolve_and_backlinks(svc: Services) -> None:
    item = svc.item("Transformer论文逐段精读")
    company = svc.career.add_company(CompanyInput(name="Minimax"))
    q = svc.questions.add_question(
        QuestionInput(text="attention原理", answer="见 [[transformer论文逐段精读]] 和 [[Minimax]]")
    )
    svc.career.set_company_notes(company, "重点：[[Attention原理|注意力]]，[[不存在的东西]]")
    svc.library.save_note(item, 1, "Minimax 会问：[[attention原理]]")
    targets = svc.links.resolve(["ATTENTION原理", "minimax", "Transformer论文逐段精读", "nope"])
    assert {(t.kind, t.id) for t in targets.values()} == {
        ("question", q),
        ("company", company),
        ("item", item),
    }
    back = svc.links.backlinks("question", q)
    assert sorted((b.source.kind, b.source.id, b.where) for b in back) == [
        ("company", company, "notes"),
        ("item", item, "pass 1 notes"),
    ]
    assert [(b.source.kind, b.source.id) for b in svc.links.backlinks("item", item)] == [
        ("question", q)
    ]
    assert [b.source.id for b in svc.links.backlinks("company", company)] == [q]
    names = svc.links.completion_names("att")
    assert names == ["attention原理"]
    assert set(svc.links.completion_names("")) == {
        "Minimax",
        "attention原理",
        "Transformer论文逐段精读",
    }


def test_editing_a_round_replaces_its_questions(svc: Services) -> None:
    company = svc.career.add_company(CompanyInput(name="衔远科技"))
    app = svc.career.apply(company, ApplicationInput(role="多模态"))
    q1 = svc.questions.add_question(QuestionInput(text="多模态有哪些思路"))
    q2 = svc.questions.add_question(QuestionInput(text="视觉如何融入"))
    round_id = svc.career.add_round(app, RoundInput(kind="ml_concepts", question_ids=[q1]))
    svc.career.update_round(
        round_id,
        RoundInput(kind="cross", outcome="通过", question_ids=[q2], interviewer_notes="大佬"),
    )
    (info,) = svc.career.get_application(app).rounds
    assert (info.kind, info.outcome, info.interviewer_notes, info.questions) == (
        "cross",
        "通过",
        "大佬",
        ((q2, "视觉如何融入"),),
    )
    svc.career.delete_round(round_id)
    assert svc.career.get_application(app).rounds == ()
    with pytest.raises(NotFoundError):
        svc.career.delete_round(round_id)


def test_links_can_be_set_from_the_company_and_the_question_side(svc: Services) -> None:
    a, b = svc.item("Transformer论文逐段精读"), svc.item("GPT-3 论文精读")
    company = svc.career.add_company(CompanyInput(name="Minimax"))
    q = svc.questions.add_question(QuestionInput(text="attention原理"))
    svc.links.set_company_links(company, [a, b], [q])
    assert svc.links.company_links(company) == ([a, b], [q])
    svc.links.set_company_links(company, [b])  # questions untouched when not given
    assert svc.links.company_links(company) == ([b], [q])
    svc.links.set_question_links(q, [a], [])
    detail = svc.questions.get_question(q)
    assert ([i.id for i in detail.items], detail.companies) == ([a], ())
    with pytest.raises(NotFoundError):
        svc.links.set_question_links(q, [a, 999], [company])
    assert [i.id for i in svc.questions.get_question(q).items] == [a]  # nothing changed


def test_a_company_shows_its_most_advanced_application(svc: Services, clock: FixedClock) -> None:
    """Not the last one touched: an accepted offer outranks a newer application."""
    minimax = svc.career.add_company(CompanyInput(name="Minimax"))
    first = svc.career.apply(minimax, ApplicationInput(role="LLM 算法"), status="offer")
    clock.advance(days=1)
    svc.career.set_status(first, "accepted")
    clock.advance(days=1)
    second = svc.career.apply(minimax, ApplicationInput(role="推理优化"), status="applied")

    def shown() -> str | None:
        return {r.name: r.application_status for r in svc.career.list_companies()}["Minimax"]

    assert shown() == "accepted"
    svc.career.set_status(first, "rejected")  # an ending never hides an active application
    clock.advance(days=1)
    svc.career.set_status(second, "interviewing")
    assert shown() == "interviewing"
    clock.advance(days=1)
    svc.career.set_status(second, "withdrawn")  # no active one left: the latest ending
    assert shown() == "withdrawn"
    clock.advance(days=1)
    svc.career.set_status(first, "ghosted")
    assert shown() == "ghosted"
    third = svc.career.apply(minimax, ApplicationInput(role="数据"), status="interested")
    assert shown() == "interested"
    svc.career.set_status(third, "test")
    assert shown() == "test"


def test_backlinks_from_study_notes_come_through_the_index(svc: Services) -> None:
    """Backlinks read notes through the full-text index, not a LIKE scan: still every link
    (any ASCII case, CJK, spacing) and nothing that merely mentions the title."""
    target = svc.item("ResNet 残差网络")
    linking = svc.item("论文精读 总览")
    other = svc.item("Vision Transformer")
    svc.library.save_note(linking, 2, "对比 [[resnet 残差网络]] 的 shortcut")
    svc.library.save_note(other, None, "ResNet 残差网络 without brackets is no link")
    svc.library.save_note(other, 1, "[[ResNet 残差网]] is a different, unknown name")
    back = svc.links.backlinks("item", target)
    assert [(b.source.id, b.where) for b in back] == [(linking, "pass 2 notes")]
    svc.library.save_note(other, 3, "see [[RESNET 残差网络|the ResNet paper]]")
    back = svc.links.backlinks("item", target)
    assert sorted((b.source.id, b.where) for b in back) == [
        (linking, "pass 2 notes"),
        (other, "pass 3 notes"),
    ]


def test_a_title_typed_with_a_double_space_still_resolves(svc: Services) -> None:
    target = svc.item("ResNet  残差网络   精读")
    linking = svc.item("总览")
    svc.library.save_note(linking, 1, "见 [[resnet 残差网络 精读]]")
    resolved = svc.links.resolve(["ResNet 残差网络 精读"])
    assert [(t.kind, t.id) for t in resolved.values()] == [("item", target)]
