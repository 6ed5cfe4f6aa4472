"""Revision 0014 on a library made at 0013: its rows stay, the player's tables arrive empty and
work, and the downgrade takes only them away."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from models import migrate
from models.db import make_engine, open_database
from models.paths import resolve_location
from models.services.playback import PlaybackService
from tests.migration_support import database_at, library_rows, revision_of, row_counts


def test_a_0013_library_upgrades_and_plays(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = database_at(data, "0013", library_rows(5, "0013"))
    before = row_counts(path)
    assert "pass_positions" not in before

    db = open_database(resolve_location(data_dir=data))
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        service = PlaybackService(db)
        assert service.position(3, 2) is None
        service.checkpoint(3, 2, session_id=None, played_seconds=90.0, position=612.5)
        assert service.position(3, 2) == 612.5
        video = tmp_path / "paper 3.mp4"
        video.touch()
        service.set_local_file(3, str(video))
        assert service.local_file(3) == str(video)
    finally:
        db.close()
    after = row_counts(path)
    assert after["items"] == before["items"]
    assert after["passes"] == before["passes"]
    assert after["study_sessions"] == before["study_sessions"] + 1
    assert (after["pass_positions"], after["item_video_files"]) == (1, 1)

    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), "0013")
    finally:
        engine.dispose()
    assert revision_of(path) == "0013"
    file = sqlite3.connect(path)
    try:
        found = file.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = {row[0] for row in found}
    finally:
        file.close()
    assert not {"pass_positions", "item_video_files"} & tables
    assert row_counts(path)["items"] == before["items"]
