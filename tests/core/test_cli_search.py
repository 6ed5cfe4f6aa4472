"""`threepass list --search TEXT [--json]`: the library's search from the command line, the
same rows as the library view, in the shape `list` always printed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from models.db import Database
from models.services.career import CareerService, CompanyInput
from models.services.dto import ItemFilter, ItemInput
from models.services.library import LibraryService
from models.services.links import LinkService
from tests.core.core_support import CliRunner, run_cli


@pytest.fixture
def searched_db(db: Database) -> dict[str, int]:
    lib = LibraryService(db)
    ids = {
        "vit": lib.create_item(
            ItemInput(
                kind="paper",
                title="An Image is Worth 16x16 Words",
                summary="引入自注意力做视觉问题",
            )
        ),
        "bert": lib.create_item(
            ItemInput(kind="paper", title="BERT", category="NLP", tags=["预训练"])
        ),
        "gpt": lib.create_item(ItemInput(kind="paper", title="GPT-3 注意力")),
        "lesson": lib.create_item(ItemInput(kind="course_video", title="Lesson 1")),
    }
    company = CareerService(db).add_company(CompanyInput(name="月之暗面"))
    LinkService(db).link_item_company(ids["lesson"], company)
    return ids


def listed_ids(cli: CliRunner, data_dir: Path, *args: str) -> list[int]:
    result = cli("--data-dir", str(data_dir), "list", "--json", *args)
    assert result.returncode == 0, result.stderr
    return [item["id"] for item in json.loads(result.stdout)]


def test_search_json_keeps_every_field_and_filters_the_rows(
    cli: CliRunner, db: Database, data_dir: Path, searched_db: dict[str, int]
) -> None:
    everything = json.loads(cli("--data-dir", str(data_dir), "list", "--json").stdout)
    result = cli("--data-dir", str(data_dir), "list", "--json", "--search", "注意力")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert [item["id"] for item in found] == [searched_db["vit"], searched_db["gpt"]]
    by_id = {item["id"]: item for item in everything}
    assert found == [by_id[item["id"]] for item in found]  # the same objects, every field
    view = {row.id for row in LibraryService(db).list_items(ItemFilter(text="注意力"))}
    assert set(listed_ids(cli, data_dir, "--search", "注意力")) == view
    for needle, key in (("视觉问题", "vit"), ("预训", "bert"), ("nlp", "bert"), ("暗面", "lesson")):
        assert listed_ids(cli, data_dir, "--search", needle) == [searched_db[key]], needle
    assert listed_ids(cli, data_dir, "--search", "  ") == [item["id"] for item in everything]
    assert listed_ids(cli, data_dir, "--search", "不存在") == []


def test_search_table_and_no_match(
    cli: CliRunner, data_dir: Path, searched_db: dict[str, int]
) -> None:
    result = cli("--data-dir", str(data_dir), "list", "--search", " 视觉 ")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["ID", "KIND"]
    assert [line.split()[0] for line in lines[1:]] == [str(searched_db["vit"])]
    result = cli("--data-dir", str(data_dir), "list", "--search", "不存在的词")
    assert (result.returncode, result.stdout) == (0, "No items match “不存在的词”.\n")
    result = cli("--data-dir", str(data_dir), "list", "--search", "\x1b[2J")
    assert result.stdout == "No items match “?[2J”.\n"  # terminal controls scrubbed


def test_search_in_the_real_program(data_dir: Path, searched_db: dict[str, int]) -> None:
    result = run_cli("--data-dir", str(data_dir), "list", "--search", "暗面", "--json")
    assert result.returncode == 0, result.stderr
    assert [item["title"] for item in json.loads(result.stdout)] == ["Lesson 1"]
    help_text = run_cli("list", "--help").stdout
    assert "--search TEXT" in help_text
