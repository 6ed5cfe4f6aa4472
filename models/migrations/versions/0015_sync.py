"""sync between devices: id blocks, updated_at everywhere, tombstones (models/sync/)

Rows made on two devices before they sync must not share a primary key: each device
allocates ids in its own block (`sync_device.block`, models/sync/ids.py); a library that
never synced is block 0, which keeps every id it has. A conflict is decided by the newer
`updated_at`, so the tables that change and had none get one (existing rows: their
`created_at`, else the time of the upgrade). A delete wins over an edit only when newer,
so every delete of a synced row leaves a tombstone with its time (`sync_tombstones`,
written by triggers, so raw SQL and cascades are covered too). `sync_applied` holds the
last changeset applied from each other device and `sync_conflicts` the text that lost a
conflict. All four tables stay on this machine.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# Frozen copies of models/sync/tables.py as of this revision.
STAMPED = (
    "tags",
    "companies",
    "questions",
    "settings",
    "passes",
    "open_points",
    "study_sessions",
    "interview_rounds",
)
SYNCED = (
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
NOW_SQL = "strftime('%Y-%m-%d %H:%M:%f', 'now')"


def _pk_columns(bind: sa.Connection, table: str) -> list[str]:
    rows = bind.exec_driver_sql(f"PRAGMA table_info({table})").fetchall()
    return [row[1] for row in sorted((r for r in rows if r[5]), key=lambda r: r[5])]


def tombstone_trigger(table: str, pk: list[str]) -> str:
    key = "json_array(" + ", ".join(f"old.{c}" for c in pk) + ")"
    return (
        f"CREATE TRIGGER IF NOT EXISTS sync_tombstone_{table} AFTER DELETE ON {table} BEGIN "
        "INSERT OR REPLACE INTO sync_tombstones (table_name, row_key, deleted_at) "
        f"VALUES ('{table}', {key}, {NOW_SQL}); END"
    )


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    for table in STAMPED:
        columns = {c["name"] for c in inspector.get_columns(table)}
        if "updated_at" not in columns:  # a file an older ThreePass left half-upgraded
            op.add_column(table, sa.Column("updated_at", sa.DateTime(), nullable=True))
        source = "coalesce(created_at, :now)" if "created_at" in columns else ":now"
        bind.execute(
            sa.text(f"UPDATE {table} SET updated_at = {source} WHERE updated_at IS NULL"),
            {"now": now},
        )
    if not inspector.has_table("sync_device"):
        op.create_table(
            "sync_device",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("name", sa.Text(), nullable=False),
            sa.Column("block", sa.Integer(), nullable=False),
            sa.CheckConstraint("id = 1", name=op.f("ck_sync_device_one_row")),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_device")),
        )
    if not inspector.has_table("sync_applied"):
        op.create_table(
            "sync_applied",
            sa.Column("device", sa.Text(), nullable=False),
            sa.Column("seq", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("device", name=op.f("pk_sync_applied")),
        )
    if not inspector.has_table("sync_tombstones"):
        op.create_table(
            "sync_tombstones",
            sa.Column("table_name", sa.Text(), nullable=False),
            sa.Column("row_key", sa.Text(), nullable=False),
            sa.Column("deleted_at", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("table_name", "row_key", name=op.f("pk_sync_tombstones")),
        )
    if not inspector.has_table("sync_conflicts"):
        op.create_table(
            "sync_conflicts",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("table_name", sa.Text(), nullable=False),
            sa.Column("row_key", sa.Text(), nullable=False),
            sa.Column("column_name", sa.Text(), nullable=False),
            sa.Column("kept_text", sa.Text(), nullable=True),
            sa.Column("lost_text", sa.Text(), nullable=False),
            sa.Column("lost_device", sa.Text(), nullable=False),
            sa.Column("resolved_at", sa.DateTime(), nullable=False),
            sa.Column("seen", sa.Boolean(), nullable=False, server_default=sa.text("0")),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
        )
    for table in SYNCED:
        op.execute(tombstone_trigger(table, _pk_columns(bind, table)))


def downgrade() -> None:
    for table in reversed(SYNCED):
        op.execute(f"DROP TRIGGER IF EXISTS sync_tombstone_{table}")
    for table in ("sync_conflicts", "sync_tombstones", "sync_applied", "sync_device"):
        op.drop_table(table)
    for table in reversed(STAMPED):
        # SQLite (3.35+) drops a column in place: the table, its indexes and rows stay
        op.execute(f"ALTER TABLE {table} DROP COLUMN updated_at")
