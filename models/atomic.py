"""Atomic file writes that keep symlinks, devices and FIFOs what they are.

A temp file renamed over the target never leaves a half-written file, but renamed over a
symlink it replaces the link, and over `/dev/stdout` or a FIFO it replaces the device node
with a regular file. So every atomic write in ThreePass goes through here: the path is
resolved first and the rename happens at the real file, keeping its permission bits;
character devices and FIFOs (nothing to rename over) are written directly.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

StrPath = str | os.PathLike[str]

PARTIAL_SUFFIX = ".partial"
"""Every temp file is `.NAME.RANDOM.partial` beside its target: one name to clean up."""
SQLITE_SIDECARS = ("-journal", "-wal", "-shm")
"""What SQLite adds beside a database it writes: a temp database's are temp files too."""


def real_target(path: StrPath) -> Path:
    """The file a write to path lands in: symlinks (dangling ones too) followed."""
    return Path(os.path.realpath(os.fspath(path)))


def _stat(path: StrPath) -> os.stat_result | None:
    try:
        return os.stat(path)  # follows links, including /dev/stdout -> /proc/self/fd/1
    except FileNotFoundError:
        return None


def is_special(path: StrPath) -> bool:
    """A device, FIFO or socket (after following links): written in place, never renamed.

    Checked on the path as given: `/dev/stdout` on a pipe resolves to a name like
    `/proc/1/fd/pipe:[42]` that exists only through the link.
    """
    info = _stat(path)
    return info is not None and not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode))


def fsync_dir(directory: StrPath) -> None:
    """Make a rename durable; best effort (some file systems refuse to sync a folder)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _copy_into(partial: StrPath, path: StrPath) -> None:
    with open(partial, "rb") as src, open(path, "wb") as dst:
        while chunk := src.read(1 << 20):
            dst.write(chunk)


def publish(partial: StrPath, path: StrPath, *, mode: int | None = None) -> Path:
    """Move a finished temp file (in the real target's folder) onto path's real target.

    Keeps an existing target's permission bits (else `mode`, else 0666 minus the umask).
    A special target receives partial's bytes and partial is removed. Returns the target.
    """
    if is_special(path):
        _copy_into(partial, path)
        os.unlink(partial)
        return Path(path)
    target = real_target(path)
    info = _stat(target)
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(21, "Is a directory", str(target))
    with open(partial, "rb+") as fh:
        os.fsync(fh.fileno())
    if info is not None:
        os.chmod(partial, stat.S_IMODE(info.st_mode))
    else:
        os.chmod(partial, _default_mode() if mode is None else mode)
    os.replace(partial, target)
    fsync_dir(target.parent)
    return target


def write_with(path: StrPath, write: Callable[[Path], None], *, mode: int | None = None) -> Path:
    """Let write(temp_path) fill a temp file beside path's real target, then publish it.

    For writers that need a path of their own (SQLite's backup API). Raises OSError; the
    temp file never outlives a failure. A special target gets its temp file in the
    system's temp folder (its own folder may be /dev).
    """
    special = is_special(path)
    target = Path(path) if special else real_target(path)
    folder = None if special else target.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=PARTIAL_SUFFIX, dir=folder)
    os.close(fd)
    try:
        write(Path(tmp))
        return publish(tmp, target, mode=mode)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


@contextlib.contextmanager
def held_while_written(partial: Path) -> Iterator[None]:
    """Hold an exclusive flock on a temp file while it is written: a cleanup (in any
    process) then knows it is not a leftover of a killed writer. Nothing where there is no
    flock (Windows): the age of the file decides alone."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    fd = os.open(partial, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def remove_sidecars(partial: StrPath) -> None:
    for suffix in SQLITE_SIDECARS:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(os.fspath(partial) + suffix)


def write_database_with(path: StrPath, write: Callable[[Path], None]) -> Path:
    """`write_with` for an SQLite file that write(temp_path) fills through a connection of
    its own: the temp file is locked while written (`held_while_written`), and neither it
    nor the journal, WAL or shared-memory file SQLite made beside it outlives a failure
    (a full disk can stop SQLite before it removes them)."""

    def fill(partial: Path) -> None:
        try:
            with held_while_written(partial):
                write(partial)
        except BaseException:
            remove_sidecars(partial)
            raise

    return write_with(path, fill)


def write_atomically(path: StrPath, data: str | bytes, *, mode: int | None = None) -> Path:
    """Write data to path all at once: readers see the old file or the new one, whole.

    Text is written as UTF-8 with '\\n' line ends. Raises OSError. Returns the file written.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if is_special(path):
        with open(path, "wb") as fh:
            fh.write(raw)
        return Path(path)

    def fill(tmp: Path) -> None:
        with open(tmp, "wb") as fh:
            fh.write(raw)

    return write_with(path, fill, mode=mode)
