"""The interview question bank and its spaced review, scheduled with SuperMemo-2 (SM-2).

SM-2 (Wozniak, 1987): each review is graded 0–5. A grade below 3 means "forgotten": the
question starts over and comes back tomorrow. A grade of 3 or more advances it: intervals of
1 day, 6 days, then the previous interval times the ease factor. The ease factor starts at 2.5,
moves by ``0.1 - (5 - q) * (0.08 + (5 - q) * 0.02)`` per review and never drops below 1.3, so
weak questions come back sooner and more often. The GUI's four buttons map to grades
Again=1, Hard=3, Good=4, Easy=5 (see ``BUTTON_GRADES``).

Dates come from an injectable ``Clock`` so scheduling can be tested on fixed days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session

from models.career import (
    Application,
    Company,
    InterviewRound,
    Question,
    QuestionReview,
    question_companies,
    question_items,
    round_questions,
)
from models.clock import Clock, SystemClock
from models.db import Database
from models.errors import NotFoundError, ValidationError
from models.library import Item, OpenPoint, Pass, PassStatus
from models.services.career import join_tags, split_tags
from models.services.field_caps import MAX_QUESTION, check_line
from models.services.library import like_pattern

AnySelect = TypeVar("AnySelect", bound="Select[*tuple[Any, ...]]")
MIN_EASE = 1.3
START_EASE = 2.5
BUTTON_GRADES: dict[str, int] = {"again": 1, "hard": 3, "good": 4, "easy": 5}
# a century: intervals grow by the ease factor each review, and about 15 "Easy" grades in a
# row would otherwise schedule past year 9999 (OverflowError on the due date)
MAX_INTERVAL_DAYS = 36500


@dataclass(frozen=True)
class Sm2State:
    ease: float = START_EASE
    interval_days: int = 0
    repetitions: int = 0


def sm2(state: Sm2State, grade: int) -> Sm2State:
    """One SM-2 step: the new ease factor, interval (days) and repetition count."""
    if not 0 <= grade <= 5:
        raise ValidationError("A review rating is a whole number from 0 to 5.")
    if grade >= 3:
        if state.repetitions == 0:
            interval = 1
        elif state.repetitions == 1:
            interval = 6
        else:
            interval = min(MAX_INTERVAL_DAYS, max(1, round(state.interval_days * state.ease)))
        repetitions = state.repetitions + 1
    else:
        interval = 1
        repetitions = 0
    miss = 5 - grade
    ease = max(MIN_EASE, state.ease + 0.1 - miss * (0.08 + miss * 0.02))
    return Sm2State(ease=round(ease, 4), interval_days=interval, repetitions=repetitions)


# ---- plain values -------------------------------------------------------------------------
@dataclass
class QuestionInput:
    text: str
    category: str | None = None
    tags: list[str] = field(default_factory=list)
    answer: str = ""
    detail: str = ""
    confidence: int = 0  # 0 = not rated yet, else 1..5


@dataclass(frozen=True)
class QuestionRow:
    id: int
    text: str
    category: str | None
    tags: tuple[str, ...]
    confidence: int
    due_on: date | None  # None: never reviewed (new, so due)
    repetitions: int
    interval_days: int
    source: str


@dataclass(frozen=True)
class ReviewInfo:
    reviewed_at: datetime
    rating: int


@dataclass(frozen=True)
class LinkedItem:
    id: int
    title: str
    kind: str
    passes_done: int


@dataclass(frozen=True)
class AskedBy:
    """A company that asked a question, and the rounds (date, kind) where it was asked."""

    company_id: int
    company: str
    rounds: tuple[tuple[date | None, str], ...]


@dataclass(frozen=True)
class QuestionDetail:
    id: int
    text: str
    detail: str
    category: str | None
    tags: tuple[str, ...]
    answer: str
    confidence: int
    source: str
    ease: float
    interval_days: int
    repetitions: int
    due_on: date | None
    reviews: tuple[ReviewInfo, ...]
    items: tuple[LinkedItem, ...]
    companies: tuple[AskedBy, ...]

    def to_input(self) -> QuestionInput:
        return QuestionInput(
            text=self.text,
            category=self.category,
            tags=list(self.tags),
            answer=self.answer,
            detail=self.detail,
            confidence=self.confidence,
        )


def question_row(q: Question) -> QuestionRow:
    return QuestionRow(
        id=q.id,
        text=q.text,
        category=q.category,
        tags=split_tags(q.tags or ""),
        confidence=q.confidence,
        due_on=q.due_on,
        repetitions=q.repetitions,
        interval_days=q.interval_days,
        source=q.source,
    )


ROW_COLUMNS = (
    Question.id,
    Question.text,
    Question.category,
    Question.tags,
    Question.confidence,
    Question.due_on,
    Question.repetitions,
    Question.interval_days,
    Question.source,
)


def rows_from(result: Any) -> list[QuestionRow]:
    """Rows from a column select: no ORM objects, no answer text (5k rows in a few ms)."""
    return [
        QuestionRow(
            id=int(r.id),
            text=r.text,
            category=r.category,
            tags=split_tags(r.tags or ""),
            confidence=int(r.confidence),
            due_on=r.due_on,
            repetitions=int(r.repetitions),
            interval_days=int(r.interval_days),
            source=r.source,
        )
        for r in result
    ]


def validate_question(data: QuestionInput) -> str:
    text = data.text.strip()
    if not text:
        raise ValidationError("A question needs a text.")
    check_line(text, "A question", MAX_QUESTION)
    check_line(data.category, "A category")
    if not 0 <= data.confidence <= 5:
        raise ValidationError("Confidence is between 1 and 5 (0 = not rated yet).")
    return text


class QuestionService:
    """The question bank (CRUD, links shown per question) and its SM-2 review queue."""

    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self._db = db
        self._clock = clock or SystemClock()

    # ---- reading -------------------------------------------------------------------------
    def list_questions(
        self, text: str = "", *, category: str | None = None, due_on: date | None = None
    ) -> list[QuestionRow]:
        """Questions matching a search (text, answer, tags); due_on keeps the review queue."""
        with self._db.read() as s:
            query = select(*ROW_COLUMNS)
            needle = text.strip()
            if needle:
                pattern = like_pattern(needle)
                query = query.where(
                    or_(
                        Question.text.like(pattern, escape="\\"),
                        Question.answer.like(pattern, escape="\\"),
                        Question.tags.like(pattern, escape="\\"),
                    )
                )
            if category:
                query = query.where(Question.category == category)
            if due_on is not None:
                query = self._due_filter(query, due_on)
            else:
                query = query.order_by(Question.category, Question.id)
            return rows_from(s.execute(query))

    def due_questions(
        self, on: date | None = None, *, limit: int | None = None
    ) -> list[QuestionRow]:
        """The "review today" queue: overdue first (oldest due), then never-reviewed ones."""
        day = on or self._clock.today()
        with self._db.read() as s:
            query = self._due_filter(select(*ROW_COLUMNS), day)
            if limit is not None:
                query = query.limit(limit)
            return rows_from(s.execute(query))

    def due_count(self, on: date | None = None) -> int:
        day = on or self._clock.today()
        with self._db.read() as s:
            return int(
                s.scalar(
                    select(func.count())
                    .select_from(Question)
                    .where(or_(Question.due_on.is_(None), Question.due_on <= day))
                )
                or 0
            )

    def categories(self) -> list[str]:
        with self._db.read() as s:
            return [
                c
                for c in s.scalars(
                    select(Question.category)
                    .where(Question.category.is_not(None))
                    .distinct()
                    .order_by(Question.category)
                )
                if c
            ]

    def get_question(self, question_id: int) -> QuestionDetail:
        with self._db.read() as s:
            q = self._question(s, question_id)
            done = (
                select(func.count())
                .where(Pass.item_id == Item.id, Pass.status == PassStatus.DONE)
                .scalar_subquery()
            )
            items = tuple(
                LinkedItem(int(i), t, k, int(d or 0))
                for i, t, k, d in s.execute(
                    select(Item.id, Item.title, Item.kind, done)
                    .join(question_items, question_items.c.item_id == Item.id)
                    .where(question_items.c.question_id == q.id)
                    .order_by(Item.title)
                )
            )
            rounds: dict[int, list[tuple[date | None, str]]] = {}
            for company_id, held_on, kind in s.execute(
                select(Application.company_id, InterviewRound.held_on, InterviewRound.kind)
                .join(InterviewRound, InterviewRound.application_id == Application.id)
                .join(round_questions, round_questions.c.round_id == InterviewRound.id)
                .where(round_questions.c.question_id == q.id)
                .order_by(InterviewRound.held_on)
            ):
                rounds.setdefault(int(company_id), []).append((held_on, kind))
            companies = tuple(
                AskedBy(int(cid), name, tuple(rounds.get(int(cid), ())))
                for cid, name in s.execute(
                    select(Company.id, Company.name)
                    .join(question_companies, question_companies.c.company_id == Company.id)
                    .where(question_companies.c.question_id == q.id)
                    .order_by(Company.name)
                )
            )
            return QuestionDetail(
                id=q.id,
                text=q.text,
                detail=q.detail or "",
                category=q.category,
                tags=split_tags(q.tags or ""),
                answer=q.answer or "",
                confidence=q.confidence,
                source=q.source,
                ease=q.ease,
                interval_days=q.interval_days,
                repetitions=q.repetitions,
                due_on=q.due_on,
                reviews=tuple(ReviewInfo(r.reviewed_at, r.rating) for r in q.reviews),
                items=items,
                companies=companies,
            )

    def count(self) -> int:
        with self._db.read() as s:
            return int(s.scalar(select(func.count()).select_from(Question)) or 0)

    # ---- writing -------------------------------------------------------------------------
    def add_question(self, data: QuestionInput, *, source: str = "manual") -> int:
        text = validate_question(data)
        with self._db.transaction() as s:
            q = Question(text=text, source=source, created_at=self._clock.now())
            self._apply(q, data)
            s.add(q)
            s.flush()
            return q.id

    def update_question(self, question_id: int, data: QuestionInput) -> None:
        text = validate_question(data)
        with self._db.transaction() as s:
            q = self._question(s, question_id)
            q.text = text
            self._apply(q, data)

    def set_answer(self, question_id: int, answer: str) -> None:
        with self._db.transaction() as s:
            self._question(s, question_id).answer = answer

    def delete_question(self, question_id: int) -> None:
        with self._db.transaction() as s:
            s.delete(self._question(s, question_id))

    def review(self, question_id: int, rating: int) -> QuestionRow:
        """Grade one review (SM-2, 0–5): reschedule, log it, and set confidence from it.

        The latest grade is the current confidence (at least 1), so readiness follows reviews.
        """
        now = self._clock.now()
        today = self._clock.today()
        with self._db.transaction() as s:
            q = self._question(s, question_id)
            state = sm2(Sm2State(q.ease, q.interval_days, q.repetitions), rating)
            q.ease = state.ease
            q.interval_days = state.interval_days
            q.repetitions = state.repetitions
            q.due_on = today + timedelta(days=state.interval_days)
            q.confidence = max(1, rating)
            s.add(QuestionReview(question_id=q.id, reviewed_at=now, rating=rating))
            s.flush()
            return question_row(q)

    def open_point_to_question(self, point_id: int, *, category: str | None = None) -> int:
        """Turn a pass-1 open point into a bank question in one action, keeping the links.

        Sets OpenPoint.question_id and links the question to the point's item. Idempotent:
        a point already turned into a question returns that question.
        """
        with self._db.transaction() as s:
            point = s.get(OpenPoint, point_id)
            if point is None:
                raise NotFoundError(f"No open point with id {point_id}.")
            if point.question_id is not None and s.get(Question, point.question_id) is not None:
                return point.question_id
            q = Question(
                text=point.text.strip(),
                category=category,
                source="open_point",
                created_at=self._clock.now(),
                confidence=0,
            )
            s.add(q)
            s.flush()
            point.question_id = q.id
            s.execute(question_items.insert().values(question_id=q.id, item_id=point.item_id))
            return q.id

    # ---- internals -----------------------------------------------------------------------
    @staticmethod
    def _due_filter(query: AnySelect, day: date) -> AnySelect:
        return query.where(or_(Question.due_on.is_(None), Question.due_on <= day)).order_by(
            case((Question.due_on.is_(None), 1), else_=0),
            Question.due_on,
            Question.confidence,
            Question.id,
        )

    @staticmethod
    def _apply(q: Question, data: QuestionInput) -> None:
        q.category = (data.category or "").strip() or None
        q.tags = join_tags(data.tags)
        q.answer = data.answer
        q.detail = data.detail
        q.confidence = data.confidence

    @staticmethod
    def _question(s: Session, question_id: int) -> Question:
        q = s.get(Question, question_id)
        if q is None:
            raise NotFoundError(f"No question with id {question_id}.")
        return q
