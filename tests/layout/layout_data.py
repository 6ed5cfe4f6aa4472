"""A library like the demo's, with the long titles, stamps and names that clipped (#16)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.clock import FixedClock
from models.db import Database
from models.services.career import ApplicationInput, CareerService, CompanyInput
from models.services.dto import ItemInput
from models.services.library import LibraryService
from models.services.links import LinkService

SUMMARY = (
    "（视频中提到的文献 1 斯坦福100+作者的200+页综述 (https://arxiv.org/abs/2108.07258)，"
    "2 对LayerNorm的新研究 (https://arxiv.org/pdf/1911.07013.pdf)，3 对Attention在Transformer"
    "里面作用的研究 (https://arxiv.org/abs/2103.03404)）"
)
LONG_ROLE = "算法工程师（预训练方向）"
LONG_ENGLISH_ROLE = "ML Engineer, Open Source"


# the demo library's companies (tests/fixtures/notes/study-notes.md) and applications
COMPANIES = (
    "Minimax",
    "五季智能",
    "衔远科技",
    "光年之外",
    "昆仑万维",
    "stability.ai",
    "huggingface",
    "hoxi",
    "爱诗科技",
    "智元机器人",
    "softbank",
)
APPLICATIONS = (  # company index, role, status
    (2, LONG_ROLE, "interested"),
    (0, "大模型算法工程师", "interviewing"),
    (1, "LLM 研究员", "applied"),
    (8, "视频生成算法", "offer"),
    (5, "Research Engineer", "rejected"),
)
PASS_1_MINUTES = 1234  # more than the minutes box is sized for at first (999)


@dataclass(frozen=True)
class Seeded:
    item: int  # passes 1 done and 2 started, notes, open points, companies linked
    companies: list[int]
    paper: int  # a paper, no pass started: "Depth: skim · about 20 min" beside "○ not started"


def seed(db: Database, clock: FixedClock) -> Seeded:
    library = LibraryService(db, clock)
    career = CareerService(db, clock)
    links = LinkService(db, clock)
    for n in range(40):
        library.create_item(
            ItemInput(
                kind=("paper_video", "paper", "course_video")[n % 3],
                title=f"第 {n} 篇 撑起计算机视觉半边天的 ResNet 论文逐段精读 ({n})",
                category="计算机视觉 - CNN",
                duration_seconds=1200 + n * 60,
            )
        )
    item = library.create_item(
        ItemInput(
            kind="paper_video",
            title="Transformer论文逐段精读【论文精读】 Attention Is All You Need",
            category="自然语言处理 - Transformer",
            year=2021,
            duration_seconds=5225,
            summary=SUMMARY,
            tags=["transformer", "attention"],
        )
    )
    library.set_pass(item, 1, "start")
    library.set_pass(item, 1, "done")
    library.set_pass(item, 2, "start")
    library.save_note(item, 1, "## 第一遍 1x\n\n- Encoder–decoder，全部用 attention\n")
    library.add_open_point(item, "为什么要除以 sqrt(d_k)？softmax 饱和以后梯度会怎样？")
    resolved = library.add_open_point(item, "LayerNorm 放在残差前还是后？")
    library.resolve_open_point(resolved, 2)
    library.set_minutes(item, 1, PASS_1_MINUTES)
    paper = library.create_item(
        ItemInput(kind="paper", title="ResNet: Deep Residual Learning", category="CNN")
    )
    companies = []
    for n, name in enumerate(COMPANIES):
        company = career.add_company(
            CompanyInput(
                name=name,
                city="北京 · 上海 · 深圳 · 杭州",
                focus="大模型预训练、对齐与推理加速；多模态生成",
                website=f"https://www.{n}-example-company-with-a-long-name.com/about/team",
                careers_url=f"https://jobs.{n}-example-company-with-a-long-name.com/positions",
                tags=["LLM", "预训练", "多模态", "infra"],
            )
        )
        companies.append(company)
        links.link_item_company(item, company)
    for index, role, status in APPLICATIONS:
        career.apply(companies[index], ApplicationInput(role=role), status=status)
    career.apply(
        companies[6],
        ApplicationInput(role=LONG_ENGLISH_ROLE, next_action_due=date(2026, 3, 9)),
        status="interested",
    )
    return Seeded(item=item, companies=companies, paper=paper)
