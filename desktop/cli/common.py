"""What every subcommand shares: opening the database from the global options, printing."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desktop.cli import output
from models.db import Database, folder_is_read_only, open_database, open_read_only
from models.paths import DataLocation, resolve_location


def location_from_args(args: argparse.Namespace) -> DataLocation:
    return resolve_location(database_url=args.database_url, data_dir=args.data_dir)


def open_db(args: argparse.Namespace, *, read_only_ok: bool = False) -> Database:
    """Raises ThreePassError (printed by the dispatcher as one line).

    `read_only_ok` (commands that only read: list, stats, export...): a library in a folder
    that cannot be written (a read-only mount, another user's folder) is opened read-only,
    which one line on stderr says, instead of being refused."""
    location = location_from_args(args)
    path = location.db_path
    if read_only_ok and path is not None and folder_is_read_only(path):
        db = open_read_only(location)
        output.echo(
            f"threepass: {path.parent} cannot be written: the library was opened read-only.",
            file=sys.stderr,
        )
        return db
    return open_database(location)


def print_json(value: Any) -> None:
    """JSON for scripts (desktop/cli/output.py escapes terminal controls in strings)."""
    output.print_json(value)
