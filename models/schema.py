"""Imports every mapped module so `Base.metadata` is complete (for Alembic and tests)."""

from models import career, library, playback
from models.base import Base

__all__ = ["Base", "career", "library", "playback"]
