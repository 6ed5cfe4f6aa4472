"""What the video player keeps between sittings (revision 0014).

Their own tables, not columns of passes and items: only the player reads them, and the
library's plain-SQL readers and the export stay as they were. A downloaded file's path
belongs to one machine, so the export leaves it out.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


class PassPosition(Base):
    """Where the video of a pass was left (seconds into it), so the next sitting resumes."""

    __tablename__ = "pass_positions"

    pass_id: Mapped[int] = mapped_column(
        ForeignKey("passes.id", ondelete="CASCADE"), primary_key=True
    )
    seconds: Mapped[float] = mapped_column(Float)
    saved_at: Mapped[datetime] = mapped_column(DateTime)


class ItemVideoFile(Base):
    """A downloaded copy of an item's video: the player prefers it to any platform link."""

    __tablename__ = "item_video_files"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    path: Mapped[str] = mapped_column(Text)
