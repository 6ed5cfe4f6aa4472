"""Substring search over item titles and note bodies: SQLite FTS5 with the trigram tokenizer.

Why trigram: the user writes Chinese and English. FTS5's `unicode61` tokenizer splits on
spaces and punctuation only, so a Chinese sentence is one "word" and 注意力 would never match
inside 多头注意力机制. `trigram` (SQLite >= 3.34) indexes every 3-character window, so any
substring of 3 or more characters is found through the index, in any script and
case-insensitively, like the `LIKE '%text%'` scan it replaces.

Layout (Alembic revisions 0005 and 0006): two *contentless* FTS5 tables, `search_titles`
(rowid = items.id) and `search_notes` (rowid = notes.id), so the text is not stored twice.
Triggers keep them in sync on every insert, update and delete, also for writes that bypass the ORM
(the JSON import's bulk inserts, cascades). Each text is indexed with two sentinel
characters appended (`SENTINEL`): then every occurrence of any 1- or 2-character string is
the start of some indexed trigram.

Queries of 1 or 2 characters (注意, "AI") contain no trigram, so FTS5 cannot match them
directly. They are answered through the index's vocabulary (`search_*_terms`, fts5vocab):
the trigrams that start with the query are found by a range lookup on the sorted term list,
and the rows holding any of them (one OR query) are exactly the rows containing the query.
All of it is one SQL statement, so callers compose it like any other WHERE clause. A single
character is searched with a plain LIKE scan, except by `item_ids_query` (search as you
type), which uses the vocabulary for a non-ASCII character that starts few trigrams.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Integer, Select, TextualSelect, column, or_, select, text
from sqlalchemy.orm import Session

from models.clock import Clock
from models.db import Database
from models.library import Item, Note

MIN_TRIGRAM_CHARS = 3
# An ASCII character starts dozens of distinct trigrams ("t" → 60 in the 100k benchmark
# library) and ORing them costs ~2x a plain LIKE scan: 1 character is searched by LIKE...
MIN_VOCABULARY_CHARS = 2
# ...except a non-ASCII one in item_ids_query (search as you type) that starts at most this
# many trigrams: 根 → 根号 is one OR term, 2-10x faster than the scan.
MAX_OR_TERMS = 32
TITLE_TABLE = "search_titles"
NOTE_TABLE = "search_notes"
TITLE_TERMS = "search_titles_terms"
NOTE_TERMS = "search_notes_terms"
NOTE_OWNER_INDEX = "search_notes_owner"  # notes(id, item_id), a covering index
# Appended to every indexed text (never shown, never typed): makes every 1- and 2-character
# substring the prefix of an indexed trigram. Must match migration 0005's triggers.
SENTINEL = "\x01\x01"
# A trigram that is never indexed (only two sentinels are appended): matches nothing.
NO_MATCH = '"\x01\x01\x01"'
# Every schema object this module owns starts with this (FTS5 shadow tables included), so
# schema comparisons can leave them out.
OBJECT_PREFIX = "search_"
_TERM_END = "\U0010ffff"  # sorts after every character: 'ab' <= term < 'ab\U0010ffff'


def is_search_object(name: str | None) -> bool:
    """True for the FTS tables, their shadow and vocabulary tables, and triggers."""
    return bool(name) and str(name).startswith(OBJECT_PREFIX)


def like_pattern(needle: str) -> str:
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def fts_phrase(needle: str) -> str:
    """An FTS5 query matching `needle` as one literal substring (quotes doubled)."""
    return '"' + needle.replace('"', '""') + '"'


def uses_trigrams(needle: str) -> bool:
    """Whether the trigram index answers this query directly (3+ characters)."""
    return len(needle) >= MIN_TRIGRAM_CHARS


def _owner_ids(title_match: str, note_match: str, params: dict[str, str]) -> TextualSelect:
    """Ids of the items whose title matches or which own a matching note (may repeat).

    Note ids are mapped to their items through the covering index `search_notes_owner`
    (notes.id, notes.item_id): looking them up in the notes table itself would read the
    pages holding the note bodies, 3x slower for a search matching half the library.
    """
    return (
        text(
            f"SELECT rowid FROM {TITLE_TABLE} WHERE {TITLE_TABLE} MATCH {title_match} "
            f"UNION ALL SELECT n.item_id FROM {NOTE_TABLE} AS f "
            f"JOIN notes AS n INDEXED BY {NOTE_OWNER_INDEX} ON n.id = f.rowid "
            f"WHERE {NOTE_TABLE} MATCH {note_match}"
        )
        .bindparams(**params)
        .columns(column("rowid", Integer))
    )


def _prefix_match_sql(vocab: str, name: str) -> str:
    """SQL building `"ab1" OR "ab2" OR ...` from the indexed trigrams starting with :name_lo."""
    return (
        "(SELECT coalesce(group_concat('\"' || replace(term, '\"', '\"\"') || '\"', ' OR '), "
        f":{name}_none) FROM {vocab} WHERE term >= :{name}_lo AND term < :{name}_hi)"
    )


def like_clause(needle: str) -> ColumnElement[bool]:
    """The unindexed reference search (LIKE scans over titles and notes)."""
    pattern = like_pattern(needle)
    return or_(
        Item.title.like(pattern, escape="\\"),
        Item.id.in_(select(Note.item_id).where(Note.body.like(pattern, escape="\\"))),
    )


def _indexed_ids(needle: str, *, allow_one: bool = False) -> TextualSelect:
    """The index query for a needle of 2+ characters (see the module docstring)."""
    assert allow_one or len(needle) >= MIN_VOCABULARY_CHARS
    if uses_trigrams(needle):
        phrase = fts_phrase(needle)
        return _owner_ids(":q_title", ":q_note", {"q_title": phrase, "q_note": phrase})
    prefix = needle.lower()
    params: dict[str, str] = {}
    for name in ("t", "n"):
        params.update(
            {f"{name}_lo": prefix, f"{name}_hi": prefix + _TERM_END, f"{name}_none": NO_MATCH}
        )
    return _owner_ids(
        _prefix_match_sql(TITLE_TERMS, "t"), _prefix_match_sql(NOTE_TERMS, "n"), params
    )


def matching_items_clause(needle: str) -> ColumnElement[bool]:
    """A WHERE clause on Item: its title or one of its notes contains `needle`.

    Same rows as `LIKE '%needle%'` (ASCII case-insensitive); the index also folds the case
    of other scripts (É/é), which LIKE does not.
    """
    if not needle:
        return Item.id.is_not(None)
    if len(needle) < MIN_VOCABULARY_CHARS:
        return like_clause(needle)
    return Item.id.in_(_indexed_ids(needle))


def _few_trigrams_start_with(s: Session, char: str) -> bool:
    """Whether at most MAX_OR_TERMS distinct note trigrams start with `char` (~1-5 ms)."""
    count = s.execute(
        text(
            f"SELECT count(*) FROM (SELECT 1 FROM {NOTE_TERMS} "
            "WHERE term >= :lo AND term < :hi LIMIT :cap)"
        ),
        {"lo": char.lower(), "hi": char.lower() + _TERM_END, "cap": MAX_OR_TERMS + 1},
    ).scalar()
    return int(count or 0) <= MAX_OR_TERMS


def item_ids_query(s: Session, needle: str) -> TextualSelect | Select[int]:
    """Ids of the matching items, possibly repeated: the cheapest query when only ids are
    needed (no pass over the items table); collect them into a set.

    A single non-ASCII character uses the vocabulary when few trigrams start with it: a
    Chinese character is followed by a handful of distinct characters in most notes
    (根 → 根号), and ORing those trigrams is 2-5x faster than scanning every note; a common
    one (的) or an ASCII letter starts dozens, and then the scan is cheaper.
    """
    if not needle:
        return select(Item.id)
    if len(needle) < MIN_VOCABULARY_CHARS:
        if needle.isascii() or not _few_trigrams_start_with(s, needle):
            return like_item_ids(needle)
        return _indexed_ids(needle, allow_one=True)
    return _indexed_ids(needle)


def matching_item_ids(needle: str) -> Select[int]:
    """Ids of items whose title or notes contain `needle`."""
    return select(Item.id).where(matching_items_clause(needle))


def like_item_ids(needle: str) -> Select[int]:
    """Ids found by the LIKE scan: what the index must agree with (tests, benchmarks)."""
    return select(Item.id).where(like_clause(needle))


class SearchService:
    """Ids of the items matching a search text, for views that keep their rows loaded.

    A view holding every row of the library can filter them by this id set instead of
    re-reading rows for each keystroke: the cost is then the index lookup plus a set test
    per row (see docs/benchmarks.md, "search as you type").
    """

    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self._db = db
        self._clock = clock

    def item_ids(self, needle: str) -> frozenset[int]:
        with self._db.read() as s:
            return frozenset(s.scalars(item_ids_query(s, needle.strip())))
