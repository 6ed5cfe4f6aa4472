#!/usr/bin/env python3
"""Fill a data folder with a believable study record, for screenshots and trying the app.

Imports the real sources saved in the repository (tests/fixtures/: the paper-reading list,
the fast.ai site and the sample notes), then simulates months of study on the first
courses with the same model as the planner tests, writes a few notes, open points and wiki
links, and records applications at the companies from the notes.

    .venv/bin/python scripts/demo_data.py /tmp/demo && .venv/bin/threepass --data-dir /tmp/demo
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
sys.path[:0] = [str(REPO), str(REPO / "tests" / "planner")]

from sample_history import simulate  # noqa: E402

from models.db import Database, open_database  # noqa: E402
from models.errors import ThreePassError  # noqa: E402
from models.paths import resolve_location  # noqa: E402
from models.services.career import ApplicationInput, CareerService, RoundInput  # noqa: E402
from models.services.library import LibraryService  # noqa: E402
from models.services.links import LinkService  # noqa: E402
from models.services.review import QuestionService  # noqa: E402

IMPORT_TIMEOUT_S = 300


class DemoError(Exception):
    """A step failed; `str()` is the one line the user sees (the details went to stderr)."""


TRANSFORMER_NOTES = {
    1: "## 第一遍 1x\n\n- Encoder–decoder，全部用 attention，没有 RNN\n"
    "- 没懂：为什么要除以 $\\sqrt{d_k}$？\n- 面试常考：[[attention原理]]\n",
    2: "## 第二遍 1.25x\n\n**Scaled dot-product attention**：softmax(QKᵀ/√d_k)V。\n\n"
    "- d_k 大时点积方差大，softmax 进入饱和区，梯度很小 → 除以 √d_k\n"
    "- Multi-head：h=8，每个 head d_k=64，总计算量和单头差不多\n"
    "- 位置编码用 sin/cos，可以外推到更长的序列\n\n"
    "Minimax 一面让手写 MHA，见 [[Minimax]]。\n",
}


def import_sources(data_dir: Path) -> None:
    """Through the real command line, exactly as a user would."""
    for args in (
        ["paper-reading", "--from", str(FIXTURES / "paper-reading" / "README.md")],
        ["fastai", "--from", str(FIXTURES / "course-fast-ai")],
        ["notes", str(FIXTURES / "notes" / "study-notes.md")],
    ):
        print(f"importing {args[0]} ...", flush=True)
        run_child(["-m", "desktop", "--data-dir", str(data_dir), "import", *args])


def run_child(args: Sequence[str]) -> None:
    """Run `python ARGS` in the repository; on failure pass on what it said, then raise."""
    command = [sys.executable, *args]
    shown = " ".join(["python", *args])
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, cwd=REPO, timeout=IMPORT_TIMEOUT_S
        )
    except subprocess.TimeoutExpired as exc:
        raise DemoError(f"`{shown}` did not finish within {IMPORT_TIMEOUT_S} s") from exc
    if done.returncode == 0:
        return
    for stream in (done.stdout, done.stderr):
        if stream.strip():
            sys.stderr.write(stream if stream.endswith("\n") else stream + "\n")
    raise DemoError(f"`{shown}` failed with exit code {done.returncode} (its output is above)")


def study(db: Database, today: date, rng: random.Random) -> None:
    library = LibraryService(db)
    rows = library.list_items()
    order = sorted(
        (r for r in rows if r.kind != "article"),
        key=lambda r: (r.kind == "paper", r.source != "fastai", library.get_item(r.id).position),
    )
    simulate(db, [r.id for r in order], today, rng)  # a year at the learner's own pace
    transformer = next((r for r in rows if r.title.startswith("Transformer")), None)
    if transformer is not None:
        for number, body in TRANSFORMER_NOTES.items():
            library.save_note(transformer.id, number, body)
        point = library.add_open_point(transformer.id, "LayerNorm 放在残差前还是后？")
        library.add_open_point(transformer.id, "为什么除以 √d_k")
        library.resolve_open_point(point, 2)


def career(db: Database, today: date) -> None:
    jobs = CareerService(db)
    links = LinkService(db)
    questions = QuestionService(db)
    companies = {c.name: c.id for c in jobs.list_companies()}
    plan = [
        ("Minimax", "大模型算法工程师", "interviewing"),
        ("五季智能", "LLM 研究员", "applied"),
        ("衔远科技", "算法工程师（预训练）", "test"),
        ("爱诗科技", "视频生成算法", "offer"),
        ("huggingface", "ML Engineer, Open Source", "interested"),
        ("stability.ai", "Research Engineer", "rejected"),
    ]
    bank = questions.list_questions()
    for name, role, status in plan:
        if name not in companies:
            continue
        app = jobs.apply(
            companies[name],
            ApplicationInput(
                role=role,
                channel="referral" if name == "Minimax" else "website",
                next_action="准备二面：分布式训练" if name == "Minimax" else None,
                next_action_due=today + timedelta(days=2) if name == "Minimax" else None,
            ),
        )
        for step in ("applied", "test", "interviewing", "offer"):
            if status == "rejected" and step == "test":
                jobs.set_status(app, "rejected")
                break
            if step == "applied" and status == "interested":
                break
            jobs.set_status(app, step)
            if step == status:
                break
        if name == "Minimax":
            jobs.add_round(
                app,
                RoundInput(
                    held_on=today - timedelta(days=5),
                    kind="coding",
                    interviewer_notes="leetcode + 手写 MHA",
                    outcome="通过",
                    question_ids=[q.id for q in bank if "attention" in q.text][:2],
                ),
            )
    library = LibraryService(db)
    for row in library.list_items()[:60]:
        if row.pass_statuses.count("done") >= 2 and "Minimax" in companies:
            links.link_item_company(row.id, companies["Minimax"])
    for n, q in enumerate(bank[:18]):
        questions.review(q.id, (3, 4, 5, 2)[n % 4])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    args = parser.parse_args(argv)
    if (args.data_dir / "threepass.sqlite3").exists():
        print(f"{args.data_dir} already has a library; use an empty folder.", file=sys.stderr)
        return 2
    try:
        build(args.data_dir, args.today)
    except (DemoError, ThreePassError, OSError) as exc:
        message = f"could not build the demo library in {args.data_dir}: {exc}"
        print(f"demo_data: {message}", file=sys.stderr)
        return 1
    print(f"demo library written to {args.data_dir} ({datetime.now():%H:%M})")
    return 0


def build(data_dir: Path, today: date) -> None:
    import_sources(data_dir)
    print("simulating a year of study ...", flush=True)
    db = open_database(resolve_location(data_dir=data_dir))
    try:
        rng = random.Random(7)
        study(db, today, rng)
        career(db, today)
    finally:
        db.close()


if __name__ == "__main__":
    sys.exit(main())
