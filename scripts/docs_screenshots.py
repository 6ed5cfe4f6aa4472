#!/usr/bin/env python3
"""Regenerate docs/screenshots/: the main views in English and 简体中文, light and dark,
at 1280×800 (`VIEW-LANG-THEME.png`) and 1024×700 (`VIEW-LANG-THEME-1024.png`), and the
player and the tray menu (`watching-…`, `tray-menu-…`, English light and Chinese dark).

Builds a throw-away demo library (scripts/demo_data.py: the fixtures of tests/fixtures/ imported, a
year of study, applications), then runs `threepass --screenshot` once per view, language
and theme (separate processes, since language and theme are per process), saved with
maximum PNG compression. The player and the tray menu are states `--screenshot` cannot
reach: this script renders them itself in a child process of its own, on a copy of the
demo library (watching writes the time played): the player plays a short ffmpeg clip set
as the item's local file in a headless mpv, the tray's menu is grabbed as a widget (an
offscreen platform has no tray). Those need ffmpeg and mpv.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/docs_screenshots.py [--out DIR]
        [--only library,item,...,player,tray]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.main_window import MainWindow
    from models.clock import Clock
    from models.db import Database

REPO = Path(__file__).resolve().parents[1]
VIEWS = ("library", "item", "today", "week", "companies", "board", "questions", "stats", "notes")
LANGUAGES = ("en", "zh_CN")
THEMES = ("light", "dark")
SIZES = {"": "1280x800", "-1024": "1024x700"}  # file name suffix: window size
# Rendered by this script's child (`--render`): shot name -> file name stem, at 1280×800 only.
RENDERED = {"player": "watching", "tray": "tray-menu"}
RENDERED_LOOKS = (("en", "light"), ("zh_CN", "dark"))
WINDOW_SIZE = (1280, 800)
PLAYED_PASS = 2  # the item screenshot's item, its pass 2 (1.25×) playing
CLIP_SECONDS = 30  # longer than the wait below even at 1.5×: the grab is never at its end
# Past the 5 s of the "Playing pass 2 …" status message: every run shows the same status bar.
PLAYED_SECONDS = 5.2
WAIT_S = 120.0  # two cores shared by many processes: generous
FOLLOW_UP_HORIZON = 31  # days: how far the tray shot looks for a day with a follow-up due
HEADLESS_MPV = ("--no-config", "--vo=null", "--ao=null", "--force-window=no")


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
    parser.add_argument(
        "--only",
        type=shot_names,
        default=(*VIEWS, *RENDERED),
        metavar="SHOT,...",
        help=f"only these shots (default: all): {', '.join((*VIEWS, *RENDERED))}",
    )
    # the child that renders one player or tray shot (see render())
    for hidden in ("--render", "--data-dir", "--lang", "--theme", "--clip"):
        parser.add_argument(hidden, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.render:
        return render(args.render, Path(args.data_dir), Path(args.out), args.lang, args.theme,
                      Path(args.clip) if args.clip else None)  # fmt: skip
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")  # no stored preferences
        try:
            shoot(data, out, args.only)
            shoot_rendered(data, out, args.only, Path(tmp))
        except ScreenshotError as exc:
            print(f"docs_screenshots: {exc}", file=sys.stderr)
            return 1
    return 0


def shot_names(text: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    unknown = [name for name in names if name not in (*VIEWS, *RENDERED)]
    if unknown or not names:
        known = ", ".join((*VIEWS, *RENDERED))
        raise argparse.ArgumentTypeError(f"unknown shot {', '.join(unknown)!r} (known: {known})")
    return names


def shown(path: Path) -> Path:
    return path.relative_to(REPO) if path.is_relative_to(REPO) else path


def shoot(data: Path, out: Path, only: tuple[str, ...]) -> None:
    seed(data)
    for view in (v for v in VIEWS if v in only):
        for lang in LANGUAGES:
            for theme in THEMES:
                for suffix, size in SIZES.items():
                    target = out / f"{view}-{lang}-{theme}{suffix}.png"
                    threepass(data, "--screenshot", str(target), "--view", view,
                              "--lang", lang, "--theme", theme, "--size", size)  # fmt: skip
                    shrink(target)
                    print(shown(target))


def shoot_rendered(data: Path, out: Path, only: tuple[str, ...], tmp: Path) -> None:
    """The player and the tray menu, each look on a fresh copy of the demo library."""
    names = [name for name in RENDERED if name in only]
    clip = make_clip(tmp / "clip.mp4") if "player" in names else None
    for name in names:
        for lang, theme in RENDERED_LOOKS:
            copy = tmp / f"{name}-{lang}-{theme}"
            shutil.copytree(data, copy)
            target = out / f"{RENDERED[name]}-{lang}-{theme}.png"
            command = [sys.executable, str(Path(__file__).resolve()), "--render", name,
                       "--data-dir", str(copy), "--out", str(target), "--lang", lang,
                       "--theme", theme, *(["--clip", str(clip)] if clip else [])]  # fmt: skip
            done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=300)
            if done.returncode != 0:
                sys.stderr.write(done.stdout + done.stderr)
                raise ScreenshotError(f"the {name} shot ({lang}, {theme}) failed")
            shrink(target)
            print(shown(target))


def make_clip(path: Path) -> Path:
    """A short clip to play: a 440 Hz tone over a small blue picture (as tests/player/ make)."""
    ffmpeg, mpv = shutil.which("ffmpeg"), shutil.which("mpv")
    if ffmpeg is None or mpv is None:
        raise ScreenshotError("the player shots need ffmpeg and mpv (sudo apt install ffmpeg mpv)")
    seconds = CLIP_SECONDS
    done = subprocess.run(
        [
            ffmpeg,
            *("-hide_banner", "-loglevel", "error", "-y"),
            *("-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"),
            *("-f", "lavfi", "-i", f"color=c=blue:s=32x32:d={seconds}:r=10"),
            *("-shortest", "-c:v", "mpeg4", "-c:a", "aac", str(path)),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise ScreenshotError("ffmpeg could not make the clip")
    return path


# ---- the child: one player or tray shot ---------------------------------------------------------
def render(name: str, data: Path, target: Path, lang: str, theme: str, clip: Path | None) -> int:
    """Bootstraps as `threepass --screenshot` does (throw-away settings, the language and the
    theme applied, the deferred work not run), then reaches the state and grabs it."""
    sys.path.insert(0, str(REPO))
    from desktop.cli import build_parser
    from desktop.cli.common import location_from_args
    from desktop.context import AppContext, Events
    from desktop.gui import build_window, ensure_application, use_throwaway_settings
    from desktop.preferences.startup import apply_ui_preferences
    from desktop.tasks import shutdown
    from models.clock import SystemClock
    from models.db import open_database

    args = build_parser().parse_args(["--data-dir", str(data), "--screenshot", str(target),
                                      "--lang", lang, "--theme", theme])  # fmt: skip
    app = ensure_application()
    with tempfile.TemporaryDirectory(prefix="threepass-docs-settings-") as settings:
        use_throwaway_settings(settings)
        apply_ui_preferences(app, args)
        db = open_database(location_from_args(args))
        clock = SystemClock() if name == "player" else follow_up_day(db)
        window = build_window(
            AppContext(db=db, clock=clock, events=Events()), show_first=False, defer=True
        )
        try:
            if name == "player":
                assert clip is not None
                shot = grab_player(app, window, db, clip)
            else:
                shot = grab_tray(app, window)
            if not shot.grab().save(str(target), "PNG"):
                print(f"cannot write {target}", file=sys.stderr)
                return 2
        finally:
            window.close()  # the player's close hook quits mpv
            shutdown()
            db.close()
    return 0


def follow_up_day(db: Database) -> Clock:
    """The tray shot's clock: the first day (from today on) with a follow-up due, so the menu
    names one as it does on such a day (the demo's next step is due in a few days)."""
    from datetime import date, datetime, timedelta

    from models.clock import SystemClock
    from models.services.reminders import ReminderService

    system = SystemClock()
    today = system.today()
    service = ReminderService(db, system)
    ahead = next(
        (
            days
            for days in range(FOLLOW_UP_HORIZON)
            if service.summary(today + timedelta(days)).follow_ups
        ),
        0,
    )

    class Ahead:
        def now(self) -> datetime:
            return system.now() + timedelta(days=ahead)

        def today(self) -> date:
            return system.today() + timedelta(days=ahead)

        def utc_offset(self) -> timedelta:
            return system.utc_offset()

    return Ahead()


def settle(app: QApplication, until: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not until():
        if time.monotonic() > deadline:
            raise RuntimeError(f"gave up waiting for {what}")
        app.processEvents()
        time.sleep(0.02)
    for _ in range(5):
        app.processEvents()


def grab_player(app: QApplication, window: MainWindow, db: Database, clip: Path) -> QWidget:
    """The item screenshot's item, its pass 2 playing the clip in a headless mpv."""
    from desktop.library.view import LibraryView
    from desktop.player.chip import StudyChip
    from desktop.player.hub import StudyHub
    from models.services.playback import PlaybackService

    window.resize(*WINDOW_SIZE)
    window.show()
    window.prepare_screenshot("item")
    library = window.view("library")
    assert isinstance(library, LibraryView)
    item_id = library.current_item_id()
    if item_id is None:
        raise RuntimeError("the demo library has no item to play")
    PlaybackService(db).set_local_file(item_id, str(clip))
    hub = window.findChild(StudyHub, "StudyHub")
    chip = window.findChild(StudyChip, "StudyChip")
    assert isinstance(hub, StudyHub)
    assert isinstance(chip, StudyChip)
    hub.mpv_args = HEADLESS_MPV
    hub.ask_done = lambda _sitting: False  # a modal box would wait forever

    def tell(title: str, text: str) -> None:
        raise RuntimeError(f"{title}: {text}")

    hub.tell = tell
    session = hub.watch(item_id, PLAYED_PASS)
    if session is None:
        raise RuntimeError("mpv did not start")
    settle(app, lambda: session.tally.played_seconds >= PLAYED_SECONDS, "mpv to play")
    chip.refresh()  # the time now, not at its last tick
    app.processEvents()
    return window


def grab_tray(app: QApplication, window: MainWindow) -> QWidget:
    """The tray icon's menu, opened: the counts of the demo library."""
    from PySide6.QtCore import QPoint

    from desktop.reminders.tray import TrayController

    tray = TrayController(window, window.ctx, tray_available=False)
    tray.menu.popup(QPoint(0, 0))
    settle(app, tray.menu.isVisible, "the menu")
    return tray.menu


if __name__ == "__main__":
    sys.exit(main())
