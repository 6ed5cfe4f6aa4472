"""Companies, applications, interview rounds and the question bank, linked to study items."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow

PIPELINE = ("interested", "applied", "test", "interviewing", "offer")
ENDINGS = ("accepted", "rejected", "withdrawn", "ghosted")
APPLICATION_STATUSES = PIPELINE + ENDINGS
ROUND_KINDS = ("coding", "ml_concepts", "handwritten_code", "systems", "cross", "hr", "other")

item_companies = Table(
    "item_companies",
    Base.metadata,
    Column("item_id", ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "company_id", ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)
question_items = Table(
    "question_items",
    Base.metadata,
    Column("question_id", ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True),
    Column("item_id", ForeignKey("items.id", ondelete="CASCADE"), primary_key=True, index=True),
)
question_companies = Table(
    "question_companies",
    Base.metadata,
    Column("question_id", ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "company_id", ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)
round_questions = Table(
    "round_questions",
    Base.metadata,
    Column("round_id", ForeignKey("interview_rounds.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "question_id", ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)


class Company(Base):
    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200, collation="NOCASE"), unique=True)
    city: Mapped[str | None] = mapped_column(Text)
    focus: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(Text)
    careers_url: Mapped[str | None] = mapped_column(Text)
    priority: Mapped[int] = mapped_column(Integer, default=3)
    tags: Mapped[str] = mapped_column(Text, default="")  # comma-separated
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # revision 0015: the newer side wins a sync conflict (models/sync/)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    applications: Mapped[list[Application]] = relationship(
        back_populates="company", cascade="all, delete-orphan"
    )


class Application(Base):
    __tablename__ = "applications"
    __table_args__ = (
        CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in APPLICATION_STATUSES) + ")",
            name="status_values",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(Text)
    team: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="interested")
    contacts: Mapped[str] = mapped_column(Text, default="")
    next_action: Mapped[str | None] = mapped_column(Text)
    next_action_due: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    company: Mapped[Company] = relationship(back_populates="applications")
    events: Mapped[list[ApplicationEvent]] = relationship(
        cascade="all, delete-orphan", order_by="ApplicationEvent.at"
    )
    rounds: Mapped[list[InterviewRound]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="InterviewRound.id"
    )


class ApplicationEvent(Base):
    """One status change of an application: the pipeline's history."""

    __tablename__ = "application_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class InterviewRound(Base):
    __tablename__ = "interview_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    held_on: Mapped[date | None] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(30), default="other")
    interviewer_notes: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str | None] = mapped_column(Text)
    # revision 0015: the newer side wins a sync conflict (models/sync/)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    application: Mapped[Application] = relationship(back_populates="rounds")
    questions: Mapped[list[Question]] = relationship(secondary=round_questions)


class Question(Base):
    __tablename__ = "questions"
    __table_args__ = (CheckConstraint("confidence BETWEEN 0 AND 5", name="confidence_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    detail: Mapped[str] = mapped_column(Text, default="")  # nested sub-points, Markdown
    category: Mapped[str | None] = mapped_column(Text, index=True)
    tags: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(Text, default="")
    confidence: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str] = mapped_column(String(50), default="manual")
    external_key: Mapped[str | None] = mapped_column(Text, index=True)
    # Spaced review (models/services/review_schedule.py). `ease` is SM-2's, from before FSRS
    # (revision 0013): exports still carry it, nothing updates it.
    ease: Mapped[float] = mapped_column(Float, default=2.5)
    interval_days: Mapped[int] = mapped_column(Integer, default=0)
    repetitions: Mapped[int] = mapped_column(Integer, default=0)
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    # The FSRS card; fsrs_state NULL: never graded (a new question).
    fsrs_state: Mapped[int | None] = mapped_column(Integer)
    fsrs_step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    last_reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # revision 0015: the newer side wins a sync conflict (models/sync/)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    items = relationship("Item", secondary=question_items)
    companies: Mapped[list[Company]] = relationship(secondary=question_companies)
    reviews: Mapped[list[QuestionReview]] = relationship(
        cascade="all, delete-orphan", order_by="QuestionReview.reviewed_at"
    )


class QuestionReview(Base):
    __tablename__ = "question_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    reviewed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    rating: Mapped[int] = mapped_column(Integer)
