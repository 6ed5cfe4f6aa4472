"""Without a display (SSH, a container): the window refuses in one sentence, --screenshot works."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.app import no_display_message
from tests.core.core_support import REPO

linux_like = pytest.mark.skipif(
    not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")),
    reason="DISPLAY and WAYLAND_DISPLAY only mean something on X11/Wayland systems",
)


def _run_without_display(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["HOME"] = str(tmp_path / "home")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "home" / ".config")
    env["XDG_STATE_HOME"] = str(tmp_path / "home" / ".local" / "state")
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(tmp_path / "data"), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )


@linux_like
def test_the_window_without_a_display_says_so_in_one_sentence(tmp_path: Path) -> None:
    result = _run_without_display(tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("threepass: no graphical display was found")
    assert "`threepass --help`" in result.stderr
    assert not (tmp_path / "data" / "threepass.sqlite3").exists()  # refused before opening


@linux_like
def test_screenshot_without_any_display_renders_offscreen(tmp_path: Path) -> None:
    target = tmp_path / "shot.png"
    result = _run_without_display(tmp_path, "--screenshot", str(target), "--view", "today")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # not even the offscreen platform's size-hint warnings
    png = target.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    assert (width, height) == (1280, 800)


def test_display_variables_decide_only_on_x11_and_wayland_systems(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert no_display_message({}) is not None
    assert no_display_message({"DISPLAY": ":0"}) is None
    assert no_display_message({"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert no_display_message({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert no_display_message({"DISPLAY": ""}) is not None
    for platform in ("darwin", "win32"):
        monkeypatch.setattr(sys, "platform", platform)
        assert no_display_message({}) is None
