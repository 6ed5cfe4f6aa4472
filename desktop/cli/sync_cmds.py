"""`threepass sync [--folder DIR] [--device NAME] [--status] [--json]` (docs/sync.md).

This process is the sync's: it opens the library with SQLAlchemy/sqlite3 for the usual
checks and upgrade, closes every handle, and only then lets apsw open it
(models/sync/engine.py says why two SQLite copies must never share a file in one process).
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from desktop.cli import CommandRegistry
from desktop.cli.common import location_from_args, print_json
from desktop.cli.output import echo
from models.errors import ValidationError
from models.sync.config import SNAPSHOT_FILENAME, configure, sync_settings
from models.sync.status import status

HELP = "sync the library with your other devices through a shared folder (docs/sync.md)"
REFUSED_EXIT = 3


def _prepare(args: argparse.Namespace) -> tuple[Path, Path]:
    """Open (and upgrade) the library and the snapshot the usual way, then close them."""
    from models import migrate
    from models.db import make_engine, open_database

    location = location_from_args(args)
    path = location.db_path
    if path is None:
        raise ValidationError("Sync needs a library file (an sqlite:/// URL or a data folder).")
    data_dir = location.data_dir or path.parent
    db = open_database(location)
    db.close()
    snapshot = data_dir / SNAPSHOT_FILENAME
    if snapshot.exists():
        engine = make_engine(f"sqlite:///{snapshot}")
        try:
            if migrate.current_revision(engine) != migrate.head_revision():
                migrate.upgrade(engine)
        finally:
            engine.dispose()
    gc.collect()  # a connection object not yet collected still holds its file open
    return data_dir, path


def _print_status(data_dir: Path, as_json: bool) -> int:
    found = status(data_dir)
    if as_json:
        print_json(
            None
            if found is None
            else {
                "folder": str(found.folder),
                "device": found.device,
                "last_sync": found.last_sync.isoformat() if found.last_sync else None,
                "devices": [
                    {
                        "name": d.name,
                        "block": d.block,
                        "this_device": d.this_device,
                        "last_changeset": d.last_changeset,
                        "last_sent": d.last_sent.isoformat() if d.last_sent else None,
                        "applied": d.applied,
                    }
                    for d in found.devices
                ],
            }
        )
        return 0
    if found is None:
        echo("This library does not sync: `threepass sync --folder DIR` sets it up.")
        return 0
    last = found.last_sync.strftime("%Y-%m-%d %H:%M UTC") if found.last_sync else "never"
    echo(f"This device: {found.device}, syncing through {found.folder} (last sync: {last}).")
    for d in found.devices:
        sent = d.last_sent.strftime("%Y-%m-%d %H:%M UTC") if d.last_sent else "nothing yet"
        mark = " (this device)" if d.this_device else ""
        echo(f"  {d.name}{mark}: changeset {d.last_changeset}, last sent {sent}")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    location = location_from_args(args)
    data_dir = location.data_dir or (location.db_path.parent if location.db_path else None)
    if data_dir is None:
        raise ValidationError("Sync needs a library file (an sqlite:/// URL or a data folder).")
    if args.status:
        return _print_status(data_dir, args.json)
    config = sync_settings(data_dir)
    if config is None and not args.folder:
        raise ValidationError(
            "This library does not sync yet: run `threepass sync --folder DIR` once "
            "(a folder your sync tool shares between your devices; see docs/sync.md)."
        )
    data_dir, path = _prepare(args)  # creates the data folder and library if need be
    if args.folder or args.device:
        folder = Path(args.folder) if args.folder else config.folder if config else None
        assert folder is not None
        configure(data_dir, folder, args.device)
    from models.sync.engine import run_sync

    report = run_sync(data_dir, path)
    if args.json:
        print_json(
            {
                "device": report.device,
                "sent": report.sent,
                "applied": report.applied,
                "resolved": report.resolved,
                "skipped": report.skipped,
                "resent": report.resent,
                "renumbered": report.renumbered,
                "merged": [
                    {
                        "table": m.table,
                        "row": m.loser,
                        "into": m.winner,
                        "lost_device": m.lost_device,
                    }
                    for m in report.merged
                ],
                "compacted": report.compacted,
                "refused": list(report.refused),
                "conflicts": [
                    {
                        "table": c.table,
                        "row": c.row_key,
                        "column": c.column,
                        "kept": c.kept_text,
                        "lost": c.lost_text,
                        "lost_device": c.lost_device,
                    }
                    for c in report.conflicts
                ],
            }
        )
    if report.refused:
        if not args.json:
            for sentence in report.refused:
                echo(f"threepass: {sentence}", file=sys.stderr)
            echo("threepass: nothing was sent or applied.", file=sys.stderr)
        return REFUSED_EXIT
    if not args.json:
        _print_report(report)
    return 0


def _print_report(report: object) -> None:
    from models.sync.engine import SyncReport

    assert isinstance(report, SyncReport)
    if report.renumbered:
        echo(
            f"This library joined after other devices: its {report.renumbered} row(s) "
            "took ids of this device's own block (see docs/sync.md)."
        )
    echo(f"Sent {report.sent} change(s) from {report.device}.")
    if not report.applied:
        echo("No new changes from other devices.")
    for device, count in sorted(report.applied.items()):
        echo(f"Applied {count} change(s) from {device}.")
    echo(f"Resolved {report.resolved} conflict(s).")
    for c in report.conflicts:
        echo(
            f"  Kept the losing text of {c.table} {c.row_key} ({c.column}) from "
            f"{c.lost_device}: {_preview(c.lost_text)}"
        )
    for m in report.merged:
        echo(
            f"  Merged {m.table} {m.loser} from {m.lost_device} into {m.winner}: both "
            "devices made it before they synced (the newer one stays)."
        )
    if report.resent:
        echo(
            f"Sent again {report.resent} row(s) this device kept (over an older delete, or "
            "over the same row made on another device)."
        )
    if report.skipped:
        echo(
            f"Skipped {report.skipped} change(s) that break a rule of the library (see "
            "docs/sync.md); `threepass export` on each device shows the difference."
        )
    if report.compacted:
        echo(f"Compacted {report.compacted} old changeset file(s) into one.")


def _preview(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def register(registry: CommandRegistry) -> None:
    sync = registry.command("sync", HELP, cmd_sync)
    sync.add_argument(
        "--folder",
        metavar="DIR",
        help="the folder your sync tool shares (set once, remembered in the data folder)",
    )
    sync.add_argument(
        "--device", metavar="NAME", help="this device's name (default: the host name)"
    )
    sync.add_argument(
        "--status", action="store_true", help="list the devices and their last sync, no sync"
    )
    sync.add_argument("--json", action="store_true", help="print JSON")
