"""How an imported record finds the item it is: its own key, a moved key, or another source.

A record names itself by ``(source, external_key)``. Most find their item by that key; the
rest are matched, in this order, before a new item is made:

1. **Renormalised key**: an item of the source whose key, normalised by today's rules
   (``importers.links.normalize_url``), is the record's key: a paper first imported under
   an older spelling of its URL.
2. **Moved key**: an item of the source whose key is no longer in the source ("its old key
   disappeared") with the same kind and normalised title, and the same year when both have
   one: a paper whose link changed between two versions of a README. Ambiguous titles
   match nothing.
3. **Another source**: a paper or article that another source added under the same key (a
   normalised URL). The item stays that source's; this source is recorded in
   ``item_sources`` and only fills what the item leaves empty, so each source's re-import
   keeps owning exactly what it owned before.

Matches 1 and 2 re-key the item, so the next import finds it directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Connection, Table, select

from importers.links import normalize_url
from importers.records import ItemRecord
from models.library import Item, item_sources

_ITEMS = cast(Table, Item.__table__)
_ID_CHUNK = 500  # keys or ids per IN (...) list, well under SQLite's limit
SHARED_KINDS = ("paper", "article")
"""Kinds one URL names whatever the source: these are matched across sources."""
BORROWED_SKIPS = frozenset({"position", "number"})
"""Columns a source that does not own an item never writes (its order is the owner's)."""


@dataclass
class Identities:
    """What the records of one import are, once matched (see the module's docstring)."""

    known: dict[str, int] = field(default_factory=dict)
    """Record or owned key -> item id: every item this source owns or reaches."""
    borrowed: set[int] = field(default_factory=set)
    """Items another source owns that this source reaches through ``item_sources``."""
    matched: set[str] = field(default_factory=set)
    """Record keys matched by this call (re-keyed or newly shared): they count as updated."""


def title_key(title: str) -> str:
    """Titles compared across versions: case, spaces and punctuation ignored."""
    return re.sub(r"[\W_]+", "", title.casefold())


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), _ID_CHUNK):
        yield values[start : start + _ID_CHUNK]


def match_items(conn: Connection, source: str, records: Sequence[ItemRecord]) -> Identities:
    """Find each record's item, re-keying moved ones and sharing others' (writes both)."""
    ids = Identities()
    ids.known = {
        key: item_id
        for key, item_id in conn.execute(
            select(_ITEMS.c.external_key, _ITEMS.c.id).where(_ITEMS.c.source == source)
        )
        if key
    }
    for key, item_id in conn.execute(
        select(item_sources.c.external_key, item_sources.c.item_id).where(
            item_sources.c.source == source
        )
    ):
        if key not in ids.known:
            ids.known[key] = item_id
            ids.borrowed.add(item_id)
    wanted = {r.external_key for r in records if r.external_key}
    unmatched = {r.external_key: r for r in records if r.external_key in wanted - set(ids.known)}
    if not unmatched:
        return ids
    owned_gone = {
        key: item_id
        for key, item_id in ids.known.items()
        if key not in wanted and item_id not in ids.borrowed
    }
    rekeys = _moved_keys(conn, unmatched, owned_gone)
    for new_key, (old_key, item_id) in rekeys.items():
        conn.execute(_ITEMS.update().where(_ITEMS.c.id == item_id).values(external_key=new_key))
        del ids.known[old_key]
        ids.known[new_key] = item_id
        ids.matched.add(new_key)
        unmatched.pop(new_key)
    shared = _shared_items(conn, source, list(unmatched.values()))
    if shared:
        conn.execute(
            item_sources.insert(),
            [{"item_id": i, "source": source, "external_key": k} for k, i in shared.items()],
        )
        ids.known.update(shared)
        ids.borrowed.update(shared.values())
        ids.matched.update(shared)
    return ids


def _moved_keys(
    conn: Connection, unmatched: dict[str, ItemRecord], gone: dict[str, int]
) -> dict[str, tuple[str, int]]:
    """New key -> (old key, item id) for the source's items whose key moved (rules 1, 2)."""
    if not gone:
        return {}
    found: dict[str, tuple[str, int]] = {}
    left = dict(gone)
    for old_key, item_id in gone.items():
        new_key = normalize_url(old_key)
        if new_key != old_key and new_key in unmatched and new_key not in found:
            found[new_key] = (old_key, item_id)
            del left[old_key]
    if not left:
        return found
    by_id = {item_id: key for key, item_id in left.items()}
    candidates: dict[tuple[str, str], list[tuple[int, int | None]]] = {}
    for chunk in _chunks(sorted(by_id)):
        for item_id, kind, title, year in conn.execute(
            select(_ITEMS.c.id, _ITEMS.c.kind, _ITEMS.c.title, _ITEMS.c.year).where(
                _ITEMS.c.id.in_(chunk)
            )
        ):
            candidates.setdefault((kind, title_key(title or "")), []).append((item_id, year))
    wanted_titles: dict[tuple[str, str], list[ItemRecord]] = {}
    for key, rec in unmatched.items():
        if key not in found:
            wanted_titles.setdefault((rec.kind, title_key(rec.title)), []).append(rec)
    for title, recs in wanted_titles.items():
        if not title[1] or len(recs) != 1:
            continue
        rec = recs[0]
        fits = [
            item_id
            for item_id, year in candidates.get(title, [])
            if year is None or rec.year is None or year == rec.year
        ]
        if len(fits) == 1:
            found[rec.external_key] = (by_id[fits[0]], fits[0])
    return found


def _shared_items(conn: Connection, source: str, records: list[ItemRecord]) -> dict[str, int]:
    """Record key -> item id of papers and articles another source has under the same key."""
    keys = sorted(
        {
            r.external_key
            for r in records
            if r.kind in SHARED_KINDS and r.external_key.startswith("https://")
        }
    )
    found: dict[str, int] = {}
    for chunk in _chunks(keys):
        rows = list(
            conn.execute(
                select(_ITEMS.c.external_key, _ITEMS.c.id)
                .where(
                    _ITEMS.c.external_key.in_(chunk),
                    _ITEMS.c.source != source,
                    _ITEMS.c.kind.in_(SHARED_KINDS),
                )
                .order_by(_ITEMS.c.id)
            )
        )
        rows += conn.execute(
            select(item_sources.c.external_key, item_sources.c.item_id)
            .join(_ITEMS, _ITEMS.c.id == item_sources.c.item_id)
            .where(
                item_sources.c.external_key.in_(chunk),
                item_sources.c.source != source,
                _ITEMS.c.kind.in_(SHARED_KINDS),
            )
            .order_by(item_sources.c.item_id)
        ).all()
        for key, item_id in rows:
            found.setdefault(key, item_id)
    return found
