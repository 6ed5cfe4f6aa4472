"""The single entry point: parse arguments, then run a CLI command or start the GUI."""

from __future__ import annotations

import sys

from desktop.cli import build_parser
from models.errors import ThreePassError


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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
