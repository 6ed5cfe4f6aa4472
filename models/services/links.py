"""Links between study items, companies and questions: the point of the career feature.

- Explicit links: item↔company ("relevant for Minimax"), item↔question ("covers: attention
  原理"), question↔company ("asked by").
- Readiness per company (0–100) from the linked items' passes and the linked questions'
  confidence, with a breakdown and next steps.
- ``[[title]]`` wiki links in any note (item notes, company notes, question answers and
  details) resolve by name to an item, company or question; each target has backlinks.
  Those reads live in link_read.py (LinkReader, no ORM: the item pane's first render);
  LinkService delegates to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy import case, delete, func, select
from sqlalchemy.orm import Session

from models.career import Company, Question, item_companies, question_companies, question_items
from models.clock import Clock, SystemClock
from models.db import Database
from models.errors import NotFoundError
from models.library import Item, Pass, PassStatus
from models.services.link_read import KINDS as KINDS  # re-exported (moved to link_read)
from models.services.link_read import WIKI_LINK as WIKI_LINK  # re-exported
from models.services.link_read import Backlink, ItemLinks, LinkReader, WikiTarget, name_key
from models.services.link_read import snippet as snippet  # re-exported
from models.services.link_read import wiki_names as wiki_names  # re-exported
from models.services.text_match import like_pattern

PASSES_PER_ITEM = 3
MAX_CONFIDENCE = 5
ITEM_WEIGHT = 0.6  # studying the material weighs more than rehearsing answers
QUESTION_WEIGHT = 0.4
MAX_STEPS_PER_KIND = 3

T = TypeVar("T")


# ---- plain values -------------------------------------------------------------------------
@dataclass(frozen=True)
class ReadinessItem:
    id: int
    title: str
    kind: str
    passes_done: int
    passes_total: int = PASSES_PER_ITEM


@dataclass(frozen=True)
class ReadinessQuestion:
    id: int
    text: str
    confidence: int
    due_on: date | None


@dataclass(frozen=True)
class NextStep:
    """One thing to do next; `text` is English for the CLI, the GUI formats its own."""

    kind: str  # pass / review / link_items / link_questions
    target_id: int | None
    title: str
    number: int | None  # the pass number, or the confidence for a review

    @property
    def text(self) -> str:
        if self.kind == "pass":
            return f"Do pass {self.number} of “{self.title}”."
        if self.kind == "review":
            return f"Review “{self.title}” (confidence {self.number}/5)."
        if self.kind == "link_items":
            return f"Link study items that matter for {self.title}."
        return f"Add the questions {self.title} asks to the bank and link them."


@dataclass(frozen=True)
class Readiness:
    company_id: int
    company: str
    score: int  # 0..100
    items_score: int | None  # 0..100, None without linked items
    questions_score: int | None
    items: tuple[ReadinessItem, ...]
    questions: tuple[ReadinessQuestion, ...]
    next_steps: tuple[NextStep, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "company": self.company,
            "company_id": self.company_id,
            "readiness": self.score,
            "items_score": self.items_score,
            "questions_score": self.questions_score,
            "items": [
                {
                    "id": i.id,
                    "title": i.title,
                    "kind": i.kind,
                    "passes_done": i.passes_done,
                    "passes_total": i.passes_total,
                }
                for i in self.items
            ],
            "questions": [
                {
                    "id": q.id,
                    "text": q.text,
                    "confidence": q.confidence,
                    "due_on": q.due_on.isoformat() if q.due_on else None,
                }
                for q in self.questions
            ],
            "next_steps": [step.text for step in self.next_steps],
        }


def combine(items_score: float | None, questions_score: float | None) -> int:
    """Weighted mean of the parts that exist; 0 when nothing is linked yet."""
    if items_score is None and questions_score is None:
        return 0
    if items_score is None:
        return round(100 * (questions_score or 0.0))
    if questions_score is None:
        return round(100 * items_score)
    return round(100 * (ITEM_WEIGHT * items_score + QUESTION_WEIGHT * questions_score))


def readiness_by_company(s: Session) -> dict[int, int]:
    """Every company's readiness in two grouped queries (the companies table and the board)."""
    done = func.sum(case((Pass.status == PassStatus.DONE, 1), else_=0))
    item_parts: dict[int, tuple[int, int]] = {}
    for company_id, n_items, n_done in s.execute(
        select(
            item_companies.c.company_id,
            func.count(func.distinct(item_companies.c.item_id)),
            done,
        )
        .join(Pass, Pass.item_id == item_companies.c.item_id)
        .group_by(item_companies.c.company_id)
    ):
        item_parts[int(company_id)] = (int(n_items), int(n_done or 0))
    question_parts: dict[int, tuple[int, int]] = {}
    for company_id, n_questions, total in s.execute(
        select(
            question_companies.c.company_id,
            func.count(),
            func.sum(Question.confidence),
        )
        .join(Question, Question.id == question_companies.c.question_id)
        .group_by(question_companies.c.company_id)
    ):
        question_parts[int(company_id)] = (int(n_questions), int(total or 0))
    scores: dict[int, int] = {}
    for company_id in set(item_parts) | set(question_parts):
        items = item_parts.get(company_id)
        questions = question_parts.get(company_id)
        scores[company_id] = combine(
            min(1.0, items[1] / (PASSES_PER_ITEM * items[0])) if items else None,
            questions[1] / (MAX_CONFIDENCE * questions[0]) if questions else None,
        )
    return scores


def passes_done_query(s: Session, item_ids: list[int]) -> dict[int, int]:
    counts: dict[int, int] = {i: 0 for i in item_ids}
    if not item_ids:
        return counts
    for item_id, n in s.execute(
        select(Pass.item_id, func.count())
        .where(Pass.item_id.in_(item_ids), Pass.status == PassStatus.DONE)
        .group_by(Pass.item_id)
    ):
        counts[int(item_id)] = int(n)
    return counts


class LinkService:
    """Explicit links, readiness and wiki links. One Session per call."""

    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self._db = db
        self._clock = clock or SystemClock()
        self._reader = LinkReader(db)  # the reads the item pane needs, without the ORM

    # ---- explicit links ------------------------------------------------------------------
    def link_item_company(self, item_id: int, company_id: int) -> bool:
        """True if a new link was made (False: it already existed)."""
        with self._db.transaction() as s:
            _require(s, Item, item_id, "item")
            _require(s, Company, company_id, "company")
            exists = s.execute(
                select(item_companies).where(
                    item_companies.c.item_id == item_id, item_companies.c.company_id == company_id
                )
            ).first()
            if exists:
                return False
            s.execute(item_companies.insert().values(item_id=item_id, company_id=company_id))
            return True

    def unlink_item_company(self, item_id: int, company_id: int) -> None:
        with self._db.transaction() as s:
            s.execute(
                delete(item_companies).where(
                    item_companies.c.item_id == item_id, item_companies.c.company_id == company_id
                )
            )

    def link_item_question(self, item_id: int, question_id: int) -> bool:
        with self._db.transaction() as s:
            _require(s, Item, item_id, "item")
            _require(s, Question, question_id, "question")
            exists = s.execute(
                select(question_items).where(
                    question_items.c.item_id == item_id,
                    question_items.c.question_id == question_id,
                )
            ).first()
            if exists:
                return False
            s.execute(question_items.insert().values(item_id=item_id, question_id=question_id))
            return True

    def link_question_company(self, question_id: int, company_id: int) -> bool:
        with self._db.transaction() as s:
            _require(s, Question, question_id, "question")
            _require(s, Company, company_id, "company")
            exists = s.execute(
                select(question_companies).where(
                    question_companies.c.question_id == question_id,
                    question_companies.c.company_id == company_id,
                )
            ).first()
            if exists:
                return False
            s.execute(
                question_companies.insert().values(question_id=question_id, company_id=company_id)
            )
            return True

    def item_links(self, item_id: int) -> ItemLinks:
        return self._reader.item_links(item_id)

    def set_item_links(self, item_id: int, company_ids: list[int], question_ids: list[int]) -> None:
        """Replace an item's company and question links in one action (the link dialog)."""
        with self._db.transaction() as s:
            _require(s, Item, item_id, "item")
            for cid in company_ids:
                _require(s, Company, cid, "company")
            for qid in question_ids:
                _require(s, Question, qid, "question")
            s.execute(delete(item_companies).where(item_companies.c.item_id == item_id))
            s.execute(delete(question_items).where(question_items.c.item_id == item_id))
            for cid in dict.fromkeys(company_ids):
                s.execute(item_companies.insert().values(item_id=item_id, company_id=cid))
            for qid in dict.fromkeys(question_ids):
                s.execute(question_items.insert().values(item_id=item_id, question_id=qid))

    def set_company_links(
        self, company_id: int, item_ids: list[int], question_ids: list[int] | None = None
    ) -> None:
        """Replace the items (and, if given, the questions) linked to a company in one action."""
        with self._db.transaction() as s:
            _require(s, Company, company_id, "company")
            for iid in item_ids:
                _require(s, Item, iid, "item")
            for qid in question_ids or []:
                _require(s, Question, qid, "question")
            s.execute(delete(item_companies).where(item_companies.c.company_id == company_id))
            for iid in dict.fromkeys(item_ids):
                s.execute(item_companies.insert().values(item_id=iid, company_id=company_id))
            if question_ids is not None:
                s.execute(
                    delete(question_companies).where(question_companies.c.company_id == company_id)
                )
                for qid in dict.fromkeys(question_ids):
                    s.execute(
                        question_companies.insert().values(question_id=qid, company_id=company_id)
                    )

    def set_question_links(
        self, question_id: int, item_ids: list[int], company_ids: list[int]
    ) -> None:
        """Replace the items that answer a question and the companies that ask it."""
        with self._db.transaction() as s:
            _require(s, Question, question_id, "question")
            for iid in item_ids:
                _require(s, Item, iid, "item")
            for cid in company_ids:
                _require(s, Company, cid, "company")
            s.execute(delete(question_items).where(question_items.c.question_id == question_id))
            s.execute(
                delete(question_companies).where(question_companies.c.question_id == question_id)
            )
            for iid in dict.fromkeys(item_ids):
                s.execute(question_items.insert().values(question_id=question_id, item_id=iid))
            for cid in dict.fromkeys(company_ids):
                s.execute(
                    question_companies.insert().values(question_id=question_id, company_id=cid)
                )

    def company_links(self, company_id: int) -> tuple[list[int], list[int]]:
        """Ids of the items and questions linked to a company."""
        with self._db.read() as s:
            _require(s, Company, company_id, "company")
            items = [
                int(i)
                for i in s.scalars(
                    select(item_companies.c.item_id).where(
                        item_companies.c.company_id == company_id
                    )
                )
            ]
            questions = [
                int(q)
                for q in s.scalars(
                    select(question_companies.c.question_id).where(
                        question_companies.c.company_id == company_id
                    )
                )
            ]
        return items, questions

    # ---- readiness -----------------------------------------------------------------------
    def readiness(self, company_id: int) -> Readiness:
        """Readiness = 60 % linked items' passes done (3 each) + 40 % linked questions'
        confidence (of 5); a part with nothing linked is left out of the mean."""
        with self._db.read() as s:
            company = _require(s, Company, company_id, "company")
            rows = s.execute(
                select(Item.id, Item.title, Item.kind)
                .join(item_companies, item_companies.c.item_id == Item.id)
                .where(item_companies.c.company_id == company_id)
                .order_by(Item.title)
            ).all()
            done = passes_done_query(s, [int(r.id) for r in rows])
            items = tuple(
                ReadinessItem(int(r.id), r.title, r.kind, min(PASSES_PER_ITEM, done[int(r.id)]))
                for r in rows
            )
            questions = tuple(
                ReadinessQuestion(int(i), t, int(c), d)
                for i, t, c, d in s.execute(
                    select(Question.id, Question.text, Question.confidence, Question.due_on)
                    .join(question_companies, question_companies.c.question_id == Question.id)
                    .where(question_companies.c.company_id == company_id)
                    .order_by(Question.confidence, Question.id)
                )
            )
            name = company.name
        items_part = (
            sum(i.passes_done for i in items) / (PASSES_PER_ITEM * len(items)) if items else None
        )
        questions_part = (
            sum(q.confidence for q in questions) / (MAX_CONFIDENCE * len(questions))
            if questions
            else None
        )
        return Readiness(
            company_id=company_id,
            company=name,
            score=combine(items_part, questions_part),
            items_score=None if items_part is None else round(100 * items_part),
            questions_score=None if questions_part is None else round(100 * questions_part),
            items=items,
            questions=questions,
            next_steps=next_steps(name, items, questions),
        )

    def readiness_scores(self) -> dict[int, int]:
        with self._db.read() as s:
            return readiness_by_company(s)

    # ---- wiki links ----------------------------------------------------------------------
    def resolve(self, names: list[str]) -> dict[str, WikiTarget]:
        """Map each name (by name_key) to its target; items win over companies over questions."""
        return self._reader.resolve(names)

    def resolve_one(self, name: str) -> WikiTarget | None:
        return self._reader.resolve_one(name)

    def backlinks(self, kind: str, target_id: int) -> list[Backlink]:
        """Every note, company note, answer or question detail with a [[link]] to the target."""
        return self._reader.backlinks(kind, target_id)

    def completion_names(self, text: str = "", *, limit: int = 50) -> list[str]:
        """Names for `[[` completion: companies, then questions, then items containing text."""
        pattern = like_pattern(text.strip()) if text.strip() else "%"
        names: dict[str, str] = {}
        with self._db.read() as s:
            for col, order in (
                (Company.name, Company.name),
                (Question.text, Question.id),
                (Item.title, Item.title),
            ):
                remaining = limit - len(names)
                if remaining <= 0:
                    break
                for (name,) in s.execute(
                    select(col)
                    .where(col.like(pattern, escape="\\"))
                    .order_by(order)
                    .limit(remaining)
                ):
                    names.setdefault(name_key(name), " ".join(name.split()))
        return list(names.values())


def next_steps(
    company: str, items: tuple[ReadinessItem, ...], questions: tuple[ReadinessQuestion, ...]
) -> tuple[NextStep, ...]:
    """Finish what is started first (most passes done), then the weakest questions."""
    steps: list[NextStep] = []
    unfinished = sorted(
        (i for i in items if i.passes_done < i.passes_total),
        key=lambda i: (-i.passes_done, i.title),
    )
    steps += [NextStep("pass", i.id, i.title, i.passes_done + 1) for i in unfinished][
        :MAX_STEPS_PER_KIND
    ]
    weak = sorted((q for q in questions if q.confidence < 4), key=lambda q: (q.confidence, q.id))
    steps += [NextStep("review", q.id, q.text, q.confidence) for q in weak][:MAX_STEPS_PER_KIND]
    if not items:
        steps.append(NextStep("link_items", None, company, None))
    if not questions:
        steps.append(NextStep("link_questions", None, company, None))
    return tuple(steps)


def _require(s: Session, model: type[T], row_id: int, label: str) -> T:
    row = s.get(model, row_id)
    if row is None:
        raise NotFoundError(f"No {label} with id {row_id}.")
    return row
