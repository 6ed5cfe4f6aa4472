"""The real `threepass` program in child processes: list, pass, export, import json, --help."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import build_parser
from desktop.cli.output import clip, display_width, format_table
from models.db import Database
from models.services.library import LibraryService
from models.services.transfer import TransferService, dumps_document
from tests.core.core_support import REPO, CliRunner, digest, run_cli


def subcommand_names() -> tuple[list[str], list[str]]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    commands = list(action.choices)
    import_parser = action.choices["import"]
    nested = next(a for a in import_parser._actions if isinstance(a, argparse._SubParsersAction))
    sources = list(nested.choices)
    return commands, sources


def test_help_lists_every_subcommand(cli: CliRunner) -> None:
    commands, sources = subcommand_names()
    assert {"list", "pass", "export", "import"} <= set(commands)
    assert "json" in sources
    result = run_cli("--help")  # python -m desktop, a real child process
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: threepass")
    for name in commands:
        assert f"\n    {name} " in result.stdout or f"\n    {name}\n" in result.stdout, name
    imports = cli("import", "--help")
    assert imports.returncode == 0
    for name in sources:
        assert name in imports.stdout


def test_version_from_the_installed_script() -> None:
    script = Path(sys.executable).parent / "threepass"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "desktop"]
    result = subprocess.run([*command, "--version"], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0
    assert result.stdout.startswith("threepass ")
    assert result.stdout.split()[1][0].isdigit()


def test_table_aligns_cjk_by_display_width() -> None:
    rows = [["1", "深度学习", "标题"], ["22", "ml", "title"]]
    lines = format_table(["ID", "CATEGORY", "TITLE"], rows).splitlines()
    starts = [
        display_width(line[: line.index(t)])
        for line, t in zip(lines, ["TITLE", "标题", "title"], strict=True)
    ]
    assert starts == [starts[0]] * 3
    assert display_width("动手学") == 6
    assert display_width("e\u0301") == 1
    clipped = clip("动手学深度学习" * 10, 20)
    assert display_width(clipped) <= 20
    assert clipped.endswith("...")
    assert clip("a\nb\tc", 10) == "a b c"
    assert clip("\x1b[31mred\x07", 20) == "?[31mred?"


def test_list_table_and_json(cli: CliRunner, filled_db: Database, data_dir: Path) -> None:
    result = cli("--data-dir", str(data_dir), "list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:5] == ["ID", "KIND", "P1", "P2", "P3"]
    assert len(lines) == 4
    # The TITLE column starts at the same display column on every line, CJK or not.
    title_col = display_width(lines[0][: lines[0].index("TITLE")])
    titles = ["TITLE", "动手学深度学习", "Attention", "<img"]
    starts = [display_width(line[: line.index(t)]) for line, t in zip(lines, titles, strict=True)]
    assert starts == [title_col] * 4
    assert "d2l / 深度学习基础" in lines[1]
    assert lines[1].split()[2:5] == ["done", "doing", "-"]

    result = cli("--data-dir", str(data_dir), "list", "--json")
    assert result.returncode == 0
    items = json.loads(result.stdout)
    assert [i["kind"] for i in items] == ["course_video", "paper", "article"]
    first = items[0]
    for key in ("id", "kind", "title", "url", "source", "category", "duration_seconds"):
        assert key in first
    assert first["links"] == {
        "bilibili": "https://www.bilibili.com/video/BV1PX4y1g7KC",
        "youtube": "https://youtu.be/x",
        "zhihu": None,
    }
    assert [(p["number"], p["speed"], p["status"]) for p in first["passes"]] == [
        (1, 1.0, "done"),
        (2, 1.25, "in_progress"),
        (3, 1.5, "todo"),
    ]


def test_list_on_empty_database(cli: CliRunner, data_dir: Path) -> None:
    result = cli("--data-dir", str(data_dir), "list")
    assert (result.returncode, result.stdout.strip()) == (0, "No items yet.")
    assert json.loads(cli("--data-dir", str(data_dir), "list", "--json").stdout) == []


def test_pass_start_done_reset(cli: CliRunner, filled_db: Database, data_dir: Path) -> None:
    ids = [i.id for i in LibraryService(filled_db).list_items()]
    paper = ids[1]
    base = ("--data-dir", str(data_dir), "pass", str(paper))
    result = cli(*base, "2", "start")
    assert (result.returncode, result.stdout.strip()) == (0, f"Item {paper}, pass 2: in_progress")
    assert cli(*base, "2", "done").returncode == 0
    statuses = [p.status for p in LibraryService(filled_db).get_item(paper).passes]
    assert statuses == ["todo", "done", "todo"]
    assert cli(*base, "2", "reset").returncode == 0
    assert LibraryService(filled_db).get_item(paper).passes[1].status == "todo"


def test_pass_unknown_item_is_one_line_on_stderr(db: Database, data_dir: Path) -> None:
    result = run_cli("--data-dir", str(data_dir), "pass", "4242", "1", "start")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("threepass: No item with id 4242")


def test_pass_three_needs_force_while_open_points_remain(
    cli: CliRunner, filled_db: Database, data_dir: Path
) -> None:
    video = LibraryService(filled_db).list_items()[0].id
    base = ("--data-dir", str(data_dir), "pass", str(video), "3", "done")
    result = cli(*base)
    assert result.returncode == 2
    assert "1 open point(s) from pass 1 are still unresolved" in result.stderr
    assert "--force" in result.stderr
    assert result.stderr.count("\n") == 1
    assert LibraryService(filled_db).get_item(video).passes[2].status == "todo"
    assert cli(*base, "--force").returncode == 0
    assert LibraryService(filled_db).get_item(video).passes[2].status == "done"


def test_pass_rejects_bad_numbers(cli: CliRunner, db: Database, data_dir: Path) -> None:
    result = cli("--data-dir", str(data_dir), "pass", "1", "4", "start")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_export_import_round_trip_through_files_and_pipes(
    cli: CliRunner, filled_db: Database, data_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "全部数据.json"
    target.parent.mkdir()
    result = run_cli("--data-dir", str(data_dir), "export", "--json", str(target))
    assert result.returncode == 0, result.stderr
    assert "Exported 3 items, 2 companies and 2 questions" in result.stdout
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temp file left
    text = target.read_text(encoding="utf-8")
    assert text == dumps_document(TransferService(filled_db).export_document())

    fresh = tmp_path / "fresh"
    imported = cli("--data-dir", str(fresh), "import", "json", "-", stdin=text)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("Imported 3 items, 2 notes, 2 open points, 3 study sessions")
    again = cli("--data-dir", str(fresh), "export", "--json", "-")
    assert again.returncode == 0
    assert again.stdout == text


def test_export_replaces_an_existing_file_atomically(
    cli: CliRunner, filled_db: Database, data_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "export.json"
    target.write_text("old")
    assert cli("--data-dir", str(data_dir), "export", "--json", str(target)).returncode == 0
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "threepass"
    missing = tmp_path / "no-such-folder" / "x.json"
    result = cli("--data-dir", str(data_dir), "export", "--json", str(missing))
    assert result.returncode == 2
    assert result.stderr.startswith("threepass: Cannot write into")
    assert result.stderr.count("\n") == 1
    assert not missing.parent.exists()


def test_import_invalid_document_writes_nothing(tmp_path: Path) -> None:
    doc: dict[str, Any] = {
        "format": "threepass",
        "version": 1,
        "items": [
            {
                "id": i,
                "kind": "paper",
                "title": f"论文 {i}",
                "passes": [{"number": n, "status": "todo"} for n in (1, 2, 3)],
            }
            for i in range(1, 20)
        ],
    }
    doc["items"][12]["passes"].append({"number": 1, "status": "done"})
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    data = tmp_path / "data"
    result = run_cli("--data-dir", str(data), "import", "json", str(source))
    assert result.returncode == 2
    assert result.stderr == (
        "threepass: items[12].passes[3]: only 3 passes allowed (nothing was imported)\n"
    )
    # validated before the database was even opened: only the log says what happened
    assert sorted(p.relative_to(data).as_posix() for p in data.rglob("*")) == [
        "logs",
        "logs/threepass.log",
    ]


def test_import_not_json_and_missing_file(cli: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text("{ 这不是 JSON", encoding="utf-8")
    result = cli("--data-dir", str(tmp_path / "d"), "import", "json", str(bad))
    assert result.returncode == 2
    assert "is not valid JSON" in result.stderr
    assert "line 1" in result.stderr
    result = cli("--data-dir", str(tmp_path / "d"), "import", "json", str(tmp_path / "nope"))
    assert result.returncode == 2
    assert "Cannot read" in result.stderr
    result = cli("--data-dir", str(tmp_path / "d"), "import", "json", "-", stdin=b"\xff\xfe{")
    assert result.returncode == 2
    assert "not UTF-8" in result.stderr


def test_import_into_non_empty_needs_replace(
    cli: CliRunner, filled_db: Database, data_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "one.json"
    source.write_text(
        json.dumps(
            {
                "format": "threepass",
                "version": 1,
                "items": [
                    {
                        "id": 1,
                        "kind": "article",
                        "title": "只有一篇",
                        "passes": [{"number": n, "status": "todo"} for n in (1, 2, 3)],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    before = TransferService(filled_db).export_document()
    result = cli("--data-dir", str(data_dir), "import", "json", str(source))
    assert result.returncode == 2
    assert "already holds 3 items" in result.stderr
    assert "--replace" in result.stderr
    assert TransferService(filled_db).export_document() == before

    result = cli("--data-dir", str(data_dir), "import", "json", str(source), "--replace")
    assert result.returncode == 0, result.stderr
    assert "backed up to" in result.stdout
    backups = list((data_dir / "backups").glob("pre-import-*.sqlite3"))
    assert len(backups) == 1
    assert [i["title"] for i in TransferService(filled_db).list_items()] == ["只有一篇"]


@pytest.mark.parametrize("command", [["list"], ["export", "--json", "-"]])
def test_commands_leave_database_bytes_alone(
    cli: CliRunner, filled_db: Database, data_dir: Path, command: list[str]
) -> None:
    filled_db.close()
    db_file = data_dir / "threepass.sqlite3"
    before = digest(db_file)
    assert cli("--data-dir", str(data_dir), *command).returncode == 0
    assert digest(db_file) == before
