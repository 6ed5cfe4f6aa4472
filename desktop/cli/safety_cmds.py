"""`threepass backup [FILE]` and `threepass restore FILE`.

Neither opens the database through open_db(): restore must work exactly when the current
database is damaged, and a backup must not upgrade the schema as a side effect.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli import CommandRegistry
from desktop.cli.common import location_from_args, print_json
from desktop.cli.output import echo
from models.services.backup import BackupInfo, BackupService


def _service(args: argparse.Namespace) -> BackupService:
    return BackupService.for_location(location_from_args(args))


def _info_json(info: BackupInfo) -> dict[str, object]:
    return {
        "path": str(info.path),
        "created": info.created_local.isoformat(timespec="seconds"),
        "size": info.size,
        "kind": info.kind,
    }


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def cmd_backup(args: argparse.Namespace) -> int:
    service = _service(args)
    if args.list:
        backups = service.list_backups()
        if args.json:
            print_json([_info_json(b) for b in backups])
            return 0
        if not backups:
            echo(f"No backups in {service.backup_dir} yet.")
        for b in backups:
            stamp = b.created_local.strftime("%Y-%m-%d %H:%M")
            echo(f"{stamp}  {_size(b.size):>10}  {b.kind:<11}  {b.path}")
        return 0
    info = service.create(Path(args.file) if args.file else None)
    if args.json:
        print_json(_info_json(info))
    else:
        echo(f"Backed up {service.db_path} to {info.path} ({_size(info.size)}).")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    service = _service(args)
    result = service.restore(Path(args.file))
    echo(f"Restored {result.restored_from} (schema {result.revision}) into {service.db_path}.")
    if result.safety_copy is not None:
        echo(f"The database it replaced was saved as {result.safety_copy}.")
    if result.moved_aside is not None:
        echo(f"The damaged database it replaced was moved to {result.moved_aside}.")
    return 0


def register(registry: CommandRegistry) -> None:
    backup = registry.command(
        "backup",
        "back up the database (to FILE, or into the data folder's backups/ with rotation)",
        cmd_backup,
    )
    backup.add_argument("file", nargs="?", metavar="FILE", help="a new file to write the copy to")
    backup.add_argument("--list", action="store_true", help="list the backups instead")
    backup.add_argument("--json", action="store_true", help="print JSON")
    restore = registry.command(
        "restore",
        "replace the database with a backup (the current one is backed up or moved aside first)",
        cmd_restore,
    )
    restore.add_argument(
        "file", metavar="FILE", help="a backup file, or a file name from the backups folder"
    )
