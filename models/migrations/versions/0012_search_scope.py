"""search covers descriptions, categories, tags and linked names

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.get_bind()  # filled in by the change that needs it


def downgrade() -> None:
    op.get_bind()
