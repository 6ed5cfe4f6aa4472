"""Installs the Library: the view, its menu actions and shortcuts, screenshots, close hook."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from desktop.context import AppContext
from desktop.library import keys
from desktop.main_window import MainWindow

if TYPE_CHECKING:
    from desktop.library.view import LibraryView

IMPORT_ACTION_NAME = "action_import_paper_reading"


NEEDS_SELECTION = (
    *(f"action_toggle_pass_{n}" for n in (1, 2, 3)),
    *(f"action_pass_{n}_notes" for n in (1, 2, 3)),
    "LinkItemAction",  # the career feature's Edit ▸ Link item to company/question…
)


def _action(
    window: MainWindow, name: str, text: str, shortcut: QKeySequence | str | None = None
) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    return action


def _trigger_import(window: MainWindow) -> None:
    """The importing feature owns the action; without it, open the Import menu instead."""
    action = window.findChild(QAction, IMPORT_ACTION_NAME)
    if isinstance(action, QAction):
        action.trigger()
        return
    menu = window.menu("import")
    menu_action = menu.menuAction()
    geometry = window.menuBar().actionGeometry(menu_action)
    menu.popup(window.menuBar().mapToGlobal(geometry.bottomLeft()))


def _new_item(window: MainWindow, view: LibraryView) -> None:
    window.show_view("library")
    view.new_item()


def _find(window: MainWindow, view: LibraryView) -> None:
    window.show_view("library")
    view.focus_search()


def install(window: MainWindow, ctx: AppContext) -> None:
    """Register the Library; its view is built when first shown (usually at once: it is
    the first rail entry), the menu actions exist from the start and build it if needed.
    """

    def build() -> QWidget:
        from desktop.library.view import LibraryView

        # made inside the stack that holds it: adding a finished view walks all its widgets
        return LibraryView(ctx, window.stack)

    window.add_view("library", QCoreApplication.translate("Library", "Library"), build)

    def view() -> LibraryView:
        return cast("LibraryView", window.view("library"))

    new_item = _action(
        window, "action_new_item", QCoreApplication.translate("Library", "&New item…"), "Ctrl+N"
    )
    new_item.triggered.connect(lambda: _new_item(window, view()))
    file_menu = window.menu("file")
    if file_menu.actions():
        first = file_menu.actions()[0]
        file_menu.insertAction(first, new_item)
        file_menu.insertSeparator(first)
    else:
        file_menu.addAction(new_item)

    edit_item = _action(
        window, "action_edit_item", QCoreApplication.translate("Library", "&Edit item…"), "Ctrl+E"
    )
    edit_item.triggered.connect(lambda: view().edit_selected())
    delete = _action(
        window, "action_delete_item", QCoreApplication.translate("Library", "&Delete item…"), "Del"
    )
    # only while the table has focus, so Delete keeps working in text fields
    delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    delete.triggered.connect(lambda: view().delete_selected())
    for needs_item in (edit_item, delete):
        needs_item.setEnabled(False)  # nothing is selected until the view shows a row
    find = _action(
        window, "action_find", QCoreApplication.translate("Library", "&Find in library"), "Ctrl+F"
    )
    find.triggered.connect(lambda: _find(window, view()))

    edit_menu = window.menu("edit")
    undo_slot = edit_menu.addSeparator()  # Undo/Redo (the view's undo stack) go above it
    edit_menu.addAction(edit_item)
    edit_menu.addAction(delete)
    edit_menu.addSeparator()
    edit_menu.addAction(find)
    edit_menu.addSeparator()
    for number in (1, 2, 3):
        toggle = _action(
            window,
            f"action_toggle_pass_{number}",
            QCoreApplication.translate("Library", "Toggle pass &{n}").replace("{n}", str(number)),
            f"Ctrl+{number}",
        )
        toggle.setStatusTip(
            QCoreApplication.translate("Library", "Not started → in progress → done → not started")
        )
        toggle.triggered.connect(lambda _c=False, n=number: view().toggle_pass(n))
        toggle.setEnabled(False)  # like Edit and Delete: no item is selected yet
        edit_menu.addAction(toggle)
    keys.add_actions(window, edit_menu, view)

    def wire(widget: QWidget) -> None:
        """What needs the view itself: its undo stack, its table, its empty page, state."""
        library = cast("LibraryView", widget)
        # other features (career's "Link item…") read the selected item through this
        window.library_view = library  # type: ignore[attr-defined]
        undo = library.undo_stack.createUndoAction(
            window, QCoreApplication.translate("Library", "Undo delete")
        )
        undo.setObjectName("action_undo_delete")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = library.undo_stack.createRedoAction(
            window, QCoreApplication.translate("Library", "Redo delete")
        )
        redo.setObjectName("action_redo_delete")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.insertActions(undo_slot, [undo, redo])
        library.table.addAction(delete)
        keys.wire(window, library)

        def follow_selection() -> None:
            """Edit, Delete, Toggle pass, Notes of pass and Link item act on the selected
            item: greyed out while there is none (an empty library included)."""
            selected = library.current_item_id() is not None
            edit_item.setEnabled(selected)
            delete.setEnabled(selected)
            for name in NEEDS_SELECTION:
                action = window.findChild(QAction, name)
                if isinstance(action, QAction):
                    action.setEnabled(selected)

        library.table.selectionModel().selectionChanged.connect(lambda *_: follow_selection())
        for changed in (library.proxy.modelReset, library.proxy.layoutChanged):
            changed.connect(follow_selection)
        library.proxy.rowsRemoved.connect(lambda *_: follow_selection())
        follow_selection()
        library.empty.add_requested.connect(library.new_item)
        library.empty.import_requested.connect(lambda: _trigger_import(window))
        library.restore_state(QSettings())
        if library.loader.busy():  # a large library's rows come from a worker thread
            release = window.hold_deferred()  # menus' work waits until they are shown
            library.loader.loaded.connect(lambda *_: release())
            library.loader.failed.connect(lambda *_: release())

    window.when_built("library", wire)

    def save_state() -> None:
        library = window.built_view("library")
        if library is not None:
            cast("LibraryView", library).save_state(QSettings())

    window.on_close(save_state)

    def select_item(item_id: int) -> None:
        """Another view asks to show an item: build the library first if it never showed
        (once built, the view's own connection to item_selected handles it)."""
        if window.built_view("library") is None:
            view().select_item(item_id)

    ctx.events.item_selected.connect(select_item)

    def show_library() -> None:
        window.show_view("library")
        library = view()
        library.loader.wait_idle()  # a large library loads in a worker: wait for its rows
        library.model.wait_sorted()  # and re-sorts them there
        if library.current_item_id() is None and library.proxy.rowCount():
            library.table.selectRow(0)

    def show_item() -> None:
        window.show_view("library")
        library = view()
        library.loader.wait_idle()
        library.model.wait_sorted()
        library.show_screenshot_item()
        app = QApplication.instance()
        if app is not None:
            app.processEvents()

    window.add_screenshot_view("library", show_library)
    window.add_screenshot_view("item", show_item)
