"""The real main window with every feature installed, as the app builds it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from models import logs
from models.db import Database


@pytest.fixture
def logged(db: Database) -> Iterator[None]:
    """The log in the data folder, as desktop.app sets it up."""
    assert db.path is not None
    logs.setup_logging(db.path.parent)
    yield
    logs.reset_logging()
