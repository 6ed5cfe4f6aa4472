"""The real-window driver's pieces: the stall summary, the like-for-like floor's modules, the
display it picks, its heartbeat on a real event loop, and real starts of the app through it."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from benchmarks import window_driver as wd
from benchmarks.generate import build, generator_for
from models.paths import DB_FILENAME


def test_summary_gives_the_worst_gap_with_its_cpu_and_the_p95() -> None:
    gaps = [wd.Gap(0.005, 0.001)] * 97 + [
        wd.Gap(0.150, 0.120),
        wd.Gap(0.101, 0.002),
        wd.Gap(0.040, 0.030),
    ]
    stalls = wd.summarize(gaps)
    assert (stalls.worst_ms, stalls.worst_cpu_ms) == (150.0, 120.0)
    assert stalls.p95_ms == 5.0
    assert stalls.over_limit == 2
    assert stalls.ticks == 100
    assert stalls.cpu_ms == round((97 * 0.001 + 0.152) * 1000, 1)
    assert wd.summarize([]) == wd.Stalls(0.0, 0.0, 0.0, 0.0, 0, 0)


def test_the_floor_imports_what_the_app_had_loaded_minus_stdlib_and_the_app() -> None:
    loaded = [
        "PySide6",
        "PySide6.QtCore",
        "PySide6.QtWidgets",
        "PySide6.support._private",
        "pyromark",
        "shiboken6",
        "json",
        "sqlite3.dbapi2",
        "_thread",
        "desktop.gui",
        "models.db",
        "importers",
        "__main__",
    ]
    assert wd.floor_modules(loaded) == [
        "PySide6",
        "PySide6.QtCore",
        "PySide6.QtWidgets",
        "pyromark",
        "shiboken6",
    ]
    assert "sqlalchemy" not in wd.floor_modules(loaded)  # only when the app had it
    assert "sqlalchemy.orm" in wd.floor_modules([*loaded, "sqlalchemy.orm"])


def test_a_display_is_free_only_without_its_lock_and_socket(tmp_path: Path) -> None:
    (tmp_path / ".X11-unix").mkdir()
    (tmp_path / ".X90-lock").write_text("")
    (tmp_path / ".X11-unix" / "X91").write_text("")
    assert wd.free_display(90, 100, tmp_path) == 92
    assert wd.free_display(90, 92, tmp_path) is None


def test_the_heartbeat_records_a_blocked_event_loop(qtbot: QtBot) -> None:
    """A handler that holds the GUI thread 150 ms shows as one gap at least that long (a
    lower bound the sleep guarantees), whose CPU is not the sleep's (sleeping burns none)."""
    assert QApplication.instance() is not None
    beat = wd.Heartbeat()
    beat.start()
    QTimer.singleShot(30, lambda: time.sleep(0.15))
    qtbot.wait(300)
    beat.timer.stop()
    stalls = wd.summarize(beat.gaps)
    assert stalls.worst_ms >= 150.0
    assert stalls.over_limit >= 1
    assert stalls.worst_cpu_ms < stalls.worst_ms
    assert stalls.ticks > 2


def _start(data: Path, home: Path) -> dict[str, object]:
    env = {"QT_QPA_PLATFORM": "offscreen", "WINDOW_DRIVER_PLATFORM": "offscreen"}
    payload = wd.run_app(data, home, env, "start", 180)
    assert isinstance(payload, dict)
    return payload


def test_a_real_start_reports_its_first_rows_and_no_false_empty_state(tmp_path: Path) -> None:
    """The app started through its entry point in a child process, the driver hooked in."""
    library = build("tiny", tmp_path / "out", quiet=True)
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_FILENAME).write_bytes((library / DB_FILENAME).read_bytes())
    home = tmp_path / "home"
    home.mkdir()
    payload = _start(data, home)
    info = payload["info"]
    assert isinstance(info, dict)
    assert info["first_rows_s"] > 0
    assert not info.get("false_empty")
    assert info["sqlalchemy_at_paint"] is False  # the first screen reads with sqlite3
    assert "PySide6.QtWidgets" in info["modules"]
    assert not [m for m in info["modules"] if m.split(".")[0] in wd.APP_PACKAGES]
    rows = payload["rows"]
    assert isinstance(rows, list)
    assert [r["group"] for r in rows] == ["start"]
    assert rows[0]["stalls"]["ticks"] > 0
    assert len(generator_for("tiny").document()["items"]) == 60


def test_an_empty_library_painted_at_start_is_reported(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    info = _start(data, home)["info"]
    assert isinstance(info, dict)
    assert info.get("false_empty") is True
    assert "first_rows_s" not in info


def test_a_label_saying_loading_is_not_an_empty_state(qtbot: QtBot) -> None:
    """Today's plan label says "Loading…" while its worker reads, "Nothing planned" when
    empty: only the second is an empty state."""
    from PySide6.QtWidgets import QLabel, QWidget

    label = QLabel("Loading…")
    qtbot.addWidget(label)
    assert wd._says_loading(label)
    label.setText("Nothing planned today")
    assert not wd._says_loading(label)
    plain = QWidget()
    qtbot.addWidget(plain)
    assert not wd._says_loading(plain)


def test_drives_merge_into_each_actions_worst_run() -> None:
    def row(action: str, worst: float, key: float | None, empty: bool) -> dict[str, object]:
        stalls = {"worst_ms": worst, "worst_cpu_ms": worst / 2}
        return {
            "action": action,
            "group": "keys",
            "content_ms": worst + 1,
            "stalls": stalls,
            "per_key_cpu_p95_ms": key,
            "per_key_cpu_max_ms": key,
            "false_empty": empty,
        }

    first = {
        "info": {"rss_after_views_mb": 200.0, "idle": {"worst_ms": 6.0}},
        "rows": [row("Hold Down", 40.0, 12.0, False), row("Show Today", 90.0, None, False)],
    }
    second = {
        "info": {"rss_after_views_mb": 230.0, "idle": {"worst_ms": 9.0}, "error": "boom"},
        "rows": [row("Show Today", 150.0, None, True), row("Hold Down", 30.0, 20.0, False)],
    }
    merged = wd.merge_runs([first, second])
    assert merged["info"]["rss_after_views_mb"] == 230.0
    assert merged["info"]["idle"] == {"worst_ms": 9.0}
    assert merged["info"]["error"] == "boom"
    down, today = merged["rows"]  # the first run's order
    assert (down["action"], down["stalls"]["worst_ms"], down["runs_ms"]) == (
        "Hold Down",
        40.0,
        [40.0, 30.0],
    )
    assert down["per_key_cpu_p95_ms"] == 20.0  # the worse run's CPU per key
    assert (today["stalls"]["worst_cpu_ms"], today["content_ms"]) == (75.0, 151.0)
    assert today["false_empty"] is True
    assert wd.merge_runs([]) == {"info": {}, "rows": []}
