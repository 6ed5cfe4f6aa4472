"""Which tables a sync carries, and how each row's changes are compared.

Kept in one place so the migration's triggers, the engine and the tests agree. A table
missing from both SYNCED and LOCAL fails tests/sync/test_tables.py: a new table must be
placed on purpose.
"""

from __future__ import annotations

# Tables whose rows travel between devices. Order: parents before children (resends of
# whole rows are written in this order).
SYNCED: tuple[str, ...] = (
    "items",
    "tags",
    "companies",
    "questions",
    "journal_notes",
    "settings",
    "passes",
    "notes",
    "open_points",
    "study_sessions",
    "pass_positions",
    "item_tags",
    "item_covers",
    "item_sources",
    "applications",
    "application_events",
    "interview_rounds",
    "question_reviews",
    "item_companies",
    "question_items",
    "question_companies",
    "round_questions",
)

# Tables that stay on this machine: derived (the search index's tables are recognised by
# their prefix), per-machine, or the sync's own bookkeeping.
LOCAL: tuple[str, ...] = (
    "alembic_version",
    "item_video_files",  # a path on this machine's disk
    "sync_device",
    "sync_applied",
    "sync_tombstones",
    "sync_conflicts",
)
LOCAL_PREFIXES: tuple[str, ...] = ("search_",)

# The column that says when a row last changed: the newer side wins a conflict.
STAMPS: dict[str, str] = {
    "items": "updated_at",
    "tags": "updated_at",
    "companies": "updated_at",
    "questions": "updated_at",
    "journal_notes": "updated_at",
    "settings": "updated_at",
    "passes": "updated_at",
    "notes": "updated_at",
    "open_points": "updated_at",
    "study_sessions": "updated_at",
    "pass_positions": "saved_at",
    "applications": "updated_at",
    "application_events": "at",
    "interview_rounds": "updated_at",
    "question_reviews": "reviewed_at",
}

# Tables revision 0015 gives an `updated_at` (the others had one, or never change).
STAMPED_BY_0015: tuple[str, ...] = (
    "tags",
    "companies",
    "questions",
    "settings",
    "passes",
    "open_points",
    "study_sessions",
    "interview_rounds",
)

# Text a person wrote: when it loses a conflict it is kept as a conflict copy.
KEPT_TEXT: dict[str, tuple[str, ...]] = {
    "notes": ("body",),
    "journal_notes": ("title", "body"),
    "items": ("title", "summary"),
    "questions": ("text", "detail", "answer"),
    "open_points": ("text",),
    "companies": ("notes",),
    "applications": ("contacts", "next_action"),
    "interview_rounds": ("interviewer_notes", "outcome"),
}

# Settings that describe this machine, not the study: never sent, never applied, and left
# out of the JSON export (two synced libraries export the same document). "sync_merged.":
# the ids this device merged into others (models/sync/clash.py).
LOCAL_SETTING_PREFIXES: tuple[str, ...] = (
    "fetch_validators.",
    "import_state.",
    "backup_keep_",
    "sync_merged.",
)

# A row brought back because a newer edit beat its deletion brings these children with it
# (an item without its three passes would be half an item).
RESTORED_WITH: dict[str, tuple[tuple[str, str], ...]] = {"items": (("passes", "item_id"),)}


def is_local_table(name: str) -> bool:
    return name in LOCAL or name.startswith(LOCAL_PREFIXES)


def is_local_setting(key: object) -> bool:
    return isinstance(key, str) and key.startswith(LOCAL_SETTING_PREFIXES)
