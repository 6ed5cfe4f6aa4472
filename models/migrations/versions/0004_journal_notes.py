"""journal notes: Markdown notes that belong to no item (imported notes, interview experiences)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "journal_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=50), nullable=False),
        sa.Column("external_key", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("category", sa.Text(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("imported_body", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_notes")),
        sa.UniqueConstraint("source", "external_key", name="uq_journal_notes_source_key"),
    )
    # Notes imported before this table existed were parked as JSON in the settings table.
    conn = op.get_bind()
    row = conn.execute(sa.text("SELECT value FROM settings WHERE key = 'imported_notes'")).first()
    if row is None:
        return
    import json

    try:
        parked = json.loads(row[0])
    except ValueError:
        return
    if not isinstance(parked, dict):
        return
    for key, note in parked.items():
        if not isinstance(note, dict):
            continue
        body = str(note.get("markdown", ""))
        conn.execute(
            sa.text(
                "INSERT OR IGNORE INTO journal_notes (source, external_key, title, category, "
                "body, imported_body, created_at, updated_at) VALUES (:source, :key, :title, "
                ":category, :body, :body, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ),
            {
                "source": str(note.get("source", "notes")),
                "key": str(key),
                "title": str(note.get("title", "")),
                "category": note.get("category") if isinstance(note.get("category"), str) else None,
                "body": body,
            },
        )
    conn.execute(sa.text("DELETE FROM settings WHERE key = 'imported_notes'"))


def downgrade() -> None:
    op.drop_table("journal_notes")
