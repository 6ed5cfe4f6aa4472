"""Fixtures of the core tests (helpers live in core_support.py)."""

from __future__ import annotations

import io
import sys

import pytest

from desktop.app import main
from models.db import Database
from tests.core.core_support import CliResult, CliRunner, fill_everything


@pytest.fixture
def filled_db(db: Database) -> Database:
    fill_everything(db)
    return db


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """Run `threepass ARGS` in this process (same code path as the program, ~50x faster)."""

    def run(*args: str, stdin: bytes | str = b"") -> CliResult:
        data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse errors and --help
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run
