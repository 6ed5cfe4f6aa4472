"""search: per-item mask of the ASCII characters in its title and notes (search_letters)

Search as you type at 100k items: one ASCII character (`t`, in 90 % of the notes) made the
search either OR dozens of long trigram lists or scan every note (150-300 ms). Bit k of an
item's mask is set when its title or one of its notes contains chr(0x20 + k), a-z folded to
A-Z like LIKE (space .. "_": letters, digits, most punctuation). One character is then a
scan of 100k small integers (~10 ms). See models/services/search.py (`letter_bit`).

Triggers keep the masks for every write path. Inserting a note ORs its mask into its
item's; updating or deleting one, or changing a title, recomputes the item's mask from its
title and all its notes (64 `instr` calls over that text, under a millisecond). The
backfill computes the masks in Python (seconds at 100k items, not minutes).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TABLE = "search_letters"
FIRST = 0x20  # search.MASK_FIRST
BITS = 64  # search.MASK_BITS


def _literal(char: str) -> str:
    return "'" + char.replace("'", "''") + "'"


def _mask_sql(text_sql: str) -> str:
    """A scalar sub-select: the mask of `text_sql`, upper-cased once (ASCII only, as LIKE)."""
    bits = " | ".join(f"((instr(u, {_literal(chr(FIRST + k))}) > 0) << {k})" for k in range(BITS))
    return f"(SELECT {bits} FROM (SELECT upper({text_sql}) AS u))"


def _item_text(item_id_sql: str) -> str:
    """An item's title followed by all its notes (order is irrelevant to a mask)."""
    return (
        f"coalesce((SELECT title FROM items WHERE id = {item_id_sql}), '') || "
        f"coalesce((SELECT group_concat(body, '') FROM notes WHERE item_id = {item_id_sql}), '')"
    )


def _recompute(item_id_sql: str) -> str:
    return (
        f"UPDATE {TABLE} SET mask = {_mask_sql(_item_text(item_id_sql))} "
        f"WHERE item_id = {item_id_sql};"
    )


TRIGGERS = {
    "search_letters_item_insert": f"""AFTER INSERT ON items BEGIN
        INSERT OR REPLACE INTO {TABLE} (item_id, mask)
        VALUES (new.id, {_mask_sql(_item_text("new.id"))});
    END""",
    "search_letters_item_update": f"""AFTER UPDATE OF id, title ON items BEGIN
        DELETE FROM {TABLE} WHERE item_id = old.id;
        INSERT OR REPLACE INTO {TABLE} (item_id, mask)
        VALUES (new.id, {_mask_sql(_item_text("new.id"))});
    END""",
    "search_letters_item_delete": f"""AFTER DELETE ON items BEGIN
        DELETE FROM {TABLE} WHERE item_id = old.id;
    END""",
    "search_letters_note_insert": f"""AFTER INSERT ON notes BEGIN
        UPDATE {TABLE} SET mask = mask | {_mask_sql("new.body")} WHERE item_id = new.item_id;
    END""",
    "search_letters_note_update": f"""AFTER UPDATE OF item_id, body ON notes BEGIN
        {_recompute("old.item_id")}
        {_recompute("new.item_id")}
    END""",
    "search_letters_note_delete": f"""AFTER DELETE ON notes BEGIN
        {_recompute("old.item_id")}
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
    op.execute(
        f"CREATE TABLE IF NOT EXISTS {TABLE} (item_id INTEGER PRIMARY KEY, mask INTEGER NOT NULL)"
    )
    conn = op.get_bind()
    masks = {
        item_id: python_mask(title)
        for item_id, title in conn.exec_driver_sql("SELECT id, title FROM items")
    }
    for item_id, body in conn.exec_driver_sql("SELECT item_id, body FROM notes"):
        if item_id in masks:
            masks[item_id] |= python_mask(body)
    if masks:
        conn.exec_driver_sql(
            f"INSERT OR REPLACE INTO {TABLE} (item_id, mask) VALUES (?, ?)", list(masks.items())
        )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"DROP TABLE IF EXISTS {TABLE}")
