"""What the library's first screen reads, in plain SQL over `Database.connect()`.

The table's rows, the filter bar's choices, the selected item's detail and a setting are
read here with sqlite3 alone: the desktop shows its first screen before SQLAlchemy, the ORM
and the mapped classes (~0.25 s of imports) are loaded, which then happens after the first
paint (docs/benchmarks.md, "Start to first rows visible"). LibraryService, SettingsService
and friends delegate these reads here, so there is one implementation of each.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeAlias

from models.db import Connectable, Database, explaining_errors, query, write_token
from models.errors import NotFoundError
from models.kinds import PLATFORMS
from models.services.dto import ItemDetail, OpenPointInfo, PassInfo

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

TAG_SEPARATOR = "\x1f"  # joins tag names in the rows query (never part of a name)
PAPER_DEPTHS = ("skim", "read", "deep")  # Li Mu's three readings of a paper

# A table row as a plain tuple in ItemRow's field order; ItemRow._make(row) names it.
RowValues: TypeAlias = tuple[
    int,
    str,
    str,
    str,
    "str | None",
    "int | None",
    tuple[str, str, str],
    "datetime | None",
    tuple[str, ...],
]
_STATUSES = ("todo", "in_progress", "done")
# pass_statuses by the code the rows query computes: Σ weight(status of pass n) · 3^(n-1)
_STATUS_TUPLES = tuple(
    (_STATUSES[c % 3], _STATUSES[c // 3 % 3], _STATUSES[c // 9]) for c in range(27)
)

# The unfiltered rows query (models.services.library.rows_query compiled for SQLite; a test
# keeps the two equal): all rows in course order, passes and tags aggregated by SQLite. One
# small integer stands for the three statuses, so fewer columns are read and built and the
# 27 status tuples are shared.
ALL_ROWS_SQL = (
    "SELECT items.id, items.kind, items.title, items.source, items.category, "
    "items.duration_seconds, coalesce(sum(CASE WHEN (passes.status = 'in_progress') THEN 1 "
    "WHEN (passes.status = 'done') THEN 2 ELSE 0 END * CASE WHEN (passes.number = 2) THEN 3 "
    "WHEN (passes.number = 3) THEN 9 ELSE 1 END), 0) AS coalesce_1, "
    "max(max(coalesce(passes.started_at, ''), coalesce(passes.finished_at, ''))) AS max_1, "
    "(SELECT group_concat(tags.name, '\x1f') AS group_concat_1 \n"
    "FROM item_tags JOIN tags ON tags.id = item_tags.tag_id \n"
    "WHERE item_tags.item_id = items.id) AS anon_1 \n"
    "FROM items LEFT OUTER JOIN passes ON passes.item_id = items.id GROUP BY items.id "
    "ORDER BY items.source, items.position, items.id"
)


_GROUPED = "GROUP BY items.id "
assert ALL_ROWS_SQL.count(_GROUPED) == 1
# the same rows of a few items (their ids as a JSON list): a row patched after a write
SOME_ROWS_SQL = ALL_ROWS_SQL.replace(
    _GROUPED, "WHERE items.id IN (SELECT value FROM json_each(?)) " + _GROUPED
)
# the first rows in course order (the index on source, position): a large library's first
# screen, shown while the worker reads them all
FIRST_ROWS_SQL = ALL_ROWS_SQL.replace(
    _GROUPED,
    "WHERE items.id IN (SELECT id FROM items ORDER BY source, position, id LIMIT ?) " + _GROUPED,
)


def build_rows(result: Iterable[Sequence[Any]], previous: dict[int, RowValues]) -> list[RowValues]:
    """Plain row tuples from the rows query's result, built with as few new objects as we can.

    Kinds, sources, categories and tag names repeat across rows: one string each. A row
    equal to one in `previous` (the last loaded list) is that row, so a reload after an
    import holds one copy of the unchanged rows, not two.
    """
    atoms: dict[Any, Any] = {}
    atom = atoms.setdefault
    tag_sets: dict[str, tuple[str, ...]] = {}
    parse = datetime.fromisoformat
    # new status tuples per load: young ones, which the collector untracks (module constants
    # may have been frozen by gc.freeze while still tracked, which would keep every row tracked)
    statuses = [(first, second, third) for first, second, third in _STATUS_TUPLES]
    old = previous.get
    rows: list[RowValues] = []
    append = rows.append
    for item_id, kind, title, source, category, duration, code, last, names in result:
        if names:
            tags = tag_sets.get(names)
            if tags is None:
                split = names.split(TAG_SEPARATOR)
                tags = tag_sets[names] = tuple(sorted(atom(n, n) for n in split))
        else:
            tags = ()
        row = (
            item_id,
            atom(kind, kind),
            title,
            atom(source, source),
            atom(category, category),
            duration,
            statuses[code],
            parse(last) if last else None,
            tags,
        )
        kept = old(item_id)
        append(kept if kept == row else row)
    return rows


_epoch_lock = threading.Lock()
_epoch = [0]  # bumped whenever a connection sees that something was written (data_epoch)


def data_epoch(s: Session | Connection | sqlite3.Connection) -> int | None:
    """A number that stays the same while nothing is written to the database, from any thread.

    Each connection remembers the last write token it saw (models.db.write_token). When a
    connection sees it move, or is new, the process-wide epoch is bumped. A write after an
    epoch was handed out is therefore seen by the first connection that looks afterwards,
    whichever it is (the library view loads rows in a new worker thread, so on any pooled
    connection). Bumps for other databases only cost a reload. None when not on SQLite (no
    caching then).
    """
    found = write_token(s)
    if found is None:
        return None
    _raw, info, seen = found
    with _epoch_lock:
        if info.get("threepass_seen") != seen:
            info["threepass_seen"] = seen
            _epoch[0] += 1
        return _epoch[0]


def _datetime(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


ITEM_COLUMNS = (
    "id",
    "kind",
    "title",
    "url",
    "source",
    "external_key",
    "category",
    "year",
    "published",
    "duration_seconds",
    "summary",
    "number",
    "position",
    "reading_minutes",
    "scheduled_for",
    *(f"link_{p}" for p in PLATFORMS),
)


@dataclass(frozen=True)
class WriteMark:
    """Where the library stood just before a write (LibraryReader.mark): the file's write
    version and this process's commit count."""

    version: int | None
    commits: int


class LibraryReader:
    """The library's reads that need no ORM; holds the last full row list (see all_rows)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        # (data epoch, rows), or, on a library file, (the file's write version, rows)
        self._all_rows: tuple[int, list[RowValues]] | None = None
        self._load_lock = threading.Lock()  # one full load at a time (worker threads)

    # ---- what the kept rows are as new as ------------------------------------------------
    def version(self, connection: Connectable) -> int | None:
        """What the kept rows are checked against. On a library file: its write version
        (`Database.data_version`, one observer for the whole process, moving once after any
        commit of any connection), so a write makes the rows stale once, not once per pooled
        connection that notices it (each such notice was a full reload, ~0.8 s at 100k).
        Else the data epoch of `connection`."""
        if self._db.path is not None:
            version = self._db.data_version()
            if version is not None:
                return version
        return data_epoch(connection)

    def mark(self) -> WriteMark:
        """Taken inside a write transaction once it holds the write lock (after its first
        statement): no other connection can commit until this one has, so the version read
        here is the file's just before this write. See `wrote`."""
        version = self._db.data_version() if self._db.path is not None else None
        return WriteMark(version, self._db.commits)

    def wrote(self, mark: WriteMark, changed: Collection[int] = ()) -> None:
        """After a write of this process (one transaction, marked) that changed the table
        rows of `changed` only (nothing: a note), bring the kept rows up to date in place
        instead of dropping them: the search typed next would otherwise wait for every row
        to be read again. Only if the rows were current at the mark and that write is the
        only commit of this process since; else they are reloaded on the next read, as
        before. Rows of items added or removed are not patched (reloaded too)."""
        if mark.version is None:
            return
        with self._load_lock:
            cached = self._all_rows
            if cached is None or cached[0] != mark.version:
                return
            if self._db.commits != mark.commits + 1:
                return  # another write of this process came in between
            version = self._db.data_version()
            if version is None:
                return
            rows = cached[1]
            if changed:
                wanted = set(changed)
                with self._db.connect() as connection:
                    fresh = {row[0]: row for row in self.read_rows_of(connection, wanted)}
                positions = [i for i, row in enumerate(rows) if row[0] in wanted]
                if len(fresh) != len(wanted) or len(positions) != len(wanted):
                    return  # added or removed: reloaded whole
                rows = list(rows)  # readers may hold the old list
                for i in positions:
                    rows[i] = fresh[rows[i][0]]
            self._all_rows = (version, rows)

    # ---- table rows --------------------------------------------------------------------
    def all_rows(self) -> list[RowValues]:
        """Every table row in course order, as plain tuples (a new list: callers may change
        it). Kept while nothing is written (data_epoch), so the search that follows filters
        the loaded rows instead of reading them again."""
        with self._db.connect() as connection:
            epoch = self.version(connection)
            if epoch is None:
                return self.read_rows(connection, {})
            return list(self.rows_at(connection, epoch))

    def fresh_rows(self, epoch: int) -> list[RowValues] | None:
        """The kept rows if they are as new as `epoch`, else None."""
        cached = self._all_rows
        return cached[1] if cached is not None and cached[0] == epoch else None

    def has_rows(self) -> bool:
        """Whether a full list was ever loaded (the library has been browsed)."""
        return self._all_rows is not None

    def rows_at(self, connection: Connectable, epoch: int) -> list[RowValues]:
        """The kept rows, read again first if something was written since (one thread at a
        time: the others then reuse its list). Not a copy."""
        fresh = self.fresh_rows(epoch)
        if fresh is not None:
            return fresh
        with self._load_lock:
            cached = self._all_rows
            if cached is not None and cached[0] >= epoch:
                return cached[1]  # loaded meanwhile by another thread, as new or newer
            # the version before the read: a write during it leaves the rows stale, not lost
            previous = {row[0]: row for row in cached[1]} if cached is not None else {}
            rows = self.read_rows(connection, previous)
            self._all_rows = (epoch, rows)
            return rows

    def read_rows(self, connection: Connectable, previous: dict[int, RowValues]) -> list[RowValues]:
        """The unfiltered rows query, through the raw sqlite3 cursor: SQLAlchemy's result rows
        cost about as much as the query itself at 100k items. A session's connection is
        read through its sqlite3 connection too."""
        if isinstance(connection, sqlite3.Connection):
            raw: object = connection
        else:
            raw = connection.connection.dbapi_connection
            if not isinstance(raw, sqlite3.Connection):  # another database: the portable query
                from models.services.library import rows_query  # the ORM, off the first screen

                return build_rows(connection.execute(rows_query()), previous)
        assert isinstance(raw, sqlite3.Connection)
        # also under a Session, whose read() explains SQLAlchemy's errors, not the raw cursor's
        with explaining_errors(self._db.path, writing=False):
            return build_rows(raw.execute(ALL_ROWS_SQL), previous)

    def read_rows_of(self, connection: Connectable, ids: Collection[int]) -> list[RowValues]:
        """The rows of these items (plain SQL; on a library file only)."""
        assert isinstance(connection, sqlite3.Connection)
        with explaining_errors(self._db.path, writing=False):
            return build_rows(connection.execute(SOME_ROWS_SQL, (json.dumps(sorted(ids)),)), {})

    def first_rows(self, limit: int) -> list[RowValues]:
        """The first `limit` rows of `all_rows` (a millisecond at 100k items: no full read)."""
        with self._db.connect() as connection:
            if not isinstance(connection, sqlite3.Connection):  # another database
                return self.all_rows()[:limit]
            with explaining_errors(self._db.path, writing=False):
                return build_rows(connection.execute(FIRST_ROWS_SQL, (limit,)), {})

    # ---- small reads -------------------------------------------------------------------
    def count(self) -> int:
        with self._db.connect() as connection:
            return int(query(connection, "SELECT count(*) FROM items")[0][0] or 0)

    def categories(self) -> list[str]:
        with self._db.connect() as connection:
            sql = "SELECT DISTINCT category FROM items WHERE category IS NOT NULL"
            return [c for (c,) in query(connection, sql) if c]

    def tag_names(self) -> list[str]:
        with self._db.connect() as connection:
            return [n for (n,) in query(connection, "SELECT name FROM tags ORDER BY name")]

    def setting(self, key: str, default: Any = None) -> Any:
        """A stored study rule (JSON), or `default` when it was never set."""
        with self._db.connect() as connection:
            rows = query(connection, "SELECT value FROM settings WHERE key = :key", {"key": key})
        return default if not rows or rows[0][0] is None else json.loads(rows[0][0])

    # ---- one item ------------------------------------------------------------------------
    def item_detail(self, item_id: int) -> ItemDetail:
        """Everything the item pane shows of one item."""
        with self._db.connect() as connection:
            found = query(
                connection,
                f"SELECT {', '.join(ITEM_COLUMNS)} FROM items WHERE id = :id",
                {"id": item_id},
            )
            if not found:
                raise NotFoundError(f"No item with id {item_id}.")
            row = dict(zip(ITEM_COLUMNS, found[0], strict=True))
            by_item = {"id": item_id}
            tags = query(
                connection,
                "SELECT tags.name FROM tags JOIN item_tags ON tags.id = item_tags.tag_id "
                "WHERE item_tags.item_id = :id ORDER BY tags.id",
                by_item,
            )
            passes = query(
                connection,
                "SELECT number, speed, depth, status, started_at, finished_at, "
                "minutes_spent FROM passes WHERE item_id = :id ORDER BY number",
                by_item,
            )
            notes = query(
                connection,
                "SELECT pass_number, body FROM notes WHERE item_id = :id ORDER BY id",
                by_item,
            )
            points = query(
                connection,
                "SELECT id, text, resolved_in_pass, question_id FROM open_points "
                "WHERE item_id = :id ORDER BY id",
                by_item,
            )
            covers = query(
                connection,
                "SELECT items.id, items.title FROM items JOIN item_covers "
                "ON items.id = item_covers.paper_id WHERE item_covers.video_id = :id "
                "ORDER BY items.id",
                by_item,
            )
            covered_by = query(
                connection,
                "SELECT items.id, items.title FROM items JOIN item_covers "
                "ON items.id = item_covers.video_id WHERE item_covers.paper_id = :id "
                "ORDER BY items.id",
                by_item,
            )
            also_from = query(
                connection,
                "SELECT DISTINCT source FROM item_sources WHERE item_id = :id ORDER BY source",
                by_item,
            )
            return ItemDetail(
                id=row["id"],
                kind=row["kind"],
                title=row["title"],
                url=row["url"],
                source=row["source"],
                external_key=row["external_key"],
                category=row["category"],
                year=row["year"],
                published=row["published"],
                duration_seconds=row["duration_seconds"],
                links={p: row[f"link_{p}"] for p in PLATFORMS},
                summary=row["summary"],
                number=row["number"],
                position=row["position"],
                reading_minutes=row["reading_minutes"],
                scheduled_for=_date(row["scheduled_for"]),
                tags=tuple(name for (name,) in tags),
                passes=tuple(
                    PassInfo(
                        number=number,
                        speed=speed,
                        depth=depth,
                        status=status,
                        started_at=_datetime(started),
                        finished_at=_datetime(finished),
                        minutes_spent=minutes,
                    )
                    for number, speed, depth, status, started, finished, minutes in passes
                ),
                notes={number: body for number, body in notes},
                open_points=tuple(OpenPointInfo(*point) for point in points),
                covers=tuple((int(i), t) for i, t in covers),
                covered_by=tuple((int(i), t) for i, t in covered_by),
                also_from=tuple(name for (name,) in also_from if name != row["source"]),
            )
