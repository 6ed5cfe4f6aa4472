"""Damaged, foreign, too-new databases and bad places: detected, explained, never overwritten.

Every damaged file is generated here from a real database. Read-only and full disks use a
real tmpfs mount when the sandbox allows it (tests run as root, so chmod proves nothing), and
a real SQLite read-only connection / a file-size limit in a child process otherwise.
"""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.app import main
from models.clock import FixedClock
from models.db import Database, make_engine, open_database
from models.errors import (
    CorruptDatabaseError,
    DatabaseTooNewError,
    DataDirError,
    DiskFullError,
    StorageError,
    ThreePassError,
)
from models.paths import resolve_location
from models.recovery import newest_good_backup, recover
from models.services.backup import BackupService
from models.services.dto import ItemInput
from models.services.library import LibraryService
from tests.safety.safety_helpers import (
    db_file,
    integrity,
    mount_tmpfs,
    remount,
    start_python,
    unmount,
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_sentence(err: BaseException) -> str:
    text = str(err)
    assert text.endswith("."), text
    assert ". " not in text.replace("e.g. ", ""), f"more than one sentence: {text}"
    return text


def library_with_backup(data_dir: Path, clock: FixedClock) -> None:
    """A library with two items; a backup holds the first one only."""
    db = open_database(resolve_location(data_dir=data_dir))
    library = LibraryService(db)
    for n in range(30):  # enough pages that damage lands inside the tables
        library.create_item(ItemInput(kind="paper", title=f"论文 {n} " + "x" * 200))
    BackupService.for_database(db, clock).create()
    library.create_item(ItemInput(kind="paper", title="after the backup"))
    db.close()  # checkpoints the WAL into the main file


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def garbage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096:] = bytes((i * 7 + 3) % 256 for i in range(len(data) - 4096))
    path.write_bytes(bytes(data))


def png(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(3000))


def empty(path: Path) -> None:
    path.write_bytes(b"")


def foreign(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE moz_bookmarks (url TEXT)")


def newer(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00d'")
    conn.close()


DAMAGE: dict[str, tuple[Callable[[Path], None], type[ThreePassError], str]] = {
    "truncated": (truncate, CorruptDatabaseError, "damaged"),
    "garbage bytes": (garbage, CorruptDatabaseError, "damaged"),
    "wrong file type": (png, CorruptDatabaseError, "not an SQLite file"),
    "truncated to 0 bytes": (empty, CorruptDatabaseError, "empty"),
    "another program's database": (foreign, CorruptDatabaseError, "another program"),
    "from a newer version": (newer, DatabaseTooNewError, "newer version"),
}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_a_bad_database_is_detected_explained_kept_and_restorable(
    case: str, data_dir: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    library_with_backup(data_dir, clock)
    path = db_file(data_dir)
    damage, error, words = DAMAGE[case]
    damage(path)
    before = digest(path)
    location = resolve_location(data_dir=data_dir)

    with pytest.raises(error, match=words) as caught:
        open_database(location)
    one_sentence(caught.value)
    assert digest(path) == before  # detecting never writes

    # The CLI says the same in one line and names the command that fixes it.
    assert main(["--data-dir", str(data_dir), "list"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("threepass: ")
    assert err.count("\n") == 1
    if error is CorruptDatabaseError:
        assert "threepass restore " in err
        assert "backups" in err
    assert digest(path) == before

    # Recovery moves the file aside (byte for byte) and restores the newest good backup.
    good = newest_good_backup(location)
    assert good is not None
    result = recover(location, restore=True, clock=clock)
    assert result.moved_to is not None
    assert result.moved_to.name.startswith(path.name + ".damaged-")
    assert digest(result.moved_to) == before
    assert result.restored_from == good.path
    db = open_database(location)
    try:
        titles = [r.title for r in LibraryService(db).list_items()]
    finally:
        db.close()
    assert len(titles) == 30
    assert "after the backup" not in titles
    assert integrity(path) == "ok"


def test_start_empty_keeps_the_damaged_file(data_dir: Path, clock: FixedClock) -> None:
    library_with_backup(data_dir, clock)
    path = db_file(data_dir)
    garbage(path)
    before = digest(path)
    location = resolve_location(data_dir=data_dir)
    result = recover(location, restore=False, clock=clock)
    assert result.restored_from is None
    assert result.moved_to is not None
    assert digest(result.moved_to) == before
    db = open_database(location)
    assert LibraryService(db).count() == 0
    db.close()
    # A second damaged file moved aside in the same second does not replace the first.
    garbage(path)
    again = recover(location, restore=False, clock=clock)
    assert again.moved_to != result.moved_to
    assert result.moved_to.exists()


def test_a_newest_backup_that_is_damaged_is_skipped(data_dir: Path, clock: FixedClock) -> None:
    library_with_backup(data_dir, clock)
    location = resolve_location(data_dir=data_dir)
    first = newest_good_backup(location)
    assert first is not None
    clock.advance(days=1)
    db = open_database(location)
    damaged = BackupService.for_database(db, clock).create()
    db.close()
    garbage(damaged.path)
    assert newest_good_backup(location) == first


def test_a_missing_data_folder_on_a_removed_drive_is_not_recreated(tmp_path: Path) -> None:
    drive = tmp_path / "media" / "usb-stick"  # not mounted: the folder is gone
    location = resolve_location(data_dir=drive / "ThreePass")
    with pytest.raises(DataDirError, match="connect the drive") as caught:
        open_database(location)
    one_sentence(caught.value)
    assert not drive.exists()
    # A first start in an existing folder still just works.
    (tmp_path / "home").mkdir()
    open_database(resolve_location(data_dir=tmp_path / "home" / "ThreePass")).close()


def test_a_write_on_a_read_only_database_is_refused_clearly(db: Database, tmp_path: Path) -> None:
    LibraryService(db).create_item(ItemInput(kind="paper", title="kept"))
    path = db.path
    assert path is not None
    # A real SQLite read-only connection to the same file (what a read-only disk gives).
    engine = make_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    readonly = Database(db.location, engine)
    try:
        with pytest.raises(DataDirError, match="read-only") as caught:
            LibraryService(readonly).create_item(ItemInput(kind="paper", title="lost?"))
        assert one_sentence(caught.value).endswith("this change was not saved.")
        assert [r.title for r in LibraryService(readonly).list_items()] == ["kept"]
    finally:
        readonly.close()


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    mounts: list[Path] = []

    def mount(options: str) -> Path:
        target = tmp_path / f"mnt{len(mounts)}"
        if not mount_tmpfs(target, options):
            pytest.skip("mounting a tmpfs is not permitted here (covered by the fallback test)")
        mounts.append(target)
        return target

    yield mount
    for target in mounts:
        unmount(target)


def test_a_read_only_disk_is_detected_on_open(
    mounted: Callable[[str], Path], clock: FixedClock
) -> None:
    disk = mounted("size=8m")  # the library, its WAL and a backup
    data_dir = disk / "ThreePass"
    library_with_backup(data_dir, clock)
    before = digest(db_file(data_dir))
    remount(disk, "ro")
    with pytest.raises(DataDirError, match="not writable") as caught:
        open_database(resolve_location(data_dir=data_dir))
    one_sentence(caught.value)
    assert digest(db_file(data_dir)) == before


def test_a_full_disk_is_detected_on_write_and_loses_nothing(
    mounted: Callable[[str], Path], clock: FixedClock
) -> None:
    disk = mounted("size=1m")
    data_dir = disk / "ThreePass"
    db = open_database(resolve_location(data_dir=data_dir))
    library = LibraryService(db)
    kept = library.create_item(ItemInput(kind="paper", title="written before the disk filled"))
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError as err:
        if err.errno != errno.ENOSPC:
            raise
    finally:
        os.close(fd)

    def write_notes() -> None:
        for n in range(200):
            library.save_note(kept, 2, f"第二遍笔记 {n} " + "长" * 4000)

    with pytest.raises((DiskFullError, StorageError)) as caught:
        write_notes()
    message = one_sentence(caught.value)
    assert "full" in message
    assert "not saved" in message
    print(f"\nfull tmpfs: {type(caught.value).__name__}: {message}")
    filler.unlink()
    library.save_note(kept, 3, "space again")  # works once there is room
    assert library.get_item(kept).title == "written before the disk filled"
    db.close()
    assert integrity(db_file(data_dir)) == "ok"


FSIZE_CHILD = """
import resource, signal, sys
from models.db import open_database
from models.errors import ThreePassError
from models.paths import resolve_location
from models.services.library import LibraryService
db = open_database(resolve_location(data_dir=sys.argv[1]))
library = LibraryService(db)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG like a full disk, not a signal
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), int(sys.argv[2])))
try:
    for n in range(500):
        library.save_note(1, 2, f"note {n} " + "长" * 4000)
        print(f"saved {n}", flush=True)
except ThreePassError as err:
    print(f"error {type(err).__name__}: {err}", flush=True)
"""


def test_a_file_size_limit_acts_like_a_full_disk(data_dir: Path) -> None:
    """The fallback that needs no mount: writes fail with EFBIG in a child process."""
    db = open_database(resolve_location(data_dir=data_dir))
    LibraryService(db).create_item(ItemInput(kind="paper", title="kept"))
    db.close()
    limit = db_file(data_dir).stat().st_size + 64 * 1024
    child = start_python("-c", FSIZE_CHILD, str(data_dir), str(limit), stdin=subprocess.DEVNULL)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err.decode()
    lines = out.decode().splitlines()
    assert lines[-1].startswith("error "), lines[-3:]
    kind, message = lines[-1][len("error ") :].split(": ", 1)
    assert kind in ("DiskFullError", "StorageError")
    assert message.endswith("this change was not saved.")
    assert ". " not in message
    saved = [line for line in lines if line.startswith("saved ")]
    print(f"\nfile size limit: {len(saved)} saves, then {kind}: {message}")
    assert integrity(db_file(data_dir)) == "ok"
    db = open_database(resolve_location(data_dir=data_dir))
    try:
        item = LibraryService(db).get_item(1)
    finally:
        db.close()
    assert item.title == "kept"
    if saved:  # the last note the child reported as saved is the one in the file
        assert item.notes[2].startswith(f"note {saved[-1].split()[1]} ")
