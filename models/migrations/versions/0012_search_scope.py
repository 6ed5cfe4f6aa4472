"""search covers descriptions, categories, tags and linked names (search_fields)

Search found titles and notes only: "注意力" missed an item whose description read
"引入自注意力做视觉问题", and a tag, a category or a linked company or question named what
the user typed found nothing. Each item's other searchable texts (summary, category, tag
names, names of linked companies, texts of linked questions) are gathered into one row of
`search_fields_text`, each text followed by two U+0001 sentinels (search.SENTINEL: every 1-
and 2-character substring then starts an indexed trigram, and no query spans two texts).
`search_fields` indexes those rows with the trigram tokenizer, `search_fields_terms` is its
vocabulary, and the row's `mask` holds its ASCII characters like revision 0008's masks. See
models/services/search.py and docs/benchmarks.md.

Unlike titles and notes, that text comes from several tables, so a trigger cannot rebuild
the old text to remove it from a contentless index: the gathered text is kept in
`search_fields_text`, an external content table of the index (its own triggers keep the
index in step). Every write that changes one of those texts (the item's columns, a tag
added or removed, a tag, company or question renamed or deleted, a link made or undone)
gathers the affected items' rows again. Items with none of those texts have no row.

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

TEXT = "search_fields_text"  # search.FIELDS_TEXT
INDEX = "search_fields"  # search.FIELDS_TABLE
TERMS = "search_fields_terms"  # search.FIELDS_TERMS
MASK_INDEX = "search_fields_mask"  # search.FIELDS_MASK_INDEX
S = "char(1, 1)"  # search.SENTINEL
FIRST = 0x20  # search.MASK_FIRST
BITS = 64  # search.MASK_BITS


def _literal(char: str) -> str:
    return "'" + char.replace("'", "''") + "'"


def _mask_sql(text_sql: str) -> str:
    """A scalar sub-select: the mask of `text_sql`, as revision 0008 computes it."""
    bits = " | ".join(f"((instr(u, {_literal(chr(FIRST + k))}) > 0) << {k})" for k in range(BITS))
    return f"(SELECT {bits} FROM (SELECT upper({text_sql}) AS u))"


def _names(column: str, link: str, table: str, key: str) -> str:
    """The linked rows' `column`, each followed by the sentinels ('' when none)."""
    return (
        f"coalesce((SELECT group_concat(nullif(n.{column}, '') || {S}, '') FROM {link} AS l "
        f"JOIN {table} AS n ON n.id = l.{key} WHERE l.item_id = i.id), '')"
    )


# The searchable text of the item `i` (the alias of an items row) besides title and notes.
BODY = " || ".join(
    (
        f"coalesce(nullif(i.summary, '') || {S}, '')",
        f"coalesce(nullif(i.category, '') || {S}, '')",
        _names("name", "item_tags", "tags", "tag_id"),
        _names("name", "item_companies", "companies", "company_id"),
        _names("text", "question_items", "questions", "question_id"),
    )
)


def _gather(ids_sql: str) -> str:
    """Statements that rebuild the rows of the items `ids_sql` lists (a value or a SELECT)."""
    return (
        f"DELETE FROM {TEXT} WHERE item_id IN ({ids_sql});\n"
        f"INSERT INTO {TEXT} (item_id, body, mask) "
        f"SELECT id, body, {_mask_sql('body')} FROM "
        f"(SELECT i.id AS id, {BODY} AS body FROM items AS i WHERE i.id IN ({ids_sql})) "
        "WHERE body != '';"
    )


def _linked(link: str, key: str, row: str) -> str:
    return f"SELECT item_id FROM {link} WHERE {key} = {row}.id"


TABLES = [
    f"CREATE TABLE IF NOT EXISTS {TEXT} "
    "(item_id INTEGER PRIMARY KEY, body TEXT NOT NULL, mask INTEGER NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS {MASK_INDEX} ON {TEXT} (mask)",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {INDEX} "
    f"USING fts5(body, content='{TEXT}', content_rowid='item_id', tokenize='trigram')",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TERMS} USING fts5vocab({INDEX}, 'row')",
]

TRIGGERS = {
    # the index follows its content table (the external content pattern of the FTS5 docs)
    "search_fields_text_insert": f"""AFTER INSERT ON {TEXT} BEGIN
        INSERT INTO {INDEX} (rowid, body) VALUES (new.item_id, new.body);
    END""",
    "search_fields_text_delete": f"""AFTER DELETE ON {TEXT} BEGIN
        INSERT INTO {INDEX} ({INDEX}, rowid, body) VALUES ('delete', old.item_id, old.body);
    END""",
    "search_fields_text_update": f"""AFTER UPDATE ON {TEXT} BEGIN
        INSERT INTO {INDEX} ({INDEX}, rowid, body) VALUES ('delete', old.item_id, old.body);
        INSERT INTO {INDEX} (rowid, body) VALUES (new.item_id, new.body);
    END""",
    # the content follows the tables its text comes from
    "search_fields_item_insert": f"""AFTER INSERT ON items BEGIN
        {_gather("new.id")}
    END""",
    "search_fields_item_update": f"""AFTER UPDATE OF id, summary, category ON items BEGIN
        DELETE FROM {TEXT} WHERE item_id = old.id;
        {_gather("new.id")}
    END""",
    "search_fields_item_delete": f"""AFTER DELETE ON items BEGIN
        DELETE FROM {TEXT} WHERE item_id = old.id;
    END""",
}
for _link, _table, _key, _column in (
    ("item_tags", "tags", "tag_id", "name"),
    ("item_companies", "companies", "company_id", "name"),
    ("question_items", "questions", "question_id", "text"),
):
    TRIGGERS |= {
        f"search_fields_{_link}_insert": f"""AFTER INSERT ON {_link} BEGIN
            {_gather("new.item_id")}
        END""",
        f"search_fields_{_link}_delete": f"""AFTER DELETE ON {_link} BEGIN
            {_gather("old.item_id")}
        END""",
        f"search_fields_{_link}_update": f"""AFTER UPDATE ON {_link} BEGIN
            {_gather("old.item_id")}
            {_gather("new.item_id")}
        END""",
        f"search_fields_{_table}_update": f"""AFTER UPDATE OF id, {_column} ON {_table} BEGIN
            {_gather(_linked(_link, _key, "old"))}
            {_gather(_linked(_link, _key, "new"))}
        END""",
        # the links go by ON DELETE CASCADE; this also covers a write with foreign keys off
        f"search_fields_{_table}_delete": f"""AFTER DELETE ON {_table} BEGIN
            {_gather(_linked(_link, _key, "old"))}
        END""",
    }


def python_mask(text: str) -> int:
    """The same mask as `_mask_sql` (search.letters_mask is the service's copy)."""
    mask = 0
    for code in set(text.encode("utf-8", "surrogatepass")):  # ASCII bytes = ASCII chars
        if 0x61 <= code <= 0x7A:
            code -= 0x20
        if FIRST <= code < FIRST + BITS:
            mask |= 1 << (code - FIRST)
    return mask - (1 << 64) if mask >= 1 << 63 else mask  # SQLite integers are signed


def upgrade() -> None:
    for statement in TABLES:
        op.execute(statement)
    conn = op.get_bind()
    # A file an older ThreePass left half-upgraded may hold the tables, made empty: the
    # fill below is then the same as on a clean upgrade.
    conn.exec_driver_sql(f"DELETE FROM {TEXT}")
    rows = conn.exec_driver_sql(f"SELECT i.id, {BODY} AS body FROM items AS i").fetchall()
    filled = [(item_id, body, python_mask(body)) for item_id, body in rows if body]
    if filled:
        conn.exec_driver_sql(f"INSERT INTO {TEXT} (item_id, body, mask) VALUES (?, ?, ?)", filled)
    # the index from its content in one pass (the sync triggers do not exist yet)
    op.execute(f"INSERT INTO {INDEX} ({INDEX}) VALUES ('rebuild')")
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


def downgrade() -> None:
    for name in reversed(TRIGGERS):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"DROP TABLE IF EXISTS {TERMS}")
    op.execute(f"DROP TABLE IF EXISTS {INDEX}")
    op.execute(f"DROP INDEX IF EXISTS {MASK_INDEX}")
    op.execute(f"DROP TABLE IF EXISTS {TEXT}")
