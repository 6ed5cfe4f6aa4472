#!/usr/bin/env python3
"""Regenerate docs/screenshots/: the main views in English and 简体中文, light and dark.

Builds a throw-away data folder from the shared fixtures (../shared), studies a few passes,
then runs `threepass --screenshot` once per view, language and theme (separate processes,
since language and theme are per process), saved with maximum PNG compression.

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
SHARED = REPO.parent / "shared"
VIEWS = ("library", "today", "companies", "board", "questions", "stats")
LANGUAGES = ("en", "zh_CN")
THEMES = ("light", "dark")


def threepass(data: Path, *args: str) -> None:
    command = [sys.executable, "-m", "desktop", "--data-dir", str(data), *args]
    subprocess.run(command, check=True, capture_output=True, timeout=300)


def seed(data: Path) -> None:
    fixtures = SHARED / "fixtures"
    threepass(data, "import", "paper-reading", "--from", str(fixtures / "paper-reading/README.md"))
    threepass(data, "import", "fastai", "--from", str(fixtures / "course-fast-ai"))
    threepass(data, "import", "notes", str(SHARED / "seed" / "study-notes.md"))
    for item in ("5", "6", "7"):
        threepass(data, "pass", item, "1", "done")
    threepass(data, "pass", "5", "2", "start")


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
        seed(data)
        for view in VIEWS:
            for lang in LANGUAGES:
                for theme in THEMES:
                    target = out / f"{view}-{lang}-{theme}.png"
                    threepass(data, "--screenshot", str(target), "--view", view,
                              "--lang", lang, "--theme", theme)  # fmt: skip
                    shrink(target)
                    print(target.relative_to(REPO) if target.is_relative_to(REPO) else target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
