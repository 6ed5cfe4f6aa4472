"""Bad database URLs and a reader that stops early: one sentence or silence, never a traceback."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import exc

from desktop.app import BROKEN_PIPE_EXIT
from desktop.cli import build_parser
from desktop.gui import run_gui
from models import migrate
from models.clock import FixedClock
from tests.core.core_support import REPO, CliRunner
from tests.startup_dialog import quit_when_asked


@pytest.mark.parametrize(
    ("url", "sentence"),
    [
        ("bogus://x", "Cannot use the database URL bogus://x: ThreePass works with SQLite"),
        ("not a url", "Cannot use the database URL not a url: it is not a database URL"),
        (
            # refused before any driver is looked for, installed or not (#19)
            "postgresql+psycopg://u:secret@127.0.0.1:1/x",
            "Cannot use the database URL postgresql+psycopg://u:***@127.0.0.1:1/x: "
            "ThreePass works with SQLite files only (sqlite:////path/to/threepass.sqlite3); "
            "to use one library on several machines, sync it",
        ),
    ],
)
def test_unusable_database_url_is_one_sentence(cli: CliRunner, url: str, sentence: str) -> None:
    result = cli("--database-url", url, "list")
    assert result.returncode == 2
    assert result.stderr.startswith(f"threepass: {sentence}")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert "secret" not in result.stderr


def test_refused_database_server_is_one_sentence(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No server driver is installed, so the refusal is raised where the first query runs."""

    def refuse(_engine: object) -> str:
        raise exc.OperationalError(
            "SELECT", {}, ConnectionRefusedError("connection refused\nIs the server running?")
        )

    monkeypatch.setattr(migrate, "current_revision", refuse)
    result = cli("--database-url", "sqlite://", "list")
    assert result.returncode == 2
    assert result.stderr == (
        "threepass: Cannot connect to the database sqlite:// (connection refused).\n"
    )


def test_unusable_database_url_in_the_gui_is_a_dialog(
    tmp_path: Path, clock: FixedClock, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    shown: list[str] = []
    quit_when_asked(shown)
    args: argparse.Namespace = build_parser().parse_args(["--database-url", "bogus://x"])
    assert run_gui(args, clock) == 2
    assert len(shown) == 2
    assert shown[1].startswith("Cannot use the database URL bogus://x: ThreePass works with SQLite")


@pytest.mark.parametrize("command", [["companies"], ["plan"], ["stats", "--json"]])
def test_closed_output_pipe_exits_quietly(data_dir: Path, command: list[str]) -> None:
    """Like `threepass plan | head -1` where head has already gone: no traceback, exit 141."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write now fails with EPIPE, whatever the timing
    try:
        result = subprocess.run(
            [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *command],
            stdout=write_end,
            stderr=subprocess.PIPE,
            cwd=REPO,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert result.stderr.decode() == ""
    assert result.returncode == BROKEN_PIPE_EXIT
