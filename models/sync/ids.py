"""Primary keys that never collide between devices: one block of ids per device.

Device k allocates ids in [k·2^32, (k+1)·2^32): rows made on two devices before they sync
get different keys, ids stay integers (the JSON export is unchanged) and stay short enough
to type (device 1's first item is 4294967297; a library that never synced is block 0 and
keeps its ids). The block is `sync_device.block`, given when the device joins a sync
folder (models/sync/engine.py). SQLite's own choice (the largest id + 1) would follow
another device's block once its rows arrive, so every insert of a single integer key goes
through `next_ids`: the ORM's before_insert hook (registered in models/base.py) and the
importer's bulk inserts (models/services/importing.py).
"""

from __future__ import annotations

from typing import Any

BLOCK_BITS = 32
BLOCK_SIZE = 1 << BLOCK_BITS
_LAST = "threepass.sync_ids"  # Connection.info: the last id handed out per table


def block_range(block: int) -> tuple[int, int]:
    """[low, high) of the ids of `block`."""
    return block * BLOCK_SIZE, (block + 1) * BLOCK_SIZE


def device_block(connection: Any) -> int:
    """This database's block (0 before it ever synced). `connection`: SQLAlchemy's."""
    try:
        row = connection.exec_driver_sql("SELECT block FROM sync_device WHERE id = 1").first()
    except Exception:  # a schema older than 0015 (an upgrade's own steps): block 0
        return 0
    return int(row[0]) if row is not None else 0


def next_ids(connection: Any, table: str, count: int = 1) -> int:
    """The first of `count` free consecutive ids of this device's block in `table`.

    Within one transaction (which holds the write lock) ids handed out but not yet
    inserted (one flush of many rows) are remembered on the connection.
    """
    low, high = block_range(device_block(connection))
    top = connection.exec_driver_sql(
        f"SELECT max(id) FROM {table} WHERE id >= ? AND id < ?", (low, high)
    ).scalar()
    last: dict[str, int] = connection.info.setdefault(_LAST, {})
    given = last.get(table, low)
    start = max(low, int(top) if top is not None else low, given if given < high else low) + 1
    if start + count > high:
        raise OverflowError(f"no ids left in this device's block for {table}")
    last[table] = start + count - 1
    return start


def assign_id(_mapper: Any, connection: Any, target: Any) -> None:
    """before_insert: give a new row of a table keyed by one integer `id` its id."""
    table = _mapper.local_table
    keys = list(table.primary_key.columns)
    if len(keys) != 1 or keys[0].name != "id" or getattr(target, "id", None) is not None:
        return
    target.id = next_ids(connection, table.name)


def renumber(conn: Any, tables: dict[str, list[str]], source: int, target: int) -> int:
    """Move every row of block `source` into block `target`, foreign keys following, so a
    library with content can join a folder where its ids belong to another device.

    `conn`: an apsw connection inside the sync's transaction, foreign keys off; `tables`:
    the synced tables' primary keys. The search index's triggers follow the ids (they fire
    on UPDATE OF id). Returns the number of rows that got a new id.
    """
    low, high = block_range(source)
    shift = block_range(target)[0] - low
    keyed = [t for t, pk in tables.items() if pk == ["id"]]
    moved = 0
    for table in keyed:
        moved += conn.execute(
            f"SELECT count(*) FROM main.{table} WHERE id >= ? AND id < ?", (low, high)
        ).fetchone()[0]
        conn.execute(
            f"UPDATE main.{table} SET id = id + ? WHERE id >= ? AND id < ?", (shift, low, high)
        )
    names = [
        str(r[0])
        for r in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")
        if not str(r[0]).startswith("sqlite_")
    ]
    for child in names:
        for fk in conn.execute(f"PRAGMA main.foreign_key_list({child})").fetchall():
            parent, column = str(fk[2]), str(fk[3])
            if parent in keyed:
                conn.execute(
                    f"UPDATE main.{child} SET {column} = {column} + ? "
                    f"WHERE {column} >= ? AND {column} < ?",
                    (shift, low, high),
                )
    return int(moved)
