"""Joining a sync folder in any order: a library with content joins after an empty one
(or another library) by renumbering its rows into its own block, and a device moves to a
new sync folder (the old one lost) without a false "same id block" refusal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from models.services.dto import ItemInput
from models.services.library import LibraryService
from models.sync.ids import BLOCK_SIZE
from tests.sync.sync_cli import Device, devices, sync_all

FOUND = "SELECT count(*) FROM search_notes WHERE search_notes MATCH ?"


def _item(dev: Device, title: str, note: str) -> int:
    db = dev.open()
    try:
        lib = LibraryService(db)
        item_id = lib.create_item(ItemInput(kind="paper", title=title, tags=[title.lower()]))
        lib.save_note(item_id, 1, note)
        return item_id
    finally:
        db.close()


def _ids(dev: Device) -> list[int]:
    return sorted(int(i["id"]) for i in dev.export()["items"])


@pytest.mark.parametrize("order", ["empty-first", "data-first"])
def test_a_library_with_content_joins_in_either_order(tmp_path: Path, order: str) -> None:
    laptop, desktop = devices(tmp_path, "laptop", "desktop")
    before = _item(desktop, "ResNet", "残差连接 on the desktop")
    if order == "empty-first":
        assert laptop.synced()["sent"] == 0
        joined = desktop.synced()
        assert joined["renumbered"] > 0
    else:
        desktop.synced()
        laptop.synced()
    sync_all(laptop, desktop)
    assert laptop.export() == desktop.export()
    (item_id,) = _ids(laptop)
    if order == "empty-first":  # the desktop's rows moved into its block, block 1
        assert item_id == before + BLOCK_SIZE
    else:
        assert item_id == before
    for dev in (laptop, desktop):  # the search index follows the new ids
        assert dev.rows(FOUND, ('"残差连接"',)) == [(1,)]
    made = _item(laptop, "BERT", "made after joining")
    sync_all(laptop, desktop)
    assert laptop.export() == desktop.export()
    assert len(_ids(desktop)) == 2
    assert made // BLOCK_SIZE == (0 if order == "empty-first" else 1)


def test_three_devices_two_with_content_join_after_an_empty_one(tmp_path: Path) -> None:
    a, b, c = devices(tmp_path, "a", "b", "c")
    _item(b, "From b", "b's note")
    _item(c, "From c", "c's note")
    a.synced()
    b.synced()
    c.synced()
    sync_all(a, b, c)
    assert a.export() == b.export() == c.export()
    ids = _ids(a)
    assert len(ids) == 2
    assert sorted(i // BLOCK_SIZE for i in ids) == [1, 2]  # b's block and c's block
    assert {n["body"] for i in a.export()["items"] for n in i["notes"]} == {
        "b's note",
        "c's note",
    }


def _move(dev: Device, folder: Path) -> Device:
    moved = Device(dev.name, dev.data_dir, folder)
    result = moved.sync("--folder", str(folder), "--json")
    assert result.returncode == 0, result.stderr
    return moved


def test_moving_to_a_new_folder_whose_first_device_took_the_same_block(tmp_path: Path) -> None:
    laptop, desktop = devices(tmp_path, "laptop", "desktop")
    laptop.synced()  # the empty laptop set up first, in the old folder: block 0
    new = tmp_path / "new-folder"
    new.mkdir()
    _item(desktop, "GPT-3", "desktop's library")
    desktop = _move(desktop, new)  # the desktop starts the new folder: block 0 there too
    laptop = _move(laptop, new)
    sync_all(laptop, desktop)
    assert laptop.export() == desktop.export()
    assert len(_ids(laptop)) == 1
    blocks = {
        json.loads((new / d / "device.json").read_text())["block"] for d in ("laptop", "desktop")
    }
    assert len(blocks) == 2


def test_every_device_moves_when_the_old_folder_is_lost(tmp_path: Path) -> None:
    laptop, desktop = devices(tmp_path, "laptop", "desktop")
    _item(laptop, "Transformer", "before the move")
    sync_all(laptop, desktop)
    _item(desktop, "ViT", "made while the folder was gone")
    shutil.rmtree(laptop.folder)
    new = tmp_path / "replacement"
    new.mkdir()
    desktop = _move(desktop, new)
    laptop = _move(laptop, new)
    sync_all(laptop, desktop)
    assert laptop.export() == desktop.export()
    assert len(_ids(laptop)) == 2  # nothing twice, nothing lost


def test_ids_of_a_later_device_are_shown_and_accepted_whole(tmp_path: Path) -> None:
    laptop, desktop = devices(tmp_path, "laptop", "desktop")
    laptop.synced()
    desktop.synced()
    item_id = _item(desktop, "LeNet", "desktop's item")
    assert item_id == BLOCK_SIZE + 1  # 4294967297: the second device's first item
    listed = desktop.run("list")
    assert str(item_id) in listed.stdout
    assert desktop.run("pass", str(item_id), "1", "start").returncode == 0
    sync_all(desktop, laptop)
    assert laptop.run("pass", str(item_id), "1", "done").returncode == 0
