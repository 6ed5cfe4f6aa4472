"""pass playback: where each pass's video was left, and an item's downloaded video file

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # new tables rather than new columns: a file an older ThreePass opens keeps every row it
    # knows, and the rows here only mean something to the player
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("pass_positions"):
        op.create_table(
            "pass_positions",
            sa.Column("pass_id", sa.Integer(), nullable=False),
            sa.Column("seconds", sa.Float(), nullable=False),
            sa.Column("saved_at", sa.DateTime(), nullable=False),
            sa.ForeignKeyConstraint(
                ["pass_id"],
                ["passes.id"],
                name=op.f("fk_pass_positions_pass_id_passes"),
                ondelete="CASCADE",
            ),
            sa.PrimaryKeyConstraint("pass_id", name=op.f("pk_pass_positions")),
        )
    if not inspector.has_table("item_video_files"):
        op.create_table(
            "item_video_files",
            sa.Column("item_id", sa.Integer(), nullable=False),
            sa.Column("path", sa.Text(), nullable=False),
            sa.ForeignKeyConstraint(
                ["item_id"],
                ["items.id"],
                name=op.f("fk_item_video_files_item_id_items"),
                ondelete="CASCADE",
            ),
            sa.PrimaryKeyConstraint("item_id", name=op.f("pk_item_video_files")),
        )


def downgrade() -> None:
    op.drop_table("item_video_files")
    op.drop_table("pass_positions")
