"""Rows with one unique key made on two devices before they synced (the first note of one
pass, the same paper imported on both): merged into one row, the newer winning, the lost
text kept; both libraries end identical (docs/sync.md, "Made on both devices")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from models.services.dto import ItemInput
from models.services.library import LibraryService
from models.sync.conflicts import conflicts
from tests.sync.sync_cli import REPO, Device, devices, sync_all

README = REPO / "tests/fixtures/paper-reading/history/README-2021-11-23-48de93f.md"


def _new_item(dev: Device, title: str) -> int:
    db = dev.open()
    try:
        return LibraryService(db).create_item(ItemInput(kind="paper", title=title))
    finally:
        db.close()


def _note(dev: Device, item_id: int, number: int, body: str) -> None:
    db = dev.open()
    try:
        LibraryService(db).save_note(item_id, number, body)
    finally:
        db.close()


def _kept(dev: Device) -> list[tuple[str, str, str | None, str]]:
    db = dev.open()
    try:
        return [(k.table, k.lost_text, k.kept_text, k.lost_device) for k in conflicts(db)]
    finally:
        db.close()


def _notes(doc: dict[str, Any], item_id: int) -> dict[int, str]:
    item = next(i for i in doc["items"] if i["id"] == item_id)
    return {int(n["pass_number"]): str(n["body"]) for n in item["notes"]}


def test_the_first_note_of_one_pass_written_on_both_devices(tmp_path: Path) -> None:
    laptop, desktop = devices(tmp_path, "laptop", "desktop")
    item_id = _new_item(laptop, "Transformer")
    sync_all(laptop, desktop)
    _note(laptop, item_id, 2, "laptop's first note")
    _note(desktop, item_id, 2, "desktop's first note, written later")
    laptop.synced()
    report = desktop.synced()
    assert report["skipped"] == 0
    assert report["resolved"] >= 1
    assert [c["lost"] for c in report["conflicts"]] == ["laptop's first note"]
    assert [(m["table"], m["lost_device"]) for m in report["merged"]] == [("notes", "laptop")]
    third = laptop.synced()
    assert third["skipped"] == 0
    assert laptop.export() == desktop.export()
    assert _notes(laptop.export(), item_id)[2] == "desktop's first note, written later"
    expected = ("notes", "laptop's first note", "desktop's first note, written later", "laptop")
    assert expected in _kept(laptop)
    assert expected in _kept(desktop)
    sync_all(laptop, desktop)  # settled: nothing more travels
    assert laptop.export() == desktop.export()
    assert laptop.synced()["sent"] == desktop.synced()["sent"] == 0


def _import(dev: Device) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--data-dir",
            str(dev.data_dir),
            "import",
            "paper-reading",
            "--from",
            str(README),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def _by_title(dev: Device) -> dict[str, int]:
    return {str(i["title"]): int(i["id"]) for i in dev.export()["items"]}


def test_the_same_source_imported_on_both_devices_becomes_one_library(tmp_path: Path) -> None:
    laptop, desktop = devices(tmp_path, "laptop", "desktop")
    laptop.synced()
    desktop.synced()  # both joined, neither has content yet
    _import(laptop)
    _import(desktop)
    imported = len(laptop.export()["items"])
    assert imported > 2
    titles = sorted(_by_title(laptop))
    first, second = titles[0], titles[1]
    _note(laptop, _by_title(laptop)[first], 1, "read on the laptop")
    _note(desktop, _by_title(desktop)[second], 1, "read on the desktop")
    sync_all(laptop, desktop)
    one, other = laptop.export(), desktop.export()
    assert one == other
    assert len(one["items"]) == imported  # one item per paper, not two
    ids = _by_title(laptop)
    assert _notes(one, ids[first]) == {1: "read on the laptop"}
    assert _notes(one, ids[second]) == {1: "read on the desktop"}
    for item in one["items"]:
        assert [p["number"] for p in item["passes"]] == [1, 2, 3]
    # the import's own state stays on each machine and out of the export
    assert not [k for k in one["settings"] if k.startswith("import_state.")]
