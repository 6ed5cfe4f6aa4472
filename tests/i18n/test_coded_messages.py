"""Sentences built in models/ and importers/ as codes: the English stays the CLI's, the
desktop translates every code they build, and an unknown code loses nothing."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop import messages
from importers.http import FetchCancelled, FetchError
from importers.messages import message
from importers.records import ParseResult
from models.errors import ThreePassError, ValidationError
from models.services.importing import check_notes_text, check_parsed

REPO = Path(__file__).resolve().parents[2]
CODE = re.compile(r"^[a-z_]+\.[a-z_]+$")


def _built_codes() -> dict[str, tuple[str, str]]:
    """code → (English text, file) for every message(code, text, ...) call and every
    (code, text) pair in the Qt-free packages' modules that build messages."""
    found: dict[str, tuple[str, str]] = {}
    files = [*REPO.glob("importers/*.py"), *REPO.glob("models/**/*.py")]
    for path in files:
        source = path.read_text(encoding="utf-8")
        if "message(" not in source:
            continue
        for node in ast.walk(ast.parse(source)):
            args: list[ast.expr] = []
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "message":
                args = node.args[:2]
            elif isinstance(node, ast.Tuple) and len(node.elts) == 2:
                args = node.elts
            if len(args) == 2 and all(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args
            ):
                code, text = (a.value for a in args if isinstance(a, ast.Constant))
                if isinstance(code, str) and CODE.match(code) and isinstance(text, str):
                    found[code] = (text, str(path.relative_to(REPO)))
    return found


def test_every_code_built_is_translated_from_the_same_english(qapp: QApplication) -> None:
    built = _built_codes()
    assert {"fetch.http", "progress.downloading", "import.no_notes"} <= set(built)
    templates = messages._templates()  # no translator in tests: the English sources
    missing = {code: where for code, (_text, where) in built.items() if code not in templates}
    assert not missing, f"codes desktop/messages.py does not translate: {missing}"
    drifted = {
        code: (text, templates[code])
        for code, (text, _where) in built.items()
        if templates[code] != text
    }
    assert not drifted, f"English differs between the builder and desktop/messages.py: {drifted}"


def test_an_unknown_code_shows_its_english(qapp: QApplication) -> None:
    line = message("nobody.knows", "Could not frob {thing} ({why}).", thing="x", why="y")
    assert messages.text(line) == "Could not frob x (y)."
    assert messages.text("plain text stays") == "plain text stays"


def test_a_translation_that_lost_a_placeholder_shows_the_english(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(messages, "_templates", lambda: {"fetch.http": "服务器返回 {code}"})
    line = message("fetch.http", "the server answered HTTP {status}{reason}", status=500, reason="")
    assert messages.text(line) == "the server answered HTTP 500"


def test_errors_read_in_english_as_the_cli_prints_them(qapp: QApplication) -> None:
    err = FetchError(
        "paper-reading",
        message("fetch.http", "the server answered HTTP {status}{reason}", status=500, reason=" X"),
        location="http://example.test/README.md",
    )
    expected = (
        "Could not fetch paper-reading from http://example.test/README.md: "
        "the server answered HTTP 500 X."
    )
    assert str(err) == expected
    assert err.cause == "the server answered HTTP 500 X"
    assert messages.error_text(err) == expected
    assert str(FetchCancelled("notes")) == "Could not fetch notes: cancelled by the user."
    with pytest.raises(ValidationError) as info:
        check_parsed("notes", "/tmp/n.md", ParseResult())
    assert str(info.value) == "/tmp/n.md has no notes in it; nothing was imported."
    assert info.value.user_message is not None
    assert messages.error_text(info.value) == str(info.value)
    with pytest.raises(ValidationError, match="is empty"):
        check_notes_text("/tmp/n.md", "  \n")
    plain = ThreePassError("no code here")
    assert plain.user_message is None
    assert messages.error_text(plain) == "no code here"


def test_alternatives_read_as_a_list(qapp: QApplication) -> None:
    line = message(
        "fetch.content_type",
        "it returned {media_type} content, expected {expected}",
        media_type="image/png",
        expected=("text/html", "application/xhtml+xml"),
    )
    english = "it returned image/png content, expected text/html or application/xhtml+xml"
    assert str(line) == english
    assert messages.text(line) == english
