"""Statistics on a known history (clock: Monday 2026-03-02 09:00, UTC)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from desktop.app import main
from models.clock import FixedClock
from models.db import Database
from models.library import Item, Pass, PassStatus, StudySession
from models.services.settings import SettingsService
from models.services.stats import StatsService, monday_of, streaks

TODAY = date(2026, 3, 2)
PAPER_READING_SECONDS = 188_957


def add(
    db: Database,
    title: str,
    *,
    source: str = "fastai",
    kind: str = "course_video",
    seconds: int | None = 3600,
    category: str | None = None,
    done: dict[int, datetime] | None = None,
    reading_minutes: int | None = None,
) -> list[int]:
    """An item with three passes; returns the pass ids."""
    done = done or {}
    with db.transaction() as s:
        item = Item(
            kind=kind,
            title=title,
            source=source,
            category=category,
            duration_seconds=seconds,
            reading_minutes=reading_minutes,
        )
        item.passes = [
            Pass(
                number=n,
                speed=1.0 if kind == "paper" else (1.0, 1.25, 1.5)[n - 1],
                status=PassStatus.DONE if n in done else PassStatus.TODO,
                finished_at=done.get(n),
                minutes_spent=0.0,
            )
            for n in (1, 2, 3)
        ]
        s.add(item)
        s.flush()
        return [p.id for p in item.passes]


def log(db: Database, pass_id: int, start: datetime, minutes: float) -> None:
    with db.transaction() as s:
        s.add(
            StudySession(
                pass_id=pass_id,
                started_at=start,
                ended_at=start + timedelta(minutes=minutes),
                minutes=minutes,
            )
        )
        p = s.get(Pass, pass_id)
        assert p is not None
        p.minutes_spent += minutes


def test_streaks() -> None:
    days = {TODAY - timedelta(days=k) for k in (1, 2, 3, 10, 11, 12, 13, 14)}
    assert streaks(days, TODAY) == (3, 5)  # today still counts as open
    assert streaks(days | {TODAY}, TODAY) == (4, 5)
    assert streaks(days - {TODAY - timedelta(days=1)}, TODAY) == (0, 5)
    assert streaks(set(), TODAY) == (0, 0)


def test_known_history(db: Database, clock: FixedClock) -> None:
    a = add(db, "Lesson 1", category="Part 1", done={1: datetime(2026, 2, 27, 20)})
    b = add(
        db,
        "Lesson 2",
        category="Part 1",
        done={
            1: datetime(2026, 2, 16, 20),
            2: datetime(2026, 2, 17, 20),
            3: datetime(2026, 3, 1, 21),
        },
    )
    add(db, "Transformer论文逐段精读", source="paper-reading", kind="paper_video", category="NLP")
    add(db, "Attention paper", source="paper-reading", kind="paper", seconds=None, category="NLP")
    log(db, a[0], datetime(2026, 2, 27, 19), 50)
    log(db, b[2], datetime(2026, 3, 1, 20), 40)
    log(db, b[2], datetime(2026, 3, 1, 22), 20)
    log(db, b[0], datetime(2026, 2, 16, 19), 65)
    log(db, a[0], datetime(2024, 1, 1, 10), 30)  # older than the heatmap's year

    st = StatsService(db, clock).compute()
    assert st.minutes_by_day == {date(2026, 2, 27): 50, date(2026, 3, 1): 60, date(2026, 2, 16): 65}
    assert st.heatmap_start == date(2025, 3, 3)  # a Monday, 53 weeks ending this week
    assert st.heatmap_start.weekday() == 0
    weeks = dict(st.passes_by_week)
    assert weeks[date(2026, 2, 16)] == 2  # lesson 2, passes 1 and 2
    assert weeks[date(2026, 2, 23)] == 2  # lesson 1 pass 1 (Fri), lesson 2 pass 3 (Sun)
    assert weeks[date(2026, 3, 2)] == 0
    assert len(st.passes_by_week) == 26
    # finished passes and study days: 02-16, 02-17, 02-27, 03-01 → streak 1 (yesterday), best 2
    assert (st.current_streak, st.longest_streak) == (1, 2)
    assert st.hours_studied == pytest.approx((50 + 40 + 20 + 65 + 30) / 60)
    progress = {r.label: r.counts for r in st.progress_by_source}
    assert progress == {"fastai": (0, 1, 0, 1), "paper-reading": (2, 0, 0, 0)}
    categories = {r.label: r.counts for r in st.progress_by_category}
    assert categories == {"Part 1": (0, 1, 0, 1), "NLP": (2, 0, 0, 0)}

    hours = {r.source: r for r in st.hours_by_source}
    three = 1 + 1 / 1.25 + 1 / 1.5  # one hour at 1x, 1.25x and 1.5x
    assert hours["fastai"].hours_1x == pytest.approx(2)
    assert hours["fastai"].hours_planned == pytest.approx(2 * three)
    assert hours["fastai"].hours_left == pytest.approx(1 / 1.25 + 1 / 1.5)  # lesson 1: p2, p3
    # a video hour and a paper's default reading (20 + 60 + 120 minutes)
    assert hours["paper-reading"].hours_planned == pytest.approx(three + 200 / 60)
    assert hours["paper-reading"].hours_1x == pytest.approx(1)
    assert st.hours_left == pytest.approx(1 / 1.25 + 1 / 1.5 + three + 200 / 60)


def test_paper_reading_hours_match_the_real_list(db: Database, clock: FixedClock) -> None:
    """59 videos adding up to 188,957 s: ~52.5 h at 1x, ~129.5 h for all three passes."""
    per_video, rest = divmod(PAPER_READING_SECONDS, 59)
    for n in range(59):
        seconds = per_video + (rest if n == 0 else 0)
        add(db, f"论文精读 {n}", source="paper-reading", kind="paper_video", seconds=seconds)
    st = StatsService(db, clock).compute()
    (row,) = st.hours_by_source
    assert round(row.hours_1x, 1) == 52.5
    assert round(row.hours_planned, 1) == 129.5
    assert row.hours_left == pytest.approx(row.hours_planned)


def test_hours_by_source_and_kind_tell_videos_from_papers(db: Database, clock: FixedClock) -> None:
    """The paper list's reading estimates (90 x 200 min = 300 h) do not hide the videos' hours."""
    per_video, rest = divmod(PAPER_READING_SECONDS, 59)
    for n in range(59):
        seconds = per_video + (rest if n == 0 else 0)
        add(db, f"论文精读 {n}", source="paper-reading", kind="paper_video", seconds=seconds)
    for n in range(90):
        add(db, f"论文 {n}", source="paper-reading", kind="paper", seconds=None)
    add(db, "lesson", seconds=3600, done={1: datetime(2026, 3, 1)})
    st = StatsService(db, clock).compute()
    (source_row,) = [r for r in st.hours_by_source if r.source == "paper-reading"]
    assert round(source_row.hours_planned, 1) == 429.5
    assert source_row.kind is None
    kinds = {(r.source, r.kind): r for r in st.hours_by_kind}
    assert set(kinds) == {
        ("paper-reading", "paper_video"),
        ("paper-reading", "paper"),
        (
            "fastai",
            "course_video",
        ),
    }
    videos, papers = kinds[("paper-reading", "paper_video")], kinds[("paper-reading", "paper")]
    assert (round(videos.hours_1x, 1), round(videos.hours_planned, 1)) == (52.5, 129.5)
    assert (papers.hours_1x, papers.hours_planned, papers.hours_left) == (0, 300, 300)
    assert kinds[("fastai", "course_video")].hours_left == pytest.approx(1 / 1.25 + 1 / 1.5)
    data = st.to_json()
    assert data["hours_by_source"][0] == {
        "source": "paper-reading",
        "hours_1x": 52.49,
        "hours_planned": 429.47,
        "hours_left": 429.47,
        "unknown_duration": 0,
    }
    assert {
        "source": "paper-reading",
        "kind": "paper_video",
        "hours_1x": 52.49,
        "hours_planned": 129.47,
        "hours_left": 129.47,
        "unknown_duration": 0,
    } in data["hours_by_kind"]


def test_videos_without_a_duration_are_counted(db: Database, clock: FixedClock) -> None:
    """fast.ai lessons have no duration: 0 h at 1x, a 30-min placeholder in the plan, said so."""
    for n in range(28):
        add(db, f"Lesson {n}", seconds=None)
    add(db, "a paper", source="paper-reading", kind="paper", seconds=None)
    st = StatsService(db, clock).compute()
    (row,) = [r for r in st.hours_by_source if r.source == "fastai"]
    assert row.hours_1x == 0
    assert row.unknown_duration == 28
    assert row.hours_planned == pytest.approx(28 * 0.5 * (1 + 1 / 1.25 + 1 / 1.5))
    assert st.unknown_duration == 28  # papers are read, not timed: never "unknown"
    data = st.to_json()
    assert (data["unknown_duration"], data["unknown_duration_minutes"]) == (28, 30)
    assert [(k["kind"], k["unknown_duration"]) for k in data["hours_by_kind"]] == [
        ("course_video", 28),
        ("paper", 0),
    ]


def test_no_category_is_null_like_list_json(db: Database, clock: FixedClock) -> None:
    add(db, "no category", done={1: datetime(2026, 3, 1)})
    add(db, "empty category", category="")
    add(db, "NLP lesson", category="NLP")
    add(db, "NLP lesson 2", category="NLP")
    st = StatsService(db, clock).compute()
    assert [(r.label, r.counts) for r in st.progress_by_category] == [
        ("NLP", (2, 0, 0, 0)),
        (None, (1, 1, 0, 0)),
    ]
    assert st.to_json()["progress_by_category"][1] == {
        "category": None,
        "passes_done": [1, 1, 0, 0],
    }


def test_a_pass_at_another_speed_changes_the_hours(db: Database, clock: FixedClock) -> None:
    passes = add(db, "lesson", seconds=3600)
    with db.transaction() as s:
        p = s.get(Pass, passes[2])
        assert p is not None
        p.speed = 2.0
    row = StatsService(db, clock).compute().hours_by_source[0]
    assert row.hours_planned == pytest.approx(1 + 1 / 1.25 + 1 / 2)
    SettingsService(db).set("pass_speeds", [1.0, 1.5, 2.0])  # new default; passes keep theirs
    row = StatsService(db, clock).compute().hours_by_source[0]
    assert row.hours_planned == pytest.approx(1 + 1 / 1.25 + 1 / 2)


def test_reading_estimates_in_the_hours(db: Database, clock: FixedClock) -> None:
    add(db, "paper", kind="paper", seconds=None, reading_minutes=90, done={1: datetime(2026, 3, 1)})
    row = StatsService(db, clock).compute().hours_by_source[0]
    assert row.hours_planned == pytest.approx((30 + 90 + 180) / 60)
    assert row.hours_left == pytest.approx((90 + 180) / 60)


def test_monday_of() -> None:
    assert monday_of(date(2026, 3, 8)) == date(2026, 3, 2)
    assert monday_of(date(2026, 3, 2)) == date(2026, 3, 2)


def test_stats_command(db: Database, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    passes = add(db, "Transformer论文逐段精读", source="paper-reading", kind="paper_video")
    log(db, passes[0], datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=1), 45)
    assert main(["--data-dir", str(data_dir), "stats", "--json"]) == 0  # the real clock
    data = json.loads(capsys.readouterr().out)
    assert data["hours_studied"] == 0.75
    assert list(data["minutes_by_day"].values()) == [45.0]
    assert data["progress_by_source"] == [{"source": "paper-reading", "passes_done": [1, 0, 0, 0]}]
    assert set(data) >= {
        "current_streak_days",
        "longest_streak_days",
        "hours_left",
        "passes_by_week",
        "progress_by_category",
        "hours_by_source",
    }
    assert main(["--data-dir", str(data_dir), "stats"]) == 0
    out = capsys.readouterr().out
    assert "Studied: 0.8 h" in out
    assert "paper-reading" in out
