"""Alembic environment: runs on the connection models.migrate hands over (never reads an ini)."""

from __future__ import annotations

from alembic import context

from models.schema import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("ThreePass migrations run through models.migrate, not the alembic CLI")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite needs table rebuilds for most ALTERs
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
