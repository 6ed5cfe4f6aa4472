"""A year of believable study history, for screenshots and GUI tests of Today, Week and Stats.

    .venv/bin/python tests/planner/sample_history.py /tmp/sample   # then
    threepass --data-dir /tmp/sample --screenshot today.png --view today

Items: the 28 fast.ai lessons, 70 lessons of 动手学深度学习, the 59 paper-reading videos
(Chinese titles, durations adding up to 188,957 s like the real list) and 30 papers.
History: a seeded simulation of a learner who studies most days, does pass 1, then pass 2 a
day or two later and pass 3 about a week after that, with gaps that break the streak now and
then; a few passes are left overdue and a few review questions are due today.
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from models.career import Question
from models.db import Database, open_database
from models.library import Item, Pass, PassStatus, StudySession
from models.paths import resolve_location

SPEEDS = (1.0, 1.25, 1.5)
PAPER_READING_SECONDS = 188_957

PAPER_TITLES = [
    "Llama 3.1论文精读 · 5. 模型训练过程",
    "Llama 3.1论文精读 · 4. 训练infra",
    "Llama 3.1论文精读 · 3. 模型",
    "Llama 3.1论文精读 · 2. 预训练数据",
    "Llama 3.1论文精读 · 1. 导言",
    "GPT-4论文精读",
    "大模型时代下做科研的四个思路",
    "Anthropic LLM 论文精读",
    "Chain of Thought论文、代码和资源",
    "InstructGPT 论文精读",
    "Neural Corpus Indexer 文档检索",
    "多模态论文串讲·下",
    "OpenAI Whisper 精读",
    "DALL·E 2 逐段精读",
    "CLIP 改进工作串讲（下）",
    "CLIP 改进工作串讲（上）",
    "多模态论文串讲·上",
    "Pathways 论文精读",
    "视频理解论文串讲（下）",
    "I3D 论文精读",
    "视频理解论文串讲（上）",
    "OpenAI Codex 论文精读",
    "AlphaCode 论文精读",
    "DETR 论文精读",
    "对比学习论文综述",
    "ViLT 论文精读",
    "GPT，GPT-2，GPT-3 论文精读",
    "MoCo 论文逐段精读",
    "Swin Transformer 论文精读",
    "MAE 论文逐段精读",
    "Two-Stream 论文逐段精读",
    "CLIP 论文逐段精读",
    "ViT论文逐段精读",
    "AlphaFold 2 论文精读",
    "零基础多图详解图神经网络（GNN/GCN）",
    "BERT 论文逐段精读",
    "Transformer论文逐段精读",
    "GAN论文逐段精读",
    "ResNet论文逐段精读",
    "AlexNet论文逐段精读",
    "如何读论文",
]
FASTAI_TITLES = [
    "Getting started",
    "Deployment",
    "Neural net foundations",
    "Natural Language (NLP)",
    "From-scratch model",
    "Random forests",
    "Collaborative filtering",
    "Convolutions (CNNs)",
    "Diffusion foundations",
    "Deep dive",
    "Matrix multiplication",
    "Mean shift clustering",
    "Backpropagation & MLP",
    "Backpropagation",
    "Autoencoders",
    "The Learner framework",
    "Initialization/normalization",
    "Accelerated SGD & ResNets",
    "DDPM and Dropout",
    "Mixed Precision",
    "DDIM",
    "Karras et al (2022)",
    "Super-resolution",
    "Attention & transformers",
    "Latent diffusion",
    "Stable diffusion deep dive",
    "Part 2 preview",
    "Lesson 8a: DDPM",
]
PAPER_CATEGORIES = [
    "计算机视觉 - CNN",
    "计算机视觉 - Transformer",
    "自然语言处理 - Transformer",
    "多模态",
    "生成模型",
    "图神经网络",
]
QUESTIONS = [
    ("手写 Multi-Head Attention，并说明为什么要除以 √d_k", "LLM"),
    ("KV cache 是什么？推理时能省下多少计算？", "LLM"),
    ("LayerNorm 和 BatchNorm 的区别", "神经网络基础"),
    ("解释 RoPE 位置编码", "LLM"),
    ("Explain the bias–variance trade-off", "神经网络基础"),
    ("进程和线程的区别", "CS基础"),
    ("LoRA 为什么有效？秩怎么选？", "LLM"),
    ("What does gradient clipping protect against?", "神经网络基础"),
]


def paper_reading_durations(rng: random.Random, count: int) -> list[int]:
    """Durations (s) adding up exactly to the real list's 188,957 s."""
    raw = [rng.uniform(0.4, 1.8) for _ in range(count)]
    scale = PAPER_READING_SECONDS / sum(raw)
    durations = [int(r * scale) for r in raw]
    durations[0] += PAPER_READING_SECONDS - sum(durations)
    return durations


def build_items(db: Database, rng: random.Random) -> list[int]:
    """The study items, in the order the learner works through them."""
    with db.transaction() as s:
        videos: list[Item] = []
        for n, title in enumerate(FASTAI_TITLES, start=1):
            videos.append(
                Item(
                    kind="course_video",
                    title=f"Lesson {n}: {title}" if not title.startswith("Lesson") else title,
                    source="fastai",
                    external_key=f"lesson{n}",
                    category="Part 1" if n <= 9 else "Part 2",
                    duration_seconds=rng.randint(4800, 7600),
                    position=n,
                )
            )
        durations = paper_reading_durations(rng, 59)
        for n in range(59):
            base = PAPER_TITLES[(58 - n) % len(PAPER_TITLES)]
            title = base if n < len(PAPER_TITLES) else f"{base}（重温 {n}）"
            videos.append(
                Item(
                    kind="paper_video",
                    title=title,
                    source="paper-reading",
                    external_key=f"video{n}",
                    category=PAPER_CATEGORIES[n % len(PAPER_CATEGORIES)],
                    duration_seconds=durations[n],
                    position=n + 1,
                )
            )
        d2l_topics = [
            "线性回归",
            "Softmax 回归",
            "多层感知机",
            "权重衰退",
            "丢弃法",
            "数值稳定性",
            "卷积层",
            "池化层",
            "LeNet",
            "AlexNet",
            "VGG",
            "NiN",
            "GoogLeNet",
            "批量归一化",
            "ResNet",
            "序列模型",
            "语言模型",
            "循环神经网络",
            "GRU",
            "LSTM",
            "编码器-解码器",
            "seq2seq",
            "束搜索",
            "注意力机制",
            "自注意力",
            "Transformer",
            "BERT 预训练",
            "优化算法",
        ]
        for n in range(1, 71):
            videos.append(
                Item(
                    kind="course_video",
                    title=f"动手学深度学习 v2 · {n:02d} {d2l_topics[(n - 1) % len(d2l_topics)]}",
                    source="d2l",
                    external_key=f"d2l{n}",
                    category="动手学深度学习",
                    duration_seconds=rng.randint(1500, 3300),
                    position=n,
                )
            )
        papers = [
            Item(
                kind="paper",
                title=f"{PAPER_TITLES[n % len(PAPER_TITLES)].split('论文')[0].strip()} (paper)",
                source="paper-reading",
                external_key=f"paper{n}",
                category=PAPER_CATEGORIES[n % len(PAPER_CATEGORIES)],
            )
            for n in range(30)
        ]
        for item in videos + papers:
            item.passes = [
                Pass(
                    number=k,
                    speed=1.0 if item.kind == "paper" else SPEEDS[k - 1],
                    status=PassStatus.TODO,
                    minutes_spent=0.0,
                )
                for k in (1, 2, 3)
            ]
            s.add(item)
        s.flush()
        # interleave: a fast.ai lesson, then two paper videos
        fastai = [i.id for i in videos if i.source in ("fastai", "d2l")]
        reading = [i.id for i in videos if i.source == "paper-reading"]
        order: list[int] = []
        while fastai or reading:
            if fastai:
                order.append(fastai.pop(0))
            order.extend(reading[:2])
            del reading[:2]
        return order


def simulate(db: Database, order: list[int], today: date, rng: random.Random) -> None:
    """A year of study: pass 1, pass 2 after 1-2 days, pass 3 after 7-9 days."""
    start = today - timedelta(days=365)
    with db.transaction() as s:
        passes = {(p.item_id, p.number): p for p in s.query(Pass).filter(Pass.item_id.in_(order))}
        durations = {
            i.id: i.duration_seconds or 1800 for i in s.query(Item).filter(Item.id.in_(order))
        }
        next_new = 0
        waiting: list[tuple[date, int, int]] = []  # (due day, item, pass)
        day = start
        while day < today:
            weekday_rate = 0.4 if day.weekday() >= 5 else 0.66
            recent = (today - day).days <= 12  # the current streak
            if recent or rng.random() < weekday_rate:
                budget = rng.choice((20, 30, 40, 45, 60))
                spent = 0.0
                waiting.sort()
                while spent < budget:
                    ready = [w for w in waiting if w[0] <= day]
                    if ready:
                        task = ready[0]
                        waiting.remove(task)
                        _, item_id, number = task
                    elif next_new < len(order) and (spent == 0 or rng.random() < 0.3):
                        item_id, number = order[next_new], 1
                        next_new += 1
                    else:
                        break
                    p = passes[(item_id, number)]
                    minutes = durations[item_id] / 60.0 / p.speed * rng.uniform(1.0, 1.3)
                    begin = datetime.combine(day, time(19, 0)) + timedelta(minutes=spent)
                    end = begin + timedelta(minutes=minutes)
                    s.add(
                        StudySession(pass_id=p.id, started_at=begin, ended_at=end, minutes=minutes)
                    )
                    p.status = PassStatus.DONE
                    p.started_at = begin
                    p.finished_at = end
                    p.minutes_spent = minutes
                    spent += minutes
                    if number < 3:
                        gap = rng.randint(1, 2) if number == 1 else rng.randint(7, 9)
                        waiting.append((day + timedelta(days=gap), item_id, number + 1))
            day += timedelta(days=1)
        # one pass in progress, with a little time on it
        if next_new < len(order):
            p = passes[(order[next_new], 1)]
            p.status = PassStatus.IN_PROGRESS
            p.started_at = datetime.combine(today - timedelta(days=1), time(20, 0))
            p.minutes_spent = 25.0
            s.add(
                StudySession(
                    pass_id=p.id,
                    started_at=p.started_at,
                    ended_at=p.started_at + timedelta(minutes=25),
                    minutes=25.0,
                )
            )
        for n, (text, category) in enumerate(QUESTIONS):
            s.add(
                Question(
                    text=text,
                    category=category,
                    due_on=today - timedelta(days=n % 3),
                    interval_days=3,
                    repetitions=2,
                )
            )


def start_timer(db: Database, now: datetime, minutes_ago: float) -> None:
    """A timer running on the pass in progress (for a Today screenshot)."""
    with db.transaction() as s:
        p = s.query(Pass).filter(Pass.status == PassStatus.IN_PROGRESS).first()
        if p is not None:
            start = now - timedelta(minutes=minutes_ago)
            s.add(StudySession(pass_id=p.id, started_at=start, ended_at=None, minutes=0.0))


def build_sample_history(db: Database, today: date, seed: int = 5) -> None:
    rng = random.Random(seed)
    order = build_items(db, rng)
    simulate(db, order, today, rng)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument(
        "--timer", type=float, metavar="MIN", help="leave a timer running, started MIN ago"
    )
    args = parser.parse_args()
    db = open_database(resolve_location(data_dir=args.data_dir))
    try:
        build_sample_history(db, args.today)
        if args.timer is not None:
            start_timer(db, datetime.now(UTC).replace(tzinfo=None), args.timer)
    finally:
        db.close()
    print(f"sample history written to {args.data_dir}")


if __name__ == "__main__":
    main()
