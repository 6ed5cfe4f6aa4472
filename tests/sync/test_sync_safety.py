"""A changeset of another library format is refused whole; a kill inside the sync's
transaction leaves both databases sound and the next sync completes; old changesets are
compacted once every device applied them; the sync's own process rule."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from models import migrate
from models.paths import DB_FILENAME
from models.services.dto import ItemInput
from models.services.library import LibraryService
from models.sync import files
from models.sync.config import SNAPSHOT_FILENAME
from models.sync.engine import PAUSE_ENV, check_not_open_here
from tests.sync.sync_cli import REPO, Device, devices, sync_all


def _items(dev: Device, *titles: str) -> None:
    db = dev.open()
    try:
        for title in titles:
            LibraryService(db).create_item(ItemInput(kind="paper", title=title))
    finally:
        db.close()


def _restamp(path: Path, revision: str, seq: int) -> Path:
    """A copy of a changeset as another ThreePass (library format `revision`) writes it."""
    header = files.read_header(path)
    forged = files.Header(header.device, seq, seq, revision, header.created, header.deletions)
    return files.write_changeset(path.parent, forged, files.read_changeset(path))


@pytest.mark.parametrize(
    ("revision", "sentence"),
    [
        ("9999", "needs a newer ThreePass"),
        ("0014", "update ThreePass on laptop first"),
    ],
)
def test_a_changeset_of_another_format_is_refused_whole(
    tmp_path: Path, revision: str, sentence: str
) -> None:
    laptop, desktop = devices(tmp_path, "laptop", "desktop")
    _items(laptop, "one")
    sync_all(laptop, desktop)
    _items(laptop, "two", "three")
    laptop.synced()
    second = laptop.folder / "laptop" / files.changeset_name(2)
    _restamp(second, revision, 3)
    _items(desktop, "made on the desktop")
    before = desktop.export()
    result = desktop.sync()
    assert result.returncode == 3
    assert sentence in result.stderr
    assert "nothing was sent or applied" in result.stderr
    assert desktop.export() == before  # not even the valid changeset 2 was applied
    assert desktop.rows("SELECT seq FROM sync_applied") == [(1,)]
    assert files.last_seq(desktop.folder / "desktop") == 0  # nothing sent either


def _quick_check(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA quick_check").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("stage", ["sent", "applied"])
def test_a_kill_inside_the_sync_leaves_both_databases_sound(tmp_path: Path, stage: str) -> None:
    laptop, desktop = devices(tmp_path, "laptop", "desktop")
    _items(laptop, "one")
    sync_all(laptop, desktop)
    _items(laptop, "two")
    _items(desktop, "three")
    laptop.synced()
    child = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--data-dir", str(desktop.data_dir), "sync"],
        cwd=REPO,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, PAUSE_ENV: stage},
    )
    try:
        assert child.stderr is not None
        for line in child.stderr:
            if line.strip() == f"sync paused: {stage}":
                break
        else:
            pytest.fail("the sync never paused")
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    assert _quick_check(desktop.data_dir / DB_FILENAME) == "ok"
    assert _quick_check(desktop.data_dir / SNAPSHOT_FILENAME) == "ok"
    # the killed transaction applied nothing
    assert desktop.rows("SELECT count(*) FROM items") == [(2,)]
    sync_all(desktop, laptop)
    assert laptop.export() == desktop.export()
    assert len(laptop.export()["items"]) == 3


def test_changesets_every_device_applied_are_compacted(tmp_path: Path) -> None:
    laptop, desktop = devices(tmp_path, "laptop", "desktop")
    for title in ("one", "two", "three"):
        _items(laptop, title)
        laptop.synced()
    assert files.last_seq(laptop.folder / "laptop") == 3
    desktop.synced()
    assert json.loads((desktop.folder / "desktop" / files.APPLIED_FILE).read_text()) == {
        "laptop": 3
    }
    report = laptop.synced()
    assert report["compacted"] == 3
    kept = files.changeset_files(laptop.folder / "laptop")
    assert [(f.header.first, f.header.seq) for f in kept] == [(1, 3)]
    # a device joining later gets the whole library from the compacted file
    (tablet,) = devices(tmp_path, "tablet")
    tablet.synced()
    assert tablet.export() == laptop.export() == desktop.export()
    assert len(tablet.export()["items"]) == 3


def test_the_sync_refuses_a_process_that_has_the_library_open(tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    conn = sqlite3.connect(path)
    try:
        conn.execute("CREATE TABLE t (x)")
        with pytest.raises(RuntimeError, match="still open in this process"):
            check_not_open_here(path)
    finally:
        conn.close()
    check_not_open_here(path)


def test_the_cli_closes_its_own_handles_before_the_sync_opens_the_library(
    tmp_path: Path,
) -> None:
    """The bootstrap (checks, upgrade) opens the file with sqlite3; the sync itself refuses
    to start while any such handle is left, so a sync that completes proves none was."""
    (laptop,) = devices(tmp_path, "laptop")
    _items(laptop, "one")
    assert laptop.synced()["sent"] > 0
    assert migrate.head_revision() == laptop.rows("SELECT version_num FROM alembic_version")[0][0]
