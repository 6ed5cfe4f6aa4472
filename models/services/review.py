"""The interview question bank and its spaced review, scheduled with FSRS.

Grading and its undo, and the "review today" queue: the reviews due plus up to the day's
limit of new questions (`new_questions_per_day`, 10 unless set in Preferences), so an import
of 28 questions does not make all 28 due at once. The scheduler itself, and how the 0–5
grades map to FSRS ratings, are in `review_schedule.py`. Dates come from an injectable
``Clock`` so scheduling can be tested on fixed days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, or_, select
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
from models.services.review_schedule import ReviewState, fsrs_rating, next_state
from models.services.settings import SettingsService

# the grade each button writes to the review log (0–5, the scale the log always had)
BUTTON_GRADES: dict[str, int] = {"again": 1, "hard": 3, "good": 4, "easy": 5}
NEW_PER_DAY_KEY = "new_questions_per_day"


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
    stability: float | None  # FSRS: None until first graded
    difficulty: float | None
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


@dataclass(frozen=True)
class Schedule:
    """What a grade changes on a question."""

    state: ReviewState
    due_on: date | None
    confidence: int


@dataclass(frozen=True)
class Graded:
    """A grade just given: the question after it, its review row, and the question before."""

    row: QuestionRow
    review_id: int
    before: Schedule


def _schedule_of(q: Question) -> Schedule:
    return Schedule(
        state=ReviewState(
            state=q.fsrs_state,
            step=q.fsrs_step,
            stability=q.stability,
            difficulty=q.difficulty,
            last_reviewed_at=q.last_reviewed_at,
            interval_days=q.interval_days,
            repetitions=q.repetitions,
        ),
        due_on=q.due_on,
        confidence=q.confidence,
    )


def _set_schedule(q: Question, schedule: Schedule) -> None:
    state = schedule.state
    q.fsrs_state = state.state
    q.fsrs_step = state.step
    q.stability = state.stability
    q.difficulty = state.difficulty
    q.last_reviewed_at = state.last_reviewed_at
    q.interval_days = state.interval_days
    q.repetitions = state.repetitions
    q.due_on = schedule.due_on
    q.confidence = schedule.confidence


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
    """The question bank (CRUD, links shown per question) and its FSRS review queue."""

    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self._db = db
        self._clock = clock or SystemClock()

    # ---- reading -------------------------------------------------------------------------
    def list_questions(self, text: str = "", *, category: str | None = None) -> list[QuestionRow]:
        """Questions matching a search (text, answer, tags), by category."""
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
            return rows_from(s.execute(query.order_by(Question.category, Question.id)))

    def due_questions(
        self, on: date | None = None, *, limit: int | None = None
    ) -> list[QuestionRow]:
        """The "review today" queue: the reviews due (oldest due first), then the day's new
        questions, oldest first, up to what is left of the new-per-day limit."""
        day = on or self._clock.today()
        per_day = self.new_per_day()
        with self._db.read() as s:
            query = (
                select(*ROW_COLUMNS)
                .where(Question.due_on <= day)
                .order_by(Question.due_on, Question.confidence, Question.id)
            )
            rows = rows_from(s.execute(query if limit is None else query.limit(limit)))
            room = self._new_room(s, day, per_day)
            if limit is not None:
                room = min(room, limit - len(rows))
            if room > 0:
                new = select(*ROW_COLUMNS).where(Question.due_on.is_(None))
                rows += rows_from(s.execute(new.order_by(Question.id).limit(room)))
            return rows

    def due_count(self, on: date | None = None) -> int:
        """How long the day's queue is (`due_questions`' length: Today, the tray, the CLI)."""
        day = on or self._clock.today()
        per_day = self.new_per_day()
        with self._db.read() as s:
            due, new = s.execute(
                select(
                    func.count().filter(Question.due_on <= day),
                    func.count().filter(Question.due_on.is_(None)),
                )
            ).one()
            return int(due or 0) + min(int(new or 0), self._new_room(s, day, per_day))

    def new_per_day(self) -> int:
        """How many never-graded questions a day's queue takes (Preferences)."""
        value = SettingsService(self._db).get(NEW_PER_DAY_KEY)
        return max(0, value) if isinstance(value, int) and not isinstance(value, bool) else 10

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
                stability=q.stability,
                difficulty=q.difficulty,
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
        """Grade one review (0–5, see BUTTON_GRADES); the question as it now is."""
        return self.grade(question_id, rating).row

    def grade(self, question_id: int, rating: int) -> Graded:
        """Grade one review: reschedule with FSRS, log it, and set confidence from it.

        The latest grade is the current confidence (at least 1), so readiness follows
        reviews. The answer holds what `undo_grade` needs to put everything back.
        """
        fsrs_rating(rating)  # a bad grade fails before anything is read
        now = self._clock.now()
        with self._db.transaction() as s:
            q = self._question(s, question_id)
            before = _schedule_of(q)
            state = next_state(before.state, rating, now)
            _set_schedule(
                q,
                Schedule(
                    state=state,
                    due_on=state.due_on(self._clock.utc_offset()),
                    confidence=max(1, rating),
                ),
            )
            review = QuestionReview(question_id=q.id, reviewed_at=now, rating=rating)
            s.add(review)
            s.flush()
            return Graded(row=question_row(q), review_id=review.id, before=before)

    def undo_grade(self, graded: Graded) -> QuestionRow:
        """Take a grade back: its review row goes and the question is as it was before.

        Only the question's latest grade can be undone (a later one was made from it).
        """
        with self._db.transaction() as s:
            q = self._question(s, graded.row.id)
            latest = s.scalar(
                select(func.max(QuestionReview.id)).where(QuestionReview.question_id == q.id)
            )
            if latest is None or latest != graded.review_id:
                raise ValidationError(
                    "That grade can no longer be undone: the question was graded again since."
                )
            review = s.get(QuestionReview, graded.review_id)
            if review is not None:
                s.delete(review)
            _set_schedule(q, graded.before)
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
    def _new_room(self, s: Session, day: date, per_day: int) -> int:
        """What is left of the day's new questions: the limit less those first graded that
        (local) day, so grading new ones does not pull in more."""
        start = datetime.combine(day, time()) - self._clock.utc_offset()
        first = func.min(QuestionReview.reviewed_at)
        started = (
            select(QuestionReview.question_id)
            .group_by(QuestionReview.question_id)
            .having(first >= start, first < start + timedelta(days=1))
            .subquery()
        )
        return max(0, per_day - int(s.scalar(select(func.count()).select_from(started)) or 0))

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
