"""Search as you type, fast path (search.item_id_set, revision 0008's letter masks): exact.

Every answer is compared with the LIKE scan, the reference: same items for any substring.
"""

from __future__ import annotations

import sqlite3
import string
from pathlib import Path

import pytest
from sqlalchemy import select, text

from models import migrate
from models.career import Company, Question, item_companies, question_items
from models.db import Database, make_engine, open_database
from models.library import Item, Note, Tag, item_tags
from models.paths import DB_FILENAME, resolve_location
from models.services import search
from models.services.dto import ItemFilter, ItemInput
from models.services.library import LibraryService
from models.services.search import (
    LETTERS_TABLE,
    SearchService,
    item_id_set,
    item_ids_query,
    letter_bit,
    letters_mask,
    like_item_ids,
)
from models.services.transfer import TransferService
from tests.perf.test_search import FIXED_QUERIES, ids, sample_substrings

# Every printable ASCII character (each mask bit, and the few outside the mask), both cases.
ONE_CHARACTER = [*string.printable.strip(), "注", "意", "根", "残", "é", "É", "\u3000"]
TYPED = ["注意力机制", "transformer", "LayerNorm", "KV cache", "根号", "d_k", "100%"]


def like(db: Database, needle: str) -> set[int]:
    return ids(db, like_item_ids(needle))


def fast(db: Database, needle: str) -> frozenset[int]:
    with db.read() as s:
        return item_id_set(s, needle)


def stored_masks(db: Database) -> dict[int, int]:
    with db.read() as s:
        rows = s.execute(text(f"SELECT item_id, mask FROM {LETTERS_TABLE}"))
        return {item_id: mask for item_id, mask in rows}


def expected_masks(db: Database) -> dict[int, int]:
    """The masks recomputed in Python (search.letters_mask) from every searched text where
    it is kept: title, notes, description, category, tags, linked companies and questions."""
    linked = [
        select(item_tags.c.item_id, Tag.name).join(Tag, Tag.id == item_tags.c.tag_id),
        select(item_companies.c.item_id, Company.name).join(
            Company, Company.id == item_companies.c.company_id
        ),
        select(question_items.c.item_id, Question.text).join(
            Question, Question.id == question_items.c.question_id
        ),
    ]
    with db.read() as s:
        rows = s.execute(select(Item.id, Item.title, Item.summary, Item.category))
        masks = {i: letters_mask("".join(t or "" for t in texts)) for i, *texts in rows}
        for query in [select(Note.item_id, Note.body), *linked]:
            for item_id, text_ in s.execute(query):
                masks[item_id] |= letters_mask(text_)
    return masks


def test_letter_bits_fold_ascii_case_like_like() -> None:
    assert letter_bit("t") == letter_bit("T") == 1 << (ord("T") - 0x20)
    assert letter_bit(" ") == 1
    assert letter_bit("_") == -(1 << 63)  # bit 63: SQLite integers are signed
    for outside in ("`", "{", "~", "\x7f", "\t", "注", "é", "ab", ""):
        assert letter_bit(outside) is None, outside
    assert letters_mask("aB_") == letter_bit("A") | letter_bit("b") | letter_bit("_")  # type: ignore[operator]
    assert letters_mask("注意 ıſ") == letter_bit(" ")  # no Unicode folding onto ASCII


def test_fast_path_finds_the_same_items_as_like(tiny_db: Database) -> None:
    queries = FIXED_QUERIES + ONE_CHARACTER + sample_substrings(tiny_db, 200, seed=11)
    assert {1, 2, 3, 4} <= {len(q) for q in queries}
    non_empty = 0
    for query in queries:
        expected = like(tiny_db, query)
        assert fast(tiny_db, query) == expected, query
        with tiny_db.read() as s:  # the composable SQL form agrees too
            assert set(s.scalars(item_ids_query(s, query))) == expected, query
        non_empty += bool(expected)
    assert non_empty > 150


@pytest.mark.parametrize(
    ("map_from", "array_ids"),
    [(10**9, 1 << 22), (1, 1 << 22), (1, 0)],
    ids=["sql", "owner-array", "owner-dict"],
)
def test_typing_word_by_word_through_every_note_mapping(
    tiny_db: Database, monkeypatch: pytest.MonkeyPatch, map_from: int, array_ids: int
) -> None:
    """Keystroke by keystroke, as the library view asks: notes mapped to items in SQL
    (few matching notes) or through every note's owner (an array, a dict for odd ids)."""
    monkeypatch.setattr(search, "OWNER_MAP_FROM", map_from)
    monkeypatch.setattr(search, "OWNER_ARRAY_IDS", array_ids)
    with tiny_db.read() as s:
        for word in TYPED:
            for end in range(1, len(word) + 1):
                needle = word[:end]
                expected = set(s.scalars(like_item_ids(needle)))
                assert item_id_set(s, needle) == expected, needle


def test_library_view_rows_come_from_the_fast_path(tiny_db: Database) -> None:
    library, service = LibraryService(tiny_db), SearchService(tiny_db)
    library.list_items()
    for query in ("t", "注", "注意", "transformer", " KV ", "zzz"):
        shown = {row.id for row in library.list_items(ItemFilter(text=query))}
        assert shown == like(tiny_db, query.strip()) == service.item_ids(query), query


def test_a_longer_text_after_no_match_is_answered_without_a_query(tiny_db: Database) -> None:
    with tiny_db.read() as s:
        assert item_id_set(s, "zq") == frozenset()
        raw = s.connection().connection.dbapi_connection
        assert isinstance(raw, sqlite3.Connection)
        statements: list[str] = []
        raw.set_trace_callback(statements.append)
        try:
            assert item_id_set(s, "zqx") == frozenset()
        finally:
            raw.set_trace_callback(None)
        assert not any("MATCH" in sql or "LIKE" in sql for sql in statements), statements


def test_answers_follow_every_kind_of_write(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shortcut (no match stays no match) and the note-owner dict are per data version:
    a write by this connection, another Session or another program is seen at once."""
    monkeypatch.setattr(search, "OWNER_MAP_FROM", 1)
    library = LibraryService(db)
    first = library.create_item(ItemInput(kind="paper", title="Attention"))
    library.save_note(first, 1, "多头注意力")
    assert fast(db, "zq") == frozenset()
    assert fast(db, "注意力") == {first}  # builds the owner dict

    assert fast(db, "注") == {first}  # keeps the trigrams starting with 注 (注意力)
    second = library.create_item(ItemInput(kind="paper", title="Other"))
    library.save_note(second, 2, "zqx 稀疏注意力 注重")  # this service's own write
    assert fast(db, "注重") == {second}  # not from the trigrams kept before the write
    assert fast(db, "zqx") == {second}
    assert fast(db, "注意力") == {first, second}  # the new note's owner is known

    assert fast(db, "wv") == frozenset()
    assert db.path is not None
    with sqlite3.connect(db.path) as conn:  # another program
        conn.execute("UPDATE notes SET body = body || ' wvu' WHERE item_id = ?", (first,))
    conn.close()
    assert fast(db, "wvu") == {first}
    for needle in ("w", "W", "zqx", "稀疏", "注意力"):
        assert fast(db, needle) == like(db, needle), needle


def test_masks_follow_every_write_path(db: Database) -> None:
    library = LibraryService(db)
    item = library.create_item(ItemInput(kind="paper", title="注意力 Attention"))
    other = library.create_item(ItemInput(kind="article", title="残差"))
    library.save_note(item, 1, "Q K V; d_k")
    library.save_note(item, 2, "~ `backtick` {brace}")
    library.save_note(other, None, "LayerNorm 100%")
    assert stored_masks(db) == expected_masks(db)
    assert fast(db, "_") == {item}
    assert fast(db, "%") == {other}
    assert fast(db, "`") == {item}

    library.save_note(item, 1, "只剩中文")  # an update drops letters no text holds any more
    library.update_item(item, ItemInput(kind="paper", title="无字母"))
    assert stored_masks(db) == expected_masks(db)
    assert fast(db, "q") == frozenset()
    assert fast(db, "v") == frozenset()

    with db.transaction() as s:  # writes that bypass the ORM
        s.execute(text("UPDATE notes SET item_id = :o WHERE item_id = :i"), {"o": other, "i": item})
        s.execute(
            text(
                "INSERT INTO notes (item_id, pass_number, body, created_at, updated_at) "
                "VALUES (:i, 3, 'xyz', '2026-01-05', '2026-01-05')"
            ),
            {"i": item},
        )
    assert stored_masks(db) == expected_masks(db)
    with db.transaction() as s:
        s.execute(text("DELETE FROM notes WHERE body = 'xyz'"))
        s.execute(
            text(
                "INSERT INTO items (id, kind, title, source, created_at, updated_at) "
                "VALUES (800, 'paper', 'Moved', 'manual', '2026-01-05', '2026-01-05')"
            )
        )
        s.execute(text("UPDATE items SET id = 900, title = 'Jj' WHERE id = 800"))
    assert stored_masks(db) == expected_masks(db)
    assert fast(db, "j") == {900}
    assert fast(db, "v") == frozenset()

    library.delete_item(other)  # cascades to its notes
    assert set(stored_masks(db)) == {item, 900}
    assert stored_masks(db) == expected_masks(db)
    for needle in ONE_CHARACTER:
        assert fast(db, needle) == like(db, needle), needle


def test_import_keeps_masks_exact(tiny_db: Database) -> None:
    assert stored_masks(tiny_db) == expected_masks(tiny_db)
    doc = TransferService(tiny_db).export_document()
    for entry in doc["items"]:
        entry["title"] = entry["title"].upper()
    TransferService(tiny_db).import_document(doc, replace=True)
    assert stored_masks(tiny_db) == expected_masks(tiny_db)


def _previous_revision() -> str:
    (parent,) = migrate.scan_revisions()["0008"]
    return parent


def test_0008_backfills_masks_and_downgrades(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    path = data / DB_FILENAME
    engine = make_engine(f"sqlite:///{path}")
    try:
        migrate.upgrade(engine, _previous_revision())
    finally:
        engine.dispose()
    with sqlite3.connect(path) as raw:
        raw.execute(
            "INSERT INTO items (id, kind, title, source, created_at, updated_at) VALUES "
            "(1, 'paper', '深度残差学习 ResNet', 'manual', '2026-01-05', '2026-01-05'), "
            "(2, 'paper', 'Attention', 'manual', '2026-01-05', '2026-01-05'), "
            "(3, 'paper', '纯中文', 'manual', '2026-01-05', '2026-01-05')"
        )
        raw.execute(
            "INSERT INTO notes (item_id, pass_number, body, created_at, updated_at) VALUES "
            "(2, 1, '不懂：为什么要除以根号 d_k', '2026-01-05', '2026-01-05'), "
            "(3, 2, 'x', '2026-01-05', '2026-01-05')"
        )
    raw.close()
    db = open_database(resolve_location(data_dir=data))
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        assert stored_masks(db) == expected_masks(db)
        assert set(stored_masks(db)) == {1, 2, 3}
        for needle in ("r", "_", "k", "x", "Z", "注"):
            assert fast(db, needle) == like(db, needle), needle
        with db.engine.begin() as conn:
            from alembic import command

            command.downgrade(migrate.alembic_config(conn), _previous_revision())
        with db.engine.connect() as conn:
            names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
        assert not any(name.startswith("search_letters") for name in names)
        with db.read() as s:  # without the masks, one character falls back to the scan
            assert set(s.scalars(item_ids_query(s, "r"))) == {1} == like(db, "r")
        migrate.upgrade(db.engine)
        assert stored_masks(db) == expected_masks(db)
    finally:
        db.close()
