"""The text that lost a sync conflict (`sync_conflicts`), for the user to look at.

Read and dismissed through the desktop's own Database (stdlib sqlite3): these are plain
reads and writes of this machine's table, never done while the sync process holds apsw in
this same process.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from models.db import Database


@dataclass(frozen=True)
class KeptText:
    id: int
    table: str
    row_key: str  # JSON array of the row's primary key, e.g. "[42]"
    column: str
    kept_text: str | None  # what the row holds now (None: the row was deleted)
    lost_text: str  # what lost, kept here
    lost_device: str
    resolved_at: datetime


def conflicts(db: Database, *, include_seen: bool = False) -> list[KeptText]:
    from sqlalchemy import text

    sql = (
        "SELECT id, table_name, row_key, column_name, kept_text, lost_text, lost_device, "
        "resolved_at FROM sync_conflicts" + ("" if include_seen else " WHERE seen = 0")
    )
    with db.read() as s:
        return [
            KeptText(int(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], datetime.fromisoformat(r[7]))
            for r in s.execute(text(sql + " ORDER BY id"))
        ]


def dismiss_conflicts(db: Database, ids: list[int]) -> None:
    from sqlalchemy import bindparam, text

    with db.transaction() as s:
        s.execute(
            text("UPDATE sync_conflicts SET seen = 1 WHERE id IN :ids").bindparams(
                bindparam("ids", expanding=True)
            ),
            {"ids": ids},
        )
