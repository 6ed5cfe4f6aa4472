"""Installs the Import menu: paper-reading, fast.ai, study notes and ThreePass JSON."""

from __future__ import annotations

from desktop.context import AppContext
from desktop.main_window import MainWindow


def install(window: MainWindow, ctx: AppContext) -> None:
    """The controller imports every importer (bs4, requests, markdown-it: ~0.2 s), which
    nothing on screen needs: it is created once the window has painted its first rows."""

    def create() -> None:
        from desktop.importing.controller import ImportController

        controller = ImportController(window, ctx)
        menu = window.menu("import")
        actions = controller.actions()
        menu.addActions(actions[:3])
        menu.addSeparator()
        menu.addAction(actions[3])
        window.on_close(controller.shutdown)

    window.defer(create)
