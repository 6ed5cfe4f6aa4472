"""question review state for the FSRS scheduler

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.get_bind()  # filled in by the change that needs it


def downgrade() -> None:
    op.get_bind()
