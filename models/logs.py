"""The log file: what went wrong, for the user to find and to attach to a report.

Set up once by `desktop.app.main()`. Records of ThreePass's own packages (INFO and up, DEBUG
with --verbose) and everyone's warnings go to `<data folder>/logs/threepass.log`, rotated at
1 MB with five old files kept; without a writable data folder, to platformdirs' user log
folder; with neither, to stderr only. The file, its folder and `logging.handlers` (which
imports socket and pickle) wait for the first record, so a command that logs nothing costs
no import and leaves nothing behind, and logging never stops the program.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path
from typing import TextIO

LOG_FILENAME = "threepass.log"
NATIVE_CRASH_FILENAME = "native-crashes.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
PACKAGES = ("desktop", "models", "importers", "threepass")
FORMAT = "%(asctime)s %(levelname)s [%(process)d %(threadName)s] %(name)s: %(message)s"

# extra= of a record the user has seen already (printed, or in a dialog): without a log
# file it is not printed a second time
SHOWN = {"shown": True}

_installed: list[logging.Handler] = []
_config: tuple[Path | None, bool] | None = None
_log_file: Path | None = None
# log folders as this process found them, before it wrote there: a first start's own log must
# not read as "the logs of earlier runs" (models/lost_library.py)
_found_before: dict[str, bool] = {}
_native_crash_file: object = None  # the open file faulthandler writes to: must stay alive


class _LazyRotatingFile(logging.Handler):
    """A RotatingFileHandler made on the first record; on a write failure it says so once on
    stderr and hands the records to stderr instead of printing a traceback per record."""

    def __init__(self, path: Path) -> None:
        super().__init__(logging.DEBUG)
        self.path = path
        self._target: logging.Handler | None = None
        self._broken = False

    def emit(self, record: logging.LogRecord) -> None:
        if self._broken:
            _stderr_fallback().handle(record)
            return
        if self._target is None:
            try:
                self._target = self._open()
            except OSError as err:
                self._fail(err)
                _stderr_fallback().handle(record)
                return
        self._target.handle(record)

    def _open(self) -> logging.Handler:
        import logging.handlers

        self.path.parent.mkdir(parents=True, exist_ok=True)
        target = logging.handlers.RotatingFileHandler(
            self.path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
        target.setFormatter(self.formatter)
        target.handleError = self._write_failed  # type: ignore[method-assign]
        return target

    def _write_failed(self, record: logging.LogRecord) -> None:
        err = sys.exc_info()[1]
        self._fail(err if isinstance(err, OSError) else None)
        _stderr_fallback().handle(record)

    def _fail(self, err: OSError | None) -> None:
        if self._broken:
            return
        self._broken = True
        reason = f" ({err.strerror or err})" if err is not None else ""
        _stderr_fallback().pending = (
            f"cannot write the log file {self.path}{reason}; logging to the terminal only."
        )

    def flush(self) -> None:
        if self._target is not None:
            self._target.flush()

    def close(self) -> None:
        if self._target is not None:
            self._target.close()
            self._target = None
        super().close()


class _Stderr(logging.StreamHandler[TextIO]):
    """Writes to whatever sys.stderr is when a record comes (redirected, captured...)."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


class _Fallback(_Stderr):
    """Stderr instead of a file: warnings the user has not seen yet, after one sentence
    saying why they are here (said when the first one comes, so a run that logs nothing,
    or only what it printed already, prints nothing more)."""

    def __init__(self) -> None:
        super().__init__()
        self.setLevel(logging.WARNING)
        self.setFormatter(logging.Formatter(FORMAT))
        self.pending: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(record, "shown", False):
            return
        if self.pending is not None:
            _say(self.pending)
            self.pending = None
        super().emit(record)


_fallback: _Fallback | None = None


def _stderr_fallback() -> _Fallback:
    global _fallback
    if _fallback is None:
        _fallback = _Fallback()
    return _fallback


def _say(text: str) -> None:
    stream = sys.stderr  # None under pythonw or a daemon
    if stream is None:
        return
    with contextlib.suppress(OSError, ValueError):  # no usable stderr: nothing left to tell
        stream.write(f"threepass: {text}\n")


def _writable(folder: Path) -> bool:
    """Whether `folder` exists writable or could be created: checked without creating it."""
    probe = folder
    while not probe.exists():
        if probe.parent == probe:
            return False
        probe = probe.parent
    return probe.is_dir() and os.access(probe, os.W_OK | os.X_OK)


def _candidates(folder: Path | None) -> list[Path]:
    found = [folder / "logs"] if folder is not None else []
    with contextlib.suppress(Exception):  # no home folder, odd platform: the data folder only
        import platformdirs

        found.append(Path(platformdirs.user_log_dir("ThreePass", appauthor=False)))
    return found


def setup_logging(folder: Path | None, *, verbose: bool = False) -> Path | None:
    """Send the log to `folder`/logs (None: no data folder); returns the log file or None.

    Calling it again with the same arguments changes nothing; with others it replaces what
    it installed before (the GUI learns its data folder after start-up).
    """
    global _config, _log_file
    if _config == (folder, verbose):
        return _log_file
    reset_logging()
    _config = (folder, verbose)
    formatter = logging.Formatter(FORMAT)
    for candidate in _candidates(folder):
        _found_before.setdefault(path_key(candidate), holds_files(candidate))
        if _writable(candidate):
            _log_file = candidate / LOG_FILENAME
            file_handler = _LazyRotatingFile(_log_file)
            file_handler.setFormatter(formatter)
            _installed.append(file_handler)
            break
    if verbose:
        mirror = _Stderr()
        mirror.setLevel(logging.DEBUG)
        mirror.setFormatter(formatter)
        _installed.append(mirror)
    elif _log_file is None:
        _installed.append(_stderr_fallback())
    root = logging.getLogger()
    for handler in _installed:
        root.addHandler(handler)
    for name in PACKAGES:
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else logging.INFO)
    if _log_file is None:
        tried = ", ".join(str(c) for c in _candidates(folder)) or "no folder"
        _stderr_fallback().pending = (
            f"no writable folder for the log file ({tried}); logging to the terminal only."
        )
    return _log_file


def path_key(path: Path) -> str:
    """`path` as one string however it was spelled (relative, case on Windows)."""
    return os.path.normcase(os.path.abspath(path))


def holds_files(folder: Path) -> bool:
    """Whether `folder` holds a file (False when it is missing or unreadable)."""
    try:
        return any(entry.is_file() for entry in folder.iterdir())
    except OSError:
        return False


def held_logs_before_this_run(folder: Path) -> bool:
    """Whether the log folder `folder` held files before this process logged there."""
    found = _found_before.get(path_key(folder))
    return holds_files(folder) if found is None else found


def reset_logging() -> None:
    """Take out what setup_logging installed (tests; a process sets logging up once)."""
    global _config, _log_file
    for handler in _installed:
        logging.getLogger().removeHandler(handler)
        handler.close()
    _installed.clear()
    _config, _log_file = None, None
    for name in PACKAGES:
        logging.getLogger(name).setLevel(logging.NOTSET)


def current_log_file() -> Path | None:
    """The file the log goes to (it may not exist yet: nothing was logged), or None."""
    return _log_file


def log_folder() -> Path | None:
    return None if _log_file is None else _log_file.parent


def tail(lines: int = 200) -> str:
    """The last `lines` lines of the current log file, "" when there is none."""
    if _log_file is None or lines <= 0:
        return ""
    for handler in _installed:
        handler.flush()
    try:
        with _log_file.open("rb") as stream:
            size = stream.seek(0, os.SEEK_END)
            stream.seek(max(0, size - 256 * lines))  # ample for lines of ~250 bytes
            data = stream.read()
    except OSError:
        return ""
    text = data.decode("utf-8", errors="replace")
    kept = text.splitlines()[-lines:]
    return "\n".join(kept) + ("\n" if kept else "")


def record_native_crashes() -> Path | None:
    """Let faulthandler write a native crash's Python stacks to the log folder.

    The file stays open for the life of the process (faulthandler writes to its descriptor
    when the process is dying). Returns that file, or None when there is no log folder.
    """
    global _native_crash_file
    import faulthandler

    folder = log_folder()
    if folder is None:
        return None
    path = folder / NATIVE_CRASH_FILENAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stream = path.open("a", encoding="utf-8")
    except OSError as err:
        logging.getLogger(__name__).warning("native crashes are not recorded: %s", err)
        return None
    faulthandler.enable(file=stream, all_threads=True)
    previous, _native_crash_file = _native_crash_file, stream
    if previous is not None and hasattr(previous, "close"):
        previous.close()
    return path
