"""Declarative base with a naming convention so Alembic migrations get stable constraint names."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import MetaData, event
from sqlalchemy.orm import DeclarativeBase

from models.sync.ids import assign_id

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# New rows take their ids from this device's block, so two devices never make the same key.
event.listen(Base, "before_insert", assign_id, propagate=True)


def utcnow() -> datetime:
    """Naive UTC timestamp: SQLite has no time zones, so we store UTC and convert in the UI."""
    return datetime.now(UTC).replace(tzinfo=None)
