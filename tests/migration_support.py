"""A database left at an older schema revision with rows in it, and the indexes a file has:
what the tests of each revision's upgrade need. Importable from any test folder."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import text

from models import migrate
from models.db import make_engine
from models.paths import DB_FILENAME


def database_at(directory: Path, revision: str, statements: Iterable[str]) -> Path:
    """The data folder's database, migrated up to `revision` only, then `statements` run
    (rows written as that revision's schema holds them)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / DB_FILENAME
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, revision)
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()
    return path


def index_names(path: Path) -> set[tuple[str, str]]:
    """(table, index) of every index in the file."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'index'")
        return {(r[0], r[1]) for r in rows}
    finally:
        conn.close()


STAMP = "2026-01-05 08:00:00.000000"


def library_rows(count: int, revision: str) -> list[str]:
    """A library of `count` items with rows in every table a revision's schema has (the
    0001 columns of these tables never changed): passes, notes, open points, tags, study
    sessions, career rows, settings, and journal notes from 0004 on."""
    ts = f"'{STAMP}'"
    rows: list[str] = []
    items, passes, notes, points, tagged, sessions = [], [], [], [], [], []
    for i in range(1, count + 1):
        items.append(
            f"({i}, 'paper', 'paper {i} 论文精读 第{i}篇', 'gen', 'k{i}', 'nlp', {ts}, {ts})"
        )
        for number in (1, 2, 3):
            passes.append(f"({i}, {number}, 1.0, 'todo', 0.0)")
        notes.append(f"({i}, 1, '## 不懂 {i}\n- attention 矩阵求导 {i}', {ts}, {ts})")
        points.append(f"({i}, 'point {i}', {ts}, {i % 5 + 1})")
        tagged.append(f"({i}, {i % 7 + 1})")
        sessions.append(f"({3 * i - 2}, {ts}, {ts}, 30.0, 0)")
    rows.append(
        "INSERT INTO items (id, kind, title, source, external_key, category, created_at, "
        "updated_at) VALUES " + ", ".join(items)
    )
    rows.append(
        "INSERT INTO passes (item_id, number, speed, status, minutes_spent) VALUES "
        + ", ".join(passes)
    )
    rows.append(
        "INSERT INTO notes (item_id, pass_number, body, created_at, updated_at) VALUES "
        + ", ".join(notes)
    )
    rows.append(
        "INSERT INTO questions (id, text, detail, tags, answer, confidence, source, ease, "
        "interval_days, repetitions, created_at) VALUES "
        + ", ".join(
            f"({q}, '问题 {q}?', '', '', '', 2, 'manual', 2.5, 0, 0, {ts})" for q in range(1, 6)
        )
    )
    rows.append(
        "INSERT INTO open_points (item_id, text, created_at, question_id) VALUES "
        + ", ".join(points)
    )
    rows.append(
        "INSERT INTO tags (id, name) VALUES " + ", ".join(f"({t}, '标签{t}')" for t in range(1, 8))
    )
    rows.append("INSERT INTO item_tags (item_id, tag_id) VALUES " + ", ".join(tagged))
    rows.append(
        "INSERT INTO study_sessions (pass_id, started_at, ended_at, minutes, manual) VALUES "
        + ", ".join(sessions)
    )
    rows.append(
        "INSERT INTO companies (id, name, priority, tags, notes, created_at) VALUES "
        f"(1, '月之暗面', 1, '', '', {ts}), (2, 'DeepSeek', 2, '', '', {ts})"
    )
    rows.append("INSERT INTO item_companies (item_id, company_id) VALUES (1, 1), (2, 2)")
    rows.append("INSERT INTO question_items (question_id, item_id) VALUES (1, 1), (2, 2)")
    rows.append("INSERT INTO settings (key, value) VALUES ('daily_budget_minutes', '120')")
    if revision >= "0004":
        rows.append(
            "INSERT INTO journal_notes (source, external_key, title, body, created_at, "
            f"updated_at) VALUES ('notes', 'j1', '面经', '一面: transformer', {ts}, {ts})"
        )
    return rows


def row_counts(path: Path, tables: Iterable[str] | None = None) -> dict[str, int]:
    """Rows per ordinary table (FTS shadow tables and Alembic's left out)."""
    conn = sqlite3.connect(path)
    try:
        if tables is None:
            tables = [
                name
                for (name, sql) in conn.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
                )
                if "VIRTUAL" not in (sql or "").upper() and not name.startswith("search_")
            ]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def schema_objects(path: Path) -> set[tuple[str, str]]:
    """(type, name) of every table, index, trigger and view: what a revision created."""
    conn = sqlite3.connect(path)
    try:
        return {(r[0], r[1]) for r in conn.execute("SELECT type, name FROM sqlite_master")}
    finally:
        conn.close()


def normalised_schema(path: Path) -> set[tuple[str, str, str, str]]:
    """Every object of ``sqlite_master`` with its SQL's white space folded: two databases
    with equal sets have the same schema, however each was made."""
    conn = sqlite3.connect(path)
    try:
        return {
            (kind, name, table, " ".join((sql or "").split()))
            for kind, name, table, sql in conn.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master"
            )
        }
    finally:
        conn.close()


def revision_of(path: Path) -> str | None:
    conn = sqlite3.connect(path)
    try:
        return migrate.stored_revision(conn)
    finally:
        conn.close()
