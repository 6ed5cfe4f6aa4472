"""Study items and their three passes, notes, open points and the time log."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow
from models.kinds import PLATFORMS as PLATFORMS  # the vocabularies live in models.kinds
from models.kinds import VIDEO_KINDS as VIDEO_KINDS
from models.kinds import ItemKind as ItemKind
from models.kinds import PassStatus as PassStatus

item_tags = Table(
    "item_tags",
    Base.metadata,
    Column("item_id", ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)

# A video covers zero or more papers; a paper is covered by zero or more videos.
item_covers = Table(
    "item_covers",
    Base.metadata,
    Column("video_id", ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Column("paper_id", ForeignKey("items.id", ondelete="CASCADE"), primary_key=True, index=True),
)

# The sources that import an item besides its own (``items.source``, the first to add it):
# the same paper from notes and from paper-reading is one item (revision 0011). Each row is
# how that source finds the item again on re-import; the owner alone updates its columns.
item_sources = Table(
    "item_sources",
    Base.metadata,
    Column("item_id", ForeignKey("items.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("source", String(50), primary_key=True),
    Column("external_key", Text, primary_key=True),
)


class Tag(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200, collation="NOCASE"), unique=True)
    # revision 0015: the newer side wins a sync conflict (models/sync/)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Item(Base):
    __tablename__ = "items"
    __table_args__ = (
        UniqueConstraint("source", "external_key", name="uq_items_source_key"),
        Index("ix_items_source_position", "source", "position"),  # planner: course order
        # stats: sums per source and kind read from this index alone
        Index(
            "ix_items_source_kind_duration", "source", "kind", "duration_seconds", "reading_minutes"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(50), default="manual", index=True)
    external_key: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(Text, index=True)
    year: Mapped[int | None] = mapped_column(Integer)
    published: Mapped[str | None] = mapped_column(String(10))  # partial ISO: 2022, 2022-02, ...
    duration_seconds: Mapped[int | None] = mapped_column(Integer)
    link_bilibili: Mapped[str | None] = mapped_column(Text)
    link_youtube: Mapped[str | None] = mapped_column(Text)
    link_zhihu: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    number: Mapped[str | None] = mapped_column(String(20))  # lesson number, "8a"
    position: Mapped[int | None] = mapped_column(Integer)  # order within its course
    recorded: Mapped[bool | None] = mapped_column(Boolean)
    reading_minutes: Mapped[int | None] = mapped_column(Integer)  # papers: user's estimate
    scheduled_for: Mapped[date | None] = mapped_column(Date, index=True)
    queue_position: Mapped[int | None] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    passes: Mapped[list[Pass]] = relationship(
        back_populates="item",
        cascade="all, delete-orphan",
        order_by="Pass.number",
        lazy="selectin",
    )
    notes: Mapped[list[Note]] = relationship(back_populates="item", cascade="all, delete-orphan")
    open_points: Mapped[list[OpenPoint]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="OpenPoint.id"
    )
    tags: Mapped[list[Tag]] = relationship(secondary=item_tags, lazy="selectin")
    covers: Mapped[list[Item]] = relationship(
        secondary=item_covers,
        primaryjoin=lambda: Item.id == item_covers.c.video_id,
        secondaryjoin=lambda: Item.id == item_covers.c.paper_id,
        back_populates="covered_by",
    )
    covered_by: Mapped[list[Item]] = relationship(
        secondary=item_covers,
        primaryjoin=lambda: Item.id == item_covers.c.paper_id,
        secondaryjoin=lambda: Item.id == item_covers.c.video_id,
        back_populates="covers",
    )


class Pass(Base):
    __tablename__ = "passes"
    __table_args__ = (
        UniqueConstraint("item_id", "number", name="uq_passes_item_number"),
        CheckConstraint("number BETWEEN 1 AND 3", name="number_range"),
        CheckConstraint("status IN ('todo', 'in_progress', 'done')", name="status_values"),
        # planner and stats (revision 0007): covering indexes, see models/services/planner.py
        Index("ix_passes_due_order", "status", "number", "finished_at", "item_id"),
        Index("ix_passes_done_by_number", "status", "number", "item_id", "finished_at"),
        Index("ix_passes_status_item", "status", "item_id", "number", "started_at"),
        Index("ix_passes_number_speed", "number", "speed", "status", "item_id"),
        Index("ix_passes_minutes_spent", "minutes_spent", sqlite_where=text("minutes_spent != 0")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # no index of its own: the unique (item_id, number) serves (revision 0010)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    speed: Mapped[float] = mapped_column(Float, default=1.0)
    depth: Mapped[str | None] = mapped_column(String(40))  # papers: skim / read / reproduce
    # searched through ix_passes_status_item (revision 0010)
    status: Mapped[str] = mapped_column(String(12), default=PassStatus.TODO)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    minutes_spent: Mapped[float] = mapped_column(Float, default=0.0)
    # revision 0015: the newer side wins a sync conflict (models/sync/)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    item: Mapped[Item] = relationship(back_populates="passes")


class Note(Base):
    """Markdown note of an item; pass_number None is the item's general note."""

    __tablename__ = "notes"
    __table_args__ = (UniqueConstraint("item_id", "pass_number", name="uq_notes_item_pass"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    pass_number: Mapped[int | None] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    item: Mapped[Item] = relationship(back_populates="notes")


class OpenPoint(Base):
    """A pass-1 'what I did not understand' entry, resolved in pass 2 or 3."""

    __tablename__ = "open_points"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    resolved_in_pass: Mapped[int | None] = mapped_column(Integer)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("questions.id", ondelete="SET NULL"), index=True
    )
    # revision 0015: the newer side wins a sync conflict (models/sync/)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    item: Mapped[Item] = relationship(back_populates="open_points")


class StudySession(Base):
    """Time actually spent on a pass; ended_at None means a timer is running."""

    __tablename__ = "study_sessions"
    __table_args__ = (
        # stats: minutes per day (revision 0007)
        Index("ix_study_sessions_started_minutes", "started_at", "minutes", "ended_at"),
        # the running timer, found without a walk over every session (revision 0016)
        Index("ix_study_sessions_running", "started_at", sqlite_where=text("ended_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pass_id: Mapped[int] = mapped_column(ForeignKey("passes.id", ondelete="CASCADE"), index=True)
    # searched through ix_study_sessions_started_minutes (revision 0010)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    minutes: Mapped[float] = mapped_column(Float, default=0.0)
    manual: Mapped[bool] = mapped_column(Boolean, default=False)
    # revision 0015: the newer side wins a sync conflict (models/sync/)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Setting(Base):
    """Study rules shared by GUI and CLI (spacing, budget, followed courses, fetch validators)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON
    # revision 0015: the newer side wins a sync conflict (models/sync/)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class JournalNote(Base):
    """A Markdown note that belongs to no item: imported notes sections, interview experiences.

    imported_body remembers what the last import wrote, so a re-import never overwrites a
    note the user has edited since.
    """

    __tablename__ = "journal_notes"
    __table_args__ = (
        UniqueConstraint("source", "external_key", name="uq_journal_notes_source_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(50), default="manual")
    external_key: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="")
    imported_body: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
