"""drop three single-column indexes whose composite twins give the same query plans

Revision 0001 indexed passes.item_id, passes.status and study_sessions.started_at on
their own; later revisions added composite indexes that begin with the same column:
the unique (item_id, number) of passes, ix_passes_status_item (0007) and
ix_study_sessions_started_minutes (0007). Every statement the app runs (collected from
the tests and from the services on a generated 10k library, then run through EXPLAIN
QUERY PLAN with and without each index) gets the same plan from the twin, so the single-
column copies only cost space and time on every write. The unique (item_id, number)
also serves the foreign key of passes, as SQLite needs for ON DELETE CASCADE.

Two prefixes stay: without ix_items_source the import's "items of this source by id"
sorts in a temporary B-tree (the twins are not in rowid order), and without
ix_notes_item_id the item pane's "notes of this item by id" does too.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# (index, table, column), as revision 0001 created them
DROPPED = (
    ("ix_passes_item_id", "passes", "item_id"),
    ("ix_passes_status", "passes", "status"),
    ("ix_study_sessions_started_at", "study_sessions", "started_at"),
)


def upgrade() -> None:
    for index, table, _column in DROPPED:
        op.drop_index(index, table_name=table, if_exists=True)


def downgrade() -> None:
    for index, table, column in DROPPED:
        op.create_index(index, table, [column], unique=False, if_not_exists=True)
