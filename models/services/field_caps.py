"""Length caps on single-line fields typed in the app or given to the CLI.

Imports cut such fields at importers/limits.py's caps (scraped text can be any size);
text a user enters is refused instead, in one sentence, as the JSON import refuses an
over-long field: cutting what someone typed would lose it silently. The caps are the same,
so a title that fits one way fits every way.
"""

from __future__ import annotations

from importers.limits import MAX_LINE, MAX_QUESTION
from models.errors import ValidationError

__all__ = ["MAX_LINE", "MAX_QUESTION", "check_line"]


def check_line(text: str | None, what: str, limit: int = MAX_LINE) -> None:
    """Refuse `text` over `limit` characters; `what` starts the sentence ("A title")."""
    if text is not None and len(text) > limit:
        raise ValidationError(
            f"{what} is {len(text):,} characters long, over the limit of {limit:,} for a "
            "single line; nothing was saved."
        )
