"""A sentence for the user as a code and parameters, so the UI can translate it.

`importers/` and `models/` stay Qt-free, yet what they tell the user (progress lines, fetch
errors, refusals) must reach a Chinese window in Chinese. They build a :class:`Message`:
``code`` names the sentence, ``params`` fill it, and ``text`` is the English template, so
``str(message)`` is the English sentence the CLI prints and the log records. The desktop
translates codes in one place (``desktop/messages.py``); a code it does not know shows this
English text, so nothing is lost. Lives here, the lowest layer, because models import
importers and never the other way round.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Param = Any
"""A parameter: a plain value, a nested :class:`Message` (a cause inside an error) or a
tuple of alternatives."""


@dataclass(frozen=True)
class Message:
    """``code`` + ``params``; ``text`` is the English template with ``{name}`` fields."""

    code: str
    text: str
    params: Mapping[str, Param] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.text.format_map({key: _english(value) for key, value in self.params.items()})


def _english(value: Param) -> str:
    """A tuple is a list of alternatives ("text/html or text/plain"); the rest as str()."""
    if isinstance(value, tuple):
        return " or ".join(str(v) for v in value)
    return str(value)


def message(code: str, text: str, **params: Param) -> Message:
    """Shorthand: ``message("fetch.http", "the server answered HTTP {status}", status=500)``."""
    return Message(code, text, params)
