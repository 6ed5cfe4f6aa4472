"""What an import did: the one summary every import returns, shown by the CLI and the GUI.

A source import (paper-reading, fast.ai, notes) counts records per kind; a JSON document
import counts the rows it wrote per table. Both are an `ImportSummary`, so the CLI and the
import dialog render one type. Plain values only: no SQLAlchemy, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from importers.records import SkippedRow
from models.kinds import ItemKind

# What each kind of record is called in English (the GUI translates its own labels).
KIND_LABELS: dict[str, str] = {
    "paper_video": "Videos",
    "paper": "Papers",
    "course_video": "Lessons",
    "article": "Articles",
    "question": "Questions",
    "company": "Companies",
    "note": "Notes",
}
ITEM_KINDS = frozenset(k.value for k in ItemKind)
CAREER_KINDS = frozenset({"question", "company"})

# The tables a JSON document import reports, in the order its sentence names them.
DOCUMENT_TABLES = (
    "items",
    "notes",
    "open_points",
    "study_sessions",
    "companies",
    "applications",
    "questions",
    "journal_notes",
)


@dataclass(frozen=True)
class KindCounts:
    """What happened to one kind of record (or, for a document, to one table's rows)."""

    kind: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind.replace("_", " ").capitalize())

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + self.skipped


@dataclass(frozen=True)
class ImportSummary:
    """Counts per kind and every skipped row; for a document, where the old data went."""

    source: str
    lines: tuple[KindCounts, ...] = ()
    skipped: tuple[SkippedRow, ...] = ()
    """Rows not imported, each with its reason (parse-time and write-time)."""
    not_modified: bool = False
    """The source is unchanged since the last import and nothing was written: the server said
    so (304), or the text read is the one imported last and the library still holds what
    that import wrote (``ImportService.import_text``)."""
    document: bool = False
    """A ThreePass JSON document: every line counts the rows written to one table."""
    replaced: bool = False
    """The document replaced content that was there (after a backup copy)."""
    backup: Path | None = None
    rotated: tuple[Path, ...] = ()
    """Older pre-import copies deleted to keep the newest ones."""

    @property
    def added(self) -> int:
        return sum(line.added for line in self.lines)

    @property
    def updated(self) -> int:
        return sum(line.updated for line in self.lines)

    @property
    def unchanged(self) -> int:
        return sum(line.unchanged for line in self.lines)

    @property
    def skipped_count(self) -> int:
        """Every skipped row, those skipped while parsing included."""
        return max(len(self.skipped), sum(line.skipped for line in self.lines))

    def count(self, kind: str) -> int:
        """Records of one kind (or rows of one table) the import wrote or found unchanged."""
        return sum(
            line.added + line.updated + line.unchanged for line in self.lines if line.kind == kind
        )

    @property
    def items_changed(self) -> bool:
        """The library's items may differ: views listing them should refresh."""
        return self.document or any(line.kind in ITEM_KINDS for line in self.lines)

    @property
    def career_changed(self) -> bool:
        return self.document or any(line.kind in CAREER_KINDS for line in self.lines)

    def describe(self) -> str:
        """One sentence, e.g. ``paper-reading: 149 added, 0 updated, 0 unchanged, 0 skipped.``"""
        if self.document:
            return self._describe_document()
        if self.not_modified:
            return f"{self.source}: unchanged since the last import, nothing to do."
        return (
            f"{self.source}: {self.added} added, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.skipped_count} skipped."
        )

    def _describe_document(self) -> str:
        counts = ", ".join(
            f"{self.count(table)} {table.replace('_', ' ')}" for table in DOCUMENT_TABLES
        )
        text = f"Imported {counts}."
        if self.backup is not None:
            text += f" The previous data was backed up to {self.backup}."
        if self.rotated:
            names = ", ".join(path.name for path in self.rotated)
            text += f" Older copies made before an import were deleted: {names}."
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "not_modified": self.not_modified,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped_count,
            "kinds": {
                line.kind: {
                    "added": line.added,
                    "updated": line.updated,
                    "unchanged": line.unchanged,
                    "skipped": line.skipped,
                }
                for line in self.lines
            },
            "skipped_rows": [{"where": s.where, "reason": s.reason} for s in self.skipped],
        }
