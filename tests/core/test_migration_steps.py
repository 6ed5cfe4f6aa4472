"""Every revision, up and down and up again, on a library with rows in every table.

A downgrade that forgets an index, or an upgrade that is only right from an empty file,
passes the one-step tests of each revision. Here one file walks the whole history: up one
revision at a time from the first to the newest, down one at a time to the first, up
again. After each step its rows are those it had (CJK text intact, the search index
refilled from them) and its schema is exactly what a fresh database made at that revision
has.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic import command

from models import migrate
from models.db import make_engine
from models.sync.tables import STAMPED_BY_0015 as STAMPED
from tests.migration_support import (
    STAMP,
    database_at,
    library_rows,
    normalised_schema,
    revision_of,
    row_counts,
)

ITEMS = 30
TS = f"'{STAMP}'"
# the tables library_rows leaves empty (all in revision 0001, columns unchanged since)
CAREER_ROWS = [
    "INSERT INTO applications (id, company_id, role, team, channel, status, contacts, "
    f"created_at, updated_at) VALUES (1, 1, '大模型算法工程师', '基座', '内推', "
    f"'interviewing', '', {TS}, {TS}), (2, 2, 'LLM engineer', NULL, NULL, 'applied', '', "
    f"{TS}, {TS})",
    "INSERT INTO application_events (application_id, from_status, to_status, at) VALUES "
    f"(1, 'applied', 'interviewing', {TS}), (2, NULL, 'applied', {TS})",
    "INSERT INTO interview_rounds (id, application_id, held_on, kind, interviewer_notes, "
    "outcome) VALUES (1, 1, '2026-01-09', '一面', '问了 KV cache 与旋转位置编码', '通过')",
    "INSERT INTO round_questions (round_id, question_id) VALUES (1, 1), (1, 2)",
    "INSERT INTO question_companies (question_id, company_id) VALUES (1, 1), (3, 2)",
    f"INSERT INTO question_reviews (question_id, reviewed_at, rating) VALUES (1, {TS}, 4)",
    "INSERT INTO item_covers (video_id, paper_id) VALUES (1, 2), (3, 4)",
]
# notes an old version parked in settings; revision 0004 moves them to journal_notes
PARKED = {"面经-1": {"title": "面经 一面", "markdown": "## 注意力\n- 为什么除以根号 d"}}
PARKED_ROW = "INSERT INTO settings (key, value) VALUES ('imported_notes', '{}')".format(
    json.dumps(PARKED, ensure_ascii=False).replace("'", "''")
)
JOURNAL = "0004"  # the revision that made journal_notes


def chain() -> list[str]:
    """The revisions oldest first, following down_revision (one linear history)."""
    parents = migrate.scan_revisions()
    order = [migrate.head_revision()]
    while parents[order[-1]]:
        (parent,) = parents[order[-1]]
        order.append(parent)
    return order[::-1]


REVISIONS = chain()


# tables a later revision makes empty (only imports write them): left out while empty
LATER_EMPTY = {"item_sources", "pass_positions", "item_video_files"}  # 0011, 0014
LATER_EMPTY |= {"sync_device", "sync_applied", "sync_tombstones", "sync_conflicts"}  # 0015


# a question's review schedule is not kept as it was: 0013 recomputes it from the reviews
# (tests/career/test_review_migration.py checks what it computes)
QUESTION_COLUMNS = "id, text, detail, category, tags, answer, confidence, source, created_at"


# 0015 gives these tables an updated_at, filled at the upgrade (test_sync_migration.py
# checks what it holds): the other columns are compared
STAMPED_BY_0015 = STAMPED


def _columns(conn: sqlite3.Connection, table: str) -> str:
    if table == "questions":
        return QUESTION_COLUMNS
    if table in STAMPED_BY_0015:
        names = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
        return ", ".join(n for n in names if n != "updated_at")
    return "*"


def contents(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every ordinary table (search objects left out), sorted."""
    conn = sqlite3.connect(path)
    try:
        tables = {
            table: sorted(
                conn.execute(f'SELECT {_columns(conn, table)} FROM "{table}"'),
                key=repr,
            )
            for table in row_counts(path)
        }
    finally:
        conn.close()
    return {t: rows for t, rows in tables.items() if rows or t not in LATER_EMPTY}


def check_file(path: Path, revision: str) -> None:
    """Sound, and the CJK values readable where each revision keeps them."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        one = "SELECT {} FROM {} WHERE {} = ?"
        assert conn.execute(one.format("title", "items", "id"), (7,)).fetchone() == (
            "paper 7 论文精读 第7篇",
        )
        assert conn.execute(one.format("body", "notes", "item_id"), (7,)).fetchone() == (
            "## 不懂 7\n- attention 矩阵求导 7",
        )
        assert conn.execute(one.format("name", "companies", "id"), (1,)).fetchone() == ("月之暗面",)
        assert conn.execute(
            one.format("interviewer_notes", "interview_rounds", "id"), (1,)
        ).fetchone() == ("问了 KV cache 与旋转位置编码",)
        if revision >= "0005":  # the trigram index, refilled from the rows by each climb
            for table, phrase in (("search_titles", "论文精读"), ("search_notes", "矩阵求导")):
                found = conn.execute(
                    f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", (f'"{phrase}"',)
                ).fetchone()
                assert found == (ITEMS,), (revision, table)
        if revision >= "0008":
            assert conn.execute("SELECT count(*) FROM search_letters").fetchone() == (ITEMS,)
    finally:
        conn.close()


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[tuple[str, str, str, str]]]:
    """The schema of an empty database made at each revision."""
    root = tmp_path_factory.mktemp("fresh")
    return {r: normalised_schema(database_at(root / r, r, [])) for r in REVISIONS}


def test_the_history_is_linear_from_0001_to_the_head() -> None:
    assert REVISIONS[0] == "0001"
    assert REVISIONS[-1] == migrate.head_revision()
    assert sorted(migrate.known_revisions()) == REVISIONS  # every file is on the chain


def test_every_revision_up_down_and_up_again_keeps_the_rows_and_the_schema(
    tmp_path: Path, fresh: dict[str, set[tuple[str, str, str, str]]]
) -> None:
    rows = [*library_rows(ITEMS, "0001"), *CAREER_ROWS, PARKED_ROW]
    path = database_at(tmp_path / "data", REVISIONS[0], rows)
    first = contents(path)
    assert all(first.values()), [t for t, r in first.items() if not r]  # rows in every table
    engine = make_engine(f"sqlite:///{path}")
    seen: list[str] = []

    def step(revision: str, *, down: bool) -> None:
        if down:
            with engine.begin() as conn:
                command.downgrade(migrate.alembic_config(conn), revision)
        else:
            migrate.upgrade(engine, revision)
        engine.dispose()  # nothing cached between steps: each check reads the file
        seen.append(f"{'down' if down else 'up'} {revision}")
        assert revision_of(path) == revision
        assert normalised_schema(path) == fresh[revision], seen[-1]
        check_file(path, revision)

    try:
        climbed = {}
        for revision in REVISIONS[1:]:
            step(revision, down=False)
            climbed[revision] = contents(path)
            if revision < JOURNAL:
                assert climbed[revision] == first, seen[-1]
        at_head = contents(path)
        assert all(climbed[r] == at_head for r in REVISIONS if r >= JOURNAL)
        # 0004 moved the parked note out of settings; nothing else changed on the climb
        assert [r[3] for r in at_head["journal_notes"]] == ["面经 一面"]
        assert ("imported_notes",) not in {r[:1] for r in at_head["settings"]}
        unchanged = {t: r for t, r in at_head.items() if t not in ("journal_notes", "settings")}
        assert unchanged == {t: r for t, r in first.items() if t != "settings"}
        assert row_counts(path)["items"] == ITEMS
        assert row_counts(path)["passes"] == 3 * ITEMS

        for revision in REVISIONS[-2::-1]:
            step(revision, down=True)
            expected = dict(at_head)
            if revision < JOURNAL:  # the downgrade drops the table with its rows
                del expected["journal_notes"]
            assert contents(path) == expected, seen[-1]

        for revision in REVISIONS[1:]:
            step(revision, down=False)
            expected = dict(at_head)
            if revision < JOURNAL:
                del expected["journal_notes"]
            else:  # nothing parked any more: the table comes back empty
                expected["journal_notes"] = []
            assert contents(path) == expected, seen[-1]
    finally:
        engine.dispose()
    assert len(seen) == 3 * (len(REVISIONS) - 1)
