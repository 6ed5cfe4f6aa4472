"""GUI bootstrap: QApplication, database, window, features. Everything happens inside run_gui()."""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from desktop.cli.common import location_from_args
from desktop.context import AppContext, Events
from desktop.crash import install_crash_handler, uninstall_crash_handler
from desktop.features import install_features
from desktop.main_window import MainWindow
from desktop.preferences.startup import apply_ui_preferences, decorate_window, use_stored_data_dir
from desktop.preferences.ui_settings import UiSettings
from desktop.source_scan import spare_source_cache
from desktop.tasks import run_in_background
from desktop.tasks import shutdown as shutdown_tasks
from models.clock import Clock, SystemClock
from models.db import configure_models, open_database
from models.errors import ThreePassError
from models.logs import SHOWN, setup_logging

if TYPE_CHECKING:
    from desktop.single_instance import SingleInstance

log = logging.getLogger(__name__)


def ensure_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(argv or sys.argv[:1])
    app.setOrganizationName("ThreePass")
    app.setApplicationName("ThreePass")
    app.setDesktopFileName("threepass")
    return app


def build_window(ctx: AppContext, *, show_first: bool = True, defer: bool = False) -> MainWindow:
    """The main window with every feature installed; views are built when first shown.

    `show_first` shows (so builds) the first rail entry, the library. `defer` leaves the
    work nothing on screen needs (Import menu, backups, loading SQLAlchemy and the ORM) to
    `window.run_deferred()`: the app runs it after the first paint. Without it the window is
    complete on return (tests).
    """
    window = MainWindow(ctx)
    # first of the deferred work: what the rest (menus' controllers) imports loads meanwhile
    window.defer((lambda: load_models_in_background(window)) if defer else configure_models)
    install_features(window, ctx)
    decorate_window(window)
    if show_first and window.view_keys():
        window.show_view(window.view_keys()[0])
    if not defer:
        window.run_deferred()
    return window


def load_models_in_background(window: MainWindow) -> None:
    """SQLAlchemy, the ORM, the services and the importers (~0.5 s of imports once PySide6's
    import hook is in place) load after the first paint in a thread of their own, and the
    rest of the deferred work (menus' controllers, which need them) waits for it: the window
    stays responsive meanwhile, since the GIL changes hands every few ms, where importing
    on the GUI thread froze it. The first screen reads without them (models/db.py)."""
    release = window.hold_deferred(firm=True)  # past the deadline too: see MainWindow
    run_in_background(
        lambda _control: _import_models(),
        parent=window,
        name="threepass-models",
        on_finished=release,
    )


def _import_models() -> None:
    """Import every service and importer module (none imports Qt: tests/core/test_layering)
    and set the ORM mappers up. A failure here is left to the GUI thread's own import of the
    same module, which reports it."""
    import importlib
    import pkgutil

    with contextlib.suppress(Exception):
        configure_models()
    with contextlib.suppress(Exception):
        import importers
        import models.services

        for package in (models.services, importers):
            for found in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
                with contextlib.suppress(Exception):
                    importlib.import_module(found.name)


def save_screenshot(
    window: MainWindow, view: str, target: Path, size: tuple[int, int] = (1280, 800)
) -> None:
    window.resize(*size)
    window.show()
    window.prepare_screenshot(view)
    app = QApplication.instance()
    assert app is not None
    for _ in range(5):
        app.processEvents()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        if isinstance(err, FileExistsError) or target.parent.is_file():
            raise OSError(
                f"Cannot write the screenshot {target}: {target.parent} is a file, not a folder."
            ) from err
        raise OSError(
            f"Cannot write the screenshot {target}: cannot create the folder {target.parent} "
            f"({err.strerror or err})."
        ) from err
    if not window.grab().save(str(target), "PNG"):
        raise OSError(f"Cannot write the screenshot {target}.")


def use_throwaway_settings(directory: str) -> None:
    """Point every QSettings at an empty folder: a screenshot neither depends on the user's
    saved window state (header sort, splitters) nor rewrites it when the
    window's close hooks save state. Must run before the first QSettings is created.
    """
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, directory)


# What the offscreen platform says of every window it shows: noise on a --screenshot's stderr.
OFFSCREEN_SIZE_HINTS = "This plugin does not support propagateSizeHints()"
_message_handlers: list[object] = []  # kept alive: Qt holds only a C pointer to them


def _drop_qt_message(text: str) -> None:
    """Silence one exact Qt message; every other one still reaches stderr as before."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    previous: list[object] = []

    def handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message == text:
            return
        if previous and callable(previous[0]):
            previous[0](mode, context, message)
        else:
            sys.stderr.write(message + "\n")

    _message_handlers.append(handler)
    previous.append(qInstallMessageHandler(handler))


def run_gui(args: argparse.Namespace, clock: Clock | None = None) -> int:
    spare_source_cache()  # before the views and the models import: kept lines, ~26 MB
    if not args.screenshot:
        try:
            return _run_gui(args, clock)
        finally:
            uninstall_crash_handler()  # the hooks of the caller (tests) come back
    # Before the QApplication exists, which picks its platform once: without a display Qt
    # would abort instead of rendering offscreen.
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _drop_qt_message(OFFSCREEN_SIZE_HINTS)
    # The data folder chosen with "move my data" still counts: it says where the data is.
    ensure_application()
    use_stored_data_dir(args, UiSettings())
    with tempfile.TemporaryDirectory(prefix="threepass-screenshot-settings-") as settings_dir:
        use_throwaway_settings(settings_dir)
        return _run_gui(args, clock)


def _run_gui(args: argparse.Namespace, clock: Clock | None) -> int:
    app = ensure_application()
    apply_ui_preferences(app, args)  # language, theme, icon, stored data folder
    location = location_from_args(args)
    db_path = location.db_path  # the stored data folder may have moved the log there
    setup_logging(
        None if db_path is None else db_path.parent, verbose=getattr(args, "verbose", False)
    )
    if not args.screenshot:
        install_crash_handler()
    instance: SingleInstance | None = None
    if not args.screenshot:
        from desktop.single_instance import SingleInstance, instance_key  # QtNetwork

        instance = SingleInstance(instance_key(location))
        if not instance.acquire():
            from desktop.cli.output import echo

            echo("ThreePass is already open on this data folder; its window was raised.")
            return 0
    try:
        db = open_database(location)
    except ThreePassError as err:
        log.warning("cannot open the database: %s", err, extra=SHOWN)
        if args.screenshot:
            from desktop.cli.output import echo

            echo(f"threepass: {err}", file=sys.stderr)
            return 2
        from desktop.safety.startup import recover_at_startup  # only when opening failed

        recovered = recover_at_startup(err, location, clock)  # move aside / restore / quit
        if recovered is None:
            if instance is not None:
                instance.release()
            return 2
        db = recovered
    ctx = AppContext(db=db, clock=clock or SystemClock(), events=Events())
    # A screenshot builds only the view it shows (its preparer shows it) and needs none of
    # the deferred work (menus' controllers, backup timer): nothing is saved in that mode.
    window = build_window(ctx, show_first=not args.screenshot, defer=True)
    settings = QSettings()
    if args.screenshot:
        try:
            save_screenshot(
                window, args.view, Path(args.screenshot), getattr(args, "size", (1280, 800))
            )
        except (OSError, KeyError) as err:
            from desktop.cli.output import echo

            log.warning("screenshot failed: %s", err, extra=SHOWN)
            echo(f"threepass: {err}", file=sys.stderr)
            return 2
        finally:
            window.close()
            shutdown_tasks()
            db.close()
        return 0
    window.restore_state(settings)
    window.run_deferred_after_first_paint()
    window.show()
    QTimer.singleShot(0, window.raise_)
    if instance is not None:
        from desktop.single_instance import bring_to_front

        instance.raise_requested.connect(lambda: bring_to_front(window))
    # Everything built so far lives as long as the window: keep it out of the cyclic GC's
    # full collections, which otherwise stall the GUI thread 150-200 ms while a worker loads
    # 100k library rows (docs/benchmarks.md, "GUI responsive"). desktop.app turned the GC
    # off for the start-up: it collects again from here on.
    gc.freeze()
    gc.enable()
    from desktop.quit_signals import quit_on_signals

    quit_on_signals(app)  # SIGTERM at logout: quit the loop, then close below (saves notes)
    code = app.exec()
    gc.unfreeze()
    if window.isVisible() or window.hidden_to_tray:  # quit without a close: run the close hooks
        window.close_for_real()
    window.save_state(settings)
    shutdown_tasks()  # the views waited for their own; whatever still runs is cancelled
    db.close()
    if instance is not None:
        instance.release()
    from desktop.preferences.restart import restart_if_requested  # "Restart now" (language)

    restart_if_requested()  # after the release: the new process must not find this one
    return int(code)
