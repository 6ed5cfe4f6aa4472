"""Helpers for the core tests: a database holding a row in every table, and CLI runs."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from models.career import (
    Application,
    ApplicationEvent,
    Company,
    InterviewRound,
    Question,
    QuestionReview,
    item_companies,
)
from models.db import Database
from models.library import (
    Item,
    JournalNote,
    Note,
    OpenPoint,
    Pass,
    StudySession,
    Tag,
    item_sources,
)
from models.services.settings import SettingsService

REPO = Path(__file__).resolve().parents[2]


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


CliRunner = Callable[..., CliResult]


def run_cli(
    *args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real `threepass` program (python -m desktop) in a child process."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    result = subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        input=data,
        capture_output=True,
        cwd=REPO,
        env={**os.environ, **(env or {})},
        timeout=120,
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8"),
        result.stderr.decode("utf-8"),
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def passes(statuses: Sequence[str], speeds: Sequence[float] = (1.0, 1.25, 1.5)) -> list[Pass]:
    return [
        Pass(number=n, speed=speeds[n - 1], status=status, minutes_spent=0.0)
        for n, status in enumerate(statuses, start=1)
    ]


def fill_everything(db: Database) -> dict[str, int]:
    """One or more rows in every table, with CJK text, odd values and every link kind."""
    SettingsService(db).set("pass_speeds", [1.0, 1.25, 1.5])
    SettingsService(db).set("followed_courses", ["d2l", "李沐论文精读"])
    t0 = datetime(2026, 3, 2, 9, 0, 0, 123456)
    with db.transaction() as s:
        llm, intro = Tag(name="LLM"), Tag(name="入门")
        s.add(Tag(name="unused"))
        video = Item(
            kind="course_video",
            title="动手学深度学习 08 线性回归 + 基础优化算法",
            url="https://courses.d2l.ai/zh-v2/",
            source="d2l",
            external_key="d2l-08",
            category="深度学习基础",
            year=2021,
            published="2021-03",
            duration_seconds=5225,
            link_bilibili="https://www.bilibili.com/video/BV1PX4y1g7KC",
            link_youtube="https://youtu.be/x",
            link_zhihu=None,
            summary="**线性回归**",
            number="8a",
            position=8,
            recorded=True,
            scheduled_for=date(2026, 3, 3),
            queue_position=1,
            created_at=t0,
            updated_at=t0,
            tags=[llm, intro],
            passes=passes(["done", "in_progress", "todo"]),
        )
        video.passes[0].started_at = t0
        video.passes[0].finished_at = datetime(2026, 3, 2, 10, 30)
        video.passes[0].minutes_spent = 87.5
        paper = Item(
            kind="paper",
            title="Attention Is All You Need",
            source="paper-reading",
            external_key="1706.03762",
            year=2017,
            reading_minutes=45,
            created_at=t0,
            updated_at=t0,
            passes=[
                Pass(number=n, speed=1.0, depth=d, status="todo", minutes_spent=0.0)
                for n, d in ((1, "skim"), (2, "read"), (3, "deep"))
            ],
        )
        article = Item(
            kind="article",
            title="<img src=x onerror=alert(1)> 标题",
            created_at=t0,
            updated_at=t0,
            passes=passes(["todo", "todo", "todo"]),
        )
        s.add_all([video, paper, article])
        s.flush()
        video.covers = [paper]
        s.add_all(
            [
                Note(
                    item_id=video.id,
                    pass_number=None,
                    body="总体笔记",
                    created_at=t0,
                    updated_at=t0,
                ),
                Note(
                    item_id=video.id,
                    pass_number=1,
                    body="# 第一遍\n- 不懂 SGD",
                    created_at=t0,
                    updated_at=t0,
                ),
            ]
        )
        s.add_all(
            [
                StudySession(
                    pass_id=video.passes[0].id,
                    started_at=t0,
                    ended_at=datetime(2026, 3, 2, 10, 27),
                    minutes=87.5,
                ),
                StudySession(
                    pass_id=video.passes[1].id,
                    started_at=datetime(2026, 3, 3, 9, 0),
                    manual=True,
                    minutes=12.0,
                ),
                StudySession(
                    pass_id=video.passes[1].id,
                    started_at=datetime(2026, 3, 4, 9, 0),
                    ended_at=None,
                    minutes=0.0,
                ),
            ]
        )
        company = Company(
            name="字节跳动", city="北京", priority=1, tags="llm,infra", notes="豆包", created_at=t0
        )
        other = Company(name="DeepSeek", website="https://deepseek.com", created_at=t0)
        s.add_all([company, other])
        q1 = Question(
            text="为什么 attention 要除以 √d?",
            detail="- softmax 饱和",
            category="transformer",
            confidence=3,
            due_on=date(2026, 3, 9),
            created_at=t0,
            ease=2.36,
            interval_days=6,
            repetitions=2,
        )
        q2 = Question(
            text="Explain KV cache", source="interview", external_key="kv-1", created_at=t0
        )
        s.add_all([q1, q2])
        s.flush()
        q1.items = [paper, video]
        q1.companies = [company]
        q1.reviews = [
            QuestionReview(reviewed_at=t0, rating=4),
            QuestionReview(reviewed_at=datetime(2026, 3, 3), rating=5),
        ]
        s.add(
            OpenPoint(
                item_id=video.id,
                text="为什么用平方损失?",
                created_at=t0,
                resolved_in_pass=2,
                resolved_at=datetime(2026, 3, 3, 9, 30),
            )
        )
        s.add(
            OpenPoint(
                item_id=video.id, text="SGD 的 batch 大小怎么选", created_at=t0, question_id=q1.id
            )
        )
        s.execute(item_companies.insert().values(item_id=video.id, company_id=company.id))
        # the paper is reached from two more sources (revision 0011), written out of order
        s.execute(
            item_sources.insert(),
            [
                {"item_id": paper.id, "source": "reading-list", "external_key": "attention"},
                {
                    "item_id": paper.id,
                    "source": "notes",
                    "external_key": "https://arxiv.org/abs/1706.03762",
                },
            ],
        )
        app = Application(
            company=company,
            role="大模型算法工程师",
            status="interviewing",
            next_action="准备二面",
            next_action_due=date(2026, 3, 10),
            created_at=t0,
            updated_at=t0,
        )
        app.events = [
            ApplicationEvent(from_status=None, to_status="applied", at=t0),
            ApplicationEvent(
                from_status="applied", to_status="interviewing", at=datetime(2026, 3, 5)
            ),
        ]
        rnd = InterviewRound(
            held_on=date(2026, 3, 6), kind="ml_concepts", interviewer_notes="问了 attention"
        )
        rnd.questions = [q1, q2]
        app.rounds = [rnd, InterviewRound(kind="hr")]
        s.add(app)
        s.add(
            Application(
                company=other, role="Researcher", status="rejected", created_at=t0, updated_at=t0
            )
        )
        s.add_all(
            [
                JournalNote(
                    source="notes",
                    external_key="llm-interview-1",
                    title="面经：字节 大模型一面",
                    category="面经",
                    body="问了 **RLHF**",
                    imported_body="问了 RLHF",
                    created_at=t0,
                    updated_at=t0,
                ),
                JournalNote(title="", body="", created_at=t0, updated_at=t0),
            ]
        )
        s.flush()
        return {"video": video.id, "paper": paper.id, "article": article.id, "question": q1.id}
