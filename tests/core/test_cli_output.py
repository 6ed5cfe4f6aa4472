"""Terminal controls in the data never reach the terminal (desktop/cli/output.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from desktop.cli.output import clip, display_width, echo, format_table, scrub, scrub_lines
from tests.core.core_support import CliRunner

# ESC sequences (colour, clear screen, window title), BEL, C1 CSI, a bidi override, DEL.
EVIL = "Evil\x1b[31mRed\x1b[2J\x1b]0;pwned\x07\x9b2JBell\x07\u202eesrever\x7f\tTab"
COMPANY = " ".join(f"Co {EVIL}".split())  # names are stored with whitespace collapsed
CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_scrub_keeps_normal_text_and_replaces_controls() -> None:
    normal = "Transformer 论文逐段精读 — ü, emoji 👩‍💻, a  double space"
    assert scrub(normal) == normal
    assert scrub_lines(normal + "\nnext") == normal + "\nnext"
    assert scrub("a\x1b[31mb\tc\nd\u202ee\x9bf") == "a?[31mb c de?f"
    assert scrub_lines("one\x07\ntwo\r\n") == "one?\ntwo \n"
    assert clip("论文\x1b" * 20, 10) == "论文?论..."
    assert display_width("论文ab") == 6
    assert display_width("e\u0301") == 1


def test_format_table_aligns_cjk_and_scrubs_cells() -> None:
    table = format_table(["ID", "NAME", "CITY"], [["1", "字节跳动", "北京"], ["22", "A\x1bB", "x"]])
    assert table.split("\n") == ["ID  NAME      CITY", "1   字节跳动  北京", "22  A?B       x"]


def test_echo_writes_scrubbed_lines(capsys: pytest.CaptureFixture[str]) -> None:
    echo(f"title: {EVIL}\nsecond line")
    out = capsys.readouterr().out
    assert not CONTROLS.search(out)
    assert out.endswith("second line\n")
    assert out.count("\n") == 2


def _document() -> dict[str, object]:
    return {
        "format": "threepass",
        "version": 1,
        "items": [
            {
                "id": 1,
                "kind": "paper",
                "title": f"Paper {EVIL}",
                "source": f"Source {EVIL}",
                "category": f"Cat {EVIL}",
                "passes": [{"number": n, "status": "todo"} for n in (1, 2, 3)],
            }
        ],
    }


@pytest.fixture
def evil_data(cli: CliRunner, data_dir: Path, tmp_path: Path) -> Path:
    """A library whose item, company, question and application all carry controls."""
    source = tmp_path / "evil.json"
    source.write_text(json.dumps(_document()), encoding="utf-8")
    base = ("--data-dir", str(data_dir))
    for args in (
        ("import", "json", str(source)),
        ("company", "add", f"Co {EVIL}", "--city", f"City {EVIL}", "--tag", EVIL),
        ("question", "add", f"Why {EVIL}?", "--category", f"Cat {EVIL}"),
        ("apply", COMPANY, "--role", f"Role {EVIL}", "--next-action", EVIL),
        ("link", "1", "--company", COMPANY),
        ("link", "1", "--question", "1"),
        ("timer", "1", "1", "start"),
    ):
        result = cli(*base, *args)
        assert result.returncode == 0, (args, result.stderr)
        assert not CONTROLS.search(result.stdout), args
    return data_dir


TEXT_COMMANDS = [
    ("list",),
    ("companies",),
    ("questions",),
    ("questions", "--due"),
    ("application", "1"),
    ("application", "1", "--status", "applied"),
    ("readiness", COMPANY),
    ("plan",),
    ("stats",),
    ("timer", "1", "1", "stop"),
    ("backup", "--list"),
    ("pass", "1", "1", "done"),
    ("link", "1", "--company", COMPANY),
]


def test_no_control_character_reaches_stdout_of_a_text_command(
    cli: CliRunner, evil_data: Path
) -> None:
    for args in TEXT_COMMANDS:
        result = cli("--data-dir", str(evil_data), *args)
        assert result.returncode == 0, (args, result.stderr)
        assert not CONTROLS.search(result.stdout), (args, result.stdout)
        assert not CONTROLS.search(result.stderr), (args, result.stderr)
    listing = cli("--data-dir", str(evil_data), "list").stdout
    assert "Paper Evil?[31mRed" in listing, "the rest of the title is still shown"


def test_an_error_quoting_the_data_is_scrubbed(cli: CliRunner, evil_data: Path) -> None:
    result = cli("--data-dir", str(evil_data), "readiness", f"Nobody {EVIL}")
    assert result.returncode == 2
    assert not CONTROLS.search(result.stderr)
    assert result.stderr.count("\n") == 1


JSON_COMMANDS = [
    ("list", "--json"),
    ("companies", "--json"),
    ("questions", "--json"),
    ("application", "1", "--json"),
    ("readiness", COMPANY, "--json"),
    ("plan", "--json"),
    ("stats", "--json"),
    ("backup", "--list", "--json"),
]


def test_json_output_stays_json_with_the_exact_values(cli: CliRunner, evil_data: Path) -> None:
    for args in JSON_COMMANDS:
        result = cli("--data-dir", str(evil_data), *args)
        assert result.returncode == 0, (args, result.stderr)
        json.loads(result.stdout)  # valid JSON
        assert not CONTROLS.search(result.stdout.replace("\t", "")), args
    items = json.loads(cli("--data-dir", str(evil_data), "list", "--json").stdout)
    assert items[0]["title"] == f"Paper {EVIL}", "escaped, not altered"
    companies = json.loads(cli("--data-dir", str(evil_data), "companies", "--json").stdout)
    assert companies[0]["name"] == COMPANY
    questions = json.loads(cli("--data-dir", str(evil_data), "questions", "--json").stdout)
    assert questions[0]["text"] == f"Why {EVIL}?"
