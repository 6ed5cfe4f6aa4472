"""The main window: a navigation rail, a stack of feature views, menus and a status bar.

It only wires features together (desktop/features.py lists them); each feature owns its widgets.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from desktop.context import AppContext

MENU_ORDER = ("file", "edit", "import", "view", "help")


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self._keys: list[str] = []
        self._menus: dict[str, QMenu] = {}
        self._close_hooks: list[object] = []
        self._shot_preparers: dict[str, Callable[[], None]] = {}

        self.rail = QListWidget()
        self.rail.setObjectName("NavRail")
        self.rail.setFixedWidth(168)
        self.rail.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.rail)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.rail.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.statusBar().showMessage(self.tr("Ready"))
        ctx.events.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))

        for key in MENU_ORDER:
            self._menus[key] = self.menuBar().addMenu(self._menu_title(key))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self._menus["file"].addAction(quit_action)
        self.update_title()

    def _menu_title(self, key: str) -> str:
        return {
            "file": self.tr("&File"),
            "edit": self.tr("&Edit"),
            "import": self.tr("&Import"),
            "view": self.tr("&View"),
            "help": self.tr("&Help"),
        }[key]

    def update_title(self) -> None:
        path = self.ctx.db.path
        name = path.name if path is not None else self.ctx.db.location.url
        self.setWindowTitle(f"ThreePass — {name}")

    # ---- API for features ---------------------------------------------------------------
    def add_view(self, key: str, title: str, widget: QWidget, icon: object = None) -> None:
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        if icon is not None:
            item.setIcon(icon)  # type: ignore[arg-type]
        self.rail.addItem(item)
        self.stack.addWidget(widget)
        self._keys.append(key)
        if self.rail.currentRow() < 0:
            self.rail.setCurrentRow(0)

    def view(self, key: str) -> QWidget:
        widget = self.stack.widget(self._keys.index(key))
        assert widget is not None  # every key was added with its widget
        return widget

    def view_keys(self) -> list[str]:
        return list(self._keys)

    def show_view(self, key: str) -> None:
        self.rail.setCurrentRow(self._keys.index(key))

    def menu(self, key: str) -> QMenu:
        return self._menus[key]

    def add_screenshot_view(self, name: str, prepare: Callable[[], None]) -> None:
        """Let `--screenshot --view NAME` reach a state that is not simply a rail entry."""
        self._shot_preparers[name] = prepare

    def prepare_screenshot(self, name: str) -> None:
        if name in self._shot_preparers:
            self._shot_preparers[name]()
        elif name in self._keys:
            self.show_view(name)
        else:
            raise KeyError(name)

    def on_close(self, hook: object) -> None:
        """Run hook() before the window closes (autosave, backups...)."""
        self._close_hooks.append(hook)

    # ---- persistence ----------------------------------------------------------------------
    def restore_state(self, settings: QSettings) -> None:
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("window/geometry", self.saveGeometry())

    def closeEvent(self, event: QCloseEvent) -> None:
        for hook in self._close_hooks:
            hook()  # type: ignore[operator]
        super().closeEvent(event)
