"""The library view's services: plain-SQL readers for the first screen, the rest on demand.

The first screen (rows, filter choices, the selected item and its links) reads through
LibraryReader and LinkReader, which need no ORM; so does SettingsService.get. LibraryService
and LinkService import sqlalchemy.orm and the mapped classes (~0.1 s), so they are made on
first use (an edit, a search, a pass change), after the first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.context import AppContext
from models.services.library_read import LibraryReader
from models.services.link_read import LinkReader, WikiTarget
from models.services.settings import SettingsService  # reading a setting needs no ORM

if TYPE_CHECKING:
    from models.services.library import LibraryService
    from models.services.links import LinkService


class LibraryServices:
    """Shared by the view and its item pane; made and used on the GUI thread."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self.reader = LibraryReader(ctx.db)
        self.link_reader = LinkReader(ctx.db)
        self.settings = SettingsService(ctx.db)
        self._library: LibraryService | None = None
        self._links: LinkService | None = None

    @property
    def library(self) -> LibraryService:
        """Shares the reader, so rows read at start-up serve the first search."""
        if self._library is None:
            from models.services.library import LibraryService

            self._library = LibraryService(self._ctx.db, self._ctx.clock, reader=self.reader)
        return self._library

    @property
    def links(self) -> LinkService:
        if self._links is None:
            from models.services.links import LinkService

            self._links = LinkService(self._ctx.db, self._ctx.clock)
        return self._links


class WikiNames:
    """The item pane's WikiSource: names resolve without the ORM (every note render);
    completion, used only while typing `[[`, goes through LinkService."""

    def __init__(self, services: LibraryServices) -> None:
        self._services = services

    def resolve(self, names: list[str]) -> dict[str, WikiTarget]:
        return self._services.link_reader.resolve(names)

    def completion_names(self, text: str = "", *, limit: int = 50) -> list[str]:
        return self._services.links.completion_names(text, limit=limit)
