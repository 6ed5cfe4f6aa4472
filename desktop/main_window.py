"""The main window: a navigation rail, a stack of feature views, menus and a status bar.

It only wires features together (desktop/features.py lists them); each feature owns its widgets.
Views are built on first show: a feature registers a factory, the rail shows its entry at
once, and the widget is created the first time the view is navigated to (or asked for with
`view(key)`), so start-up builds only the view on screen (docs/benchmarks.md, "Start to
first rows visible"). Work that nothing on screen needs (the Import menu's controller, the
backup timer) can be deferred until the window has painted once.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from desktop.context import AppContext
from desktop.widgets.plain import plain_mnemonic, plain_title

MENU_ORDER = ("file", "edit", "import", "view", "help")

ViewFactory = Callable[[], QWidget]
DEFERRED_DELAY_MS = 50  # after the first screen is complete
DEFERRED_LATEST_MS = 5000  # deferred work runs by then whatever holds it (but a firm hold)
# A firm hold (the models importing in a thread) is waited for this many times longer: the
# waiting menus' controllers import the same modules, which on the GUI thread beside that
# thread froze the window 1.9-6 s at 100k on a busy machine.
FIRM_HOLD_FACTOR = 6


def view_shortcut(number: int) -> QKeySequence:
    """Alt+1… for the n-th view: Ctrl+1/2/3 cycle a pass in the library, and Ctrl+Alt is
    AltGr on many European layouts. On macOS Option+digit types characters (¡, ™…), so there
    it is Cmd+Option+digit (Qt's "Ctrl" is Cmd)."""
    modifiers = "Ctrl+Alt" if sys.platform == "darwin" else "Alt"
    return QKeySequence(f"{modifiers}+{number}")


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self._keys: list[str] = []
        self._menus: dict[str, QMenu] = {}
        self._close_hooks: list[object] = []
        # closing hides the window into the tray while this says so (desktop/reminders/)
        self._keep_in_tray: Callable[[], bool] | None = None
        self._closing_for_real = False
        self._sent_to_tray = False
        self._shot_preparers: dict[str, Callable[[], None]] = {}
        self._factories: dict[str, ViewFactory] = {}
        self._built_hooks: dict[str, list[Callable[[QWidget], None]]] = {}
        self._view_actions: list[QAction] = []
        self._view_group = QActionGroup(self)  # View ▸ one checkable entry per rail entry
        self._deferred: list[Callable[[], None]] | None = []
        self._holds = 0
        self._firm_holds = 0  # hold_deferred(firm=True): kept past DEFERRED_LATEST_MS
        self._hard = False  # FIRM_HOLD_FACTOR x DEFERRED_LATEST_MS passed: nothing waits
        self._armed = False
        self._painted = False
        self._forced = False  # DEFERRED_LATEST_MS passed: deferred work no longer waits to paint

        self.rail = QListWidget()
        self.rail.setObjectName("NavRail")
        self.rail.setFixedWidth(168)
        self.rail.setIconSize(QSize(20, 20))
        self.rail.setAccessibleName(self.tr("Views"))
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.rail)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.rail.currentRowChanged.connect(self._row_changed)
        self.statusBar().showMessage(self.tr("Ready"))
        ctx.events.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))

        for key in MENU_ORDER:
            self._menus[key] = self.menuBar().addMenu(self._menu_title(key))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close_for_real)
        self._menus["file"].addAction(quit_action)
        # the views go above it, what features add to the View menu (the theme) below
        self._views_end = self._menus["view"].addSeparator()
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
        self.setWindowTitle(plain_title(f"ThreePass — {name}"))

    # ---- API for features ---------------------------------------------------------------
    def add_view(
        self, key: str, title: str, widget: QWidget | ViewFactory, icon: object = None
    ) -> None:
        """Add a rail entry; `widget` may be a factory, called the first time it is shown."""
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        if icon is not None:
            item.setIcon(icon)  # type: ignore[arg-type]
        self._keys.append(key)
        self._add_view_action(key, title, len(self._keys))
        if isinstance(widget, QWidget):
            self.stack.addWidget(widget)
        else:
            self._factories[key] = widget
            self.stack.addWidget(QWidget())  # holds the place until the view is built
        self.rail.addItem(item)

    def _add_view_action(self, key: str, title: str, number: int) -> None:
        """View ▸ <title>: shows the view the way its rail entry does (so it is built lazily
        by the same path), checked while it is current."""
        action = QAction(plain_mnemonic(title), self)  # a title has no mnemonic
        action.setObjectName(f"action_view_{key}")
        action.setCheckable(True)
        if number <= 9:
            action.setShortcut(view_shortcut(number))
        action.triggered.connect(lambda _checked=False: self.show_view(key))
        self._view_group.addAction(action)
        self._view_actions.append(action)
        self._menus["view"].insertAction(self._views_end, action)

    def view_action(self, key: str) -> QAction:
        return self._view_actions[self._keys.index(key)]

    def view(self, key: str) -> QWidget:
        """The view of `key`, built now if it was not yet shown."""
        index = self._keys.index(key)
        factory = self._factories.get(key)
        if factory is None:
            widget = self.stack.widget(index)
            assert widget is not None  # every key holds its view or a placeholder
            return widget
        built = factory()
        del self._factories[key]  # only once built: a failed build is retried next time
        placeholder = self.stack.widget(index)
        assert placeholder is not None
        was_current = self.stack.currentWidget() is placeholder
        self.stack.insertWidget(index, built)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        if was_current:
            self.stack.setCurrentWidget(built)
        for hook in self._built_hooks.pop(key, []):
            hook(built)
        return built

    def built_view(self, key: str) -> QWidget | None:
        """The view of `key` if it exists already (close hooks must not build views)."""
        if key not in self._keys or key in self._factories:
            return None
        return self.stack.widget(self._keys.index(key))

    def when_built(self, key: str, hook: Callable[[QWidget], None]) -> None:
        """Run hook(view) once the view of `key` exists: now, or when it is first built."""
        widget = self.built_view(key)
        if widget is not None:
            hook(widget)
        else:
            self._built_hooks.setdefault(key, []).append(hook)

    def view_keys(self) -> list[str]:
        return list(self._keys)

    def show_view(self, key: str) -> None:
        self.rail.setCurrentRow(self._keys.index(key))

    def current_view_key(self) -> str | None:
        row = self.rail.currentRow()
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self._keys):
            self._view_actions[row].setChecked(True)
            self.stack.setCurrentWidget(self.view(self._keys[row]))

    # ---- work nothing on screen needs -----------------------------------------------------
    def defer(self, work: Callable[[], None]) -> None:
        """Run `work` once the first screen is complete (or at once if it already is).

        For what only menus or timers need (the Import menu's controller imports the
        importers, ~0.2 s of the GUI thread): the rows appear first.
        """
        if self._deferred is None:
            work()
        else:
            self._deferred.append(work)

    def hold_deferred(self, *, firm: bool = False) -> Callable[[], None]:
        """Keep the deferred work waiting until the returned release() is called: for what
        the first screen still loads after its first paint (the library's rows). A `firm`
        hold, for work that ends by itself and that the waiting work would otherwise redo
        on the GUI thread (the models' imports), is also waited for past
        DEFERRED_LATEST_MS, up to FIRM_HOLD_FACTOR times that."""
        if self._deferred is None:
            return lambda: None
        self._holds += 1
        self._firm_holds += firm
        released = False

        def release() -> None:
            nonlocal released
            if not released:
                released = True
                self._holds -= 1
                self._firm_holds -= firm
                self._maybe_run_deferred()

        return release

    def run_deferred(self) -> None:
        """Run the deferred work now, in order (tests; the app: when the first screen is
        complete). In the app, a work item that holds the rest (hold_deferred while it
        runs, e.g. imports in a thread) pauses it until released, or until DEFERRED_LATEST_MS:
        a hold that never ends must not cost the backups their controller."""
        while self._deferred:
            work = self._deferred.pop(0)
            work()
            if self._holds and self._armed and (not self._forced or self._firmly_held()):
                return  # release() resumes; past DEFERRED_LATEST_MS only a firm hold waits
        self._deferred = None

    def _firmly_held(self) -> bool:
        return self._firm_holds > 0 and not self._hard

    def run_deferred_after_first_paint(self) -> None:
        """Arm the deferred work: it runs once the window has painted and nothing holds it
        (hold_deferred), or after DEFERRED_LATEST_MS whatever happens (a window started
        minimized never paints)."""
        if self._deferred is not None and not self._armed:
            self._armed = True
            self.installEventFilter(self)
            QTimer.singleShot(DEFERRED_LATEST_MS, self._force_deferred)
            QTimer.singleShot(DEFERRED_LATEST_MS * FIRM_HOLD_FACTOR, self._force_hard)

    def _force_deferred(self) -> None:
        self._forced = True
        if self._deferred is not None and not self._firmly_held():
            self.run_deferred()

    def _force_hard(self) -> None:
        """A firm hold that never ends must not cost the backups their controller either."""
        self._hard = True
        self._force_deferred()

    def _maybe_run_deferred(self) -> None:
        if self._deferred is None or self._firmly_held():
            return
        if self._holds and not self._forced:
            return
        if self._forced:
            QTimer.singleShot(0, self.run_deferred)
        elif self._armed and self._painted:
            # a moment later: what released the hold (new rows) is painted first
            QTimer.singleShot(DEFERRED_DELAY_MS, self.run_deferred)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            self.removeEventFilter(self)
            self._maybe_run_deferred()
        return super().eventFilter(watched, event)

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

    def keep_in_tray_when_closed(self, ask: Callable[[], bool]) -> None:
        """Closing the window hides it, the app running on in the tray, while ask() is true."""
        self._keep_in_tray = ask

    @property
    def hidden_to_tray(self) -> bool:
        return self._sent_to_tray and not self.isVisible()

    def close_for_real(self) -> bool:
        """Close even where closing only hides into the tray: File ▸ Quit, the tray's Quit,
        the end of the session. The close hooks run (notes saved, as on any close)."""
        self._closing_for_real = True
        try:
            return self.close()
        finally:
            self._closing_for_real = False

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
        app = QApplication.instance()
        if not self._closing_for_real and self._keep_in_tray is not None and self._keep_in_tray():
            event.ignore()
            self.hide()
            self._sent_to_tray = True
            if isinstance(app, QApplication):  # a dialog closed meanwhile must not quit the app
                app.setQuitOnLastWindowClosed(False)
            return
        self._sent_to_tray = False
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(True)
        for hook in self._close_hooks:
            hook()  # type: ignore[operator]
        super().closeEvent(event)
