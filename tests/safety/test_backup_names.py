"""Backups made in the same second: each one reported written is the one kept.

The kill test of the CLI found it: the second backup of a second was named `-2`, rotation
then deleted the first, and the third reused the freed name without a number, so rotation
(which takes the highest number for the newest) deleted the copy just made, right after
`threepass backup` had named it.
"""

from __future__ import annotations

from models.clock import FixedClock
from models.db import Database
from models.services.backup import BackupService
from models.services.dto import ItemInput
from models.services.library import LibraryService


def test_every_backup_of_one_second_is_kept_until_a_newer_one(
    db: Database, clock: FixedClock
) -> None:
    LibraryService(db, clock).create_item(ItemInput(kind="paper", title="Attention"))
    service = BackupService.for_database(db, clock)
    made = []
    for _ in range(4):
        info = service.create()  # the clock does not move: one second
        assert info.path.is_file(), f"{info.path.name} was reported written, then deleted"
        assert service.list_backups()[0].path == info.path
        made.append(info.path.name)
    assert len(set(made)) == 4
