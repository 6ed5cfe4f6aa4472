"""The single entry point: parse arguments, then run a CLI command or start the GUI."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from desktop.cli import build_parser
from models.errors import ThreePassError
from models.logs import SHOWN, setup_logging

log = logging.getLogger(__name__)

BROKEN_PIPE_EXIT = 141  # 128 + SIGPIPE: what a shell reports for `cmd | head` killed by SIGPIPE


def main(argv: list[str] | None = None) -> int:
    """Run threepass; a reader that stops early (`threepass plan | head -1`) ends it quietly.

    A closed stdout is handled once here, as the Python docs recommend ("Note on SIGPIPE" in
    the signal module): point stdout at devnull so the interpreter's final flush cannot raise
    again, print nothing, and exit 141 like a program killed by SIGPIPE, so `set -o pipefail`
    scripts still see that the output was cut short.
    """
    try:
        code = _main(argv)
        sys.stdout.flush()  # surface a broken pipe from buffered output here, not at exit
    except BrokenPipeError:
        _silence_stdout()
        return BROKEN_PIPE_EXIT
    return code


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout replaced by something without a file descriptor
        pass


def _data_folder(args: argparse.Namespace) -> Path | None:
    """The folder of the database file, whose logs/ keeps the log; None without one."""
    from models.paths import resolve_location

    try:
        location = resolve_location(database_url=args.database_url, data_dir=args.data_dir)
    except ThreePassError:
        return None
    path = location.db_path
    return None if path is None else path.parent


def no_display_message(environ: Mapping[str, str] = os.environ) -> str | None:
    """Why the window cannot open here (SSH, a container), or None when it may.

    On Linux and the BSDs Qt needs X11 or Wayland and, without either, aborts with a hint to
    reinstall the application. macOS and Windows have no such variables: never refused there.
    An explicit QT_QPA_PLATFORM (offscreen, vnc, eglfs...) is the user's choice.
    """
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd", "dragonfly")):
        return None
    if any(environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return None
    return (
        "threepass: no graphical display was found (DISPLAY and WAYLAND_DISPLAY are unset), "
        "so the window cannot open; run `threepass --help` for the command line."
    )


def _start_quick_check(args: argparse.Namespace) -> None:
    """Let SQLite check the database file in a thread while the GUI modules import.

    Opening still refuses a damaged file before anything connects to it: `open_database`
    waits for this result (models/quick_check.py). A location it cannot resolve is left to
    the real open, which explains the problem.
    """
    from models.paths import resolve_location, sqlite_path
    from models.quick_check import start

    try:
        location = resolve_location(database_url=args.database_url, data_dir=args.data_dir)
    except ThreePassError:
        return
    path = sqlite_path(location.url)
    if path is not None:
        start(path)


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(_data_folder(args), verbose=args.verbose)
    if args.command is not None and args.screenshot:
        parser.error(
            f"--screenshot renders the desktop app and cannot be combined with the "
            f"'{args.command}' command; run `threepass --screenshot FILE.png --view VIEW`."
        )
    if args.command is None:
        if args.install_desktop_entry:
            from desktop.cli.output import echo
            from desktop.integration import install_desktop_entry

            try:
                echo(install_desktop_entry())
            except ThreePassError as err:
                log.warning("desktop entry not installed: %s", err, extra=SHOWN)
                echo(f"threepass: {err}", file=sys.stderr)
                return 2
            return 0
        if args.install_reminders:
            from desktop.cli.output import echo
            from desktop.cli.remind_cmds import install_from_args

            try:
                echo(install_from_args(args))
            except ThreePassError as err:
                log.warning("reminders not installed: %s", err, extra=SHOWN)
                echo(f"threepass: {err}", file=sys.stderr)
                return 2
            return 0
        refusal = None if args.screenshot else no_display_message()
        if refusal is not None:
            from desktop.cli.output import echo

            log.warning("no graphical display: the window was not opened", extra=SHOWN)
            echo(refusal, file=sys.stderr)
            return 2
        _start_quick_check(args)
        # Start-up creates ~150k objects that live as long as the window and ~1k garbage
        # ones: the cyclic GC's ~200 collections meanwhile cost ~0.1 s and free almost
        # nothing. run_gui freezes what was built and turns the GC on for the event loop.
        gc.disable()
        try:
            # What the first screen reads with, before Qt: once PySide6 is imported, every
            # `import` statement goes through its Python-level __import__ hook (the
            # __feature__ support), and every new module is looked at by it (its source
            # read). SQLAlchemy and the ORM load after the first paint (models/db.py).
            import models.db
            import models.services.library_read
            import models.services.link_read
            import models.services.settings  # noqa: F401
            from desktop.gui import run_gui  # Qt, the window, the features

            return run_gui(args)
        finally:
            # The process ends next (the window is closed, the database too): without this
            # the interpreter's final collections walk every object of the window, ~0.3 s.
            gc.freeze()
            gc.enable()
    command = " ".join(filter(None, (args.command, getattr(args, "source", None))))
    log.debug("command %s", command)
    try:
        return int(args.handler(args))
    except ThreePassError as err:
        log.warning("%s failed: %s", command, err, extra=SHOWN)
        from desktop.cli.output import echo, scrub  # messages may quote a name from the data

        echo(f"threepass: {scrub(str(err))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        from desktop.cli.output import echo

        log.info("%s interrupted", command)
        echo("threepass: interrupted", file=sys.stderr)
        return 130
    except Exception:
        log.exception("%s failed unexpectedly", command)  # the traceback still follows
        raise
