"""The single entry point: parse arguments, then run a CLI command or start the GUI."""

from __future__ import annotations

import os
import sys

from desktop.cli import build_parser
from models.errors import ThreePassError

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


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is not None and args.screenshot:
        parser.error(
            f"--screenshot renders the desktop app and cannot be combined with the "
            f"'{args.command}' command; run `threepass --screenshot FILE.png --view VIEW`."
        )
    if args.command is None:
        if args.install_desktop_entry:
            from desktop.integration import install_desktop_entry

            try:
                print(install_desktop_entry())
            except ThreePassError as err:
                print(f"threepass: {err}", file=sys.stderr)
                return 2
            return 0
        from desktop.gui import run_gui

        return run_gui(args)
    try:
        return int(args.handler(args))
    except ThreePassError as err:
        print(f"threepass: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("threepass: interrupted", file=sys.stderr)
        return 130
