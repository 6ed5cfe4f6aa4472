"""wiki links: indexes on the name key of item titles, company names and question texts

A `[[name]]` in a note resolves by its name key (trimmed, lower-cased, runs of spaces made
one: models/services/link_read.py `_sql_name_key`). Without an index every preview with a
wiki link computed that key for every item, company and question: ~90 ms per render at
100k items, on the GUI thread, again on each pause while typing a note. These expression
indexes make it a lookup (~0.1 ms). SQLite uses one only when the query's expression is
the same as the index's; tests/library/test_wiki_name_keys.py checks that they agree.

Named `search_*` like the other search objects that exist only in migrations (the models
declare no expression indexes).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# (index, table, column); the expression is name_key in SQL, as link_read builds it
NAME_KEYS = (
    ("search_name_items", "items", "title"),
    ("search_name_companies", "companies", "name"),
    ("search_name_questions", "questions", "text"),
)


def name_key_sql(column: str) -> str:
    folded = f"lower(trim({column}))"
    for _ in range(3):
        folded = f"replace({folded}, '  ', ' ')"
    return folded


def upgrade() -> None:
    for index, table, column in NAME_KEYS:
        op.execute(f"CREATE INDEX IF NOT EXISTS {index} ON {table} ({name_key_sql(column)})")


def downgrade() -> None:
    for index, _table, _column in reversed(NAME_KEYS):
        op.execute(f"DROP INDEX IF EXISTS {index}")
