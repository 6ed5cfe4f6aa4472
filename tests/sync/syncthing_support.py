"""Two real Syncthing instances on 127.0.0.1 sharing one folder, for the end-to-end sync test.

Each peer gets its own home (`syncthing generate`), its GUI/REST API on a free local port with
an API key, and the sync protocol listening on 127.0.0.1 only. Everything that would reach
beyond this machine is off: global and local discovery, relays, NAT traversal, STUN,
upgrades, usage and crash reporting. Each peer knows the other by its explicit
tcp://127.0.0.1:PORT address. The shared folder rescans every few seconds and its watcher
reacts within a second; `scan()` asks for a scan at once.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FOLDER_ID = "threepass-sync"
WAIT_S = 90.0  # generous: two cores shared with other work; the usual wait is seconds
# Syncthing's own files in a folder: its marker, versions, and files it is still writing.
_OWN_PREFIXES = (".stfolder", ".stversions", ".stignore", ".syncthing.", "~syncthing~")

# Options that keep an instance on this machine and quiet (config.xml <options>).
LOCAL_ONLY_OPTIONS = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "stunKeepaliveStartS": "0",  # 0: no STUN
    "stunKeepaliveMinS": "0",
    "urAccepted": "-1",  # usage reporting declined, never asked
    "crashReportingEnabled": "false",
    "autoUpgradeIntervalH": "0",
    "startBrowser": "false",
    "reconnectionIntervalS": "5",  # the least Syncthing accepts
    "announceLANAddresses": "false",
}


def free_port() -> int:
    """A TCP port nothing listens on now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until(what: str, check: Callable[[], bool], timeout_s: float = WAIT_S) -> None:
    """Poll `check` until it holds; fail with `what` after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what}")
        time.sleep(0.2)


def folder_files(folder: Path) -> dict[str, bytes]:
    """The folder's files by relative path, without Syncthing's own."""
    files: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(_OWN_PREFIXES) for part in rel.parts) or not path.is_file():
            continue
        files[rel.as_posix()] = path.read_bytes()
    return files


@dataclass
class Peer:
    """One Syncthing instance: its home, the folder it shares and its REST API."""

    name: str
    home: Path
    folder: Path
    gui_port: int = field(default_factory=free_port)
    listen_port: int = field(default_factory=free_port)
    api_key: str = ""
    device_id: str = ""
    process: subprocess.Popen[bytes] | None = None

    @property
    def log_file(self) -> Path:
        return self.home / "syncthing.log"

    def rest(self, path: str, method: str = "GET", **params: str) -> Any:
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}{query}",
            method=method,
            headers={"X-API-Key": self.api_key},
        )
        # No proxy: the environment's http_proxy must not carry a request meant for 127.0.0.1.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body.strip() else None

    def answers(self) -> bool:
        try:
            return bool(self.rest("/rest/system/ping") == {"ping": "pong"})
        except OSError:
            return False

    def connected_to(self, other: Peer) -> bool:
        connections = self.rest("/rest/system/connections")["connections"]
        return bool(connections.get(other.device_id, {}).get("connected"))

    def scan(self) -> None:
        """Scan the shared folder now instead of waiting for the watcher."""
        self.rest("/rest/db/scan", method="POST", folder=FOLDER_ID)

    def log_tail(self) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-40:])
        except OSError:
            return "(no log)"


def _generate(syncthing: str, peer: Peer, env: dict[str, str]) -> None:
    subprocess.run(
        [syncthing, "generate", f"--home={peer.home}", "--no-default-folder"],
        check=True,
        capture_output=True,
        env=env,
        timeout=60,
    )
    device = subprocess.run(
        [syncthing, "serve", f"--home={peer.home}", "--device-id"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    peer.device_id = device.stdout.strip()
    root = ET.parse(peer.home / "config.xml").getroot()
    peer.api_key = root.findtext("gui/apikey") or ""
    assert peer.device_id, "syncthing generate made no device id"
    assert peer.api_key, "syncthing generate made no API key"


def _set(parent: ET.Element, tag: str, text: str) -> None:
    element = parent.find(tag)
    if element is None:
        element = ET.SubElement(parent, tag)
    element.text = text


def _configure(peer: Peer, other: Peer) -> None:
    """config.xml before the first start: local-only options, the other device, the folder."""
    config_path = peer.home / "config.xml"
    tree = ET.parse(config_path)
    root = tree.getroot()
    gui = root.find("gui")
    assert gui is not None
    _set(gui, "address", f"127.0.0.1:{peer.gui_port}")
    options = root.find("options")
    assert options is not None
    for listen in options.findall("listenAddress"):
        options.remove(listen)
    _set(options, "listenAddress", f"tcp://127.0.0.1:{peer.listen_port}")
    for key, value in LOCAL_ONLY_OPTIONS.items():
        _set(options, key, value)
    for own in root.findall("device"):
        own.set("name", peer.name)

    defaults = root.find("defaults")
    assert defaults is not None
    device_template = defaults.find("device")
    folder_template = defaults.find("folder")
    assert device_template is not None
    assert folder_template is not None
    device = ET.fromstring(ET.tostring(device_template))
    device.set("id", other.device_id)
    device.set("name", other.name)
    _set(device, "address", f"tcp://127.0.0.1:{other.listen_port}")
    root.insert(1, device)

    folder = ET.fromstring(ET.tostring(folder_template))
    folder.set("id", FOLDER_ID)
    folder.set("label", "ThreePass")
    folder.set("path", str(peer.folder))
    folder.set("rescanIntervalS", "5")
    folder.set("fsWatcherEnabled", "true")
    folder.set("fsWatcherDelayS", "1")
    for member in folder.findall("device"):
        folder.remove(member)
    for device_id in (peer.device_id, other.device_id):
        ET.SubElement(folder, "device", {"id": device_id, "introducedBy": ""})
    root.insert(0, folder)
    tree.write(config_path, encoding="unicode")


def _environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HOME=str(home),  # anything Syncthing keeps outside --home stays in the test's folder
        STNODEFAULTFOLDER="1",
        STNOUPGRADE="1",
        STNORESTART="1",  # one process, no monitor: the pid we stop is Syncthing itself
    )
    for proxy in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        env.pop(proxy, None)
    return env


def start_pair(syncthing: str, root: Path) -> Iterator[tuple[Peer, Peer]]:
    """Two connected peers sharing `root/a-folder` and `root/b-folder`; stopped afterwards."""
    peers = (
        Peer("laptop", root / "a-home", root / "a-folder"),
        Peer("desktop", root / "b-home", root / "b-folder"),
    )
    env = _environment(root)
    for peer in peers:
        peer.folder.mkdir(parents=True)
        (peer.folder / ".stfolder").mkdir()  # the marker Syncthing wants before it shares
        _generate(syncthing, peer, env)
    _configure(peers[0], peers[1])
    _configure(peers[1], peers[0])
    try:
        for peer in peers:
            log = peer.log_file.open("wb")
            peer.process = subprocess.Popen(
                [
                    syncthing,
                    "serve",
                    f"--home={peer.home}",
                    "--no-browser",
                    "--no-restart",
                    "--no-upgrade",
                    "--logflags=3",
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
            )
            log.close()  # the child holds its own descriptor
        a, b = peers
        for peer in peers:
            _wait(peers, f"{peer.name}'s REST API", peer.answers)
        _wait(peers, "the two instances to connect", lambda: a.connected_to(b))
        _wait(peers, "the two instances to connect", lambda: b.connected_to(a))
        yield a, b
    finally:
        for peer in peers:
            if peer.process is not None:
                peer.process.terminate()
        for peer in peers:
            if peer.process is not None:
                try:
                    peer.process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    peer.process.kill()
                    peer.process.wait()


def _wait(peers: tuple[Peer, Peer], what: str, check: Callable[[], bool]) -> None:
    """`wait_until`, failing at once if an instance died; a failure carries both logs."""

    def alive_and_check() -> bool:
        for peer in peers:
            if peer.process is not None and peer.process.poll() is not None:
                raise AssertionError(f"syncthing ({peer.name}) exited")
        return check()

    try:
        wait_until(what, alive_and_check)
    except AssertionError as err:
        logs = "\n".join(f"--- {peer.name}:\n{peer.log_tail()}" for peer in peers)
        raise AssertionError(f"{err}\n{logs}") from None


def wait_carried(source: Peer, target: Peer, peers: tuple[Peer, Peer]) -> None:
    """Scan `source` now and wait until `target`'s folder holds every file of `source`'s."""
    source.scan()

    def carried() -> bool:
        wanted = folder_files(source.folder)
        have = folder_files(target.folder)
        return bool(wanted) and all(have.get(name) == data for name, data in wanted.items())

    _wait(peers, f"Syncthing to carry {source.name}'s files to {target.name}", carried)
