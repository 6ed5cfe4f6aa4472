"""The benchmark runner's report: rows, ratios, and rewriting only the generated block."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import run


def rows() -> list[run.Result]:
    fast = run.judge_abs(run.Result("Search p95", "10k", 12.0, "ms", 4.0, "raw sqlite3"), 30.0)
    slow = run.judge_ratio(run.Result("Start", "10k", 2.6, "s", 1.0, "bare PySide6"), 1.3)
    missing = run.not_available("Stats", "100k", "ImportError: no module named stats")
    return [fast, slow, missing]


def test_targets_are_judged_on_the_measured_figures() -> None:
    fast, slow, missing = rows()
    assert (fast.status, fast.ratio) == ("met", 3.0)
    assert slow.status == "missed"
    assert slow.target == "≤ 1.3× floor"
    assert missing.status == "n/a"
    assert missing.note.startswith("not available")
    assert run.p95([float(n) for n in range(1, 101)]) == 95.0


def test_write_doc_replaces_only_the_generated_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "benchmarks.md"
    doc.write_text(
        f"# Benchmarks\n\nhand-written intro\n\n{run.RESULTS_START}\nold table\n"
        f"{run.RESULTS_END}\n\n## Analysis\n\nhand-written analysis 注意力\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(run, "DOC", doc)
    run.write_doc(rows(), "python benchmarks/run.py", 90.0)
    text = doc.read_text(encoding="utf-8")
    assert "old table" not in text
    assert text.startswith("# Benchmarks\n\nhand-written intro\n\n")
    assert text.endswith("## Analysis\n\nhand-written analysis 注意力\n")
    assert "| Search p95 | 10k | 12.0 ms |" in text
    assert "3.00×" in text
    assert "✅ met" in text
    assert "❌ missed" in text
    assert "not available: ImportError" in text
    assert "python benchmarks/run.py" in text
    assert "| SQLite |" in text
