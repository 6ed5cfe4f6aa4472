"""planner and stats indexes on items: (source, position), queue_position, and a covering one

The planner asks, for each followed course (an item source), for its next unstarted
videos in course order. Without the first index SQLite sorted every item of the source on
each call (about 20 ms per course at 20k items); with it the query walks the course in
order and stops after the few lessons it needs. "Scheduled or queued" items were a full
table scan (about 11 ms at 100k items); with queue_position indexed next to scheduled_for
SQLite answers from the index. Stats sum durations and reading estimates per source and
kind: (source, kind, duration_seconds, reading_minutes) covers that query, so it reads the
index in group order instead of sorting every row of the table (about 90 ms → 20 ms of CPU
at 100k items).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_items_source_position",
        "items",
        ["source", "position"],
        unique=False,
        if_not_exists=True,
    )
    op.create_index(
        "ix_items_queue_position", "items", ["queue_position"], unique=False, if_not_exists=True
    )
    op.create_index(
        "ix_items_source_kind_duration",
        "items",
        ["source", "kind", "duration_seconds", "reading_minutes"],
        unique=False,
        if_not_exists=True,
    )


def downgrade() -> None:
    op.drop_index("ix_items_source_kind_duration", table_name="items")
    op.drop_index("ix_items_queue_position", table_name="items")
    op.drop_index("ix_items_source_position", table_name="items")
