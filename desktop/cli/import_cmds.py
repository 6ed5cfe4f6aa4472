"""Import subcommands: `import paper-reading`, `import fastai`, `import notes`.

Each one fetches (URL or local copy), parses with the pure importers, then writes through
ImportService in one transaction and prints the summary. Any fetch failure ends with one
sentence naming the source and the cause, and nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop.cli.common import open_db, print_json
from desktop.cli.output import echo, scrub
from importers import fastai_course, paper_reading, study_notes
from importers.http import Document, Fetcher, FetchError, NotModified, is_url
from importers.records import ParseResult
from models.errors import ThreePassError, ValidationError
from models.services.import_summary import ImportSummary
from models.services.importing import ImportService, check_notes_text, check_parsed

if TYPE_CHECKING:
    from desktop.cli import CommandRegistry

KIND_NAMES = ", ".join(study_notes.SECTION_KINDS)


class ImportFailedError(ThreePassError):
    """A source could not be fetched; the message is the importer's one sentence."""


def register(registry: CommandRegistry) -> None:
    p = registry.import_source(
        "paper-reading", "videos and papers of Li Mu's paper-reading list", cmd_paper_reading
    )
    p.add_argument(
        "--from",
        dest="location",
        metavar="PATH|URL",
        help=f"another copy of the README (default: {paper_reading.DEFAULT_URL})",
    )
    _common_options(p)

    p = registry.import_source("fastai", "lessons of the fast.ai course", cmd_fastai)
    p.add_argument(
        "--from",
        dest="location",
        metavar="PATH|URL",
        help=f"the site or a saved copy of it (default: {fastai_course.DEFAULT_URL})",
    )
    p.add_argument(
        "--with-questionnaires",
        action="store_true",
        help="also import each book chapter's Questionnaire as questions (the chapters the "
        "lessons and the book page name), linked to the first lesson that uses the chapter",
    )
    p.add_argument(
        "--notebooks-from",
        metavar="PATH|URL",
        help="folder or base URL holding the fastbook chapter notebooks (default: those "
        "inside a saved site, else GitHub); a missing or broken one skips its chapter",
    )
    _common_options(p)

    p = registry.import_source("notes", "your Markdown study notes", cmd_notes)
    p.add_argument("file", nargs="?", metavar="FILE", help="the notes file (or use --from)")
    p.add_argument("--from", dest="location", metavar="PATH|URL", help="the notes file or URL")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="SECTION=KIND",
        help=f"import a section (title, heading or number) as KIND: {KIND_NAMES}",
    )
    p.add_argument(
        "--preview",
        action="store_true",
        help="list the sections with their mapping and counts; write nothing",
    )
    p.add_argument("--json", action="store_true", help="print the summary as JSON")


def _common_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--force", action="store_true", help="download even if unchanged since the last import"
    )
    p.add_argument("--json", action="store_true", help="print the summary as JSON")


def _fetcher(source: str) -> Fetcher:
    show = sys.stderr.isatty()

    def progress(message: str) -> None:
        if show:
            echo(message, file=sys.stderr)

    return Fetcher(source, on_progress=progress)


def _run(fetch: Callable[[], ParseResult | None]) -> ParseResult | None:
    try:
        return fetch()
    except FetchError as err:
        raise ImportFailedError(str(err)) from err


def _report(summary: ImportSummary, as_json: bool) -> int:
    if as_json:
        print_json(summary.to_json())
        return 0
    echo(summary.describe())
    for line in summary.lines:
        echo(
            f"  {line.label}: {line.added} added, {line.updated} updated, "
            f"{line.unchanged} unchanged" + (f", {line.skipped} skipped" if line.skipped else "")
        )
    for row in summary.skipped:
        echo(f"  skipped {scrub(row.where)}: {scrub(row.reason)}")
    return 0


# ---- paper-reading ------------------------------------------------------------------------


def cmd_paper_reading(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        service = ImportService(db)
        location = args.location or paper_reading.DEFAULT_URL
        validators = None if args.force else service.validators_for(paper_reading.SOURCE, location)
        try:
            result = paper_reading.fetch(
                location, validators=validators, fetcher=_fetcher(paper_reading.SOURCE)
            )
        except FetchError as err:
            raise ImportFailedError(str(err)) from err
        if isinstance(result, NotModified):
            return _report(service.not_modified(paper_reading.SOURCE), args.json)
        # Parses and writes, or neither when the text and the library are as the last
        # import of this text left them ("unchanged since the last import").
        summary = service.import_text(
            paper_reading.SOURCE,
            result.text,
            paper_reading.parse,
            location=location,
            validators=result.validators,
            version=paper_reading.PARSE_VERSION,
            force=args.force,
        )
        return _report(summary, args.json)
    finally:
        db.close()


# ---- fast.ai ------------------------------------------------------------------------------


def cmd_fastai(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        service = ImportService(db)
        location = args.location or fastai_course.DEFAULT_URL
        validators = None
        if not args.force and not args.with_questionnaires:
            validators = service.validators_for(fastai_course.SOURCE, location)
        loaded: list[fastai_course.Loaded] = []

        def fetch() -> ParseResult | None:
            result = fastai_course.load(
                location,
                validators=validators,
                fetcher=_fetcher(fastai_course.SOURCE),
                with_questionnaires=args.with_questionnaires,
                notebooks_from=args.notebooks_from,
            )
            if result is None:
                return None
            loaded.append(result)
            check_parsed(fastai_course.SOURCE, location, result.result)
            return result.result

        parsed = _run(fetch)
        if parsed is None:
            return _report(service.not_modified(fastai_course.SOURCE), args.json)
        summary = service.apply(
            fastai_course.SOURCE,
            parsed,
            location=location if is_url(location) else None,
            validators=loaded[0].validators,
        )
        return _report(summary, args.json)
    finally:
        db.close()


# ---- notes --------------------------------------------------------------------------------


def _resolve_mapping(
    doc: study_notes.NotesImport, pairs: list[str]
) -> dict[int, study_notes.SectionKind]:
    mapping: dict[int, study_notes.SectionKind] = {}
    for pair in pairs:
        name, sep, kind_text = pair.rpartition("=")
        wanted = kind_text.strip().lower()
        kind = next((k for k in study_notes.SECTION_KINDS if k == wanted), None)
        if not sep or kind is None:
            raise ValidationError(f"Use --map SECTION=KIND with KIND one of {KIND_NAMES}.")
        name = name.strip()
        matches = [
            s.index
            for s in doc.sections
            if name in (s.title, str(s.index + 1)) or (s.path and name == s.heading)
        ]
        if len(matches) != 1:
            titles = "; ".join(f"{s.index + 1}: {s.title}" for s in doc.sections)
            problem = "matches no section" if not matches else "matches several sections"
            raise ValidationError(f"--map {name!r} {problem}; the sections are {titles}.")
        mapping[matches[0]] = kind
    return mapping


def _print_preview(
    doc: study_notes.NotesImport, mapping: dict[int, study_notes.SectionKind]
) -> None:
    """Per section: what it is imported as, how many records that gives, what is left out."""
    _print_encoding(doc)
    echo(f"{'#':>3}  {'IMPORT AS':<10} {'COUNT':>5}  SECTION")
    for section in doc.sections:
        kind = mapping.get(section.index, section.guess)
        count = section.counts.get(kind, 0)
        echo(f"{section.index + 1:>3}  {kind:<10} {count:>5}  {scrub(section.title)}")
        for row in section.left_out.get(kind, ()):
            where = "" if row.where == section.title else f"{scrub(row.where)}: "
            echo(f"{'':>3}  {'':<10} {'':>5}    left out: {where}{scrub(row.reason)}")


def _print_encoding(doc: study_notes.NotesImport) -> None:
    if doc.encoding not in ("utf-8", "ascii"):
        echo(f"Read as {doc.encoding.upper()} (the file is not UTF-8).")


def _sections_json(
    doc: study_notes.NotesImport, mapping: dict[int, study_notes.SectionKind]
) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for section in doc.sections:
        kind = mapping.get(section.index, section.guess)
        rows.append(
            {
                "section": section.title,
                "import_as": kind,
                "count": section.counts.get(kind, 0),
                "left_out": [
                    {"where": r.where, "reason": r.reason} for r in section.left_out.get(kind, ())
                ],
            }
        )
    return rows


def cmd_notes(args: argparse.Namespace) -> int:
    location = args.location or args.file
    if not location:
        raise ValidationError("Name the notes file: threepass import notes FILE.")

    def fetch() -> ParseResult | None:
        result = study_notes.fetch(location, fetcher=_fetcher(study_notes.SOURCE))
        assert isinstance(result, Document)  # no validators sent: never 304
        check_notes_text(location, result.text)
        docs.append(study_notes.parse(result.text, encoding=result.encoding))
        return docs[-1].result

    docs: list[study_notes.NotesImport] = []
    _run(fetch)
    doc = docs[0]
    mapping = _resolve_mapping(doc, args.map)
    if args.preview:
        _print_preview(doc, mapping)
        return 0
    result = study_notes.apply_mapping(doc, mapping)
    db = open_db(args)
    try:
        summary = ImportService(db).apply(study_notes.SOURCE, result)
    finally:
        db.close()
    if args.json:
        data = summary.to_json()
        data["encoding"] = doc.encoding
        data["sections"] = _sections_json(doc, {s.index: s.guess for s in doc.sections} | mapping)
        print_json(data)
        return 0
    _print_encoding(doc)
    return _report(summary, as_json=False)
