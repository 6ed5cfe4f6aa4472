"""The notes importer on other learners' real notes files, against figures counted by hand.

The files, where they come from and the counting rules are in tests/fixtures/notes/README.md;
the figures were written into tests/fixtures/notes/expected.json before the importer ran on
them. A parser is judged on these files, so no rule may be fitted to one of them.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from importers import study_notes
from importers.records import ParseResult
from models.db import Database
from models.services.importing import ImportService
from tests.fixture_paths import FIXTURES, require

NOTES_DIR = FIXTURES / "notes"
EXPECTED: dict[str, Any] = json.loads(
    require(NOTES_DIR / "expected.json").read_text(encoding="utf-8")
)["files"]
CORPUS = sorted(EXPECTED)
WITH_SECTIONS = [name for name in CORPUS if EXPECTED[name]["questions"]["sections"] is not None]
WITH_COMPANIES = [name for name in CORPUS if EXPECTED[name]["companies_total"]]
LEFT_OUT = [name for name in CORPUS if EXPECTED[name]["urls"]["left_out"]]

REASON_WORDS = {
    "image": ("image",),
    "badge": ("badge",),
    "anchor": ("anchor", "table of contents"),
}
"""Words a skipped row's reason uses for each kind of link the importer leaves out."""


@cache
def _parsed(name: str) -> study_notes.NotesImport:
    text = require(NOTES_DIR / name).read_text(encoding="utf-8")
    return study_notes.parse(text)


def _record_text(result: ParseResult) -> str:
    """Every text field of every record: where a URL must be found if it is not lost."""
    parts: list[str | None] = []
    for i in result.items:
        parts += [i.title, i.url, i.summary, *i.refs, *i.links.values()]
    for q in result.questions:
        parts += [q.text, q.detail]
    for c in result.companies:
        parts += [c.name, c.note, c.url]
    for n in result.notes:
        parts += [n.title, n.markdown]
    return "\n".join(p for p in parts if p)


def _top_section(doc: study_notes.NotesImport, category: str | None, level: int) -> str:
    """The heading at depth ``level`` of the path to a record's category (its nearest heading)."""
    if category:
        for section in doc.sections:
            if category == section.title or category in section.path:
                if len(section.path) >= level:
                    return section.path[level - 1]
                return section.path[-1]
    return study_notes.TOP_TITLE


@pytest.mark.parametrize("name", CORPUS)
def test_question_total(name: str) -> None:
    questions = _parsed(name).result.questions
    expected = EXPECTED[name]["questions"]["total"]
    shown = [q.text[:60] for q in questions[:8]]
    assert len(questions) == expected, f"{name}: {len(questions)} questions, first: {shown}"


@pytest.mark.parametrize("name", WITH_SECTIONS)
def test_questions_per_section(name: str) -> None:
    doc = _parsed(name)
    figures = EXPECTED[name]["questions"]
    level = figures["section_level"] or 1
    found = Counter(_top_section(doc, q.category, level) for q in doc.result.questions)
    assert dict(found) == figures["sections"]


@pytest.mark.parametrize("name", CORPUS)
def test_no_url_is_lost(name: str) -> None:
    text = _record_text(_parsed(name).result)
    kept: list[str] = EXPECTED[name]["urls"]["kept"]
    lost = [url for url in kept if url not in text]
    assert not lost, f"{name}: {len(lost)} of {len(kept)} URLs lost, e.g. {lost[:5]}"


@pytest.mark.parametrize("name", LEFT_OUT)
def test_left_out_links_are_reported_not_imported(name: str) -> None:
    result = _parsed(name).result
    reasons = " ".join(s.reason.casefold() for s in result.skipped)
    expected: dict[str, int] = EXPECTED[name]["urls"]["left_out"]
    unreported = [
        reason for reason in expected if not any(w in reasons for w in REASON_WORDS[reason])
    ]
    assert not unreported, f"{name}: no skipped row names {unreported}"
    kept = set(EXPECTED[name]["urls"]["kept"])
    imported = {i.url for i in result.items}
    text = require(NOTES_DIR / name).read_text(encoding="utf-8")
    images = {u for u in imported if u and u not in kept and u in text}
    assert not images, f"{name}: badge/image URLs became items: {sorted(images)[:5]}"


@pytest.mark.parametrize("name", WITH_COMPANIES)
def test_companies(name: str) -> None:
    companies = _parsed(name).result.companies
    expected: list[dict[str, str]] = EXPECTED[name]["companies"]
    assert len(companies) == EXPECTED[name]["companies_total"]
    assert {c.name.casefold() for c in companies} == {e["name"].casefold() for e in expected}
    by_name = {c.name.casefold(): c for c in companies}
    for row in expected:
        company = by_name[row["name"].casefold()]
        if row.get("url"):
            assert company.url == row["url"], row["name"]
        if row.get("note"):
            assert company.note is not None, row["name"]
            assert row["note"] in company.note, row["name"]


@pytest.mark.parametrize(
    "name",
    [n for n in CORPUS if n != "study-notes.md" and not EXPECTED[n]["companies_total"]],
)  # the files that list companies: test_companies
def test_no_companies_where_none_are_listed(name: str) -> None:
    names = [c.name for c in _parsed(name).result.companies]
    assert names == [], f"{name}: {names[:5]}"


@pytest.mark.parametrize("name", CORPUS)
def test_second_import_adds_nothing(name: str, db: Database) -> None:
    service = ImportService(db)
    result = _parsed(name).result
    service.apply(study_notes.SOURCE, result)
    again = service.apply(study_notes.SOURCE, study_notes.parse(_read(name)).result)
    assert (again.added, again.updated) == (0, 0), again.describe()


def _read(name: str) -> str:
    return (NOTES_DIR / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("javaguide-llm-questions.gbk.md", "gbk"), ("javaguide-llm-questions.utf16.md", "utf-16")],
)
def test_encoded_copies_hold_the_same_notes(name: str, encoding: str) -> None:
    """The encoding tests rely on these being exact re-encodings of a corpus file."""
    raw = require(NOTES_DIR / name).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert raw.decode(encoding) == _read("javaguide-llm-questions.md")


def test_corpus_files_are_all_counted() -> None:
    on_disk = {
        p.name
        for p in Path(NOTES_DIR).glob("*.md")
        if p.name != "README.md" and p.suffixes == [".md"]
    }
    assert on_disk == set(CORPUS)
