"""Schema migrations: old databases upgrade with a backup, newer ones are refused untouched."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, text

from models import migrate
from models.db import make_engine, open_database
from models.errors import DatabaseTooNewError
from models.paths import DB_FILENAME, resolve_location
from models.schema import Base
from models.services.library import LibraryService
from models.services.search import is_search_object
from models.services.transfer import TransferService
from tests.core.core_support import digest
from tests.migration_support import database_at, index_names

# Rows written with raw SQL exactly as the 0001 schema defines the tables.
ROWS_0001 = [
    "INSERT INTO items (id, kind, title, source, external_key, category, duration_seconds, "
    "link_bilibili, created_at, updated_at) VALUES "
    "(7, 'course_video', '动手学深度学习 05 线性代数', 'd2l', 'd2l-05', '基础', 4862, "
    "'https://www.bilibili.com/video/BV1eK4y1U7Qy', "
    "'2026-01-05 08:00:00.000000', '2026-01-05 08:00:00.000000')",
    "INSERT INTO passes (item_id, number, speed, status, started_at, finished_at, minutes_spent) "
    "VALUES (7, 1, 1.0, 'done', '2026-01-05 08:00:00.000000', '2026-01-05 09:30:00.000000', 81.0), "
    "(7, 2, 1.25, 'in_progress', '2026-01-12 08:00:00.000000', NULL, 20.0), "
    "(7, 3, 1.5, 'todo', NULL, NULL, 0.0)",
    "INSERT INTO notes (item_id, pass_number, body, created_at, updated_at) VALUES "
    "(7, 1, '## 不懂\n- 矩阵求导', '2026-01-05 08:10:00.000000', '2026-01-05 08:10:00.000000')",
    "INSERT INTO questions (id, text, detail, tags, answer, confidence, source, ease, "
    "interval_days, repetitions, created_at) VALUES (3, '矩阵求导的链式法则?', '', '', '', 2, "
    "'manual', 2.5, 0, 0, '2026-01-05 08:00:00.000000')",
    "INSERT INTO open_points (item_id, text, created_at, question_id) VALUES "
    "(7, '矩阵求导', '2026-01-05 08:20:00.000000', 3)",
    "INSERT INTO tags (id, name) VALUES (1, '线性代数')",
    "INSERT INTO item_tags (item_id, tag_id) VALUES (7, 1)",
    "INSERT INTO companies (id, name, priority, tags, notes, created_at) VALUES "
    "(2, '月之暗面', 1, '', '', '2026-01-05 08:00:00.000000')",
    "INSERT INTO item_companies (item_id, company_id) VALUES (7, 2)",
    "INSERT INTO question_items (question_id, item_id) VALUES (3, 7)",
    "INSERT INTO study_sessions (pass_id, started_at, ended_at, minutes, manual) VALUES "
    "(1, '2026-01-05 08:00:00.000000', '2026-01-05 09:21:00.000000', 81.0, 0)",
    "INSERT INTO settings (key, value) VALUES ('daily_budget_minutes', '120')",
]

NEW_INDEXES = {
    ("item_tags", "ix_item_tags_tag_id"),
    ("item_covers", "ix_item_covers_paper_id"),
    ("item_companies", "ix_item_companies_company_id"),
    ("question_items", "ix_question_items_item_id"),
    ("question_companies", "ix_question_companies_company_id"),
    ("round_questions", "ix_round_questions_question_id"),
    ("open_points", "ix_open_points_question_id"),
}


def schema_diffs(engine: Engine) -> list[Any]:
    # revision 0009's expression indexes (search_name_*) exist only in migrations, like the
    # FTS tables; SQLAlchemy cannot reflect them and says so
    skipped = "Skipped unsupported reflection of expression-based index search_"
    with warnings.catch_warnings(), engine.connect() as conn:
        warnings.filterwarnings("ignore", skipped)
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "compare_server_default": True,
                # FTS5 tables of revision 0005 (raw SQL, no ORM model): models/services/search.py
                "include_name": lambda name, _type, _parent: not is_search_object(name),
            },
        )
        return list(compare_metadata(context, Base.metadata))


def test_0001_database_with_data_opens_upgraded_and_intact(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = database_at(data, "0001", ROWS_0001)
    assert NEW_INDEXES.isdisjoint(index_names(path))

    db = open_database(resolve_location(data_dir=data))
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        item = LibraryService(db).get_item(7)
        assert item.title == "动手学深度学习 05 线性代数"
        assert [(p.status, p.speed) for p in item.passes] == [
            ("done", 1.0),
            ("in_progress", 1.25),
            ("todo", 1.5),
        ]
        assert item.notes == {1: "## 不懂\n- 矩阵求导"}
        assert item.tags == ("线性代数",)
        assert [(o.text, o.question_id) for o in item.open_points] == [("矩阵求导", 3)]
        doc = TransferService(db).export_document()
        assert doc["companies"][0]["name"] == "月之暗面"
        assert doc["items"][0]["companies"] == [2]
        assert doc["questions"][0]["items"] == [7]
        assert doc["items"][0]["passes"][0]["sessions"][0]["minutes"] == 81.0
        assert doc["settings"] == {"daily_budget_minutes": 120}
    finally:
        db.close()
    assert index_names(path) >= NEW_INDEXES

    backups = list((data / "backups").glob("pre-upgrade-0001-*.sqlite3"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert conn.execute("SELECT title FROM items").fetchall() == [
            ("动手学深度学习 05 线性代数",)
        ]
    conn.close()


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_database_from_a_newer_version_is_left_untouched(tmp_path: Path, journal: str) -> None:
    data = tmp_path / "data"
    open_database(resolve_location(data_dir=data)).close()
    path = data / DB_FILENAME
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA journal_mode = {journal}")
        conn.execute("UPDATE alembic_version SET version_num = '0042_future'")
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseTooNewError, match="newer version of ThreePass"):
        open_database(resolve_location(data_dir=data))
    assert digest(path) == before
    assert not (data / "backups").exists()


def test_models_match_the_migrations(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    try:
        migrate.upgrade(engine, "0001")
        stale = schema_diffs(engine)
        # The check can fail: at 0001 the indexes of 0002 (and later) are reported missing.
        assert {d[1].name for d in stale if d[0] == "add_index"} >= {n for _, n in NEW_INDEXES}
        migrate.upgrade(engine)
        assert schema_diffs(engine) == []
    finally:
        engine.dispose()


def test_0002_downgrades_and_upgrades_again(tmp_path: Path) -> None:
    path = database_at(tmp_path, "0001", ROWS_0001)
    engine = make_engine(f"sqlite:///{path}")
    try:
        migrate.upgrade(engine, "0002")
        with engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), "0001")
        assert NEW_INDEXES.isdisjoint(index_names(path))
        migrate.upgrade(engine, "0002")
        assert index_names(path) >= NEW_INDEXES
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM passes")).scalar() == 3
    finally:
        engine.dispose()


# ---- the head known without Alembic (models/migrate.py) ------------------------------------


def test_revision_scan_agrees_with_alembic() -> None:
    """Start-up reads the head from the revision files; it must be Alembic's head."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    alembic_map = {
        rev.revision: tuple(rev._normalized_down_revisions) for rev in script.walk_revisions()
    }
    assert migrate.scan_revisions() == alembic_map
    assert migrate.head_revision() == script.get_current_head()
    assert migrate.known_revisions() == set(alembic_map)


def test_stored_revision_is_read_like_alembic_does(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    try:

        def alembic_says() -> str | None:
            with engine.connect() as conn:
                return MigrationContext.configure(conn).get_current_revision()

        assert migrate.current_revision(engine) is None
        assert alembic_says() is None
        migrate.upgrade(engine, "0001")
        assert migrate.current_revision(engine) == alembic_says() == "0001"
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == alembic_says() == migrate.head_revision()
    finally:
        engine.dispose()


def test_opening_an_up_to_date_database_does_not_import_alembic(tmp_path: Path) -> None:
    open_database(resolve_location(data_dir=tmp_path)).close()
    script = (
        "import sys\n"
        "from models.db import open_database\n"
        "from models.paths import resolve_location\n"
        f"open_database(resolve_location(data_dir={str(tmp_path)!r})).close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
