"""where each pass's video was left, so the player resumes there

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.get_bind()  # filled in by the change that needs it


def downgrade() -> None:
    op.get_bind()
