"""What to do with a change that meets a different row: SQLite's conflict handler.

Rules (docs/sync.md, "Conflicts"):
- The same row changed on both sides: a column changed on one side only takes that
  side's value; a column changed on both takes the value of the side whose stamp
  (`updated_at`, tables.STAMPS) is newer, ties going to the greater device name; the row
  keeps the newer stamp. Both devices compute the same result from the same changes.
- A delete against an edit: the newer one wins. A row kept over an older delete is sent
  again whole (a resend) so the device that deleted it gets it back.
- Text a person wrote (tables.KEPT_TEXT) that loses is kept as a conflict copy.
- An insert that breaks a unique rule (the first note of one pass written on both
  devices, the same source imported on both) is set aside (`clashes`) for the engine to
  merge the two rows (models/sync/clash.py); any other broken rule is skipped and counted.
The handler only decides; the column merges and copies are written after the changeset
is applied (`fixups`, `copies`), in the same transaction.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

import apsw

from models.sync.tables import KEPT_TEXT, STAMPS

log = logging.getLogger(__name__)
RowKey = str  # canonical JSON array of the primary key values


def row_key(values: list[Any] | tuple[Any, ...]) -> RowKey:
    return json.dumps(list(values), ensure_ascii=False, separators=(",", ":"))


def canonical_key(raw: str) -> RowKey:
    """The key as row_key writes it, from SQLite's json_array (the tombstone triggers)."""
    try:
        return row_key(json.loads(raw))
    except ValueError:
        return raw


def stamp(value: Any) -> str:
    """A stamp comparable as text: 'YYYY-MM-DD HH:MM:SS.ffffff' ('' when none)."""
    if value is None or value is apsw.no_change:
        return ""
    text = str(value).replace("T", " ")
    head, _, fraction = text.partition(".")
    return f"{head}.{(fraction + '000000')[:6]}"


def newer(at: str, device: str, other_at: str, other_device: str) -> bool:
    return (at, device) > (other_at, other_device)


@dataclass(frozen=True)
class Conflict:
    """Text that lost a conflict: kept beside the winner (sync_conflicts)."""

    table: str
    row_key: RowKey
    column: str
    kept_text: str | None
    lost_text: str
    lost_device: str


@dataclass
class Resolver:
    """The conflict handler for one changeset from `remote` applied on `local`."""

    columns: dict[str, list[str]]  # table -> column names in order
    local: str
    remote: str
    remote_deletions: dict[tuple[str, RowKey], str]  # when the remote deleted each row
    local_deletions: dict[tuple[str, RowKey], str]  # tombstones of this library
    fallback_at: str  # the changeset's time, for a delete with no recorded time
    fixups: list[tuple[str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    copies: list[Conflict] = field(default_factory=list)
    resend: set[tuple[str, RowKey]] = field(default_factory=set)
    clashes: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)
    resolved: int = 0
    skipped: int = 0

    def __call__(self, reason: int, change: apsw.TableChange) -> int:
        if reason == apsw.SQLITE_CHANGESET_FOREIGN_KEY:
            return apsw.SQLITE_CHANGESET_OMIT  # foreign keys are off: orphans handled after
        if reason == apsw.SQLITE_CHANGESET_CONSTRAINT:
            if change.op == "INSERT" and change.new is not None:
                self.clashes.append((change.name, tuple(change.new)))
                return apsw.SQLITE_CHANGESET_OMIT
            self.skipped += 1
            log.warning(
                "sync: a change to %s from %s breaks a rule; skipped", change.name, self.remote
            )
            return apsw.SQLITE_CHANGESET_OMIT
        table = change.name
        cols = self.columns[table]
        pk = sorted(change.pk_columns)
        stamp_at = cols.index(STAMPS[table]) if table in STAMPS else None
        source = change.old if change.old is not None else change.new
        assert source is not None
        key = row_key([source[i] for i in pk])
        where = {cols[i]: source[i] for i in pk}
        if reason == apsw.SQLITE_CHANGESET_DATA and change.op == "UPDATE":
            return self._merge(change, table, cols, pk, stamp_at, key, where)
        if reason == apsw.SQLITE_CHANGESET_DATA:  # a delete of a row edited here
            return self._delete_edited(change, table, cols, stamp_at, key)
        if reason == apsw.SQLITE_CHANGESET_NOTFOUND:
            if change.op == "UPDATE":
                self._edit_of_deleted(change, table, cols, stamp_at, key)
            return apsw.SQLITE_CHANGESET_OMIT
        return self._insert_existing(change, table, cols, stamp_at, key)

    def _at(self, row: Any, index: int | None) -> str:
        return "" if index is None or row is None else stamp(row[index])

    def _copy(
        self, table: str, key: RowKey, column: str, lost: Any, kept: Any, device: str
    ) -> None:
        kept_text = kept if isinstance(kept, str) else None
        if (
            column in KEPT_TEXT.get(table, ())
            and isinstance(lost, str)
            and lost.strip()
            and lost != kept
        ):
            self.copies.append(Conflict(table, key, column, kept_text, lost, device))

    def _merge(
        self,
        change: apsw.TableChange,
        table: str,
        cols: list[str],
        pk: list[int],
        stamp_at: int | None,
        key: RowKey,
        where: dict[str, Any],
    ) -> int:
        old, new, mine = change.old, change.new, change.conflict
        assert old is not None
        assert new is not None
        assert mine is not None
        remote_at = self._at(new, stamp_at) or self._at(old, stamp_at)
        local_at = self._at(mine, stamp_at)
        remote_wins = newer(remote_at, self.remote, local_at, self.local)
        values: dict[str, Any] = {}
        both = False
        for i, value in enumerate(new):
            if value is apsw.no_change or i in pk or i == stamp_at:
                continue
            if mine[i] == old[i]:
                values[cols[i]] = value  # changed there only
            elif mine[i] != value:
                both = True
                if remote_wins:
                    values[cols[i]] = value
                    self._copy(table, key, cols[i], mine[i], value, self.local)
                else:
                    self._copy(table, key, cols[i], value, mine[i], self.remote)
        if stamp_at is not None and remote_at > local_at:
            values[cols[stamp_at]] = new[stamp_at]
        if values:
            self.fixups.append((table, where, values))
        if both:
            self.resolved += 1
        return apsw.SQLITE_CHANGESET_OMIT

    def _delete_edited(
        self,
        change: apsw.TableChange,
        table: str,
        cols: list[str],
        stamp_at: int | None,
        key: RowKey,
    ) -> int:
        mine = change.conflict
        assert mine is not None
        deleted_at = self.remote_deletions.get((table, key), self.fallback_at)
        self.resolved += 1
        if newer(deleted_at, self.remote, self._at(mine, stamp_at), self.local):
            for i, column in enumerate(cols):
                self._copy(table, key, column, mine[i], None, self.local)
            return apsw.SQLITE_CHANGESET_REPLACE
        self.resend.add((table, key))
        return apsw.SQLITE_CHANGESET_OMIT

    def _edit_of_deleted(
        self,
        change: apsw.TableChange,
        table: str,
        cols: list[str],
        stamp_at: int | None,
        key: RowKey,
    ) -> None:
        new, old = change.new, change.old
        assert new is not None
        assert old is not None
        deleted_at = self.local_deletions.get((table, key))
        remote_at = self._at(new, stamp_at) or self._at(old, stamp_at)
        if deleted_at is not None and newer(remote_at, self.remote, deleted_at, self.local):
            return  # the editing device keeps the row and sends it again whole
        self.resolved += 1
        for i, column in enumerate(cols):
            if new[i] is not apsw.no_change:
                self._copy(table, key, column, new[i], None, self.remote)

    def _insert_existing(
        self,
        change: apsw.TableChange,
        table: str,
        cols: list[str],
        stamp_at: int | None,
        key: RowKey,
    ) -> int:
        new, mine = change.new, change.conflict
        assert new is not None
        assert mine is not None
        if tuple(new) == tuple(mine):
            return apsw.SQLITE_CHANGESET_OMIT
        self.resolved += 1
        if newer(self._at(new, stamp_at), self.remote, self._at(mine, stamp_at), self.local):
            for i, column in enumerate(cols):
                self._copy(table, key, column, mine[i], new[i], self.local)
            return apsw.SQLITE_CHANGESET_REPLACE
        for i, column in enumerate(cols):
            self._copy(table, key, column, new[i], mine[i], self.remote)
        return apsw.SQLITE_CHANGESET_OMIT
