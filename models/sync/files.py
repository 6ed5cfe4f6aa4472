"""The shared folder's files: `DEVICE/NNNNNNNN.changeset`, `device.json`, `applied.json`.

A changeset file is a header line and SQLite's changeset bytes:
`THREEPASS-CHANGESET 1\\n{json}\\n<bytes>`. The header names the device, the sequence
numbers it covers (`first`..`seq`: a compacted file covers several), the schema revision
it was made at and when each row it deletes was deleted. Files are written once, through
a temp file renamed into place (models/atomic.py), and never modified: a sync tool only
ever copies whole, finished files. Anything else in the folder (a sync tool's conflict
copies, temp files) is ignored.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.atomic import write_atomically
from models.errors import ThreePassError

MAGIC = b"THREEPASS-CHANGESET 1\n"
DEVICE_FILE = "device.json"
APPLIED_FILE = "applied.json"
_CHANGESET = re.compile(r"^(\d{8})\.changeset$")


@dataclass(frozen=True)
class Header:
    device: str
    first: int
    seq: int
    revision: str
    created: str  # UTC, "YYYY-MM-DD HH:MM:SS.ffffff" like the stamps it is compared with
    # table -> canonical row key (models/sync/rows.py) -> when it was deleted
    deletions: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class ChangesetFile:
    path: Path
    header: Header


def changeset_name(seq: int) -> str:
    return f"{seq:08d}.changeset"


def encode(header: Header, changeset: bytes) -> bytes:
    meta = {
        "device": header.device,
        "first": header.first,
        "seq": header.seq,
        "revision": header.revision,
        "created": header.created,
        "deletions": header.deletions,
    }
    return MAGIC + json.dumps(meta, ensure_ascii=False).encode("utf-8") + b"\n" + changeset


def _split(path: Path, *, body: bool) -> tuple[Header, bytes]:
    with path.open("rb") as fh:
        if fh.read(len(MAGIC)) != MAGIC:
            raise ThreePassError(f"{path} is not a ThreePass changeset.")
        line = fh.readline()
        data = fh.read() if body else b""
    try:
        meta: dict[str, Any] = json.loads(line)
        header = Header(
            device=str(meta["device"]),
            first=int(meta["first"]),
            seq=int(meta["seq"]),
            revision=str(meta["revision"]),
            created=str(meta["created"]),
            deletions={
                str(t): {str(k): str(v) for k, v in keys.items()}
                for t, keys in dict(meta.get("deletions") or {}).items()
            },
        )
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise ThreePassError(f"The changeset {path} has a damaged header ({err}).") from err
    return header, data


def read_header(path: Path) -> Header:
    return _split(path, body=False)[0]


def read_changeset(path: Path) -> bytes:
    return _split(path, body=True)[1]


def write_changeset(device_dir: Path, header: Header, changeset: bytes) -> Path:
    device_dir.mkdir(parents=True, exist_ok=True)
    return write_atomically(device_dir / changeset_name(header.seq), encode(header, changeset))


def changeset_files(device_dir: Path) -> list[ChangesetFile]:
    """The device's changesets by sequence number; a file inside a compacted one's range
    (left by a compaction that stopped half-way) is left out."""
    found: list[ChangesetFile] = []
    try:
        names = sorted(p.name for p in device_dir.iterdir())
    except OSError:
        return []
    for name in names:
        if _CHANGESET.match(name):
            path = device_dir / name
            found.append(ChangesetFile(path, read_header(path)))
    covered = [(f.header.first, f.header.seq) for f in found if f.header.first < f.header.seq]
    return [
        f
        for f in found
        if f.header.first < f.header.seq or not any(lo <= f.header.seq <= hi for lo, hi in covered)
    ]


def last_seq(device_dir: Path) -> int:
    seqs = [int(m.group(1)) for p in _names(device_dir) if (m := _CHANGESET.match(p))]
    return max(seqs, default=0)


def _names(folder: Path) -> list[str]:
    try:
        return [p.name for p in folder.iterdir()]
    except OSError:
        return []


def read_json(path: Path) -> dict[str, Any]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}


def write_json(path: Path, value: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True))


def device_dirs(folder: Path) -> dict[str, Path]:
    """Every device that joined the folder (a folder with its device.json)."""
    return {
        name: folder / name
        for name in sorted(_names(folder))
        if (folder / name / DEVICE_FILE).is_file()
    }
