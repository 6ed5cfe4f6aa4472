"""Two and three data folders sharing a sync folder: edits made offline on each side, synced
in any order, give the same library everywhere; ids never collide."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.services.career import CareerService, CompanyInput
from models.services.dto import ItemInput
from models.services.library import LibraryService
from models.sync.ids import BLOCK_SIZE
from tests.sync.sync_cli import Device, devices, sync_all


def _item(dev: Device, title: str, note: str = "") -> int:
    db = dev.open()
    try:
        lib = LibraryService(db)
        item_id = lib.create_item(ItemInput(kind="paper", title=title, tags=["sync"]))
        if note:
            lib.save_note(item_id, 1, note)
        return item_id
    finally:
        db.close()


def test_first_device_sends_its_library_and_keeps_its_ids(tmp_path: Path) -> None:
    laptop, desktop = devices(tmp_path, "laptop", "desktop")
    old = _item(laptop, "Attention Is All You Need", "## 不懂\n- 为什么除以根号 d")
    report = laptop.synced()
    assert report["sent"] > 0
    assert report["applied"] == {}
    desktop.synced()
    assert desktop.export() == laptop.export()
    assert old < BLOCK_SIZE  # the library that synced first keeps block 0: its ids unchanged
    # the search index follows the rows the changeset inserted (triggers ran as it applied)
    found = "SELECT count(*) FROM search_notes WHERE search_notes MATCH ?"
    assert desktop.rows(found, ('"除以根号"',)) == [(1,)]
    assert laptop.rows(found, ('"除以根号"',)) == [(1,)]


@pytest.mark.parametrize("order", ["laptop-first", "desktop-first"])
def test_offline_edits_on_both_sides_meet_in_either_order(tmp_path: Path, order: str) -> None:
    laptop, desktop = devices(tmp_path, "laptop", "desktop")
    shared = _item(laptop, "ResNet", "pass 1")
    sync_all(laptop, desktop)
    # offline: each side makes rows and edits different things of the shared item
    on_laptop = _item(laptop, "BERT", "laptop note")
    on_desktop = _item(desktop, "GPT-3", "desktop note")
    db = laptop.open()
    try:
        LibraryService(db).set_pass(shared, 1, "done")
    finally:
        db.close()
    db = desktop.open()
    try:
        LibraryService(db).save_note(shared, 2, "desktop's pass 2 note")
        CareerService(db).add_company(CompanyInput(name="月之暗面"))
    finally:
        db.close()
    first, second = (laptop, desktop) if order == "laptop-first" else (desktop, laptop)
    sync_all(first, second)
    assert laptop.export() == desktop.export()
    # ids made on each side before they met come from different blocks
    assert on_laptop < BLOCK_SIZE <= on_desktop
    item = {i["id"]: i for i in laptop.export()["items"]}
    assert item[shared]["passes"][0]["status"] == "done"
    assert {i["title"] for i in item.values()} == {"ResNet", "BERT", "GPT-3"}


def test_three_devices_agree(tmp_path: Path) -> None:
    a, b, c = devices(tmp_path, "a", "b", "c")
    _item(a, "from a before")
    sync_all(a, b, c)
    made = [_item(dev, f"from {dev.name}") for dev in (a, b, c)]
    assert len(set(made)) == 3
    assert len({m // BLOCK_SIZE for m in made}) == 3  # one block each
    for order in ((c, a, b), (b, c, a)):
        for dev in order:
            dev.synced()
    assert a.export() == b.export() == c.export()
    assert len(a.export()["items"]) == 4
