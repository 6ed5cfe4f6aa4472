"""index the child side of every foreign key that had none

SQLite does not index foreign-key columns by itself. Without these indexes every
`ON DELETE CASCADE` / `SET NULL` from items, tags, companies and questions scanned the
whole link table (the second column of a composite primary key is not searchable), and
"which items carry this tag / which questions mention this item" lookups did too.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# (table, column): the index is named ix_<table>_<column> by the naming convention.
INDEXED = (
    ("item_tags", "tag_id"),
    ("item_covers", "paper_id"),
    ("item_companies", "company_id"),
    ("question_items", "item_id"),
    ("question_companies", "company_id"),
    ("round_questions", "question_id"),
    ("open_points", "question_id"),
)


def upgrade() -> None:
    for table, column in INDEXED:
        op.create_index(f"ix_{table}_{column}", table, [column], unique=False, if_not_exists=True)


def downgrade() -> None:
    for table, column in reversed(INDEXED):
        op.drop_index(f"ix_{table}_{column}", table_name=table)
