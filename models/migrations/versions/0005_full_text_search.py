"""full-text search: FTS5 trigram indexes over item titles and note bodies, kept by triggers

Search as you type used `LIKE '%text%'` on items.title and notes.body: a scan of every note
on each keystroke (hundreds of ms at 100k items). Two contentless FTS5 tables with the
`trigram` tokenizer index every 3-character window (Chinese has no spaces, so a word
tokenizer would not find substrings); fts5vocab tables expose their sorted term lists for
1-2 character queries. See models/services/search.py and docs/benchmarks.md.

Each text is indexed with two U+0001 characters appended (search.SENTINEL) so that every
1- and 2-character substring starts an indexed trigram. Contentless tables need the exact
old text to delete a row, which the triggers have (old.title, old.body).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

S = "char(1, 1)"  # search.SENTINEL

UPGRADE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_titles "
    "USING fts5(title, content='', tokenize='trigram')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_notes "
    "USING fts5(body, content='', tokenize='trigram')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_titles_terms USING fts5vocab(search_titles, 'row')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_notes_terms USING fts5vocab(search_notes, 'row')",
    # A file an older ThreePass left half-upgraded may hold the tables, created empty (their
    # fill was not committed): emptying them first makes the fill the same on a re-run.
    "INSERT INTO search_titles (search_titles) VALUES ('delete-all')",
    "INSERT INTO search_notes (search_notes) VALUES ('delete-all')",
    f"INSERT INTO search_titles (rowid, title) SELECT id, title || {S} FROM items",
    f"INSERT INTO search_notes (rowid, body) SELECT id, body || {S} FROM notes",
    f"""CREATE TRIGGER IF NOT EXISTS search_items_insert AFTER INSERT ON items BEGIN
        INSERT INTO search_titles (rowid, title) VALUES (new.id, new.title || {S});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_items_delete AFTER DELETE ON items BEGIN
        INSERT INTO search_titles (search_titles, rowid, title)
        VALUES ('delete', old.id, old.title || {S});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_items_update AFTER UPDATE OF id, title ON items BEGIN
        INSERT INTO search_titles (search_titles, rowid, title)
        VALUES ('delete', old.id, old.title || {S});
        INSERT INTO search_titles (rowid, title) VALUES (new.id, new.title || {S});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_notes_insert AFTER INSERT ON notes BEGIN
        INSERT INTO search_notes (rowid, body) VALUES (new.id, new.body || {S});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_notes_delete AFTER DELETE ON notes BEGIN
        INSERT INTO search_notes (search_notes, rowid, body)
        VALUES ('delete', old.id, old.body || {S});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_notes_update AFTER UPDATE OF id, body ON notes BEGIN
        INSERT INTO search_notes (search_notes, rowid, body)
        VALUES ('delete', old.id, old.body || {S});
        INSERT INTO search_notes (rowid, body) VALUES (new.id, new.body || {S});
    END""",
]

DOWNGRADE = [
    "DROP TRIGGER IF EXISTS search_notes_update",
    "DROP TRIGGER IF EXISTS search_notes_delete",
    "DROP TRIGGER IF EXISTS search_notes_insert",
    "DROP TRIGGER IF EXISTS search_items_update",
    "DROP TRIGGER IF EXISTS search_items_delete",
    "DROP TRIGGER IF EXISTS search_items_insert",
    "DROP TABLE IF EXISTS search_notes_terms",
    "DROP TABLE IF EXISTS search_titles_terms",
    "DROP TABLE IF EXISTS search_notes",
    "DROP TABLE IF EXISTS search_titles",
]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
