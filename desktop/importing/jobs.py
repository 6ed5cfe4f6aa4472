"""The work each import does in its worker thread: fetch → parse → (cancel point) → apply.

Each `*_task` returns a callable run by TaskRunner with a Reporter. They call importers and
services only (services open their own Session in the worker thread) and return plain
values: the ImportSummary of the write, or the parsed notes for the preview dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace as replace_dc
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop import messages
from desktop.importing.notes_preview import SectionPreview
from desktop.importing.worker import Reporter, Task
from importers import fastai_course, paper_reading, study_notes
from importers.http import Document, Fetcher, NotModified, Validators, is_url
from importers.messages import Message
from importers.records import ParseResult
from models.db import Database
from models.json_input import load_document
from models.services.import_summary import ImportSummary
from models.services.importing import ImportService, check_notes_text, check_parsed
from models.services.transfer import TransferService


def paper_reading_default_url() -> str:
    return paper_reading.DEFAULT_URL


def fastai_default_url() -> str:
    return fastai_course.DEFAULT_URL


class ProgressFetcher(Fetcher):
    """A Fetcher that reports through the Reporter: a bar when the importer counts its steps
    (e.g. lesson 16 of 28), a busy indicator otherwise; the download a step waits on is a
    detail under it, so the step's count stays on screen."""

    def __init__(
        self, source: str, reporter: Reporter, *, options: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(source, should_cancel=reporter.cancelled, **(options or {}))
        self._reporter = reporter

    def progress(self, line: str | Message, *, done: int = 0, total: int = 0) -> None:
        self._reporter.stage(messages.text(line), done, total)

    def detail(self, line: str | Message) -> None:
        self._reporter.detail(messages.text(line))


def _apply(
    db: Database,
    source: str,
    parsed: ParseResult,
    reporter: Reporter,
    *,
    location: str | None = None,
    validators: Validators | None = None,
) -> ImportSummary:
    """Last cancel point, then one transaction in the importing service."""
    reporter.check()
    total = len(parsed.items) + len(parsed.questions) + len(parsed.companies) + len(parsed.notes)
    reporter.stage(
        QCoreApplication.translate("ImportJobs", "Writing {0} records to the library").format(total)
    )
    return ImportService(db).apply(
        source,
        parsed,
        location=location if location and is_url(location) else None,
        validators=validators,
    )


# ---- paper-reading ----------------------------------------------------------------------------
def paper_reading_task(
    db: Database, location: str, *, fetch_options: Mapping[str, Any] | None = None
) -> Task:
    def run(reporter: Reporter) -> ImportSummary:
        source = paper_reading.SOURCE
        location_or_default = location or paper_reading.DEFAULT_URL
        validators = ImportService(db).validators_for(source, location_or_default)
        reporter.stage(
            QCoreApplication.translate("ImportJobs", "Reading {0}").format(location_or_default)
        )
        fetcher = ProgressFetcher(source, reporter, options=fetch_options)
        result = paper_reading.fetch(location_or_default, validators=validators, fetcher=fetcher)
        if isinstance(result, NotModified):
            return ImportService(db).not_modified(source)
        reporter.check()
        reporter.stage(
            QCoreApplication.translate("ImportJobs", "Reading the tables of videos and papers")
        )

        def before_write(parsed: ParseResult) -> None:
            """Last cancel point, then the stage of the one write transaction."""
            reporter.check()
            total = len(parsed.items)
            reporter.stage(
                QCoreApplication.translate(
                    "ImportJobs", "Writing {0} records to the library"
                ).format(total)
            )

        # Parses and writes, or neither when the text and the library are as the last
        # import of this text left them (the dialog then says "not changed").
        return ImportService(db).import_text(
            source,
            result.text,
            paper_reading.parse,
            location=location_or_default,
            validators=result.validators,
            version=paper_reading.PARSE_VERSION,
            before_write=before_write,
        )

    return run


# ---- fast.ai ----------------------------------------------------------------------------------
def fastai_task(
    db: Database,
    location: str,
    *,
    with_questionnaires: bool = False,
    notebooks_from: str | None = None,
    fetch_options: Mapping[str, Any] | None = None,
) -> Task:
    def run(reporter: Reporter) -> ImportSummary:
        source = fastai_course.SOURCE
        location_or_default = location or fastai_course.DEFAULT_URL
        validators = None
        if not with_questionnaires:  # a 304 on the index says nothing about the notebooks
            validators = ImportService(db).validators_for(source, location_or_default)
        reporter.stage(QCoreApplication.translate("ImportJobs", "Reading the course navigation"))
        fetcher = ProgressFetcher(source, reporter, options=fetch_options)
        loaded = fastai_course.load(
            location_or_default,
            validators=validators,
            fetcher=fetcher,
            with_questionnaires=with_questionnaires,
            notebooks_from=notebooks_from,
        )
        if loaded is None:
            return ImportService(db).not_modified(source)
        check_parsed(source, location_or_default, loaded.result)
        return _apply(
            db,
            source,
            loaded.result,
            reporter,
            location=location_or_default,
            validators=loaded.validators,
        )

    return run


# ---- study notes ------------------------------------------------------------------------------
def notes_parse_task(location: str, *, fetch_options: Mapping[str, Any] | None = None) -> Task:
    """Read and parse the notes; the result goes to the preview dialog, nothing is written."""

    def run(reporter: Reporter) -> study_notes.NotesImport:
        reporter.stage(QCoreApplication.translate("ImportJobs", "Reading {0}").format(location))
        fetcher = ProgressFetcher(study_notes.SOURCE, reporter, options=fetch_options)
        result = study_notes.fetch(location, fetcher=fetcher)
        assert isinstance(result, Document)  # no validators sent: never 304
        check_notes_text(location, result.text)
        reporter.check()
        reporter.stage(QCoreApplication.translate("ImportJobs", "Finding the sections"))
        return study_notes.parse(result.text, encoding=result.encoding)

    return run


def notes_sections(parsed: study_notes.NotesImport) -> list[SectionPreview]:
    return [
        SectionPreview(
            key=str(section.index),
            path=section.title,
            guessed=section.guess,
            counts={str(kind): n for kind, n in section.counts.items()},
            preview=section.markdown,
            level=section.level,
            left_out={
                str(kind): tuple(
                    row.reason if row.where == section.title else f"{row.where}: {row.reason}"
                    for row in rows
                )
                for kind, rows in section.left_out.items()
            },
        )
        for section in parsed.sections
    ]


def _notes_mapping(mapping: Mapping[str, str]) -> dict[int, study_notes.SectionKind]:
    kinds = {kind: kind for kind in study_notes.SECTION_KINDS}
    return {int(key): kinds[value] for key, value in mapping.items() if value in kinds}


def notes_yields(
    parsed: study_notes.NotesImport,
) -> Callable[[Mapping[str, str]], dict[str, dict[str, int]]]:
    """Per section key, the records of each kind it adds under a mapping (its leftover text as
    a note included): counted on the build the import writes, so the rows add up to it."""

    def yields(mapping: Mapping[str, str]) -> dict[str, dict[str, int]]:
        _result, per_section = study_notes.section_yields(parsed, _notes_mapping(mapping))
        return {
            str(index): {str(kind): n for kind, n in counts.items()}
            for index, counts in per_section.items()
        }

    return yields


def notes_apply_task(
    db: Database, parsed: study_notes.NotesImport, mapping: Mapping[str, str]
) -> Task:
    def run(reporter: Reporter) -> ImportSummary:
        reporter.stage(QCoreApplication.translate("ImportJobs", "Applying your choices"))
        result = study_notes.apply_mapping(parsed, _notes_mapping(mapping))
        return _apply(db, study_notes.SOURCE, result, reporter)

    return run


# ---- ThreePass JSON ---------------------------------------------------------------------------
def json_content_counts(db: Database) -> dict[str, int]:
    return TransferService(db).content_counts()


def json_task(db: Database, path: str, *, replace: bool = False) -> Task:
    def run(reporter: Reporter) -> ImportSummary:
        reporter.stage(QCoreApplication.translate("ImportJobs", "Reading {0}").format(path))
        # A regular file only, within the size, depth and count limits (models/json_input.py).
        doc = load_document(path)
        reporter.check()
        reporter.stage(
            QCoreApplication.translate("ImportJobs", "Checking and writing the document")
        )
        summary = TransferService(db).import_document(doc, replace=replace)
        return replace_dc(summary, source=Path(path).name)  # the dialog names the file

    return run
