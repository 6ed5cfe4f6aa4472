"""The library's fixed vocabularies, in a module without the ORM.

The desktop's first screen needs them before sqlalchemy.orm is imported (models/library.py
re-exports them for everything else).
"""

from __future__ import annotations

from enum import StrEnum


class ItemKind(StrEnum):
    COURSE_VIDEO = "course_video"
    PAPER_VIDEO = "paper_video"
    PAPER = "paper"
    ARTICLE = "article"


class PassStatus(StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"


VIDEO_KINDS = frozenset({ItemKind.COURSE_VIDEO, ItemKind.PAPER_VIDEO})
PLATFORMS = ("bilibili", "youtube", "zhihu")
KINDS = tuple(k.value for k in ItemKind)
