"""View ▸ Theme: the same three choices as Preferences, applied at once and remembered."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup

from desktop import theme
from desktop.main_window import MainWindow
from desktop.preferences.ui_settings import UiSettings


def _choose(mode: str) -> None:
    UiSettings().theme = mode
    theme.apply_theme(mode)


def install_theme_menu(window: MainWindow) -> None:
    menu = window.menu("view").addMenu(QCoreApplication.translate("ViewMenu", "&Theme"))
    menu.setObjectName("menuTheme")
    group = QActionGroup(menu)
    labels = {
        theme.SYSTEM: QCoreApplication.translate("ViewMenu", "Follow the &system"),
        theme.LIGHT: QCoreApplication.translate("ViewMenu", "&Light"),
        theme.DARK: QCoreApplication.translate("ViewMenu", "&Dark"),
    }
    actions: dict[str, QAction] = {}
    for mode, label in labels.items():
        action = QAction(label, menu)
        action.setObjectName(f"action_theme_{mode}")
        action.setCheckable(True)
        action.setData(mode)
        action.triggered.connect(lambda _checked=False, m=mode: _choose(m))
        group.addAction(action)
        menu.addAction(action)
        actions[mode] = action

    def sync() -> None:
        """Preferences or --theme may have changed it since: show the mode in force."""
        actions[theme.controller().mode].setChecked(True)

    window.menu("view").aboutToShow.connect(sync)
    menu.aboutToShow.connect(sync)
