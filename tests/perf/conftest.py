"""Fixtures of the performance-area tests: a small generated library on a real SQLite file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from models.db import Database
from models.services.transfer import TransferService

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `benchmarks` is a folder of scripts, not an installed package
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import generator_for  # noqa: E402


@pytest.fixture
def tiny_db(db: Database) -> Database:
    """The benchmark generator's tiny library, imported through the JSON import."""
    TransferService(db).import_document(generator_for("tiny").document())
    return db
