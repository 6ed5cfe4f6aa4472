"""question review state for the FSRS scheduler

Each question gets its FSRS card (state, step, stability, difficulty, last review), computed
by replaying its question_reviews through the scheduler the app grades with
(models/services/review_schedule.py), and its interval, streak and due day from the same
replay. Questions never graded stay new. The downgrade drops the card; the due days stay
as FSRS set them, which the SM-2 of older versions takes up from there.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import op

from models.services.review_schedule import machine_offset, replay

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

COLUMNS = (
    ("fsrs_state", sa.Integer()),
    ("fsrs_step", sa.Integer()),
    ("stability", sa.Float()),
    ("difficulty", sa.Float()),
    ("last_reviewed_at", sa.DateTime()),
)


def _stamp(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def upgrade() -> None:
    bind = op.get_bind()
    have = {c["name"] for c in sa.inspect(bind).get_columns("questions")}
    for name, kind in COLUMNS:
        if name not in have:  # a file an older ThreePass left half-upgraded
            op.add_column("questions", sa.Column(name, kind, nullable=True))
    history: dict[int, list[tuple[datetime, int]]] = {}
    for question_id, reviewed_at, rating in bind.execute(
        sa.text("SELECT question_id, reviewed_at, rating FROM question_reviews ORDER BY id")
    ):
        history.setdefault(int(question_id), []).append((_stamp(reviewed_at), int(rating)))
    rows = []
    for question_id, reviews in history.items():
        state = replay((at, max(0, min(5, grade))) for at, grade in reviews)
        assert state.last_reviewed_at is not None
        rows.append(
            {
                "id": question_id,
                "state": state.state,
                "step": state.step,
                "stability": state.stability,
                "difficulty": state.difficulty,
                "last": state.last_reviewed_at.isoformat(sep=" ", timespec="microseconds"),
                "interval": state.interval_days,
                "repetitions": state.repetitions,
                "due": str(state.due_on(machine_offset(state.last_reviewed_at))),
            }
        )
    if rows:
        bind.execute(
            sa.text(
                "UPDATE questions SET fsrs_state = :state, fsrs_step = :step, "
                "stability = :stability, difficulty = :difficulty, last_reviewed_at = :last, "
                "interval_days = :interval, repetitions = :repetitions, due_on = :due "
                "WHERE id = :id"
            ),
            rows,
        )


def downgrade() -> None:
    for name, _kind in reversed(COLUMNS):
        # SQLite (3.35+) drops a column in place: the table, its indexes and rows stay
        op.execute(f"ALTER TABLE questions DROP COLUMN {name}")
