"""Two rows that are one: the same unique key made on two devices before they synced.

Both devices write the first note of one pass, add the tag "ml", or import the same paper:
the rows have different ids (each device's block) but the same natural key (a note per
pass, a tag per name, an item per source and key), so the other's insert breaks the unique
rule. Such a clash is resolved like a conflict on one row: the newer row (its stamp, ties
to the greater device name) stays, under its own id; the other is merged into it: its
children (passes, notes, tags, sessions…) move to the winner, a child that clashes in turn
(pass 1 of both items) is merged the same way, and text a person wrote that loses is kept
as a conflict copy. Each device compares the same rows with the same devices, so both end
with the same rows and ids.

The loser's id is remembered (a machine-local setting, `sync_merged.TABLE.[ID]`) so rows
that arrive later still pointing at it move to the winner instead of being dropped as
orphans. When this device's row wins, it is sent again whole: a device that kept the loser
because it edited it in between gets the same choice to make again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import apsw

from models.sync.resolve import Conflict, RowKey, newer, row_key, stamp
from models.sync.tables import KEPT_TEXT, STAMPS, SYNCED

MERGED_PREFIX = "sync_merged."


@dataclass(frozen=True)
class Merged:
    """A row merged into another made on another device (reported by the sync)."""

    table: str
    loser: RowKey
    winner: RowKey
    lost_device: str


@dataclass(frozen=True)
class _Link:
    child: str
    column: str


def _where(columns: list[str] | tuple[str, ...]) -> str:
    return " AND ".join(f"{c} = ?" for c in columns)


@dataclass
class Merger:
    conn: apsw.Connection
    columns: dict[str, list[str]]
    pks: dict[str, list[str]]
    now: str
    copies: list[Conflict] = field(default_factory=list)
    merged: list[Merged] = field(default_factory=list)
    resend: set[tuple[str, RowKey]] = field(default_factory=set)
    _uniques: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    _links: dict[str, list[_Link]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        tables = [
            str(r[0])
            for r in self.conn.execute(
                "SELECT name FROM main.sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%'"
            )
        ]
        for table in tables:
            if table in SYNCED:
                self._uniques[table] = [
                    tuple(str(c[2]) for c in self.conn.execute(f"PRAGMA main.index_info('{i[1]}')"))
                    for i in self.conn.execute(f"PRAGMA main.index_list({table})").fetchall()
                    if i[2]
                ]
            for fk in self.conn.execute(f"PRAGMA main.foreign_key_list({table})").fetchall():
                self._links.setdefault(str(fk[2]), []).append(_Link(table, str(fk[3])))

    # -- a clash brought by a changeset ------------------------------------------------

    def clash(self, table: str, new: tuple[Any, ...], remote: str, local: str) -> bool:
        """An insert from `remote` whose unique key a row of this device holds: merge the
        two. False when no row holds it (another rule broke: the caller skips it)."""
        mine = self._holder(table, new, exclude=None)
        if mine is None:
            return False
        if newer(self._at(table, new), remote, self._at(table, mine), local):
            self._merge(table, mine, new, local, remote)
            self._insert(table, new)
        else:
            self._merge(table, new, mine, remote, local)
            self.resend.add((table, self._key(table, mine)))
        return True

    def follow(self, child: str, rowid: int, column: str, parent: str, key: list[Any]) -> bool:
        """A row pointing at a row of `parent` merged away: point it at the winner (and
        merge it in turn if it clashes there). False when that parent was never merged."""
        found = self.conn.execute(
            "SELECT value FROM main.settings WHERE key = ?",
            (f"{MERGED_PREFIX}{parent}.{row_key(key)}",),
        ).fetchone()
        if found is None:
            return False
        try:
            alias = json.loads(str(found[0]))
            to, lost, won = alias["into"][0], str(alias["lost"]), str(alias["won"])
        except (ValueError, KeyError, IndexError, TypeError):
            return False
        row = self.conn.execute(f"SELECT * FROM main.{child} WHERE rowid = ?", (rowid,)).fetchone()
        if row is not None:  # it hung under the loser: it comes from the losing side
            self._move(child, tuple(row), column, to, lost, won)
        return True

    # -- merging -----------------------------------------------------------------------

    def _merge(
        self,
        table: str,
        loser: tuple[Any, ...],
        winner: tuple[Any, ...],
        loser_device: str,
        winner_device: str,
    ) -> None:
        cols = self.columns[table]
        winner_key = self._key(table, winner)
        loser_key = self._key(table, loser)
        for column in KEPT_TEXT.get(table, ()):
            i = cols.index(column)
            lost, kept = loser[i], winner[i]
            if isinstance(lost, str) and lost.strip() and lost != kept:
                kept_text = kept if isinstance(kept, str) else None
                self.copies.append(
                    Conflict(table, winner_key, column, kept_text, lost, loser_device)
                )
        pk = self.pks[table]
        if len(pk) == 1:
            old, new = loser[cols.index(pk[0])], winner[cols.index(pk[0])]
            for link in self._links.get(table, ()):
                if link.child not in self.columns:  # this machine's own (a video's path)
                    self.conn.execute(
                        f"UPDATE OR REPLACE main.{link.child} SET {link.column} = ? "
                        f"WHERE {link.column} = ?",
                        (new, old),
                    )
                    continue
                for row in self.conn.execute(
                    f"SELECT * FROM main.{link.child} WHERE {link.column} = ?", (old,)
                ).fetchall():
                    self._move(
                        link.child, tuple(row), link.column, new, loser_device, winner_device
                    )
            self.conn.execute(
                "INSERT OR REPLACE INTO main.settings (key, value, updated_at) VALUES (?, ?, ?)",
                (
                    f"{MERGED_PREFIX}{table}.{loser_key}",
                    json.dumps(
                        {"into": json.loads(winner_key), "lost": loser_device, "won": winner_device}
                    ),
                    self.now,
                ),
            )
        self._delete(table, loser)
        self.merged.append(Merged(table, loser_key, winner_key, loser_device))

    def _move(
        self, table: str, row: tuple[Any, ...], column: str, to: Any, mover: str, holder: str
    ) -> None:
        cols = self.columns[table]
        moved = list(row)
        moved[cols.index(column)] = to
        other = self._holder(table, tuple(moved), exclude=row)
        if other is not None:
            if newer(self._at(table, tuple(moved)), mover, self._at(table, other), holder):
                self._merge(table, other, tuple(moved), holder, mover)
            else:
                self._merge(table, row, other, mover, holder)
                return
        self.conn.execute(
            f"UPDATE main.{table} SET {column} = ? WHERE {_where(self.pks[table])}",
            [to, *self._pk(table, row)],
        )

    # -- rows ----------------------------------------------------------------------------

    def _holder(
        self, table: str, values: tuple[Any, ...], exclude: tuple[Any, ...] | None
    ) -> tuple[Any, ...] | None:
        """The row of this device holding one of `values`' unique keys, if any."""
        cols = self.columns[table]
        mine = self._pk(table, exclude) if exclude is not None else None
        for unique in self._uniques.get(table, ()):
            key = [values[cols.index(c)] for c in unique]
            if any(v is None for v in key):
                continue
            for found in self.conn.execute(
                f"SELECT * FROM main.{table} WHERE {_where(unique)}", key
            ).fetchall():
                if mine is None or self._pk(table, tuple(found)) != mine:
                    return tuple(found)
        return None

    def _pk(self, table: str, row: tuple[Any, ...]) -> list[Any]:
        cols = self.columns[table]
        return [row[cols.index(c)] for c in self.pks[table]]

    def _key(self, table: str, row: tuple[Any, ...]) -> RowKey:
        return row_key(self._pk(table, row))

    def _at(self, table: str, row: tuple[Any, ...]) -> str:
        column = STAMPS.get(table)
        return stamp(row[self.columns[table].index(column)]) if column else ""

    def _delete(self, table: str, row: tuple[Any, ...]) -> None:
        self.conn.execute(
            f"DELETE FROM main.{table} WHERE {_where(self.pks[table])}", self._pk(table, row)
        )
        # a merge is not a delete a person made: no tombstone to weigh against edits
        self.conn.execute(
            "DELETE FROM sync_tombstones WHERE table_name = ? AND row_key = ?",
            (table, self._key(table, row)),
        )

    def _insert(self, table: str, row: tuple[Any, ...]) -> None:
        marks = ", ".join("?" for _ in row)
        self.conn.execute(f"INSERT INTO main.{table} VALUES ({marks})", row)
