"""Devices for the sync tests: data folders sharing one sync folder, synced by running the
real `threepass sync` in a child process (the sync must own its process: models/sync/)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.db import Database, open_database
from models.paths import DB_FILENAME, resolve_location
from models.services.transfer import TransferService

REPO = Path(__file__).resolve().parents[2]


def threepass(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A `threepass` command on the library in `data_dir`, in a child process; it must succeed."""
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"threepass {' '.join(args)}: {result.stderr}{result.stdout}"
    return result


@dataclass(frozen=True)
class Device:
    name: str
    data_dir: Path
    folder: Path

    def open(self) -> Database:
        return open_database(resolve_location(data_dir=self.data_dir), new=True)

    def sync(
        self, *extra: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        first = not (self.data_dir / "sync.json").exists()
        args = ["--folder", str(self.folder), "--device", self.name] if first else []
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "desktop",
                "--data-dir",
                str(self.data_dir),
                "sync",
                *args,
                *extra,
            ],
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, **(env or {})},
            timeout=120,
            check=False,
        )

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Any other `threepass` command on this device's library."""
        return subprocess.run(
            [sys.executable, "-m", "desktop", "--data-dir", str(self.data_dir), *args],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=120,
            check=False,
        )

    def synced(self) -> dict[str, Any]:
        """Sync, expecting success; the --json report."""
        result = self.sync("--json")
        assert result.returncode == 0, result.stderr
        report: dict[str, Any] = json.loads(result.stdout)
        return report

    def export(self) -> Any:
        db = self.open()
        try:
            return TransferService(db).export_document()
        finally:
            db.close()

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        conn = sqlite3.connect(self.data_dir / DB_FILENAME)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()


def devices(root: Path, *names: str) -> list[Device]:
    folder = root / "shared"
    folder.mkdir(parents=True, exist_ok=True)
    return [Device(name, root / name, folder) for name in names]


def sync_all(*devs: Device, rounds: int = 2) -> None:
    """Sync every device in turn until all have seen everything (two rounds suffice)."""
    for _ in range(rounds):
        for dev in devs:
            dev.synced()
