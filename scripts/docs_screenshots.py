#!/usr/bin/env python3
"""Regenerate docs/screenshots/: the main views in English and 简体中文, light and dark,
at 1280×800 (`VIEW-LANG-THEME.png`) and 1024×700 (`VIEW-LANG-THEME-1024.png`).

Builds a throw-away demo library (scripts/demo_data.py: the fixtures of tests/fixtures/ imported, a
year of study, applications), then runs `threepass --screenshot` once per view, language
and theme (separate processes, since language and theme are per process), saved with
maximum PNG compression.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/docs_screenshots.py [--out DIR]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VIEWS = ("library", "item", "today", "week", "companies", "board", "questions", "stats", "notes")
LANGUAGES = ("en", "zh_CN")
THEMES = ("light", "dark")
SIZES = {"": "1280x800", "-1024": "1024x700"}  # file name suffix: window size


class ScreenshotError(Exception):
    """A child failed; its own output has been passed on, `str()` is the closing line."""


def threepass(data: Path, *args: str) -> None:
    command = [sys.executable, "-m", "desktop", "--data-dir", str(data), *args]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=300)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        shown = " ".join(["threepass", *args])
        raise ScreenshotError(f"`{shown}` failed with exit code {done.returncode}")


def seed(data: Path) -> None:
    """The demo library: the real sources imported, a year of study, applications."""
    script = REPO / "scripts" / "demo_data.py"
    done = subprocess.run([sys.executable, str(script), str(data)], cwd=REPO, timeout=600)
    if done.returncode != 0:  # demo_data.py has said why
        raise ScreenshotError("the demo library could not be built")


def shrink(path: Path) -> None:
    """Re-save with the strongest PNG compression (lossless; palette PNGs mangle dark UI)."""
    from PySide6.QtGui import QGuiApplication, QImage

    _app = QGuiApplication.instance() or QGuiApplication([])
    image = QImage(str(path))
    if not image.save(str(path), "PNG", 0):  # type: ignore[call-overload]
        raise OSError(f"Cannot write {path}.")
    del _app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")  # no stored preferences
        try:
            shoot(data, out)
        except ScreenshotError as exc:
            print(f"docs_screenshots: {exc}", file=sys.stderr)
            return 1
    return 0


def shoot(data: Path, out: Path) -> None:
    seed(data)
    for view in VIEWS:
        for lang in LANGUAGES:
            for theme in THEMES:
                for suffix, size in SIZES.items():
                    target = out / f"{view}-{lang}-{theme}{suffix}.png"
                    threepass(data, "--screenshot", str(target), "--view", view,
                              "--lang", lang, "--theme", theme, "--size", size)  # fmt: skip
                    shrink(target)
                    print(target.relative_to(REPO) if target.is_relative_to(REPO) else target)


if __name__ == "__main__":
    sys.exit(main())
