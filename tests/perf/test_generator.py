"""The benchmark generator builds a valid document and a usable database at a tiny size."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from benchmarks.generate import Generator, build, generator_for, is_cached
from models.db import Database, open_database
from models.paths import resolve_location
from models.services.library import LibraryService
from models.services.transfer import TransferService, validate_document


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_tiny_document_is_valid_and_realistic() -> None:
    doc = generator_for("tiny").document()
    validate_document(doc)  # raises DocumentError with a path on any problem
    items = doc["items"]
    assert len(items) == 60
    assert len(doc["companies"]) == 5
    assert len(doc["questions"]) == 20
    assert all([p["number"] for p in it["passes"]] == [1, 2, 3] for it in items)
    notes = [n["body"] for it in items for n in it["notes"]]
    assert notes
    assert all(has_cjk(b) for b in notes)
    assert any(any(c.isascii() and c.isalpha() for c in b) for b in notes)
    assert any(it["open_points"] for it in items)
    assert any(p.get("sessions") for it in items for p in it["passes"])
    assert generator_for("tiny").document() == doc  # seeded: the same library every run


def test_as_many_applications_as_companies_and_one_session_per_item() -> None:
    """Issue 17's library: 500 companies, 500 applications, 100k sessions at 100k items. The
    extra sessions split a pass's one session in two contiguous halves: its minutes, start
    and finish stay what they were."""
    from datetime import datetime

    doc = Generator(400, companies=10, questions=5).document()
    apps = [a for c in doc["companies"] for a in c["applications"]]
    assert len(apps) == len(doc["companies"]) == 10
    passes = [p for it in doc["items"] for p in it["passes"] if p.get("sessions")]
    assert sum(len(p["sessions"]) for p in passes) == 400
    split = [p for p in passes if len(p["sessions"]) == 2]
    assert split
    for p in split:
        first, second = p["sessions"]
        assert first["started_at"] == p["started_at"]
        assert first["ended_at"] == second["started_at"]
        assert round(first["minutes"] + second["minutes"], 1) == p["minutes_spent"]
        assert datetime.fromisoformat(second["ended_at"]) > datetime.fromisoformat(
            first["started_at"]
        )


def test_build_imports_through_the_json_import_and_caches(tmp_path: Path) -> None:
    folder = build("tiny", tmp_path, quiet=True)
    assert is_cached("tiny", tmp_path)
    db: Database = open_database(resolve_location(data_dir=folder))
    try:
        assert LibraryService(db).count() == 60
        assert TransferService(db).content_counts()["questions"] == 20
    finally:
        db.close()
    stamp = (folder / "generated.json").stat().st_mtime_ns
    assert build("tiny", tmp_path, quiet=True) == folder
    assert (folder / "generated.json").stat().st_mtime_ns == stamp  # reused, not rebuilt


def test_a_cached_library_on_an_older_schema_is_upgraded_in_place(tmp_path: Path) -> None:
    """A new revision must not cost a full regeneration (minutes at 100k), nor lose the file."""
    import json

    from alembic import command

    from models import migrate

    folder = build("tiny", tmp_path, quiet=True)
    db = open_database(resolve_location(data_dir=folder))
    try:
        with db.engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), "0005")
        with db.transaction() as session:  # a marker a rebuild would not recreate
            session.execute(text("UPDATE items SET title = 'marker 标记' WHERE id = 1"))
    finally:
        db.close()
    stamp = folder / "generated.json"
    stamp.write_text(json.dumps({**json.loads(stamp.read_text()), "schema": "0005"}))
    assert not is_cached("tiny", tmp_path)

    assert build("tiny", tmp_path, quiet=True) == folder
    assert is_cached("tiny", tmp_path)
    assert not (folder / "backups").exists()  # the pre-upgrade copy is not kept in the cache
    db = open_database(resolve_location(data_dir=folder), upgrade=False)
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        with db.read() as session:
            assert session.execute(text("SELECT title FROM items WHERE id = 1")).scalar() == (
                "marker 标记"
            )
    finally:
        db.close()
