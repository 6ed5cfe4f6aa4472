"""Opening a local file that is safe to read to its end: a regular file, never a FIFO or a
device (a FIFO blocks for a writer, /dev/zero never ends). Standard library only, so the
JSON import (models/json_input.py) shares it without loading the HTTP stack."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO


class NotRegularFileError(OSError):
    """A path names a FIFO, a device, a socket or a folder: reading it could block or never end."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(f"{path} is {what}")
        self.what = what


class FileTooLargeError(OSError):
    """The file is larger than the caller's limit: refused before any byte is read."""

    def __init__(self, path: Path, size: int) -> None:
        super().__init__(f"{path} is {size} bytes")
        self.size = size


def describe_file_type(mode: int) -> str:
    """``st_mode`` in words, for "it is a FIFO, not a regular file"."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def open_regular_file(path: Path, *, max_bytes: int | None = None) -> BinaryIO:
    """Open for reading only if ``path`` (symlinks followed) is a regular file, and, with
    ``max_bytes``, no larger than that.

    Opened with ``O_NONBLOCK`` so that opening a FIFO never waits for a writer, and the
    type is checked on the open descriptor, so a swap between check and open gains nothing.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(path, describe_file_type(info.st_mode))
        if max_bytes is not None and info.st_size > max_bytes:
            raise FileTooLargeError(path, info.st_size)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
