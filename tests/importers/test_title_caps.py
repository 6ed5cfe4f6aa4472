"""Single-line fields have a length cap: scraped text is cut with "…", our own JSON
format is refused with the path of the field."""

from __future__ import annotations

from typing import Any

import pytest

from importers import paper_reading
from importers.limits import MAX_LINE, cap_line
from importers.records import ItemRecord, ParseResult
from models.db import Database
from models.errors import ValidationError
from models.services.importing import ImportService
from models.services.transfer import TransferService, prepare_document


def test_cap_line_keeps_short_text_and_cuts_long_text() -> None:
    assert cap_line("short") == "short"
    assert cap_line("x" * MAX_LINE) == "x" * MAX_LINE
    cut = cap_line("y" * (MAX_LINE + 1))
    assert len(cut) == MAX_LINE
    assert cut.endswith("…")


def test_a_one_megabyte_readme_cell_becomes_a_500_character_title(db: Database) -> None:
    cell = "A" * 1_000_000
    readme = (
        "## 论文精读\n\n| 日期 | 标题 | 时长 | 视频（播放数） |\n|---|---|---|---|\n"
        f"| 3/14/22 | {cell} | 1:02:00 | [B站](https://www.bilibili.com/video/BV1xx411c7mD) |\n"
    )
    parsed = paper_reading.parse(readme)
    assert parsed.items
    assert len(parsed.items[0].title) == 1_000_000
    ImportService(db).apply(paper_reading.SOURCE, parsed)
    titles = [item["title"] for item in TransferService(db).list_items()]
    assert titles == ["A" * (MAX_LINE - 1) + "…"]


def test_categories_are_capped_too(db: Database) -> None:
    result = ParseResult(
        items=(ItemRecord(kind="article", external_key="k", title="t", category="c" * 5000),),
    )
    ImportService(db).apply("notes", result)
    doc = TransferService(db).export_document()
    assert len(doc["items"][0]["category"]) == MAX_LINE


def _document(title: str) -> dict[str, Any]:
    return {
        "format": "threepass",
        "version": 1,
        "items": [
            {
                "id": 1,
                "kind": "paper",
                "title": title,
                "passes": [{"number": k, "status": "todo"} for k in (1, 2, 3)],
            }
        ],
    }


def test_json_import_refuses_a_title_over_the_cap_with_its_path() -> None:
    prepare_document(_document("t" * MAX_LINE))  # at the cap: fine
    with pytest.raises(ValidationError) as caught:
        prepare_document(_document("t" * 10_000_000))
    assert str(caught.value) == (
        "items[0].title: 10,000,000 characters, over the limit of 500 for a single line"
    )
