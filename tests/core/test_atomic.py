"""models/atomic.py: atomic writes land in the real file and leave links and devices alone."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from models import atomic
from models.paths import location_file, store_data_dir, stored_data_dir
from tests.core.core_support import CliRunner, run_cli


def test_replaces_a_regular_file_keeping_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    assert atomic.write_atomically(target, "新的\n") == target
    assert target.read_bytes() == "新的\n".encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"], "no temp file left"


def test_a_new_file_gets_the_requested_mode(tmp_path: Path) -> None:
    target = tmp_path / "entry.desktop"
    atomic.write_atomically(target, b"x", mode=0o755)
    assert stat.S_IMODE(target.stat().st_mode) == 0o755


def test_symlinked_target_keeps_the_link(tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    real = real_dir / "export.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert atomic.write_atomically(link, "new") == real
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in real_dir.iterdir()) == ["export.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real"]


def test_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "later.json")
    atomic.write_atomically(link, "made")
    assert link.is_symlink()
    assert (tmp_path / "later.json").read_text(encoding="utf-8") == "made"


def test_fifo_target_is_written_directly(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as fh:
            received.append(fh.read())

    reader = threading.Thread(target=read)
    reader.start()
    atomic.write_atomically(fifo, "through the pipe")
    reader.join()
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode), "still a FIFO, not a regular file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_character_device_stays_a_device(tmp_path: Path) -> None:
    link = tmp_path / "null"
    link.symlink_to(os.devnull)
    atomic.write_atomically(os.devnull, "gone")
    atomic.write_atomically(link, "gone too")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert link.is_symlink()
    assert stat.S_ISCHR(link.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def test_write_with_publishes_a_file_made_by_path(tmp_path: Path) -> None:
    real = tmp_path / "real.bin"
    link = tmp_path / "copy.bin"
    link.symlink_to(real)

    def fill(tmp: Path) -> None:
        assert tmp.parent == tmp_path
        tmp.write_bytes(b"pages")

    atomic.write_with(link, fill)
    assert link.is_symlink()
    assert real.read_bytes() == b"pages"

    def fail(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left on device"):
        atomic.write_with(tmp_path / "other.bin", fail)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.bin", "real.bin"]


def test_data_location_file_follows_a_symlink(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    target = location_file()
    target.parent.mkdir(parents=True)
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (dotfiles / "location.json").write_text("{}", encoding="utf-8")
    target.symlink_to(dotfiles / "location.json")
    store_data_dir(tmp_path / "data")
    assert target.is_symlink()
    assert stored_data_dir() == tmp_path / "data"


def test_export_to_a_symlink_and_to_dev_stdout(
    cli: CliRunner, data_dir: Path, tmp_path: Path
) -> None:
    real = tmp_path / "exports" / "library.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    result = cli("--data-dir", str(data_dir), "export", "--json", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("{")
    # /dev/stdout on a pipe (a real child process): the document reaches the pipe; a
    # rename would fail here or, run as root, replace the device node.
    child = run_cli("--data-dir", str(data_dir), "export", "--json", "/dev/stdout")
    assert child.returncode == 0, child.stderr
    assert child.stdout.startswith("{")
    assert '"format": "threepass"' in child.stdout
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_backup_to_a_dangling_symlink_writes_the_real_file(
    cli: CliRunner, data_dir: Path, tmp_path: Path
) -> None:
    assert cli("--data-dir", str(data_dir), "list").returncode == 0
    link = tmp_path / "backup.sqlite3"
    link.symlink_to(tmp_path / "real-backup.sqlite3")
    result = cli("--data-dir", str(data_dir), "backup", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert (tmp_path / "real-backup.sqlite3").read_bytes().startswith(b"SQLite format 3")
