"""`threepass backup` of a damaged database names that database and leaves no trace."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.app import main


def test_backup_of_random_bytes_names_the_source_and_creates_no_folder(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = data_dir / "threepass.sqlite3"
    source.write_bytes(os.urandom(20_000))
    before = source.read_bytes()

    assert main(["--data-dir", str(data_dir), "backup"]) == 2

    err = capsys.readouterr().err
    assert err.startswith(f"threepass: The database {source} is damaged"), err
    assert "backups" not in err
    assert err.count("\n") == 1
    # no backups/ folder; logs/ keeps the failure (models/logs.py)
    assert sorted(p.name for p in data_dir.iterdir()) == ["logs", "threepass.sqlite3"]
    assert source.read_bytes() == before


def test_backup_of_random_bytes_keeps_an_existing_backups_folder(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / "backups").mkdir()
    (data_dir / "threepass.sqlite3").write_bytes(os.urandom(20_000))
    assert main(["--data-dir", str(data_dir), "backup"]) == 2
    assert (data_dir / "backups").is_dir()
    assert list((data_dir / "backups").iterdir()) == []
