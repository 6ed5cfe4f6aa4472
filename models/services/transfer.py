"""The JSON transfer service: export the whole database, import a document into it.

The document itself (format, validator) is in `transfer_document.py`, the export's reads in
`transfer_export.py`. Import writes a validated document in one transaction with bulk
inserts, so a 100k-item document imports in seconds and a bad one changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.base import Base
from models.clock import Clock, SystemClock
from models.db import Database
from models.errors import ValidationError
from models.library import Setting
from models.services.backup import BackupService
from models.services.import_summary import ImportSummary, KindCounts
from models.services.transfer_document import (
    DocumentError,
    Json,
    PreparedDocument,
    prepare_document,
    validate_document,
)
from models.services.transfer_export import dumps_document, export_document, export_items

# The document's own API, importable from here as before the split.
__all__ = [
    "DocumentError",
    "ImportSummary",
    "PreparedDocument",
    "TransferService",
    "dumps_document",
    "prepare_document",
    "validate_document",
]


DOCUMENT_SOURCE = "json"
# The tables an import's summary counts rows of (settings are counted apart).
_COUNTED_TABLES = (
    "items",
    "passes",
    "notes",
    "open_points",
    "study_sessions",
    "tags",
    "companies",
    "applications",
    "interview_rounds",
    "questions",
    "journal_notes",
)

# Tables whose rows make a database "not empty" for a non-replacing import.
CONTENT_TABLES = ("items", "tags", "companies", "questions", "journal_notes")


def _content_counts(s: Session) -> dict[str, int]:
    return {
        name: int(s.scalar(select(func.count()).select_from(Base.metadata.tables[name])) or 0)
        for name in CONTENT_TABLES
    }


def _not_empty(counts: dict[str, int]) -> ValidationError:
    held = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items() if n)
    return ValidationError(
        f"The database already holds {held}; import into an empty data folder, "
        "or replace everything with --replace (a backup is made first)."
    )


class TransferService:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self._db = db
        self._clock = clock or SystemClock()

    def export_document(self) -> Json:
        """The whole database as a JSON-able dict in a stable order (ids, then time)."""
        with self._db.read() as s:
            if s.get_bind().dialect.name == "sqlite":
                # pysqlite only opens transactions for writes; read every table in one snapshot.
                s.connection().exec_driver_sql("BEGIN")
            return export_document(s)

    def list_items(self) -> list[Json]:
        """Every item with its links and three passes (the `threepass list --json` shape)."""
        with self._db.read() as s:
            items = export_items(s, full=False)
        return [
            {
                "id": it["id"],
                "kind": it["kind"],
                "title": it["title"],
                "url": it["url"],
                "source": it["source"],
                "external_key": it["external_key"],
                "category": it["category"],
                "year": it["year"],
                "published": it["published"],
                "duration_seconds": it["duration_seconds"],
                "links": it["links"],
                "tags": it["tags"],
                "minutes_spent": sum(p["minutes_spent"] for p in it["passes"]),
                "open_points_unresolved": sum(
                    1 for o in it["open_points"] if o["resolved_in_pass"] is None
                ),
                "passes": [{k: v for k, v in p.items() if k != "sessions"} for p in it["passes"]],
            }
            for it in items
        ]

    def content_counts(self) -> dict[str, int]:
        with self._db.read() as s:
            return _content_counts(s)

    def import_document(self, doc: Any, replace: bool = False) -> ImportSummary:
        """Validate everything, then write it in one transaction.

        Into a database holding any content (CONTENT_TABLES) only with replace=True, which
        first saves a backup copy of the database file and then swaps all content.
        """
        rows = (
            doc if isinstance(doc, PreparedDocument) else prepare_document(doc, self._clock.now())
        )
        counts = self.content_counts()
        backup: Path | None = None
        rotated: list[Path] = []
        if any(counts.values()):
            if not replace:
                raise _not_empty(counts)
            path = self._db.path
            if path is not None and path.exists():
                # a consistent copy (SQLite online backup) before --replace wipes everything,
                # listed by `backup --list` and rotated like the other kinds
                info, rotated = BackupService(path, self._clock).before_import()
                backup = info.path
        try:
            with self._db.transaction() as s:
                if replace:
                    for table in reversed(Base.metadata.sorted_tables):
                        s.execute(delete(table))
                else:
                    counts = _content_counts(s)  # again, inside the transaction
                    if any(counts.values()):
                        raise _not_empty(counts)
                if not replace and rows.settings:
                    s.execute(
                        delete(Setting).where(Setting.key.in_([r["key"] for r in rows.settings]))
                    )
                if rows.settings:
                    s.execute(insert(Setting), rows.settings)
                for table in Base.metadata.sorted_tables:
                    if table.name == "settings":
                        continue
                    data = rows.tables.get(table.name)
                    if data:
                        s.execute(insert(table), data)
        except IntegrityError as err:
            raise ValidationError(
                f"The document breaks a database rule ({err.orig}); nothing was imported."
            ) from err
        return ImportSummary(
            source=DOCUMENT_SOURCE,
            lines=(
                *(KindCounts(table, added=rows.count(table)) for table in _COUNTED_TABLES),
                KindCounts("settings", added=len(rows.settings)),
            ),
            document=True,
            replaced=replace and any(counts.values()),
            backup=backup,
            rotated=tuple(rotated),
        )
