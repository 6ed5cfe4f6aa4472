"""What every subcommand shares: opening the database from the global options, printing."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from models.db import Database, open_database
from models.paths import DataLocation, resolve_location


def location_from_args(args: argparse.Namespace) -> DataLocation:
    return resolve_location(database_url=args.database_url, data_dir=args.data_dir)


def open_db(args: argparse.Namespace) -> Database:
    """Raises ThreePassError (printed by the dispatcher as one line)."""
    return open_database(location_from_args(args))


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
