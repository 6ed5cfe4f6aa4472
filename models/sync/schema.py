"""The sync's own tables (revision 0015): they stay on this machine, never synced."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Integer,
    PrimaryKeyConstraint,
    Table,
    Text,
    text,
)

from models.base import Base

# This device: its name and the block its new ids come from (models/sync/ids.py).
sync_device = Table(
    "sync_device",
    Base.metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("block", Integer, nullable=False),
    CheckConstraint("id = 1", name="one_row"),
)
# The last changeset applied from each other device.
sync_applied = Table(
    "sync_applied",
    Base.metadata,
    Column("device", Text, primary_key=True),
    Column("seq", Integer, nullable=False),
)
# When a synced row was deleted (triggers of revision 0015): a delete beats only older edits.
sync_tombstones = Table(
    "sync_tombstones",
    Base.metadata,
    Column("table_name", Text, nullable=False),
    Column("row_key", Text, nullable=False),  # json_array of the primary key
    Column("deleted_at", Text, nullable=False),
    PrimaryKeyConstraint("table_name", "row_key"),
)
# Text that lost a conflict, kept for the user to look at (seen once dismissed).
sync_conflicts = Table(
    "sync_conflicts",
    Base.metadata,
    Column("id", Integer, primary_key=True),
    Column("table_name", Text, nullable=False),
    Column("row_key", Text, nullable=False),
    Column("column_name", Text, nullable=False),
    Column("kept_text", Text, nullable=True),
    Column("lost_text", Text, nullable=False),
    Column("lost_device", Text, nullable=False),
    Column("resolved_at", DateTime, nullable=False),
    Column("seen", Boolean, nullable=False, server_default=text("0")),
)
