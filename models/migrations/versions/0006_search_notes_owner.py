"""search: covering index notes(id, item_id) to map matching notes to their items

A search matching half of a 100k library finds ~50k notes in the FTS index in ~20 ms, then
needs each note's item. Looking that up in the notes table reads the pages holding the note
bodies (~70 ms); this small covering index answers it in ~20 ms. Used with INDEXED BY in
models/services/search.py (separate from 0005 so databases already at 0005 get it too).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX IF NOT EXISTS search_notes_owner ON notes (id, item_id)")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS search_notes_owner")
