"""The CLI contract of issue 4, run as a real subprocess against a real data dir."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.app import main
from models.db import open_database
from models.paths import resolve_location
from models.services.career import ApplicationInput, CareerService, CompanyInput
from models.services.dto import ItemInput
from models.services.library import LibraryService
from models.services.review import QuestionInput, QuestionService

ROOT = Path(__file__).resolve().parents[2]


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def in_process(data_dir: Path, *args: str) -> int:
    """The same parser and dispatcher as the subprocess, without the start-up cost."""
    return main(["--data-dir", str(data_dir), *args])


def snapshot(data_dir: Path) -> tuple[object, ...]:
    """Everything the bad commands could have touched."""
    db = open_database(resolve_location(data_dir=data_dir))
    try:
        career = CareerService(db)
        apps = [career.get_application(a.id) for a in career.list_applications()]
        return (
            career.list_companies(),
            [(a.status, a.events) for a in apps],
        )
    finally:
        db.close()


@pytest.fixture
def seeded(data_dir: Path) -> dict[str, int]:
    db = open_database(resolve_location(data_dir=data_dir))
    try:
        item = LibraryService(db).create_item(
            ItemInput(kind="paper_video", title="Transformer论文逐段精读")
        )
        question = QuestionService(db).add_question(
            QuestionInput(text="attention原理", category="神经网络基础", confidence=3)
        )
    finally:
        db.close()
    return {"item": item, "question": question}


def test_companies_apply_link_readiness(
    data_dir: Path, seeded: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    """Subprocess for the JSON contracts; in-process for the steps between them."""
    assert in_process(data_dir, "company", "add", "Minimax", "--city", "上海", "--tag", "LLM") == 0
    assert in_process(data_dir, "company", "add", "五季智能") == 0
    listed = run(data_dir, "companies", "--json")
    companies = json.loads(listed.stdout)
    assert [(c["name"], c["city"]) for c in companies] == [("Minimax", "上海"), ("五季智能", None)]
    assert all(isinstance(c["id"], int) for c in companies)

    applied = run(data_dir, "apply", "minimax", "--role", "大模型算法工程师")
    assert applied.returncode == 0, applied.stderr
    app_id = int(applied.stdout.strip())
    assert in_process(data_dir, "application", str(app_id), "--status", "interviewing") == 0
    assert "interested → interviewing" in capsys.readouterr().out

    item = str(seeded["item"])
    assert in_process(data_dir, "link", item, "--company", "MINIMAX") == 0
    assert in_process(data_dir, "link", item, "--question", str(seeded["question"])) == 0
    assert "Linked item" in capsys.readouterr().out
    ready = json.loads(run(data_dir, "readiness", "Minimax", "--json").stdout)
    assert set(ready) >= {"company", "readiness", "items", "questions", "next_steps"}
    assert ready["company"] == "Minimax"
    assert ready["readiness"] == 0  # one item, no pass done; no question linked to the company
    assert [i["title"] for i in ready["items"]] == ["Transformer论文逐段精读"]
    assert ready["next_steps"][0] == "Do pass 1 of “Transformer论文逐段精读”."

    assert in_process(data_dir, "questions", "--json", "--due") == 0
    questions = json.loads(capsys.readouterr().out)
    assert [(q["id"], q["text"]) for q in questions] == [(seeded["question"], "attention原理")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("company", "add", "minimax"), "already exists"),
        (("apply", "不存在的公司", "--role", "x"), "No company named"),
        (("application", "1", "--status", "hired"), "Unknown application status"),
        (("readiness", "nobody"), "No company named"),
        (("link", "999", "--company", "Minimax"), "No item with id 999"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    data_dir: Path, args: tuple[str, ...], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_application(data_dir)
    before = snapshot(data_dir)
    assert in_process(data_dir, *args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("threepass: ")
    assert message in lines[0]
    assert snapshot(data_dir) == before


def test_bad_input_in_a_real_process(data_dir: Path) -> None:
    seed_application(data_dir)
    before = snapshot(data_dir)
    result = run(data_dir, "application", "1", "--status", "hired")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("threepass: Unknown application status 'hired'")
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(data_dir) == before


def seed_application(data_dir: Path) -> None:
    db = open_database(resolve_location(data_dir=data_dir))
    try:
        career = CareerService(db)
        company = career.add_company(CompanyInput(name="Minimax"))
        career.apply(company, ApplicationInput(role="算法"))
    finally:
        db.close()
