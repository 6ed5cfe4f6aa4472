"""Query text for LIKE and the full-text index: pure helpers without the ORM.

Shared by the ORM services (library, search, links, review, journal) and the plain-SQL
readers of the first screen (link_read), which must not import sqlalchemy.orm (issue #7).
"""

from __future__ import annotations

NOTE_TABLE = "search_notes"  # the FTS5 table over notes.body (rowid = notes.id), see search.py


def like_pattern(needle: str) -> str:
    """`%needle%` with LIKE's wildcards escaped; use with ESCAPE '\\'."""
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def fts_phrase(needle: str) -> str:
    """An FTS5 query matching `needle` as one literal substring (quotes doubled)."""
    return '"' + needle.replace('"', '""') + '"'
