"""Synthetic ThreePass libraries for the benchmarks: 1k, 10k or 100k items.

Each library is a ThreePass JSON document (docs/json-format.md) written into a fresh data
folder through the app's own import (`TransferService.import_document`, the service behind
`threepass import json`), so the database looks exactly like one a user could have: three
passes per item, Markdown notes of realistic length mixing Chinese and English, open points,
500 companies with 500 applications, 5,000 interview questions and a year of study sessions (one
per item).

Generated folders are cached in benchmarks/out/<size>/ (gitignored) and reused while the
generator version and the schema head are unchanged.

    python benchmarks/generate.py --size 10k          # build (or reuse) benchmarks/out/10k
    python benchmarks/generate.py --size 1k --json x.json   # also write the document
"""

from __future__ import annotations

import argparse
import fcntl
import json
import random
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from models import migrate  # noqa: E402
from models.db import open_database  # noqa: E402
from models.paths import DB_FILENAME, resolve_location  # noqa: E402
from models.services.transfer import TransferService  # noqa: E402

GENERATOR_VERSION = 4  # 4: 500 applications, one study session per item
OUT_DIR = ROOT / "benchmarks" / "out"
SIZES = {"tiny": 60, "1k": 1_000, "10k": 10_000, "100k": 100_000}
# "Now" of every generated library: the year of history ends here (benchmarks use this clock).
NOW = datetime(2026, 11, 30, 9, 0, 0)
TODAY = NOW.date()

Json = dict[str, Any]

# ---- text material -----------------------------------------------------------------------
_ZH_CORE = [
    "注意力机制",
    "多头注意力",
    "自注意力",
    "残差连接",
    "层归一化",
    "批量归一化",
    "梯度下降",
    "学习率调度",
    "位置编码",
    "卷积神经网络",
    "循环神经网络",
    "长短期记忆网络",
    "词嵌入",
    "预训练",
    "微调",
    "指令微调",
    "人类反馈强化学习",
    "奖励模型",
    "知识蒸馏",
    "混合专家模型",
    "张量并行",
    "流水线并行",
    "数据并行",
    "参数服务器",
    "对比学习",
    "扩散模型",
    "变分自编码器",
    "生成对抗网络",
    "目标检测",
    "语义分割",
    "图神经网络",
    "检索增强生成",
    "思维链",
    "量化",
    "模型剪枝",
    "交叉熵损失",
    "反向传播",
    "权重衰减",
    "丢弃法",
    "优化器",
]
_ZH_MODIFIERS = [
    "稀疏",
    "分组",
    "线性",
    "多尺度",
    "自适应",
    "因果",
    "双向",
    "局部",
    "全局",
    "旋转",
    "低秩",
    "分层",
    "动态",
    "条件",
    "掩码",
    "跨模态",
    "无监督",
    "半监督",
    "增量",
    "高效",
]
_EN_CORE = [
    "Transformer",
    "attention",
    "softmax",
    "LayerNorm",
    "BatchNorm",
    "ResNet",
    "BERT",
    "GPT",
    "LoRA",
    "RLHF",
    "PPO",
    "DPO",
    "KV cache",
    "FlashAttention",
    "beam search",
    "tokenizer",
    "BPE",
    "embedding",
    "MoE",
    "ZeRO",
    "Megatron",
    "pipeline parallelism",
    "CLIP",
    "ViT",
    "diffusion",
    "U-Net",
    "Adam",
    "AdamW",
    "cosine schedule",
    "warmup",
    "gradient clipping",
    "mixed precision",
    "fp16",
    "bf16",
    "perplexity",
    "cross entropy",
    "dropout",
    "weight decay",
]
_EN_MODIFIERS = [
    "sparse",
    "grouped",
    "linear",
    "multi-scale",
    "adaptive",
    "causal",
    "bidirectional",
    "local",
    "global",
    "rotary",
    "low-rank",
    "hierarchical",
    "dynamic",
    "conditional",
    "masked",
    "cross-modal",
    "quantized",
    "distilled",
    "streaming",
    "efficient",
]
# A learner's vocabulary: the core terms plus hundreds of rarer compounds (稀疏注意力机制,
# rotary embedding...). Chosen with Zipf weights, so a few terms are everywhere and most
# are rare, as in real notes.
TOPICS_ZH = _ZH_CORE + [m + c for c in _ZH_CORE for m in _ZH_MODIFIERS]
TOPICS_EN = _EN_CORE + [f"{m} {c}" for c in _EN_CORE for m in _EN_MODIFIERS]
SENTENCES = [
    "这里的{zh}为什么要除以根号 d_k？因为点积的方差会随维度增大。",
    "{en} 的核心思想：{zh}让模型可以关注不同位置的信息。",
    "第二遍再看：{zh}和{zh2}的关系还没完全搞懂，需要回头看论文第 3 节。",
    "面试常问：解释一下 {en}，以及它和 {en2} 的区别。",
    "注意 {en} 在训练时和推理时的行为不同（例如 dropout）。",
    "复现时 loss 不下降，检查了 {en}，发现是学习率太大。",
    "The key idea of {en} is simple: {zh} replaces recurrence entirely.",
    "Why does {en} help? Intuition: it keeps gradients flowing through deep stacks.",
    "Compare {en} with {en2}: memory grows linearly vs quadratically with sequence length.",
    "TODO: derive the backward pass of {en} by hand before the interview.",
    "李沐老师在视频里提到：{zh}的实验部分写得非常扎实，值得精读。",
    "公式推导：$\\mathrm{{softmax}}(QK^T/\\sqrt{{d_k}})V$，其中 Q、K、V 来自同一输入。",
    "不懂的地方：{zh}在小数据集上为什么会过拟合？",
    "代码细节：`torch.nn.functional.{en3}` 的默认参数要注意。",
]
OPEN_POINTS = [
    "为什么{zh}要这样设计？",
    "{en} 和 {en2} 的区别是什么？",
    "没看懂第 {n} 分钟的推导",
    "What exactly does {en} normalise over?",
    "{zh}的复杂度是多少？",
]
COMPANY_PARTS = (
    [
        "月之暗面",
        "智谱",
        "百川",
        "零一万物",
        "深度求索",
        "字节跳动",
        "阿里",
        "腾讯",
        "百度",
        "美团",
        "快手",
        "小红书",
        "商汤",
        "旷视",
        "华为",
        "京东",
        "网易",
        "滴滴",
        "OpenAI",
        "Anthropic",
        "Google",
        "Meta",
        "Mistral",
        "Cohere",
        "NVIDIA",
    ],
    ["AI Lab", "大模型团队", "研究院", "Search", "基础模型", "Infra", "推荐", "Applied ML"],
)
QUESTION_TEMPLATES = [
    "请解释{zh}的原理，并说明它解决了什么问题。",
    "Explain {en} and when you would use it instead of {en2}.",
    "手写 {en} 的前向传播代码。",
    "{zh}和{zh2}有什么区别？各自的优缺点？",
    "How would you debug a model whose loss plateaus when using {en}?",
    "介绍一个你做过的和{zh}相关的项目。",
]
TAGS = ["LLM", "入门", "面试重点", "NLP", "CV", "系统", "数学", "复现", "论文", "课程"] + [
    f"topic-{i:02d}" for i in range(40)
]
KIND_WEIGHTS = (("course_video", 60), ("paper_video", 20), ("paper", 15), ("article", 5))
STATUSES = ["interested", "applied", "test", "interviewing", "offer", "rejected", "ghosted"]


def _zipf_weights(count: int) -> list[float]:
    return [1.0 / (rank + 1) for rank in range(count)]


class Generator:
    """Deterministic (seeded) document builder; `document()` returns the JSON-able dict."""

    def __init__(
        self,
        items: int,
        *,
        seed: int = 7,
        companies: int = 500,
        questions: int = 5000,
        applications: int | None = None,
    ):
        self.n_items = items
        self.n_companies = companies
        self.n_questions = questions
        # As many applications as companies (issue 17's 100k library: 500 and 500), spread
        # at random: some companies have none, a few several.
        self.n_applications = companies if applications is None else applications
        self.rng = random.Random(seed)
        # A second stream for what was added later (extra study sessions), so the items,
        # notes and titles stay those of earlier versions and the search figures comparable.
        self.extra_rng = random.Random(seed + 1)
        self.point_id = 0
        self._zh = list(TOPICS_ZH)
        self._en = list(TOPICS_EN)
        self.rng.shuffle(self._zh)  # which compounds are common is random, not list order
        self.rng.shuffle(self._en)
        self._zh_weights = list(accumulate(_zipf_weights(len(self._zh))))
        self._en_weights = list(accumulate(_zipf_weights(len(self._en))))
        self.focus = ("", "")  # the item being written: most of its notes are about this

    # ---- helpers -------------------------------------------------------------------------
    def zh(self) -> str:
        if self.focus[0] and self.rng.random() < 0.6:
            return self.focus[0]
        return self.rng.choices(self._zh, cum_weights=self._zh_weights)[0]

    def en(self) -> str:
        if self.focus[1] and self.rng.random() < 0.6:
            return self.focus[1]
        return self.rng.choices(self._en, cum_weights=self._en_weights)[0]

    def _fill(self, template: str) -> str:
        r = self.rng
        return template.format(
            zh=self.zh(),
            zh2=self.zh(),
            en=self.en(),
            en2=self.en(),
            en3=r.choice(["softmax", "layer_norm", "dropout", "cross_entropy", "gelu"]),
            n=r.randint(1, 80),
        )

    def note_body(self, min_chars: int, max_chars: int) -> str:
        """A Markdown note: a heading, bullet points and paragraphs, CJK and English mixed."""
        r = self.rng
        target = r.randint(min_chars, max_chars)
        parts = [f"## {self.zh()} / {self.en()}", ""]
        size = 0
        while size < target:
            line = self._fill(r.choice(SENTENCES))
            if r.random() < 0.5:
                line = "- " + line
            parts.append(line)
            size += len(line)
        return "\n".join(parts)

    def _time_in_year(self) -> datetime:
        return NOW - timedelta(minutes=self.rng.randint(60, 365 * 24 * 60))

    # ---- sections ------------------------------------------------------------------------
    def items(self) -> list[Json]:
        r = self.rng
        kinds = [k for k, _ in KIND_WEIGHTS]
        weights = [w for _, w in KIND_WEIGHTS]
        n_courses = max(3, self.n_items // 400)
        positions: dict[str, int] = {}
        papers: list[int] = []
        out: list[Json] = []
        for item_id in range(1, self.n_items + 1):
            self.focus = ("", "")
            self.focus = (self.zh(), self.en())
            kind = r.choices(kinds, weights)[0]
            if kind == "course_video":
                source = f"course-{r.randrange(n_courses):03d}"
                positions[source] = positions.get(source, 0) + 1
                position: int | None = positions[source]
                title = f"{source} 第{position}讲 {self.focus[0]} ({self.focus[1]})"
            elif kind == "paper_video":
                source, position = "paper-videos", None
                title = f"{self.focus[1]} 论文精读 #{item_id} · {self.focus[0]}"
            elif kind == "paper":
                source, position = "papers", None
                title = f"{self.focus[1]}: {self.focus[0]} revisited ({item_id})"
                papers.append(item_id)
            else:
                source, position = "manual", None
                title = f"博客：{self.focus[0]} explained with {self.focus[1]}"
            video = kind in ("course_video", "paper_video")
            item: Json = {
                "id": item_id,
                "kind": kind,
                "title": title,
                "url": f"https://example.org/{source}/{item_id}",
                "source": source,
                "external_key": f"{source}-{item_id}",
                "category": r.choice(_ZH_CORE[:12]) if r.random() < 0.7 else None,
                "year": r.randint(2012, 2026),
                "duration_seconds": r.randint(300, 5400) if video else None,
                "links": {
                    "bilibili": f"https://www.bilibili.com/video/BV{item_id:010d}"
                    if video
                    else None,
                    "youtube": None,
                    "zhihu": None,
                },
                "number": str(position) if position else None,
                "position": position,
                "reading_minutes": r.choice([20, 45, 90]) if kind == "paper" else None,
                "created_at": self._time_in_year().isoformat(),
                "tags": sorted(set(r.sample(TAGS, r.choice([0, 0, 1, 2])))),
                "passes": [],
                "notes": [],
                "open_points": [],
            }
            if r.random() < 0.01:
                item["scheduled_for"] = (TODAY + timedelta(days=r.randint(0, 6))).isoformat()
            self._progress(item, video)
            if kind == "paper_video" and papers and r.random() < 0.3:
                item["covers"] = [r.choice(papers)]
            out.append(item)
        self._more_sessions(out)
        return out

    def _more_sessions(self, items: list[Json]) -> None:
        """Split started passes' sessions in two until there is one session per item.

        One session per started pass gives ~0.9 per item; the issue's 100k library has 100k
        study sessions (what "is a timer running?" and the stats scan). The halves are
        contiguous, so minutes, start and finish of each pass are unchanged.
        """
        r = self.extra_rng
        single = [s for it in items for p in it["passes"] for s in p.get("sessions", [])]
        missing = self.n_items - len(single)
        if missing <= 0:
            return
        owners = [p for it in items for p in it["passes"] if len(p.get("sessions", [])) == 1]
        for p in r.sample(owners, min(missing, len(owners))):
            only = p["sessions"][0]
            begun = datetime.fromisoformat(only["started_at"])
            first = round(only["minutes"] * r.uniform(0.3, 0.7), 1)
            middle = (begun + timedelta(minutes=first)).isoformat()
            p["sessions"] = [
                {"started_at": only["started_at"], "ended_at": middle, "minutes": first},
                {
                    "started_at": middle,
                    "ended_at": only["ended_at"],
                    "minutes": round(only["minutes"] - first, 1),
                },
            ]

    def _progress(self, item: Json, video: bool) -> None:
        """Passes with a plausible history; notes and open points for the passes started."""
        r = self.rng
        roll = r.random()
        done = 3 if roll < 0.15 else 2 if roll < 0.25 else 1 if roll < 0.4 else 0
        active = done < 3 and r.random() < 0.1
        start = self._time_in_year()
        for number in (1, 2, 3):
            status = "done" if number <= done else "todo"
            if number == done + 1 and active:
                status = "in_progress"
            p: Json = {"number": number, "status": status}
            if item["kind"] == "paper":
                p["depth"] = ("skim", "read", "deep")[number - 1]
            if status != "todo":
                begun = start + timedelta(days=7 * (number - 1))
                begun = min(begun, NOW - timedelta(hours=1))
                minutes = round(r.uniform(15, 95), 1)
                p["started_at"] = begun.isoformat()
                p["minutes_spent"] = minutes
                p["sessions"] = [
                    {
                        "started_at": begun.isoformat(),
                        "ended_at": (begun + timedelta(minutes=minutes)).isoformat(),
                        "minutes": minutes,
                    }
                ]
                if status == "done":
                    p["finished_at"] = (begun + timedelta(minutes=minutes)).isoformat()
                if r.random() < 0.8:
                    item["notes"].append({"pass_number": number, "body": self.note_body(200, 1500)})
            item["passes"].append(p)
        if r.random() < 0.2:
            item["notes"].insert(0, {"pass_number": None, "body": self.note_body(80, 400)})
        if done >= 1 or active:
            for _ in range(r.choice([0, 1, 1, 2, 3])):
                self.point_id += 1
                resolved = r.choice([None, 2, 3]) if done >= 2 else None
                point: Json = {"id": self.point_id, "text": self._fill(r.choice(OPEN_POINTS))}
                if resolved is not None:
                    point["resolved_in_pass"] = resolved
                    point["resolved_at"] = item["passes"][resolved - 1].get("finished_at")
                item["open_points"].append(point)

    def companies(self) -> list[Json]:
        self.focus = ("", "")
        r = self.rng
        out: list[Json] = []
        app_id = round_id = 0
        per_company = [0] * self.n_companies
        for _ in range(self.n_applications if self.n_companies else 0):
            per_company[r.randrange(self.n_companies)] += 1
        for company_id in range(1, self.n_companies + 1):
            first, second = COMPANY_PARTS
            name = f"{r.choice(first)} {r.choice(second)} {company_id}"
            apps: list[Json] = []
            for _ in range(per_company[company_id - 1]):
                app_id += 1
                status = r.choice(STATUSES)
                rounds: list[Json] = []
                if status in ("interviewing", "offer", "rejected"):
                    for _ in range(r.randint(1, 3)):
                        round_id += 1
                        rounds.append(
                            {
                                "id": round_id,
                                "held_on": (TODAY - timedelta(days=r.randint(1, 200))).isoformat(),
                                "kind": r.choice(["coding", "ml_concepts", "systems", "hr"]),
                                "interviewer_notes": self.note_body(50, 300),
                                "questions": [r.randint(1, self.n_questions)]
                                if self.n_questions
                                else [],
                            }
                        )
                apps.append(
                    {
                        "id": app_id,
                        "role": r.choice(["LLM 算法工程师", "Research Engineer", "大模型训练"]),
                        "status": status,
                        "events": [
                            {
                                "from_status": None,
                                "to_status": status,
                                "at": self._time_in_year().isoformat(),
                            }
                        ],
                        "rounds": rounds,
                    }
                )
            out.append(
                {
                    "id": company_id,
                    "name": name,
                    "city": r.choice(["北京", "上海", "杭州", "深圳", "Remote"]),
                    "priority": r.randint(1, 5),
                    "notes": self.note_body(0, 200) if r.random() < 0.3 else "",
                    "applications": apps,
                }
            )
        return out

    def questions(self) -> list[Json]:
        r = self.rng
        out: list[Json] = []
        for question_id in range(1, self.n_questions + 1):
            reviews: list[Json] = [
                {"reviewed_at": self._time_in_year().isoformat(), "rating": r.randint(0, 5)}
                for _ in range(r.choice([0, 0, 1, 2, 4]))
            ]
            reviews.sort(key=lambda x: x["reviewed_at"])
            out.append(
                {
                    "id": question_id,
                    "text": self._fill(r.choice(QUESTION_TEMPLATES)) + f" (#{question_id})",
                    "answer": self.note_body(0, 400) if r.random() < 0.4 else "",
                    "category": r.choice(["ML 基础", "LLM", "系统设计", "编程", "行为面试"]),
                    "confidence": r.randint(0, 5),
                    "repetitions": len(reviews),
                    "due_on": (TODAY + timedelta(days=r.randint(-30, 30))).isoformat()
                    if reviews
                    else None,
                    "items": sorted(
                        {r.randint(1, self.n_items) for _ in range(r.choice([0, 1, 2]))}
                    ),
                    "companies": [r.randint(1, self.n_companies)]
                    if self.n_companies and r.random() < 0.2
                    else [],
                    "reviews": reviews,
                }
            )
        return out

    def document(self) -> Json:
        return {
            "format": "threepass",
            "version": 1,
            "settings": {"daily_budget_minutes": 120},
            "tags": list(TAGS),
            "items": self.items(),
            "companies": self.companies(),
            "questions": self.questions(),
        }


def generator_for(size: str) -> Generator:
    n = SIZES[size]
    if size == "tiny":
        return Generator(n, companies=5, questions=20)
    return Generator(n)


def _stamp(size: str) -> Json:
    return {"generator": GENERATOR_VERSION, "size": size, "schema": migrate.head_revision()}


def library_dir(size: str, out_dir: Path = OUT_DIR) -> Path:
    return out_dir / size


def _stored_stamp(size: str, out_dir: Path) -> Json | None:
    folder = library_dir(size, out_dir)
    stamp = folder / "generated.json"
    if not (folder / DB_FILENAME).exists() or not stamp.exists():
        return None
    try:
        stored = json.loads(stamp.read_text())
    except ValueError:
        return None
    return stored if isinstance(stored, dict) else None


def is_cached(size: str, out_dir: Path = OUT_DIR) -> bool:
    return _stored_stamp(size, out_dir) == _stamp(size)


def _migratable(size: str, out_dir: Path) -> bool:
    """Same generator and size, older schema: the app's own upgrade brings it to the head."""
    stored = _stored_stamp(size, out_dir)
    wanted = _stamp(size)
    return (
        stored is not None
        and stored.get("generator") == wanted["generator"]
        and stored.get("size") == size
        and stored.get("schema") in migrate.known_revisions()
    )


@contextmanager
def _build_lock(size: str, out_dir: Path) -> Iterator[None]:
    """Serialise builds of one size: several benchmark runs may share the cache."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / f".{size}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build(size: str, out_dir: Path = OUT_DIR, *, force: bool = False, quiet: bool = False) -> Path:
    """The data folder of a generated library of `size`, building it unless cached."""
    with _build_lock(size, out_dir):
        return _build_locked(size, out_dir, force=force, quiet=quiet)


def _build_locked(size: str, out_dir: Path, *, force: bool, quiet: bool) -> Path:
    folder = library_dir(size, out_dir)
    if not force and is_cached(size, out_dir):
        return folder
    if not force and _migratable(size, out_dir):
        # A new revision (an index, say) upgrades the cached library in place, as the app
        # upgrades a user's file, instead of regenerating it (minutes at 100k).
        started = time.perf_counter()
        open_database(resolve_location(data_dir=folder)).close()
        shutil.rmtree(folder / "backups", ignore_errors=True)  # the pre-upgrade copy
        (folder / "generated.json").write_text(json.dumps(_stamp(size)))
        if not quiet:
            print(
                f"{size}: upgraded to schema {migrate.head_revision()} in "
                f"{time.perf_counter() - started:.1f} s",
                file=sys.stderr,
            )
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    doc = generator_for(size).document()
    made = time.perf_counter()
    db = open_database(resolve_location(data_dir=folder))
    try:
        summary = TransferService(db).import_document(doc)
    finally:
        db.close()
    (folder / "generated.json").write_text(json.dumps(_stamp(size)))
    if not quiet:
        print(
            f"{size}: generated in {made - started:.1f} s, imported in "
            f"{time.perf_counter() - made:.1f} s: {summary.describe()}",
            file=sys.stderr,
        )
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", choices=sorted(SIZES), default="1k")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    parser.add_argument("--json", type=Path, help="also write the document to this file")
    args = parser.parse_args(argv)
    if args.json:
        doc = generator_for(args.size).document()
        args.json.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    print(build(args.size, args.out, force=args.force))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
