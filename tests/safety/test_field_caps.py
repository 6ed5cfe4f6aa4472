"""Single-line fields typed by a user have the imports' caps: refused in one sentence.

A 10 MB title cost 870 MB in the views that lay it out, whichever way it came in. Imports
cut such fields (tests/importers/test_title_caps.py) and the JSON import refuses them;
the app and the CLI refuse them too, and nothing is written.
"""

from __future__ import annotations

import pytest

from desktop.app import main
from importers.limits import MAX_LINE, MAX_QUESTION
from models.db import Database
from models.errors import ValidationError
from models.services.career import ApplicationInput, CareerService, CompanyInput
from models.services.dto import ItemInput
from models.services.journal import JournalService
from models.services.library import LibraryService
from models.services.review import QuestionInput, QuestionService
from models.services.transfer import TransferService

HUGE = "长" * 1_000_000


def refused(action: object, start: str) -> str:
    with pytest.raises(ValidationError) as caught:
        action()  # type: ignore[operator]
    message = str(caught.value)
    assert message.startswith(start), message
    assert "over the limit of" in message, message
    assert message.endswith("nothing was saved.")
    assert "\n" not in message
    return message


def test_titles_and_categories_typed_in_the_app_are_capped(db: Database) -> None:
    library = LibraryService(db)
    assert library.create_item(ItemInput(kind="paper", title="t" * MAX_LINE)) == 1  # fits
    message = refused(lambda: library.create_item(ItemInput(kind="paper", title=HUGE)), "A title")
    assert message == (
        "A title is 1,000,000 characters long, over the limit of 500 for a single line; "
        "nothing was saved."
    )
    refused(
        lambda: library.update_item(1, ItemInput(kind="paper", title="ok", category=HUGE)),
        "A category",
    )
    refused(
        lambda: library.update_item(1, ItemInput(kind="paper", title="ok", tags=[HUGE])), "A tag"
    )
    refused(lambda: library.add_open_point(1, "x" * (MAX_QUESTION + 1)), "An open point")
    assert [row["title"] for row in TransferService(db).list_items()] == ["t" * MAX_LINE]
    assert library.get_item(1).category is None
    assert library.get_item(1).open_points == ()


def test_career_questions_and_journal_fields_are_capped(db: Database) -> None:
    career = CareerService(db)
    company = career.add_company(CompanyInput(name="月之暗面"))
    refused(lambda: career.apply(company, ApplicationInput(role=HUGE)), "A role")
    refused(lambda: career.apply(company, ApplicationInput(role="r", next_action=HUGE)), "A next")
    assert career.list_applications() == []
    review = QuestionService(db)
    refused(lambda: review.add_question(QuestionInput(text="q" * (MAX_QUESTION + 1))), "A question")
    journal = JournalService(db)
    refused(lambda: journal.create(HUGE), "A title")
    note = journal.create("面经")
    refused(lambda: journal.save(note, title=HUGE), "A title")
    assert journal.get(note).title == "面经"


def test_the_cli_refuses_an_over_long_title_in_one_line(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert db.path is not None
    folder = str(db.path.parent)
    assert main(["--data-dir", folder, "company", "add", "ACME"]) == 0
    assert main(["--data-dir", folder, "question", "add", "q" * 5000]) == 2
    err = capsys.readouterr().err
    assert err.startswith("threepass: A question is 5,000 characters long")
    assert err.count("\n") == 1
    assert main(["--data-dir", folder, "apply", "ACME", "--role", "r" * 600]) == 2
    assert "A role is 600 characters long" in capsys.readouterr().err
