"""The text that lost a sync conflict (`sync_conflicts`), for the user to look at.

Read and dismissed through the desktop's own Database (stdlib sqlite3): these are plain
reads and writes of this machine's table, never done while the sync process holds apsw in
this same process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from models.db import Database

# Where a kept text lives, in words a user finds it by: the item's title (and the pass),
# the note's title, the question, the company. Keyed by table; one row id parameter.
_SUBJECT: dict[str, str] = {
    "notes": "SELECT i.title, n.pass_number FROM notes AS n JOIN items AS i "
    "ON i.id = n.item_id WHERE n.id = :id",
    "journal_notes": "SELECT title, NULL FROM journal_notes WHERE id = :id",
    "items": "SELECT title, NULL FROM items WHERE id = :id",
    "questions": "SELECT text, NULL FROM questions WHERE id = :id",
    "open_points": "SELECT i.title, NULL FROM open_points AS o JOIN items AS i "
    "ON i.id = o.item_id WHERE o.id = :id",
    "companies": "SELECT name, NULL FROM companies WHERE id = :id",
    "applications": "SELECT c.name || coalesce(' · ' || nullif(a.role, ''), ''), NULL "
    "FROM applications AS a JOIN companies AS c ON c.id = a.company_id WHERE a.id = :id",
    "interview_rounds": "SELECT c.name || coalesce(' · ' || nullif(a.role, ''), ''), NULL "
    "FROM interview_rounds AS r JOIN applications AS a ON a.id = r.application_id "
    "JOIN companies AS c ON c.id = a.company_id WHERE r.id = :id",
}


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
    # what the row belongs to, for people: the item's title, the question's text, the
    # company's name (None: the row is gone); `pass_number` for a pass's notes
    subject: str | None = None
    pass_number: int | None = None


def conflicts(db: Database, *, include_seen: bool = False) -> list[KeptText]:
    from sqlalchemy import text

    sql = (
        "SELECT id, table_name, row_key, column_name, kept_text, lost_text, lost_device, "
        "resolved_at FROM sync_conflicts" + ("" if include_seen else " WHERE seen = 0")
    )
    with db.read() as s:
        found = []
        for r in s.execute(text(sql + " ORDER BY id")).all():
            subject, number = _subject(s, str(r[1]), str(r[2]))
            found.append(
                KeptText(
                    int(r[0]),
                    r[1],
                    r[2],
                    r[3],
                    r[4],
                    r[5],
                    r[6],
                    datetime.fromisoformat(r[7]),
                    subject,
                    number,
                )
            )
        return found


def _subject(s: Any, table: str, key: str) -> tuple[str | None, int | None]:
    from sqlalchemy import text

    query = _SUBJECT.get(table)
    try:
        parts = json.loads(key)
    except ValueError:
        return None, None
    if query is None or not isinstance(parts, list) or len(parts) != 1:
        return None, None
    row = s.execute(text(query), {"id": parts[0]}).first()
    if row is None or row[0] is None:
        return None, None
    return str(row[0]), int(row[1]) if row[1] is not None else None


def dismiss_conflicts(db: Database, ids: list[int]) -> None:
    from sqlalchemy import bindparam, text

    with db.transaction() as s:
        s.execute(
            text("UPDATE sync_conflicts SET seen = 1 WHERE id IN :ids").bindparams(
                bindparam("ids", expanding=True)
            ),
            {"ids": ids},
        )
