"""`--screenshot`: clear errors, refused with a subcommand, never touches the user's settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.core.core_support import REPO, CliRunner

SETTINGS = (
    "; written by the user, kept by hand\n[General]\nlanguage=zh_CN\n[library]\nsort_column=3\n"
)


def screenshot(home: Path, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "--screenshot", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )


def test_screenshot_leaves_the_users_settings_byte_identical(
    tmp_path: Path, data_dir: Path
) -> None:
    home = tmp_path / "home"
    conf = home / ".config" / "ThreePass" / "ThreePass.conf"
    conf.parent.mkdir(parents=True)
    conf.write_text(SETTINGS, encoding="utf-8")
    before = conf.read_bytes()
    target = tmp_path / "shot.png"

    result = screenshot(home, data_dir, str(target), "--view", "library", "--lang", "en")

    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"\x89PNG")
    assert conf.read_bytes() == before
    assert sorted(p.name for p in conf.parent.iterdir()) == ["ThreePass.conf"]


def test_screenshot_below_a_regular_file_is_one_sentence(tmp_path: Path, data_dir: Path) -> None:
    regular = tmp_path / "regfile"
    regular.write_text("not a folder")
    result = screenshot(tmp_path / "home", data_dir, str(regular / "x.png"))
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f"threepass: Cannot write the screenshot {regular / 'x.png'}: "
        f"{regular} is a file, not a folder."
    )
    assert "Errno" not in result.stderr


def test_screenshot_with_a_subcommand_is_a_usage_error(cli: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "y.png"
    result = cli("--data-dir", str(tmp_path / "data"), "--screenshot", str(target), "list")
    assert result.returncode == 2
    assert (
        "--screenshot renders the desktop app and cannot be combined with the 'list' command"
        in (result.stderr)
    )
    assert result.stderr.startswith("usage: threepass")
    assert result.stdout == ""
    assert not target.exists()


def test_screenshot_renders_at_the_size_asked(tmp_path: Path, data_dir: Path) -> None:
    target = tmp_path / "small.png"
    result = screenshot(tmp_path / "home", data_dir, str(target), "--size", "1024x700")
    assert result.returncode == 0, result.stderr
    # the PNG header's IHDR: width and height, big-endian, at bytes 16-24
    header = target.read_bytes()[16:24]
    assert (int.from_bytes(header[:4], "big"), int.from_bytes(header[4:], "big")) == (1024, 700)


def test_a_size_that_is_not_one_is_a_usage_error(tmp_path: Path, data_dir: Path) -> None:
    result = screenshot(tmp_path / "home", data_dir, str(tmp_path / "z.png"), "--size", "big")
    assert result.returncode == 2
    assert "'big' is not a window size like 1024x700" in result.stderr
