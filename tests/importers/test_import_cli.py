"""`threepass import ...` end to end: summaries, conditional GET, and nothing written on failure."""

from __future__ import annotations

import io
import json
import re
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

import desktop.cli.import_cmds as import_cmds
from desktop.app import main
from importers.http import Fetcher
from models.db import Database
from models.services.library import LibraryService
from models.services.transfer import TransferService, dumps_document
from tests.fixture_paths import PAPER_README, STUDY_NOTES
from tests.importers.importers_support import write_book


@dataclass
class Run:
    code: int
    out: str
    err: str


Cli = Callable[..., Run]


@pytest.fixture
def cli(data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """`threepass --data-dir DATA ARGS` in this process, with quick fetch settings."""

    def quick(source: str) -> Fetcher:
        return Fetcher(
            source, retries=1, backoff_factor=0.01, timeout=(1.0, 0.3), max_bytes=300_000
        )

    monkeypatch.setattr(import_cmds, "_fetcher", quick)

    def run(*args: str) -> Run:
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        capsys.readouterr()
        try:
            code = main(["--data-dir", str(data_dir), *args])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run


def _snapshot(db: Database) -> str:
    return dumps_document(TransferService(db).export_document())


def test_paper_reading_from_a_file_twice(cli: Cli, db: Database, paper_readme: str) -> None:
    first = cli("import", "paper-reading", "--from", str(PAPER_README))
    assert first.code == 0, first.err
    assert first.out.startswith("paper-reading: 160 added, 0 updated, 0 unchanged, 0 skipped.")
    assert "  Videos: 59 added" in first.out
    assert "  Papers: 101 added" in first.out
    second = cli("import", "paper-reading", "--from", str(PAPER_README))
    assert second.out.strip() == "paper-reading: unchanged since the last import, nothing to do."
    forced = cli("import", "paper-reading", "--from", str(PAPER_README), "--force")
    assert forced.out.startswith("paper-reading: 0 added, 0 updated, 160 unchanged")
    assert LibraryService(db).count() == 160


def test_conditional_get_over_http(
    cli: Cli, db: Database, server: HTTPServer, paper_readme: str
) -> None:
    url = server.url_for("/README.md")
    server.expect_ordered_request("/README.md").respond_with_data(
        paper_readme, content_type="text/plain; charset=utf-8", headers={"ETag": '"r1"'}
    )
    server.expect_ordered_request(
        "/README.md", headers={"If-None-Match": '"r1"'}
    ).respond_with_data("", status=304)
    server.expect_ordered_request("/README.md").respond_with_data(
        paper_readme, content_type="text/plain; charset=utf-8", headers={"ETag": '"r1"'}
    )
    assert cli("import", "paper-reading", "--from", url).code == 0
    unchanged = cli("import", "paper-reading", "--from", url)
    assert unchanged.code == 0
    assert unchanged.out.strip() == "paper-reading: unchanged since the last import, nothing to do."
    forced = cli("import", "paper-reading", "--from", url, "--force", "--json")
    assert json.loads(forced.out)["unchanged"] == 160
    assert "If-None-Match" not in server.log[-1][0].headers
    server.check_assertions()


def test_fastai_with_questionnaires(
    cli: Cli, db: Database, fastai_site: Path, tmp_path: Path
) -> None:
    notebooks = write_book(tmp_path / "nb")  # the chapters linked only from the book page too
    run = cli(
        "import",
        "fastai",
        "--from",
        str(fastai_site),
        "--with-questionnaires",
        "--notebooks-from",
        str(notebooks),
        "--json",
    )
    assert run.code == 0, run.err
    summary = json.loads(run.out)
    assert summary["kinds"]["course_video"]["added"] == 28
    assert summary["kinds"]["question"]["added"] == 57  # 19 chapters
    assert TransferService(db).content_counts()["questions"] == 57


def test_notes_preview_map_and_import(cli: Cli, db: Database) -> None:
    preview = cli("import", "notes", str(STUDY_NOTES), "--preview")
    assert preview.code == 0
    assert "questions     14  面经 / LLM" in preview.out
    assert not any(TransferService(db).content_counts().values())

    bad = cli("import", "notes", str(STUDY_NOTES), "--map", "No such=notes")
    assert bad.code == 2
    assert "matches no section" in bad.err

    run = cli("import", "notes", "--from", str(STUDY_NOTES), "--map", "面经 / LLM=ignore")
    assert run.code == 0, run.err
    counts = TransferService(db).content_counts()
    assert (counts["items"], counts["questions"], counts["companies"]) == (13, 14, 11)
    missing = cli("import", "notes")
    assert missing.code == 2
    assert "Name the notes file" in missing.err


def _slow(_request: Request) -> Response:
    time.sleep(0.8)
    return Response("late", content_type="text/plain")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


FAILURES: list[tuple[str, str]] = [
    ("404", "HTTP 404"),
    ("500", "HTTP 500"),
    ("slow", "timed out"),
    ("big", "limit"),
    ("html", "text/html content"),
    ("latin1", "not valid utf-8"),
    ("refused", "refused"),
    ("dns", "DNS"),
    ("missing", "does not exist"),
]


def test_paper_reading_failures_write_nothing(
    cli: Cli, db: Database, server: HTTPServer, paper_readme: str, tmp_path: Path
) -> None:
    """Every kind of fetch failure after a good import: one clear line, the data untouched."""
    assert cli("import", "paper-reading", "--from", str(PAPER_README)).code == 0
    before = _snapshot(db)
    changed = paper_readme.replace("Llama 3.1论文精读 · 5.", "CHANGED ·", 1)
    handlers = {
        "404": lambda h: h.respond_with_data("gone", status=404),
        "500": lambda h: h.respond_with_data("boom", status=500),
        "slow": lambda h: h.respond_with_handler(_slow),
        "big": lambda h: h.respond_with_data(changed * 4, content_type="text/plain"),
        "html": lambda h: h.respond_with_data("<html>" + changed, content_type="text/html"),
        "latin1": lambda h: h.respond_with_data(
            changed.encode("utf-8") + b"\xff\xfe", content_type="text/plain; charset=utf-8"
        ),
    }
    for case, message in FAILURES:
        server.clear()
        if case in handlers:
            handlers[case](server.expect_request("/README.md"))
            location = server.url_for("/README.md")
        elif case == "refused":
            location = f"http://127.0.0.1:{_closed_port()}/README.md"
        elif case == "dns":
            location = "https://raw.example.invalid/README.md"
        else:
            location = str(tmp_path / "nowhere" / "README.md")
        run = cli("import", "paper-reading", "--from", location)
        assert run.code == 2, case
        assert run.out == "", case
        assert run.err.startswith("threepass: Could not fetch paper-reading"), (case, run.err)
        assert message in run.err, (case, run.err)
        assert run.err.count("\n") == 1, case  # one sentence, one line
        assert _snapshot(db) == before, case


def test_fastai_failure_half_way_writes_nothing(
    cli: Cli, db: Database, server: HTTPServer, fastai_site: Path
) -> None:
    def serve(request: Request) -> Response:
        path = request.path.lstrip("/") or "index.html"
        if path == "Lessons/lesson20.html":
            return Response(b"%PDF-1.4", content_type="application/pdf")
        target = fastai_site / path
        if not target.is_file():
            return Response("not found", status=404)
        return Response(target.read_bytes(), content_type="text/html; charset=utf-8")

    server.expect_request(re.compile(r"/.*")).respond_with_handler(serve)
    before = _snapshot(db)
    run = cli("import", "fastai", "--from", server.url_for("/"))
    assert run.code == 2
    assert "Could not fetch fastai" in run.err
    assert "application/pdf" in run.err
    assert _snapshot(db) == before
    assert LibraryService(db).count() == 0
