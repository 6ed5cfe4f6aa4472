"""Career fixtures: services on the real SQLite `db`, all sharing the fixed `clock`."""

from __future__ import annotations

import pytest

from models.clock import FixedClock
from models.db import Database
from models.services.career import CareerService
from models.services.library import LibraryService
from models.services.links import LinkService
from models.services.review import QuestionService
from tests.career.career_support import Services


@pytest.fixture
def svc(db: Database, clock: FixedClock) -> Services:
    return Services(
        career=CareerService(db, clock),
        questions=QuestionService(db, clock),
        links=LinkService(db, clock),
        library=LibraryService(db, clock),
    )
