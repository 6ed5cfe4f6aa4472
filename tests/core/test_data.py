"""The data layer's promises: where the database lives, how SQLite is opened, pass rules."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from models.db import Database, open_database
from models.paths import DB_FILENAME, ENV_DATA_DIR, default_data_dir, resolve_location
from models.services.dto import ItemInput
from models.services.library import LibraryService
from tests.core.core_support import CliRunner


def test_location_precedence(tmp_path: Path) -> None:
    env = {ENV_DATA_DIR: str(tmp_path / "env")}
    url = f"sqlite:///{tmp_path / 'url.sqlite3'}"
    assert resolve_location(url, str(tmp_path / "dir"), env).url == url
    assert resolve_location(None, str(tmp_path / "dir"), env).data_dir == tmp_path / "dir"
    assert resolve_location(None, None, env).data_dir == tmp_path / "env"
    assert resolve_location(None, None, {}).data_dir == default_data_dir()


def test_default_data_dir_is_the_per_user_data_dir() -> None:
    # tests/conftest.py points XDG_DATA_HOME into a temporary HOME
    assert default_data_dir() == Path(os.environ["XDG_DATA_HOME"]) / "ThreePass"


def add_item(directory: Path, title: str) -> None:
    db = open_database(resolve_location(data_dir=directory))
    try:
        LibraryService(db).create_item(ItemInput(kind="article", title=title))
    finally:
        db.close()


def titles(cli: CliRunner, *args: str) -> list[str]:
    result = cli(*args, "list", "--json")
    assert result.returncode == 0, result.stderr
    return [item["title"] for item in json.loads(result.stdout)]


def test_cli_follows_the_same_precedence(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_item(tmp_path / "env", "来自环境变量")
    add_item(tmp_path / "dir", "from --data-dir")
    add_item(tmp_path / "url", "from --database-url")
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "env"))
    assert titles(cli) == ["来自环境变量"]
    assert titles(cli, "--data-dir", str(tmp_path / "dir")) == ["from --data-dir"]
    url = f"sqlite:///{tmp_path / 'url' / DB_FILENAME}"
    assert titles(cli, "--database-url", url, "--data-dir", str(tmp_path / "dir")) == [
        "from --database-url"
    ]
    monkeypatch.delenv(ENV_DATA_DIR)
    assert titles(cli) == []  # the (temporary) per-user default, created on first use
    assert (default_data_dir() / DB_FILENAME).exists()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(db: Database) -> None:
    with db.read() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO passes (item_id, number, speed, status, minutes_spent) "
        "VALUES (:item, 4, 1.0, 'todo', 0)",
        "INSERT INTO passes (item_id, number, speed, status, minutes_spent) "
        "VALUES (:item, 2, 1.0, 'todo', 0)",
        "UPDATE passes SET status = 'finished' WHERE item_id = :item",
        "INSERT INTO passes (item_id, number, speed, status, minutes_spent) "
        "VALUES (9999, 1, 1.0, 'todo', 0)",
    ],
    ids=["number-4", "duplicate-number", "unknown-status", "missing-item"],
)
def test_database_rules_protect_the_three_passes(db: Database, statement: str) -> None:
    item = LibraryService(db).create_item(ItemInput(kind="course_video", title="第 1 课"))
    with pytest.raises(IntegrityError), db.transaction() as s:
        s.execute(text(statement), {"item": item})
    assert [p.status for p in LibraryService(db).get_item(item).passes] == ["todo"] * 3
