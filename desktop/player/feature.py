"""Installs the study sessions: the player and timer requests of every view, and the chip."""

from __future__ import annotations

from desktop.context import AppContext
from desktop.main_window import MainWindow
from desktop.player.chip import StudyChip
from desktop.player.hub import StudyHub


def install(window: MainWindow, ctx: AppContext) -> None:
    """Cheap on start-up: the running timer is read once the first screen is complete."""
    hub = StudyHub(ctx, window)
    chip = StudyChip(ctx, hub)
    window.statusBar().addPermanentWidget(chip)
    window.defer(hub.reload_timer)
    window.on_close(hub.stop_all)
