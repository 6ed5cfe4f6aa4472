"""item_sources: the other sources that import an item another source added first

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # each statement only makes what is missing: a file an older ThreePass left half-upgraded
    # (the table made, its index not) upgrades in place
    if not sa.inspect(op.get_bind()).has_table("item_sources"):
        _create_table()
    op.create_index(
        op.f("ix_item_sources_item_id"), "item_sources", ["item_id"], if_not_exists=True
    )


def _create_table() -> None:
    op.create_table(
        "item_sources",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=50), nullable=False),
        sa.Column("external_key", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["items.id"],
            name=op.f("fk_item_sources_item_id_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("source", "external_key", name=op.f("pk_item_sources")),
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_item_sources_item_id"), table_name="item_sources")
    op.drop_table("item_sources")
