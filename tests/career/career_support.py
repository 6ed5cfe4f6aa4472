"""Helpers shared by the career tests."""

from __future__ import annotations

from dataclasses import dataclass

from models.services.career import CareerService
from models.services.dto import ItemInput
from models.services.library import LibraryService
from models.services.links import LinkService
from models.services.review import QuestionService


@dataclass
class Services:
    career: CareerService
    questions: QuestionService
    links: LinkService
    library: LibraryService

    def item(self, title: str, kind: str = "paper_video") -> int:
        return self.library.create_item(ItemInput(kind=kind, title=title))
