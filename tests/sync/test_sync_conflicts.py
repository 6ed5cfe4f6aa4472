"""The same rows changed on both sides: the newer change wins, lost text is kept, a delete
wins over an edit only when newer (docs/sync.md, "Conflicts")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.sync.conflicts import ConflictsModel
from desktop.sync.engine import ConflictRow
from models.services.dto import ItemInput
from models.services.library import LibraryService
from models.sync.conflicts import conflicts
from tests.sync.sync_cli import Device, devices, sync_all


def _shared_item(laptop: Device, desktop: Device) -> int:
    db = laptop.open()
    try:
        item_id = LibraryService(db).create_item(ItemInput(kind="paper", title="Transformer"))
        LibraryService(db).save_note(item_id, 1, "first words")
    finally:
        db.close()
    sync_all(laptop, desktop)
    return item_id


def _note(dev: Device, item_id: int, body: str, minutes: float | None = None) -> None:
    db = dev.open()
    try:
        LibraryService(db).save_note(item_id, 1, body)
        if minutes is not None:
            LibraryService(db).set_minutes(item_id, 1, minutes)
    finally:
        db.close()


def _body(item: dict[str, Any]) -> str:
    return str(next(n["body"] for n in item["notes"] if n["pass_number"] == 1))


def _kept(dev: Device) -> list[tuple[str, str, str | None, str]]:
    db = dev.open()
    try:
        return [(k.table, k.lost_text, k.kept_text, k.lost_device) for k in conflicts(db)]
    finally:
        db.close()


def test_the_newer_note_wins_and_the_older_text_is_kept_on_both(tmp_path: Path) -> None:
    laptop, desktop = devices(tmp_path, "laptop", "desktop")
    item_id = _shared_item(laptop, desktop)
    _note(laptop, item_id, "laptop's version", minutes=10)
    _note(desktop, item_id, "desktop's version, written later", minutes=25)
    first = laptop.synced()
    assert first["resolved"] == 0
    second = desktop.synced()  # applies the laptop's older edit: the desktop's stays
    assert second["resolved"] == 2  # the note and the pass
    assert [c["lost"] for c in second["conflicts"]] == ["laptop's version"]
    laptop.synced()
    assert laptop.export() == desktop.export()
    item = next(i for i in laptop.export()["items"] if i["id"] == item_id)
    assert _body(item) == "desktop's version, written later"
    assert item["passes"][0]["minutes_spent"] == 25
    expected = [("notes", "laptop's version", "desktop's version, written later", "laptop")]
    assert _kept(desktop) == expected
    assert _kept(laptop) == expected
    # the conflicts dialog names where the text lives: the item and its pass
    db = laptop.open()
    try:
        (kept,) = conflicts(db)
    finally:
        db.close()
    assert (kept.subject, kept.pass_number) == ("Transformer", 1)
    row = ConflictRow(
        kept.id,
        kept.table,
        kept.column,
        kept.row_key,
        kept.lost_text,
        kept.kept_text,
        kept.lost_device,
        kept.resolved_at,
        kept.subject,
        kept.pass_number,
    )
    assert ConflictsModel([row]).what(row) == "Pass 1 notes of “Transformer”"


def test_changes_to_different_columns_of_one_row_are_both_kept(tmp_path: Path) -> None:
    laptop, desktop = devices(tmp_path, "laptop", "desktop")
    item_id = _shared_item(laptop, desktop)
    db = laptop.open()
    try:
        LibraryService(db).set_pass_speed(item_id, 1, 2.0)
    finally:
        db.close()
    db = desktop.open()
    try:
        LibraryService(db).set_minutes(item_id, 1, 42)
    finally:
        db.close()
    sync_all(desktop, laptop)
    assert laptop.export() == desktop.export()
    first_pass = next(i for i in laptop.export()["items"] if i["id"] == item_id)["passes"][0]
    assert (first_pass["speed"], first_pass["minutes_spent"]) == (2.0, 42)
    assert _kept(laptop) == []


def test_an_edit_newer_than_the_delete_brings_the_item_back(tmp_path: Path) -> None:
    laptop, desktop = devices(tmp_path, "laptop", "desktop")
    item_id = _shared_item(laptop, desktop)
    db = laptop.open()
    try:
        LibraryService(db).delete_item(item_id)
    finally:
        db.close()
    _note(desktop, item_id, "edited after the delete")
    sync_all(laptop, desktop)
    assert laptop.export() == desktop.export()
    item = next(i for i in laptop.export()["items"] if i["id"] == item_id)
    assert _body(item) == "edited after the delete"
    assert [p["number"] for p in item["passes"]] == [1, 2, 3]


def test_a_delete_newer_than_the_edit_wins_and_the_text_is_kept(tmp_path: Path) -> None:
    laptop, desktop = devices(tmp_path, "laptop", "desktop")
    item_id = _shared_item(laptop, desktop)
    _note(desktop, item_id, "edited before the delete")
    db = laptop.open()
    try:
        LibraryService(db).delete_item(item_id)
    finally:
        db.close()
    sync_all(desktop, laptop)
    assert laptop.export() == desktop.export()
    assert all(i["id"] != item_id for i in laptop.export()["items"])
    assert ("notes", "edited before the delete", None, "desktop") in _kept(desktop)
    assert ("notes", "edited before the delete", None, "desktop") in _kept(laptop)
