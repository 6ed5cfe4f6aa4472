"""Full-text search (FTS5 trigram, revisions 0005-0006): same rows as LIKE, kept in sync."""

from __future__ import annotations

import gc
import random
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text

from models import migrate
from models.db import Database, make_engine, open_database
from models.library import Item, Note
from models.paths import DB_FILENAME, resolve_location
from models.services.dto import ItemFilter, ItemInput, ItemRow
from models.services.library import LibraryService, filtered_ids_query
from models.services.search import (
    SearchService,
    item_ids_query,
    like_item_ids,
    matching_item_ids,
)
from models.services.transfer import TransferService

FIXED_QUERIES = [
    "注意",  # 2-char Chinese word, very common in notes
    "注意力",  # 3-char: the trigram path
    "多头注意力",
    "意",  # 1 char
    "根",  # 1 Chinese character followed by few others: the vocabulary path of item_ids_query
    "残",
    "根号",
    "残差连接",
    "attention",
    "ATTENTION",  # LIKE is ASCII case-insensitive; so is the index
    "Tr",
    "e",
    "KV cache",
    "d_k",  # `_` is a LIKE wildcard: must be literal
    "100%",
    '"quoted"',
    "softmax(QK",
    "不存在的词",
    "zzz",
    "第 3 节",
    "？",
]


def ids(db: Database, query: object) -> set[int]:
    with db.read() as s:
        return set(s.scalars(query))  # type: ignore[call-overload]


def sample_substrings(db: Database, count: int, seed: int = 3) -> list[str]:
    """Random 1-6 character substrings of real titles and notes, ends of texts included."""
    rng = random.Random(seed)
    with db.read() as s:
        texts = list(s.scalars(select(Item.title))) + list(s.scalars(select(Note.body)))
    out: list[str] = []
    while len(out) < count:
        source = rng.choice(texts)
        size = rng.randint(1, 6)
        if len(source) < size:
            continue
        start = rng.choice([0, len(source) - size, rng.randint(0, len(source) - size)])
        needle = source[start : start + size].strip()
        if needle:
            out.append(needle)
    return out


def test_index_finds_the_same_items_as_like(tiny_db: Database) -> None:
    queries = FIXED_QUERIES + sample_substrings(tiny_db, 150)
    lengths = {len(q) for q in queries}
    assert {1, 2, 3} <= lengths
    non_empty = 0
    for query in queries:
        expected = ids(tiny_db, like_item_ids(query))
        assert ids(tiny_db, matching_item_ids(query)) == expected, query
        with tiny_db.read() as s:
            assert set(s.scalars(item_ids_query(s, query))) == expected, query
        non_empty += bool(expected)
    assert non_empty > 100  # the sample really exercises matches, not only empty results


def test_two_char_chinese_at_the_very_end_and_as_the_whole_text(db: Database) -> None:
    library = LibraryService(db)
    whole = library.create_item(ItemInput(kind="article", title="注意"))
    tail = library.create_item(ItemInput(kind="article", title="A note"))
    library.save_note(tail, 1, "最后一句话要注意")
    single = library.create_item(ItemInput(kind="article", title="X"))
    library.create_item(ItemInput(kind="article", title="无关"))
    assert ids(db, matching_item_ids("注意")) == {whole, tail}
    assert ids(db, matching_item_ids("意")) == {whole, tail}
    assert ids(db, matching_item_ids("x")) == {single}
    assert ids(db, matching_item_ids("要注意")) == {tail}


def test_library_search_uses_the_index(tiny_db: Database) -> None:
    library = LibraryService(tiny_db)
    flt = ItemFilter(text="  注意力  ", kind="course_video")
    rows = library.list_items(flt)
    assert rows
    assert all(r.kind == "course_video" for r in rows)
    expected = ids(tiny_db, like_item_ids("注意力")) & ids(
        tiny_db, select(Item.id).where(Item.kind == "course_video")
    )
    assert {r.id for r in rows} == expected
    compiled = filtered_ids_query(flt).compile(
        tiny_db.engine, compile_kwargs={"literal_binds": True}
    )
    with tiny_db.engine.connect() as conn:
        plan = " | ".join(
            str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")
        )
    assert "SCAN search_titles VIRTUAL TABLE" in plan
    assert "SCAN f VIRTUAL TABLE" in plan
    assert "COVERING INDEX search_notes_owner" in plan
    assert "SCAN notes" not in plan
    assert "SCAN n " not in plan


def test_triggers_follow_inserts_updates_and_deletes(db: Database) -> None:
    library = LibraryService(db)
    item = library.create_item(ItemInput(kind="paper", title="Attention Is All You Need"))
    assert ids(db, matching_item_ids("All You")) == {item}

    library.update_item(item, ItemInput(kind="paper", title="多头注意力机制"))
    assert ids(db, matching_item_ids("All You")) == set()
    assert ids(db, matching_item_ids("注意力")) == {item}
    assert ids(db, matching_item_ids("注意")) == {item}

    library.save_note(item, 2, "残差连接让梯度直接回传")
    assert ids(db, matching_item_ids("梯度直接")) == {item}
    library.save_note(item, 2, "LayerNorm 放在哪里")
    assert ids(db, matching_item_ids("梯度直接")) == set()
    assert ids(db, matching_item_ids("layernorm")) == {item}

    with db.transaction() as s:  # a write that bypasses the ORM
        s.execute(text("DELETE FROM notes WHERE item_id = :i"), {"i": item})
    assert ids(db, matching_item_ids("LayerNorm")) == set()

    library.save_note(item, None, "总结：位置编码")
    library.delete_item(item)  # cascades to the note
    for query in ("注意力", "位置编码", "注意", "位置"):
        assert ids(db, matching_item_ids(query)) == set(), query
    with db.read() as s:  # nothing left behind in the index
        for table in ("search_titles", "search_notes"):
            assert s.execute(text(f"SELECT count(*) FROM {table}_terms")).scalar() == 0


def test_import_with_replace_reindexes_everything(tiny_db: Database) -> None:
    library = LibraryService(tiny_db)
    library.create_item(ItemInput(kind="article", title="独一无二的标题 unique-title"))
    doc = TransferService(tiny_db).export_document()
    for item in doc["items"]:
        item["title"] = item["title"].replace("unique-title", "replaced-title")
    TransferService(tiny_db).import_document(doc, replace=True)
    assert ids(tiny_db, matching_item_ids("unique-title")) == set()
    assert len(ids(tiny_db, matching_item_ids("replaced-title"))) == 1
    for query in ("注意", "注意力", "attention", "意"):
        assert ids(tiny_db, matching_item_ids(query)) == ids(tiny_db, like_item_ids(query))


def _fill_at_0004(path: Path) -> None:
    engine = make_engine(f"sqlite:///{path}")
    try:
        migrate.upgrade(engine, "0004")
    finally:
        engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO items (id, kind, title, source, created_at, updated_at) VALUES "
            "(1, 'paper', '深度残差学习 ResNet', 'manual', '2026-01-05', '2026-01-05'), "
            "(2, 'paper', 'Attention', 'manual', '2026-01-05', '2026-01-05')"
        )
        conn.execute(
            "INSERT INTO notes (item_id, pass_number, body, created_at, updated_at) VALUES "
            "(2, 1, '不懂：为什么要除以根号 d_k', '2026-01-05', '2026-01-05')"
        )
    conn.close()


def test_migration_backfills_existing_rows_and_downgrades(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _fill_at_0004(data / DB_FILENAME)
    db = open_database(resolve_location(data_dir=data))
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        assert ids(db, matching_item_ids("残差学习")) == {1}
        assert ids(db, matching_item_ids("根号")) == {2}
        assert ids(db, matching_item_ids("d_k")) == {2}
        assert ids(db, matching_item_ids("resnet")) == {1}
        with db.engine.begin() as conn:
            from alembic import command

            command.downgrade(migrate.alembic_config(conn), "0004")
        with db.engine.connect() as conn:
            names = {
                r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master").fetchall()
            }
        assert "search_titles" not in names
        assert "search_notes_owner" not in names
        assert not any(name.startswith("search_") for name in names)
        migrate.upgrade(db.engine)
        assert ids(db, matching_item_ids("除以根号")) == {2}
    finally:
        db.close()


@pytest.mark.parametrize("query", ["注", "注意", "注意力"])
def test_search_on_an_empty_library(db: Database, query: str) -> None:
    assert LibraryService(db).list_items(ItemFilter(text=query)) == []


def test_search_service_ids_are_the_rows_list_items_shows(tiny_db: Database) -> None:
    library = LibraryService(tiny_db)
    search = SearchService(tiny_db)
    for query in ("注意", " 注意力 ", "transformer", "意", "zzz-nothing"):
        shown = {row.id for row in library.list_items(ItemFilter(text=query))}
        assert search.item_ids(query) == shown, query
    assert len(search.item_ids("注意")) > 0


def test_list_items_rows_agree_with_item_details(tiny_db: Database) -> None:
    """list_items aggregates passes and tags in SQL (one query); check it against get_item."""
    library = LibraryService(tiny_db)
    rows = library.list_items()
    assert len(rows) == 60
    assert any(r.tags for r in rows)
    assert any(r.last_studied for r in rows)
    for row in rows:
        detail = library.get_item(row.id)
        assert row.pass_statuses == tuple(p.status for p in detail.passes)
        assert row.tags == tuple(sorted(detail.tags))
        stamps = [s for p in detail.passes for s in (p.started_at, p.finished_at) if s]
        assert row.last_studied == (max(stamps) if stamps else None)
        assert (row.title, row.kind, row.source) == (detail.title, detail.kind, detail.source)


def test_search_reuses_loaded_rows_until_anything_is_written(tiny_db: Database) -> None:
    """list_items filters its last full list while nothing changed, and never serves stale rows."""
    library = LibraryService(tiny_db)
    flt = ItemFilter(text="注意")
    everything = library.table_rows()
    hits = library.table_rows(flt)
    assert hits == LibraryService(tiny_db).table_rows(flt)  # a fresh service: no cached rows
    by_id = {row[0]: row for row in everything}
    assert all(row is by_id[row[0]] for row in hits)  # the loaded rows themselves
    again = library.table_rows()
    assert again == everything
    assert again is not everything
    assert all(a is b for a, b in zip(again, everything, strict=True))
    target = hits[0][0]

    def check(expected_title: str, expected_pass_1: str) -> None:
        row = next(r for r in library.list_items(flt) if r.id == target)
        assert (row.title, row.pass_statuses[0]) == (expected_title, expected_pass_1)
        assert library.list_items(flt) == LibraryService(tiny_db).list_items(flt)

    title = by_id[target][2]
    library.list_items()
    library.set_pass(target, 1, "done")  # this service's own write
    check(title, "done")

    library.list_items()
    LibraryService(tiny_db).set_pass(target, 1, "reset")  # another service, another Session
    check(title, "todo")

    library.list_items()
    assert tiny_db.path is not None
    with sqlite3.connect(tiny_db.path) as conn:  # another program's connection
        conn.execute("UPDATE items SET title = title || ' 注意' WHERE id = ?", (target,))
    conn.close()
    check(title + " 注意", "todo")

    library.list_items()
    new_id = LibraryService(tiny_db).create_item(ItemInput(kind="paper", title="新的注意事项"))
    assert new_id in {row.id for row in library.list_items(flt)}


def test_list_items_names_the_table_rows(tiny_db: Database) -> None:
    """list_items is table_rows with field names: same values, same order, filters too."""
    library = LibraryService(tiny_db)
    for flt in (None, ItemFilter(text="注意"), ItemFilter(kind="paper", pass_state="0")):
        named, plain = library.list_items(flt), LibraryService(tiny_db).table_rows(flt)
        assert named == plain
        assert [type(r) for r in named] == [ItemRow] * len(plain)
        assert [r.id for r in named] == [r[0] for r in plain]
    assert ItemRow._make(plain[0]).title == plain[0][2]


def test_table_rows_are_plain_tuples_the_collector_stops_tracking(tiny_db: Database) -> None:
    """Loaded rows add nothing to full collections: they hold only untracked values."""
    rows = LibraryService(tiny_db).table_rows()
    assert rows
    assert all(type(r) is tuple for r in rows)
    gc.collect()  # the first collection that sees a row after its tags tuple untracks it
    gc.collect()
    assert not any(gc.is_tracked(r) for r in rows)
    statuses = {id(r[6]) for r in rows}
    assert len(statuses) <= 27  # the status tuples are shared, not one per row


def test_loaded_rows_serve_every_connection_and_every_connection_sees_writes(
    tiny_db: Database,
) -> None:
    """The library view loads in a new thread per keystroke, so on any pooled connection."""
    library = LibraryService(tiny_db)
    flt = ItemFilter(text="注意")
    library.table_rows(flt)  # a first look through the pooled connection
    everything = library.table_rows()
    by_id = {row[0]: row for row in everything}
    with tiny_db.read() as held:
        held.connection()  # the pooled connection is busy: the next reads open another one
        library.table_rows(flt)  # a new connection: may have missed writes, so reloads
        everything = library.table_rows()
        by_id = {row[0]: row for row in everything}
        assert all(a is b for a, b in zip(library.table_rows(), everything, strict=True))
        with tiny_db.transaction() as s:  # a third connection writes
            s.execute(text("UPDATE items SET title = '改过的标题' WHERE id = :i"), {"i": 1})
    # back on the first connection, which looked before the write
    hits = library.table_rows(flt)
    assert hits == LibraryService(tiny_db).table_rows(flt)
    fresh = library.table_rows()
    assert next(r for r in fresh if r[0] == 1)[2] == "改过的标题"
    unchanged = [r for r in fresh if r[0] != 1]
    assert all(r is by_id[r[0]] for r in unchanged)  # a reload keeps one copy of the same rows


def test_one_row_after_a_write_is_read_alone(tiny_db: Database) -> None:
    library = LibraryService(tiny_db)
    target = next(r for r in library.table_rows() if r[6][1] == "todo")[0]
    loaded = library.reader._all_rows
    library.set_pass(target, 2, "done")
    row = library.get_row(target)
    assert row is not None
    assert row.pass_statuses[1] == "done"
    assert library.get_row(10**9) is None
    kept = library.reader._all_rows
    assert loaded is not None
    assert kept is not None
    # not every row read again for one: the others are the very rows loaded, that one patched
    assert all(a is b for a, b in zip(kept[1], loaded[1], strict=True) if a[0] != target)
    assert next(r for r in kept[1] if r[0] == target)[6][1] == "done"
