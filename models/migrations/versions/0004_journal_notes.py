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
    conn = op.get_bind()
    if not sa.inspect(conn).has_table("journal_notes"):
        _create_table()
    # Notes imported before this table existed were parked as JSON in the settings table.
    # (A file an older ThreePass left half-upgraded may hold the table, created empty: its
    # copy was not committed, so the parked notes are still there to copy.)
    row = conn.execute(sa.text("SELECT value FROM settings WHERE key = 'imported_notes'")).first()
    if row is None:
        return
    _copy_parked_notes(conn, row[0])


def _create_table() -> None:
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


def _copy_parked_notes(conn: sa.Connection, value: str) -> None:
    import json

    try:
        parked = json.loads(value)
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
