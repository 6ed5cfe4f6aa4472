"""Alembic environment: runs on the connection models.migrate hands over (never reads an ini)."""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping
from typing import Any

from alembic import context
from alembic.runtime.migration import MigrationContext, MigrationInfo

from models.schema import Base

config = context.config
target_metadata = Base.metadata
log = logging.getLogger("models.migrate")


def _log_step(
    ctx: MigrationContext,
    step: MigrationInfo,
    heads: Collection[Any],
    run_args: Mapping[str, Any],
) -> None:
    """One line per revision applied: an upgrade that fails names the last good step."""
    log.info(
        "migration step done: %s %s -> %s",
        "upgrade" if step.is_upgrade else "downgrade",
        ",".join(step.source_revision_ids) or "(empty)",
        ",".join(step.destination_revision_ids) or "(empty)",
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("ThreePass migrations run through models.migrate, not the alembic CLI")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite needs table rebuilds for most ALTERs
        on_version_apply=_log_step,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
