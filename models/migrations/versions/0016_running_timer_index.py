"""running timer: a partial index on the study sessions that have not ended

"Is a timer running?" (TimerService.running, asked on every show of Today and by the status
bar's timer chip) looks for the session with `ended_at` NULL. With only the (started_at,
minutes, ended_at) index, SQLite walked every session in that index, newest first, to find
none: ~89k entries at 100k items (the pages of a whole index read from disk on a cold
start). This index holds only running sessions (zero or one), so the answer is one lookup.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_study_sessions_running",
        "study_sessions",
        ["started_at"],
        unique=False,
        sqlite_where=sa.text("ended_at IS NULL"),
        if_not_exists=True,
    )


def downgrade() -> None:
    op.drop_index("ix_study_sessions_running", table_name="study_sessions")
