"""search covers descriptions, categories, tags and linked names (search_fields)

Search found titles and notes only: "注意力" missed an item whose description read
"引入自注意力做视觉问题", and a tag, a category or a linked company or question named what
the user typed found nothing. Each item's other searchable texts (summary, category, tag
names, names of linked companies, texts of linked questions) are gathered into one row of
`search_fields_text`, each text followed by two U+0001 sentinels (search.SENTINEL: every 1-
and 2-character substring then starts an indexed trigram, and no query spans two texts).
`search_fields` indexes those rows with the trigram tokenizer, `search_fields_terms` is its
vocabulary. See models/services/search.py and docs/benchmarks.md.

A single ASCII character is searched through revision 0008's per-item masks
(`search_letters`): they now cover these texts too, so one character stays one scan of the
masks (a second scan of masks kept beside the texts took 10-15 ms more at 100k items).
0008's triggers that recompute a mask from the item's texts are replaced by ones that read
the gathered row as well; the row keeps its own `mask`, ORed into the item's when its text
can only have grown (an item or a link added), the item's mask is recomputed otherwise.

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
LETTERS = "search_letters"  # search.LETTERS_TABLE (revision 0008)
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


def _item_text(item_id_sql: str, *, gathered: bool = True) -> str:
    """What an item's letter mask covers: title, notes and (from this revision) its row here.
    Without `gathered`, exactly revision 0008's `_item_text` (restored by the downgrade)."""
    own = (
        f"coalesce((SELECT title FROM items WHERE id = {item_id_sql}), '') || "
        f"coalesce((SELECT group_concat(body, '') FROM notes WHERE item_id = {item_id_sql}), '')"
    )
    if not gathered:
        return own
    return f"{own} || coalesce((SELECT body FROM {TEXT} WHERE item_id = {item_id_sql}), '')"


def _gather(ids_sql: str, *, grown: bool = False) -> str:
    """Statements that rebuild the rows of the items `ids_sql` lists (a value or a SELECT),
    then their letter masks: ORed with the row's when the text can only have `grown`."""
    if grown:
        letters = (
            f"UPDATE {LETTERS} SET mask = mask | coalesce((SELECT t.mask FROM {TEXT} AS t "
            f"WHERE t.item_id = {LETTERS}.item_id), 0) WHERE item_id IN ({ids_sql});"
        )
    else:
        letters = (
            f"UPDATE {LETTERS} SET mask = {_mask_sql(_item_text(f'{LETTERS}.item_id'))} "
            f"WHERE item_id IN ({ids_sql});"
        )
    return (
        f"DELETE FROM {TEXT} WHERE item_id IN ({ids_sql});\n"
        f"INSERT INTO {TEXT} (item_id, body, mask) "
        f"SELECT id, body, {_mask_sql('body')} FROM "
        f"(SELECT i.id AS id, {BODY} AS body FROM items AS i WHERE i.id IN ({ids_sql})) "
        f"WHERE body != '';\n{letters}"
    )


def _linked(link: str, key: str, row: str) -> str:
    return f"SELECT item_id FROM {link} WHERE {key} = {row}.id"


TABLES = [
    f"CREATE TABLE IF NOT EXISTS {TEXT} "
    "(item_id INTEGER PRIMARY KEY, body TEXT NOT NULL, mask INTEGER NOT NULL)",
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
        {_gather("new.id", grown=True)}
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
            {_gather("new.item_id", grown=True)}
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


def _letters_triggers(*, gathered: bool) -> dict[str, str]:
    """Revision 0008's triggers that recompute an item's mask from its texts: reading the
    gathered row too (upgrade), or exactly as 0008 made them (downgrade)."""

    def text_of(item_id_sql: str) -> str:
        return _item_text(item_id_sql, gathered=gathered)

    def recompute(item_id_sql: str) -> str:
        return (
            f"UPDATE {LETTERS} SET mask = {_mask_sql(text_of(item_id_sql))} "
            f"WHERE item_id = {item_id_sql};"
        )

    return {
        "search_letters_item_insert": f"""AFTER INSERT ON items BEGIN
        INSERT OR REPLACE INTO {LETTERS} (item_id, mask)
        VALUES (new.id, {_mask_sql(text_of("new.id"))});
    END""",
        "search_letters_item_update": f"""AFTER UPDATE OF id, title ON items BEGIN
        DELETE FROM {LETTERS} WHERE item_id = old.id;
        INSERT OR REPLACE INTO {LETTERS} (item_id, mask)
        VALUES (new.id, {_mask_sql(text_of("new.id"))});
    END""",
        "search_letters_note_update": f"""AFTER UPDATE OF item_id, body ON notes BEGIN
        {recompute("old.item_id")}
        {recompute("new.item_id")}
    END""",
        "search_letters_note_delete": f"""AFTER DELETE ON notes BEGIN
        {recompute("old.item_id")}
    END""",
    }


def _replace_triggers(triggers: dict[str, str]) -> None:
    for name, body in triggers.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"CREATE TRIGGER {name} {body}")


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
    # the items' letter masks take in their gathered texts' characters
    masks: dict[int, int] = dict(
        conn.exec_driver_sql(f"SELECT item_id, mask FROM {LETTERS}").fetchall()
    )
    grown = [
        (masks[item_id] | mask, item_id)
        for item_id, _body, mask in filled
        if item_id in masks and masks[item_id] | mask != masks[item_id]
    ]
    if grown:
        conn.exec_driver_sql(f"UPDATE {LETTERS} SET mask = ? WHERE item_id = ?", grown)
    _replace_triggers(_letters_triggers(gathered=True))
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


def downgrade() -> None:
    for name in reversed(TRIGGERS):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    _replace_triggers(_letters_triggers(gathered=False))
    op.execute(f"DROP TABLE IF EXISTS {TERMS}")
    op.execute(f"DROP TABLE IF EXISTS {INDEX}")
    op.execute(f"DROP TABLE IF EXISTS {TEXT}")
    # the masks as revision 0008 computes them: titles and notes only
    conn = op.get_bind()
    masks = {
        item_id: python_mask(title)
        for item_id, title in conn.exec_driver_sql("SELECT id, title FROM items")
    }
    for item_id, body in conn.exec_driver_sql("SELECT item_id, body FROM notes"):
        if item_id in masks:
            masks[item_id] |= python_mask(body)
    stored: dict[int, int] = dict(
        conn.exec_driver_sql(f"SELECT item_id, mask FROM {LETTERS}").fetchall()
    )
    changed = [(mask, item_id) for item_id, mask in masks.items() if stored.get(item_id) != mask]
    if changed:
        conn.exec_driver_sql(f"UPDATE {LETTERS} SET mask = ? WHERE item_id = ?", changed)
