"""Installs the Import menu: paper-reading, fast.ai, study notes and ThreePass JSON."""

from __future__ import annotations

from desktop.context import AppContext
from desktop.importing.controller import ImportController
from desktop.main_window import MainWindow


def install(window: MainWindow, ctx: AppContext) -> None:
    controller = ImportController(window, ctx)
    menu = window.menu("import")
    actions = controller.actions()
    menu.addActions(actions[:3])
    menu.addSeparator()
    menu.addAction(actions[3])
    window.on_close(controller.shutdown)
