"""Substring search over what an item shows: SQLite FTS5 with the trigram tokenizer.

An item matches when its title, one of its notes, its description (summary), category, a tag,
a linked company's name or a linked question's text contains the query.

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
the start of some indexed trigram. Revision 0012 gathers the other texts of an item (summary,
category, tag, company and question names, each followed by the sentinels) into one row of
`search_fields_text` (item id, text, letter mask), indexed by `search_fields` (rowid =
items.id); triggers on every table those texts come from gather the row again.

Queries of 1 or 2 characters (注意, "AI") contain no trigram, so FTS5 cannot match them
directly. They are answered through the index's vocabulary (`search_*_terms`, fts5vocab):
the trigrams that start with the query are found by a range lookup on the sorted term list,
and the rows holding any of them (one OR query) are exactly the rows containing the query.
All of it is one SQL statement, so callers compose it like any other WHERE clause.

A single ASCII character (`t`: in 90 % of the notes) would OR dozens of long trigram lists
or scan every note. Revision 0008 keeps one 64-bit mask per item in `search_letters`
(triggers again): bit k is set when the title or a note contains the ASCII character
0x20 + k, letters case-folded like LIKE. One ASCII character is then a scan of 100k small
integers (revision 0012: the masks cover the item's other texts too). A single non-ASCII
character uses the vocabulary when few trigrams start with it (a Chinese character: 根 ->
根号), else the LIKE scan.

Search as you type (`item_id_set`) runs the same index queries on the raw sqlite3 cursor
and maps matching notes to their items in Python (see there): SQLAlchemy's per-row cost
and the SQL join were half the time of a broad query at 100k items.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from dataclasses import dataclass, field
from operator import itemgetter
from typing import cast

from sqlalchemy import ColumnElement, Integer, Select, TextualSelect, column, or_, select, text
from sqlalchemy.orm import InstrumentedAttribute, Session

from models.career import Company, Question, item_companies, question_items
from models.clock import Clock
from models.db import Database, write_token
from models.library import Item, Note, Tag, item_tags
from models.services.text_match import NOTE_TABLE, fts_phrase, like_pattern

MIN_TRIGRAM_CHARS = 3
# An ASCII character starts dozens of distinct trigrams ("t" → 60 in the 100k benchmark
# library) and ORing them costs ~2x a plain LIKE scan: 1 character is searched by LIKE...
MIN_VOCABULARY_CHARS = 2
# ...except a non-ASCII one in item_ids_query (search as you type) that starts at most this
# many trigrams: 根 → 根号 is one OR term, 2-10x faster than the scan (稀 starts 40 short
# lists at 100k items: 6 ms by the vocabulary, ~150 ms by the scan).
MAX_OR_TERMS = 64
TITLE_TABLE = "search_titles"
TITLE_TERMS = "search_titles_terms"
NOTE_TERMS = "search_notes_terms"
# Revision 0012: each item's other texts (rowid = items.id), their content table and masks.
FIELDS_TABLE = "search_fields"
FIELDS_TERMS = "search_fields_terms"
FIELDS_TEXT = "search_fields_text"
NOTE_OWNER_INDEX = "search_notes_owner"  # notes(id, item_id), a covering index
# Appended to every indexed text (never shown, never typed): makes every 1- and 2-character
# substring the prefix of an indexed trigram. Must match migrations 0005's and 0012's SQL.
SENTINEL = "\x01\x01"
# A trigram that is never indexed (only two sentinels are appended): matches nothing.
NO_MATCH = '"\x01\x01\x01"'
# Every schema object this module owns starts with this (FTS5 shadow tables included), so
# schema comparisons can leave them out.
OBJECT_PREFIX = "search_"
_TERM_END = "\U0010ffff"  # sorts after every character: 'ab' <= term < 'ab\U0010ffff'
# Revision 0008: item id -> mask of the ASCII characters in its title and notes (0012: and
# in its other searched texts).
LETTERS_TABLE = "search_letters"
MASK_FIRST = 0x20  # bit k <-> chr(0x20 + k) after upper-casing a-z: space .. "_"
MASK_BITS = 64
# From this many matching notes on, mapping them to items through every note's owner (read
# once per data version, ~30 ms at 100k) beats the SQL lookup.
OWNER_MAP_FROM = 2000
OWNER_ARRAY_IDS = 1 << 22  # note ids below this: the owners in an array (4 bytes per id)


def is_search_object(name: str | None) -> bool:
    """True for the FTS tables, their shadow and vocabulary tables, and triggers."""
    return bool(name) and str(name).startswith(OBJECT_PREFIX)


def letter_bit(char: str) -> int | None:
    """The `search_letters` mask bit of one character (None: not in the mask).

    Case-folded like LIKE (ASCII only). Signed, as SQLite stores 64-bit integers.
    """
    if len(char) != 1:
        return None
    code = ord(char)
    if 0x61 <= code <= 0x7A:  # a-z
        code -= 0x20
    bit = code - MASK_FIRST
    if not 0 <= bit < MASK_BITS:
        return None
    return -(1 << 63) if bit == MASK_BITS - 1 else 1 << bit


def letters_mask(text_: str) -> int:
    """The mask of a text as revision 0008's triggers compute it (tests compare the two)."""
    mask = 0
    for code in set(text_.encode("utf-8", "surrogatepass")):  # ASCII bytes = ASCII chars
        bit = letter_bit(chr(code)) if code < 0x80 else None
        if bit is not None:
            mask |= bit
    return mask


def uses_trigrams(needle: str) -> bool:
    """Whether the trigram index answers this query directly (3+ characters)."""
    return len(needle) >= MIN_TRIGRAM_CHARS


def _owner_ids(
    title_match: str, note_match: str, fields_match: str, params: dict[str, str]
) -> TextualSelect:
    """Ids of the items whose title or other texts match or which own a matching note
    (may repeat).

    Note ids are mapped to their items through the covering index `search_notes_owner`
    (notes.id, notes.item_id): looking them up in the notes table itself would read the
    pages holding the note bodies, 3x slower for a search matching half the library.
    """
    return (
        text(
            f"SELECT rowid FROM {TITLE_TABLE} WHERE {TITLE_TABLE} MATCH {title_match} "
            f"UNION ALL SELECT rowid FROM {FIELDS_TABLE} WHERE {FIELDS_TABLE} MATCH {fields_match} "
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
    """The unindexed reference search: LIKE scans over every searched text where it is kept
    (not the gathered copy of revision 0012), so tests compare the index with the source."""
    pattern = like_pattern(needle)

    def like(text_: ColumnElement[str] | InstrumentedAttribute[str | None]) -> ColumnElement[bool]:
        return text_.like(pattern, escape="\\")

    return or_(
        like(Item.title),
        like(Item.summary),
        like(Item.category),
        Item.id.in_(select(Note.item_id).where(like(Note.body))),
        Item.id.in_(
            select(item_tags.c.item_id)
            .join(Tag, Tag.id == item_tags.c.tag_id)
            .where(like(Tag.name))
        ),
        Item.id.in_(
            select(item_companies.c.item_id)
            .join(Company, Company.id == item_companies.c.company_id)
            .where(like(Company.name))
        ),
        Item.id.in_(
            select(question_items.c.item_id)
            .join(Question, Question.id == question_items.c.question_id)
            .where(like(Question.text))
        ),
    )


def _indexed_ids(needle: str, *, allow_one: bool = False) -> TextualSelect:
    """The index query for a needle of 2+ characters (see the module docstring)."""
    assert allow_one or len(needle) >= MIN_VOCABULARY_CHARS
    if uses_trigrams(needle):
        phrase = fts_phrase(needle)
        return _owner_ids(":q", ":q", ":q", {"q": phrase})
    prefix = needle.lower()
    params: dict[str, str] = {}
    for name in ("t", "n", "f"):
        params.update(
            {f"{name}_lo": prefix, f"{name}_hi": prefix + _TERM_END, f"{name}_none": NO_MATCH}
        )
    return _owner_ids(
        _prefix_match_sql(TITLE_TERMS, "t"),
        _prefix_match_sql(NOTE_TERMS, "n"),
        _prefix_match_sql(FIELDS_TERMS, "f"),
        params,
    )


def matching_items_clause(needle: str) -> ColumnElement[bool]:
    """A WHERE clause on Item: its title, a note or another searched text contains `needle`.

    Same rows as `LIKE '%needle%'` (ASCII case-insensitive); the index also folds the case
    of other scripts (É/é), which LIKE does not.
    """
    if not needle:
        return Item.id.is_not(None)
    if len(needle) < MIN_VOCABULARY_CHARS:
        bit = letter_bit(needle)  # the masks of revisions 0008 and 0012 (at the head)
        return like_clause(needle) if bit is None else Item.id.in_(_letter_ids(bit))
    return Item.id.in_(_indexed_ids(needle))


def _letter_ids(bit: int) -> TextualSelect:
    """Items whose texts contain the character of `bit` (revisions 0008 and 0012)."""
    return (
        text(f"SELECT item_id FROM {LETTERS_TABLE} WHERE (mask & :bit) != 0")
        .bindparams(bit=bit)
        .columns(column("item_id", Integer))
    )


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

    A single ASCII character reads the letter masks (revisions 0008, 0012). A single non-ASCII
    character uses the vocabulary when few trigrams start with it: a Chinese character is
    followed by a handful of distinct characters in most notes (根 → 根号), and ORing those
    trigrams is 2-5x faster than scanning every note; a common one (的) starts dozens, and
    then the scan is cheaper. `item_id_set` is the faster form when a set is wanted.
    """
    if not needle:
        return select(Item.id)
    if len(needle) < MIN_VOCABULARY_CHARS:
        bit = letter_bit(needle)
        if bit is not None and _at_head(s):
            return _letter_ids(bit)
        if needle.isascii() or not _few_trigrams_start_with(s, needle):
            return like_item_ids(needle)
        return _indexed_ids(needle, allow_one=True)
    return _indexed_ids(needle)


def matching_item_ids(needle: str) -> Select[int]:
    """Ids of items whose title, notes or other searched texts contain `needle`."""
    return select(Item.id).where(matching_items_clause(needle))


def like_item_ids(needle: str) -> Select[int]:
    """Ids found by the LIKE scan: what the index must agree with (tests, benchmarks)."""
    return select(Item.id).where(like_clause(needle))


@dataclass
class _ConnectionState:
    """What search as you type may reuse on one connection while nothing is written."""

    token: tuple[int, int, int]  # data_version, total_changes, schema_version: see below
    owners: array[int] | dict[int, int] | None = None  # note id -> item id
    at_head: bool | None = None  # whether FIELDS_TEXT exists (revision 0012, after 0008)
    # (vocabulary table, prefix) -> the indexed trigrams starting with it: 注意 after 注
    # filters the list read for 注 instead of reading the term lists again
    terms: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    last: tuple[str, frozenset[int]] | None = None  # the previous index search and its ids


_STATE_KEY = "threepass_search_state"


def _connection_state(s: Session) -> tuple[sqlite3.Connection, _ConnectionState] | None:
    """The raw sqlite3 connection of `s` and its search state, reset when anything was
    written (models.db.write_token). The state lives in the pooled connection's `info`, so
    concurrent sessions (worker threads) never share it.
    """
    found = write_token(s)
    if found is None:
        return None
    raw, info, token = found
    state = info.get(_STATE_KEY)
    if not isinstance(state, _ConnectionState) or state.token != token:
        state = _ConnectionState(token)
        info[_STATE_KEY] = state
    return raw, state


def _at_head(s: Session) -> bool:
    """Whether the search objects of revisions 0008 and 0012 exist (a database opened by the
    app has them; an older one, as tests make, is searched by the LIKE scan or the index
    queries of 2+ characters)."""
    found = _connection_state(s)
    if found is None:
        return False
    raw, state = found
    if state.at_head is None:
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
        state.at_head = raw.execute(sql, (FIELDS_TEXT,)).fetchone() is not None
    return state.at_head


def _int_list(raw: sqlite3.Connection, sql: str, *params: object) -> list[int]:
    """The integers of a one-column query, read as one group_concat string: ~30 % faster
    than a Python tuple per row for the 50-90k rows of a broad search at 100k items."""
    (joined,) = raw.execute(f"SELECT group_concat(x) FROM ({sql})", params).fetchone()
    return list(map(int, joined.split(","))) if joined else []


def _rowids(raw: sqlite3.Connection, table: str, match: str | None) -> list[int]:
    if match is None:
        return []
    return _int_list(raw, f"SELECT rowid AS x FROM {table} WHERE {table} MATCH ?", match)


def _vocabulary_terms(
    raw: sqlite3.Connection,
    state: _ConnectionState,
    vocab: str,
    needle: str,
    limit: int = -1,
) -> list[str]:
    """The indexed trigrams starting with `needle` (at most `limit`, -1: all).

    fts5vocab reads each term's whole list to count it (~5-10 ms for a broad 2-character
    prefix at 100k), so lists read under this data version are kept: a longer prefix
    filters a shorter one's list.
    """
    prefix = needle.lower()
    known = state.terms.get((vocab, prefix))
    if known is not None:
        return known
    shorter = state.terms.get((vocab, prefix[:-1]))
    if shorter is not None and len(prefix) > 1:
        terms = [term for term in shorter if term.startswith(prefix)]
    else:
        sql = f"SELECT term FROM {vocab} WHERE term >= ? AND term < ? LIMIT ?"
        terms = [term for (term,) in raw.execute(sql, (prefix, prefix + _TERM_END, limit))]
        if limit >= 0 and len(terms) >= limit:
            return terms  # cut short: not the whole list, not kept
    state.terms[(vocab, prefix)] = terms
    return terms


def _or_match(terms: list[str]) -> str | None:
    """`"ab1" OR "ab2" ...` (None: no such trigram, nothing matches)."""
    return " OR ".join(fts_phrase(term) for term in terms) or None


def _load_owners(raw: sqlite3.Connection) -> array[int] | dict[int, int]:
    """Every note's item: an array indexed by note id (0.4 MB for 90k notes, where a dict
    takes 10 MB), or a dict when ids do not suit one (negative, or very sparse)."""
    low, high, first, last = raw.execute(
        "SELECT (SELECT min(id) FROM notes), (SELECT max(id) FROM notes), "
        "(SELECT min(item_id) FROM notes), (SELECT max(item_id) FROM notes)"
    ).fetchone()
    rows = raw.execute(f"SELECT id, item_id FROM notes INDEXED BY {NOTE_OWNER_INDEX}")
    if low is None or not (low >= 0 and high < OWNER_ARRAY_IDS and 0 < first <= last < 1 << 32):
        return dict(rows)
    owners = array("I", bytes(4 * (high + 1)))  # 0: no such note (item ids start at 1)
    for note_id, item_id in rows:
        owners[note_id] = item_id
    return owners


def _owners_of(raw: sqlite3.Connection, state: _ConnectionState, note_ids: list[int]) -> set[int]:
    """The items of these notes: through every note's owner, read once per data version
    (~30 ms at 100k), when many matched (50k lookups in the covering index cost ~30 ms,
    the owner array ~2 ms), else in SQL. A note id that the index holds but `notes` does
    not (never, while the triggers run) matches nothing."""
    if not note_ids:
        return set()
    if state.owners is None and len(note_ids) >= OWNER_MAP_FROM:
        state.owners = _load_owners(raw)
    owners = state.owners
    if isinstance(owners, dict):
        found = set(map(owners.get, note_ids))
        found.discard(None)
        return cast(set[int], found)
    if owners is not None and min(note_ids) >= 0 and max(note_ids) < len(owners):
        items = itemgetter(*note_ids)(owners) if len(note_ids) > 1 else (owners[note_ids[0]],)
        found_items = set(items)
        found_items.discard(0)
        return found_items
    sql = (
        f"SELECT item_id AS x FROM notes INDEXED BY {NOTE_OWNER_INDEX} "
        "WHERE id IN (SELECT value FROM json_each(?))"
    )
    return set(_int_list(raw, sql, json.dumps(note_ids)))


def _indexed_id_set(raw: sqlite3.Connection, state: _ConnectionState, needle: str) -> set[int]:
    """`_indexed_ids` on the raw cursor (needle of 2+ characters, or 1 non-ASCII one)."""
    title_match: str | None
    note_match: str | None
    fields_match: str | None
    if uses_trigrams(needle):
        title_match = note_match = fields_match = fts_phrase(needle)
    else:
        title_match = _or_match(_vocabulary_terms(raw, state, TITLE_TERMS, needle))
        note_match = _or_match(_vocabulary_terms(raw, state, NOTE_TERMS, needle))
        fields_match = _or_match(_vocabulary_terms(raw, state, FIELDS_TERMS, needle))
    found = _owners_of(raw, state, _rowids(raw, NOTE_TABLE, note_match))
    found.update(_rowids(raw, TITLE_TABLE, title_match))
    found.update(_rowids(raw, FIELDS_TABLE, fields_match))
    return found


def item_id_set(s: Session, needle: str) -> frozenset[int]:
    """Ids of the items matching `needle` (already stripped): the search-as-you-type path.

    The same ids as `item_ids_query`, computed on the raw sqlite3 cursor: at 100k items a
    broad query returns ~50k rows, and SQLAlchemy's per-row cost plus the SQL note -> item
    join were about half of its time. While nothing is written, a longer text typed after
    one that matched nothing matches nothing either (exact, no query).
    """
    found = _connection_state(s) if needle else None
    if found is None:
        return frozenset(s.scalars(item_ids_query(s, needle)))
    raw, state = found
    if state.last is not None and not state.last[1] and needle.startswith(state.last[0]):
        return frozenset()
    if len(needle) < MIN_VOCABULARY_CHARS:
        bit = letter_bit(needle)
        if bit is not None and _at_head(s):
            sql = f"SELECT item_id AS x FROM {LETTERS_TABLE} WHERE (mask & ?) != 0"
            return frozenset(_int_list(raw, sql, bit))
        few = not needle.isascii() and (
            len(_vocabulary_terms(raw, state, NOTE_TERMS, needle, MAX_OR_TERMS + 1)) <= MAX_OR_TERMS
        )
        if not few:
            return frozenset(s.scalars(like_item_ids(needle)))  # LIKE semantics: no `last`
    ids = frozenset(_indexed_id_set(raw, state, needle))
    state.last = (needle, ids)
    return ids


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
            return item_id_set(s, needle.strip())
