"""Bad places and bad files: one clear line on stderr, a non-zero exit, and no byte changed."""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from models.db import open_database
from models.paths import DB_FILENAME, resolve_location
from tests.core.core_support import REPO, CliRunner, digest, fill_everything, run_cli


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def garbage(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(64 * 1024))


def png(path: Path) -> None:
    path.write_bytes(tiny_png())


def text(path: Path) -> None:
    path.write_text("这不是数据库\n" * 100, encoding="utf-8")


def truncated(path: Path) -> None:
    """A real ThreePass database with data, cut in half (a copy interrupted mid-way)."""
    db = open_database(resolve_location(data_dir=path.parent))
    fill_everything(db)
    db.close()
    data = path.read_bytes()
    assert data.startswith(b"SQLite format 3\x00")
    assert len(data) > 8192
    path.write_bytes(data[: len(data) // 2])


def foreign_sqlite(path: Path) -> None:
    """A healthy SQLite file that belongs to another program."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    conn.close()


MAKERS: dict[str, Callable[[Path], None]] = {
    "garbage": garbage,
    "png": png,
    "text": text,
    "truncated": truncated,
    "foreign-sqlite": foreign_sqlite,
}


@pytest.fixture(params=list(MAKERS))
def bad_dir(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    directory.mkdir()
    MAKERS[request.param](directory / DB_FILENAME)
    return directory


def assert_one_line_error(stderr: str) -> None:
    assert stderr.startswith("threepass: ")
    assert stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize("kind", ["png", "truncated"])
def test_bad_database_file_is_refused_by_the_real_program(kind: str, tmp_path: Path) -> None:
    bad_dir = tmp_path / "data"
    bad_dir.mkdir()
    db_file = bad_dir / DB_FILENAME
    MAKERS[kind](db_file)
    before = digest(db_file)
    result = run_cli("--data-dir", str(bad_dir), "list")
    assert result.returncode == 2
    assert result.stdout == ""
    assert_one_line_error(result.stderr)
    assert str(db_file) in result.stderr
    assert digest(db_file) == before
    assert not list(bad_dir.glob("*.damaged*"))  # the CLI reports; it never moves files


def test_bad_database_file_survives_every_command(
    cli: CliRunner, bad_dir: Path, tmp_path: Path
) -> None:
    db_file = bad_dir / DB_FILENAME
    before = digest(db_file)
    doc = tmp_path / "doc.json"
    doc.write_text(json.dumps({"format": "threepass", "version": 1}), encoding="utf-8")
    out = tmp_path / "out.json"
    for args in (
        ["list"],
        ["pass", "1", "1", "start"],
        ["export", "--json", str(out)],
        ["import", "json", str(doc)],
        ["import", "json", str(doc), "--replace"],
    ):
        result = cli("--data-dir", str(bad_dir), *args)
        assert result.returncode == 2, args
        assert_one_line_error(result.stderr)
        assert digest(db_file) == before, args
    assert not out.exists()


def test_data_dir_below_a_regular_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    result = run_cli("--data-dir", str(blocker / "sub"), "list")
    assert result.returncode == 2
    assert_one_line_error(result.stderr)
    assert str(blocker / "sub") in result.stderr
    assert blocker.read_text() == "not a folder"


def test_data_dir_that_is_a_file(cli: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    result = cli("--data-dir", str(blocker), "export", "--json", "-")
    assert result.returncode == 2
    assert_one_line_error(result.stderr)
    assert result.stdout == ""
    assert blocker.read_text() == "not a folder"


def _as_nobody() -> tuple[list[str] | None, str]:
    """A prefix that runs a command as an unprivileged user, so permissions really apply,
    or None and the reason it cannot be done here."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None, "cannot drop root privileges here: setpriv (util-linux) is not installed"
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run(
        [*prefix, sys.executable, "-c", "import desktop.app"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if probe.returncode == 0:
        return prefix, ""
    lines = (probe.stderr or probe.stdout).strip().splitlines()
    return None, (
        f"user nobody cannot run {sys.executable} (a virtual env or Python under a private "
        f"home folder is out of its reach): {lines[-1] if lines else 'no message'}"
    )


def test_read_only_data_dir_for_a_normal_user() -> None:
    if os.geteuid() != 0:
        prefix: list[str] = []  # not root: chmod alone already makes the folder read-only
    else:
        found, reason = _as_nobody()
        if found is None:
            pytest.skip(reason)
        prefix = found
    # pytest's tmp_path sits below a root-only folder; the other user needs a reachable one.
    top = Path(tempfile.mkdtemp(prefix="threepass-ro-"))
    try:
        top.chmod(0o755)
        ro = top / "ro"
        ro.mkdir()
        ro.chmod(0o555)
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "desktop", "--data-dir", str(ro), "list"],
            cwd=REPO,
            capture_output=True,
            text=True,
            env={**os.environ, "HOME": str(top)},
        )
        assert result.returncode == 2, result.stderr
        assert_one_line_error(result.stderr)
        assert "not writable" in result.stderr
        assert list(ro.iterdir()) == []
    finally:
        ro.chmod(0o755)
        shutil.rmtree(top)


def test_database_from_a_newer_version_is_refused_by_the_program(tmp_path: Path) -> None:
    data = tmp_path / "data"
    db = open_database(resolve_location(data_dir=data))
    db.close()
    db_file = data / DB_FILENAME
    with sqlite3.connect(db_file) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    conn.close()
    before = digest(db_file)
    result = run_cli("--data-dir", str(data), "list")
    assert result.returncode == 2
    assert_one_line_error(result.stderr)
    assert "newer version of ThreePass" in result.stderr
    assert digest(db_file) == before
    assert not (data / "backups").exists()
