"""Imports every mapped module so `Base.metadata` is complete (for Alembic and tests)."""

from models import career, library
from models.base import Base

__all__ = ["Base", "career", "library"]
