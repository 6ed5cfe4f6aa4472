"""Library subcommands: `list`, `pass`, `export --json` and `import json`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.common import open_db
from desktop.cli.output import clip, echo, escape_json_text, format_table
from models import atomic
from models.errors import NotFoundError, ThreePassError, ValidationError
from models.services.library import LibraryService, UnresolvedOpenPointsError
from models.services.search import SearchService
from models.services.transfer import TransferService, dumps_document, prepare_document

if TYPE_CHECKING:
    from desktop.cli import CommandRegistry

STDIO = "-"
TITLE_WIDTH = 60
STATUS_WORDS = {"todo": "-", "in_progress": "doing", "done": "done"}


def register(registry: CommandRegistry) -> None:
    p = registry.command("list", "list every item with its three passes", cmd_list)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument(
        "--search",
        metavar="TEXT",
        help="only the items the library's search finds: TEXT in the title, notes, "
        "description, category, tags or linked companies and questions",
    )

    p = registry.command("pass", "start, finish or reset one pass of an item", cmd_pass)
    p.add_argument("item_id", metavar="ITEM_ID", type=int, help="the item's id (see `list`)")
    p.add_argument("number", metavar="{1,2,3}", type=int, choices=(1, 2, 3), help="which pass")
    p.add_argument("action", choices=("start", "done", "reset"), help="what to do")
    p.add_argument(
        "--force",
        action="store_true",
        help="finish pass 3 even though pass-1 open points are unresolved",
    )

    p = registry.command(
        "export", "write the whole database as one JSON document (docs/json-format.md)", cmd_export
    )
    p.add_argument(
        "--json", metavar="FILE", required=True, dest="json_file", help="target file, - for stdout"
    )

    p = registry.import_source(
        "json", "load a document written by `threepass export --json`", cmd_import_json
    )
    p.add_argument("file", metavar="FILE", help="the JSON document, - for stdin")
    p.add_argument(
        "--replace",
        action="store_true",
        help="replace everything in a non-empty database (a backup is saved first)",
    )


# ---- list -------------------------------------------------------------------------------


def hms(seconds: int | None) -> str:
    if seconds is None:
        return ""
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}"


def stdout_closed() -> int:
    """The reader of our output went away (`threepass list | head`): stop quietly."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    needle = (args.search or "").strip()
    db = open_db(args, read_only_ok=True)
    try:
        items = TransferService(db).list_items()
        if needle:  # the ids the library view's search shows, same rows in the same order
            found = SearchService(db).item_ids(needle)
            items = [item for item in items if item["id"] in found]
    finally:
        db.close()
    try:
        show_items(items, as_json=args.json, search=needle)
    except BrokenPipeError:
        return stdout_closed()
    return 0


def show_items(items: list[dict[str, Any]], *, as_json: bool, search: str = "") -> None:
    if as_json:
        # One item per line: json's C encoder (indent= disables it) keeps 100k items fast.
        lines = (
            escape_json_text(json.dumps(item, ensure_ascii=False, separators=(", ", ": ")))
            for item in items
        )
        sys.stdout.write("[\n  " + ",\n  ".join(lines) + "\n]\n" if items else "[]\n")
        return
    if not items:
        echo(f"No items match “{search}”." if search else "No items yet.")
        return
    rows = []
    for it in items:
        statuses = {p["number"]: p["status"] for p in it["passes"]}
        where = " / ".join(x for x in (it["source"], it["category"]) if x)
        rows.append(
            [
                str(it["id"]),
                it["kind"],
                *(STATUS_WORDS.get(statuses.get(n, "todo"), "?") for n in (1, 2, 3)),
                hms(it["duration_seconds"]),
                clip(where, 30),
                clip(it["title"], TITLE_WIDTH),
            ]
        )
    header = ["ID", "KIND", "P1", "P2", "P3", "DURATION", "SOURCE / CATEGORY", "TITLE"]
    echo(format_table(header, rows))


# ---- pass -------------------------------------------------------------------------------


def cmd_pass(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        info = LibraryService(db).set_pass(args.item_id, args.number, args.action, force=args.force)
    except UnresolvedOpenPointsError as err:
        raise ValidationError(f"{err} Add --force to finish pass 3 anyway.") from None
    except NotFoundError:
        raise NotFoundError(
            f"No item with id {args.item_id}; `threepass list` shows the ids."
        ) from None
    finally:
        db.close()
    echo(f"Item {args.item_id}, pass {info.number}: {info.status}")
    return 0


# ---- export / import --------------------------------------------------------------------


def write_atomically(path: Path, text: str) -> None:
    """Never a half-written export, and a symlink, FIFO or /dev/stdout stays what it is."""
    try:
        atomic.write_atomically(path, text)
    except OSError as err:
        target = atomic.real_target(path)
        if err.filename not in (None, str(path), str(target)):  # the temp file beside it
            raise ThreePassError(
                f"Cannot write into {target.parent}: {err.strerror or err}."
            ) from err
        raise ThreePassError(f"Cannot write {path}: {err.strerror or err}.") from err


def read_document(name: str) -> Any:
    """A regular file or ``-`` (stdin), within the size, depth and count limits."""
    from models.json_input import load_document

    return load_document(name)


def cmd_export(args: argparse.Namespace) -> int:
    db = open_db(args, read_only_ok=True)
    try:
        doc = TransferService(db).export_document()
    finally:
        db.close()
    text = dumps_document(doc)
    if args.json_file == STDIO:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            return stdout_closed()
        return 0
    target = Path(args.json_file)
    write_atomically(target, text)
    echo(
        f"Exported {len(doc['items'])} items, {len(doc['companies'])} companies and "
        f"{len(doc['questions'])} questions to {target}."
    )
    return 0


def cmd_import_json(args: argparse.Namespace) -> int:
    try:
        # Validate before opening the database: a bad document leaves no trace at all.
        prepared = prepare_document(read_document(args.file))
        db = open_db(args)
        try:
            summary = TransferService(db).import_document(prepared, replace=args.replace)
        finally:
            db.close()
    except ValidationError as err:
        if "nothing was imported" in str(err):
            raise
        raise ValidationError(f"{err} (nothing was imported)") from None
    echo(summary.describe())
    return 0
