"""What every subcommand shares: opening the database from the global options, printing."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli import output
from models.db import Database, open_database
from models.paths import DataLocation, resolve_location


def location_from_args(args: argparse.Namespace) -> DataLocation:
    return resolve_location(database_url=args.database_url, data_dir=args.data_dir)


def open_db(args: argparse.Namespace) -> Database:
    """Raises ThreePassError (printed by the dispatcher as one line)."""
    return open_database(location_from_args(args))


def print_json(value: Any) -> None:
    """JSON for scripts (desktop/cli/output.py escapes terminal controls in strings)."""
    output.print_json(value)
