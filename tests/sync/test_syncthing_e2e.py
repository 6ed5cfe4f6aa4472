"""End to end: two real Syncthing instances carry the sync folder between two data folders.

Both instances run on 127.0.0.1 only, with discovery, relays, NAT, upgrades and usage
reporting off (tests/sync/syncthing_support.py). Skipped without `syncthing` on a developer's
machine; `.ci/run` installs it and sets CI, where a missing one fails.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ci_tools import required_tool
from tests.sync.sync_cli import threepass
from tests.sync.syncthing_support import Peer, folder_files, start_pair, wait_carried

pytestmark = pytest.mark.slow


@pytest.fixture
def syncthing_pair(tmp_path: Path) -> Iterator[tuple[Peer, Peer]]:
    syncthing = required_tool("syncthing", "syncthing")
    yield from start_pair(syncthing, tmp_path / "syncthing")


def test_a_file_written_on_one_side_arrives_on_the_other(
    syncthing_pair: tuple[Peer, Peer],
) -> None:
    a, b = syncthing_pair
    for peer in syncthing_pair:  # what the instance runs with, not only what we wrote
        options = peer.rest("/rest/config/options")
        assert options["listenAddresses"] == [f"tcp://127.0.0.1:{peer.listen_port}"]
        assert not options["globalAnnounceEnabled"]
        assert not options["localAnnounceEnabled"]
        assert not options["relaysEnabled"]
        assert not options["natEnabled"]
        assert options["urAccepted"] == -1
        assert options["autoUpgradeIntervalH"] == 0
    (a.folder / "dev-a").mkdir()
    (a.folder / "dev-a" / "1.txt").write_bytes(b"written on a\n")
    wait_carried(a, b, syncthing_pair)
    assert folder_files(b.folder) == {"dev-a/1.txt": b"written on a\n"}


def _companies(data_dir: Path) -> set[str]:
    rows = json.loads(threepass(data_dir, "companies", "--json").stdout)
    return {row["name"] for row in rows}


def test_an_edit_on_one_data_folder_reaches_the_other_through_syncthing(
    syncthing_pair: tuple[Peer, Peer], tmp_path: Path
) -> None:
    a, b = syncthing_pair
    data_a, data_b = tmp_path / "data-a", tmp_path / "data-b"
    threepass(data_a, "sync", "--folder", str(a.folder), "--device", "laptop")
    threepass(data_a, "company", "add", "Written on the laptop")
    threepass(data_a, "sync")  # the remembered folder: `sync` alone
    wait_carried(a, b, syncthing_pair)
    # the desktop joins from an empty data folder once the laptop's files are there (two
    # devices joining before either saw the other would take the same block of ids)
    threepass(data_b, "sync", "--folder", str(b.folder), "--device", "desktop")
    assert "Written on the laptop" in _companies(data_b)

    threepass(data_b, "company", "add", "Written on the desktop")
    threepass(data_b, "sync")
    wait_carried(b, a, syncthing_pair)
    assert "Written on the desktop" not in _companies(data_a)  # not before it syncs
    threepass(data_a, "sync")
    assert _companies(data_a) == _companies(data_b)
    assert {"Written on the laptop", "Written on the desktop"} <= _companies(data_a)
