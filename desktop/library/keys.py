"""The library's keyboard paths beyond its menu actions (#16): Down in the search field enters
the list, Esc clears the search, F2/F3/F4 put the cursor in pass 1/2/3's notes, and Esc in the
item pane goes back to the list.

Why F2–F4 for the notes: Alt+digit already shows a view (View menu) and Ctrl+digit cycles a
pass; Ctrl+Alt+digit is AltGr+digit on Windows, which types ², ³, {, [ … on European layouts;
and Shift+digit is a different symbol on every layout (! on US, " on German, & on AZERTY, whose
digits need Shift), so Ctrl+Shift+digit may reach Qt as another key, or as plain Ctrl+digit.
Function keys are the same keys everywhere, and nothing else in the window uses F2–F4.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMenu, QScrollArea, QWidget

from desktop.main_window import MainWindow

if TYPE_CHECKING:
    from desktop.library.view import LibraryView

NOTE_KEYS = {1: "F2", 2: "F3", 3: "F4"}
BACK_KEY = "Esc"


def add_actions(window: MainWindow, menu: QMenu, view: Callable[[], LibraryView]) -> None:
    """Edit ▸ Notes of pass 1/2/3 and Back to the list (the sheet lists them from the menu)."""
    menu.addSeparator()
    for number, key in NOTE_KEYS.items():
        notes = QAction(
            QCoreApplication.translate("LibraryKeys", "Notes of pass {n}").replace(
                "{n}", str(number)
            ),
            window,
        )
        notes.setObjectName(f"action_pass_{number}_notes")
        notes.setShortcut(QKeySequence(key))
        notes.triggered.connect(lambda _c=False, n=number: focus_notes(window, view(), n))
        menu.addAction(notes)
    back = QAction(QCoreApplication.translate("LibraryKeys", "Back to the list"), window)
    back.setObjectName("action_back_to_list")
    back.setShortcut(QKeySequence(BACK_KEY))
    # Esc only while the item pane has focus: elsewhere it closes popups and clears fields
    back.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    back.triggered.connect(lambda: back_to_list(window, view()))
    menu.addAction(back)


def wire(window: MainWindow, library: LibraryView) -> None:
    """What needs the built view: Esc in its item pane, the search field's keys, Tab order."""
    back = window.findChild(QAction, "action_back_to_list")
    if isinstance(back, QAction):
        library.pane.addAction(back)
    SearchKeys(library)
    _open_points_after_pass_one(library)


def _open_points_after_pass_one(library: LibraryView) -> None:
    """Tab from pass 1's note reaches its "didn't understand" list, which sits in the same
    card: the list is made after the three cards, so by default it came after pass 3's note."""
    points = library.pane.open_points
    previous: QWidget = library.pane.cards[0].notes.preview
    for widget in (
        points.table,
        points.question_button,
        points.delete_button,
        points.entry,
        points.add_button,
    ):
        QWidget.setTabOrder(previous, widget)
        previous = widget


def focus_notes(window: MainWindow, library: LibraryView, number: int) -> None:
    window.show_view("library")
    if library.current_item_id() is None:
        library.ctx.events.status_message.emit(
            QCoreApplication.translate("LibraryView", "Select an item first.")
        )
        return
    editor = library.pane.cards[number - 1].notes.editor
    editor.setFocus(Qt.FocusReason.ShortcutFocusReason)
    _scroll_to(editor)


def back_to_list(window: MainWindow, library: LibraryView) -> None:
    window.show_view("library")
    library.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
    index = library.table.currentIndex()
    if index.isValid():
        library.table.scrollTo(index)


def _scroll_to(widget: QWidget) -> None:
    """Bring a widget focused by a shortcut into view, whatever scroll area holds it."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
        parent = parent.parentWidget()


class SearchKeys(QObject):
    """Down in the search field enters the list (first row if none is selected); Esc clears a
    search that holds text (an empty one leaves Esc to others)."""

    def __init__(self, library: LibraryView) -> None:
        super().__init__(library)
        self._library = library
        library.filters.search.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if plain == Qt.KeyboardModifier.NoModifier:
                if event.key() == Qt.Key.Key_Down:
                    self._library.enter_list()
                    return True
                search = self._library.filters.search
                if event.key() == Qt.Key.Key_Escape and search.text():
                    search.clear()
                    self._library.filters.flush()
                    return True
        return super().eventFilter(watched, event)
