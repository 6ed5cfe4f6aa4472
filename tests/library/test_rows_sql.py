"""The first screen reads its rows with hand-kept SQL text, the rest of the app with the ORM."""

from __future__ import annotations

from models.services.library import rows_sql
from models.services.library_read import ALL_ROWS_SQL


def test_the_first_screens_sql_is_the_orm_rows_query_compiled() -> None:
    """A column added to rows_query and not to ALL_ROWS_SQL would show other rows at start-up
    than after the first edit."""
    assert rows_sql() == ALL_ROWS_SQL
