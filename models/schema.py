"""Imports every mapped module so `Base.metadata` is complete (for Alembic and tests)."""

from models import career, library, playback
from models.base import Base
from models.sync import schema as sync_schema

__all__ = ["Base", "career", "library", "playback", "sync_schema"]
