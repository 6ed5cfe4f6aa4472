"""Every focusable widget of every view, and of the main dialogs, has a name a screen reader
can announce: its own accessible name, a QLabel whose buddy it is, or a button's words.

"Focusable" is any focus policy, click included (a label whose text can be selected takes
focus on a click, and a screen reader then announces it), and the view itself counts (the
Stats view is a scroll area)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from models.db import Database

# a button's own text names it when it holds a word ("+" or "…" alone says nothing)
WORD = re.compile(r"\w{2,}|[\u4e00-\u9fff]")


def _inner_part(widget: QWidget) -> bool:
    """Parts of a composite widget that take focus for it (a combo's line edit, a spin box's
    editor, a scroll area's viewport): the composite is what has to be named."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox)):
            return True
        if isinstance(parent, QAbstractScrollArea) and widget is parent.viewport():
            return True
        parent = parent.parentWidget()
    return False


def _focusable(root: QWidget) -> Iterator[QWidget]:
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.window() is not root.window():
            continue  # a menu or popup of its own
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if widget.focusProxy() is not None or _inner_part(widget):
            continue
        yield widget


def _label_buddies(root: QWidget) -> set[int]:
    return {
        id(label.buddy())
        for label in root.window().findChildren(QLabel)
        if label.buddy() is not None and label.text().strip()
    }


def _named(widget: QWidget, buddies: set[int]) -> bool:
    if widget.accessibleName().strip() or id(widget) in buddies:
        return True
    if isinstance(widget, QTabBar):  # each tab is announced by its title
        return all(WORD.search(widget.tabText(i)) for i in range(widget.count()))
    if isinstance(widget, QLabel):
        # Qt announces a label by its text (a selectable title, an item's details); an
        # empty one out of sight has nothing to say yet
        return bool(widget.text().strip()) or not widget.isVisible()
    if isinstance(widget, QAbstractButton):
        # a hidden button may get its words when it is shown (the "no matches" Clear)
        return bool(WORD.search(widget.text())) or not (widget.text() or widget.isVisible())
    return False


def _describe(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName() or '(no objectName)'}" + (
        f" {widget.toolTip()!r}" if widget.toolTip() else ""
    )


def unnamed(root: QWidget) -> list[str]:
    """The focusable widgets of `root` a screen reader could only call by their type."""
    buddies = _label_buddies(root)
    return sorted(_describe(w) for w in _focusable(root) if not _named(w, buddies))


def test_the_check_sees_a_nameless_field(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton

    root = QWidget()
    qtbot.addWidget(root)
    layout = QHBoxLayout(root)
    bare, labelled, named = QLineEdit(), QLineEdit(), QLineEdit()
    bare.setObjectName("bare")
    label = QLabel("&Title")
    label.setBuddy(labelled)
    named.setAccessibleName("Search")
    plus, word = QPushButton("+"), QPushButton("Add")
    plus.setObjectName("plus")
    # a label whose text can be selected takes focus on a click: its text names it
    titled, blank = QLabel("Transformer"), QLabel()
    blank.setObjectName("blank")
    for selectable in (titled, blank):
        selectable.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    for widget in (bare, label, labelled, named, plus, word, titled, blank):
        layout.addWidget(widget)
    root.show()
    assert unnamed(root) == ["QLabel blank", "QLineEdit bare", "QPushButton plus"]
    # the view itself counts when it takes focus (a scroll area does)
    root.setObjectName("root")
    root.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    assert "QWidget root" in unnamed(root)


def test_every_view_names_its_focusable_widgets(
    filled_db: Database, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    missing: dict[str, list[str]] = {}
    rail = unnamed(window.rail.parentWidget() or window)
    if "QListWidget NavRail" in rail:
        missing["rail"] = ["QListWidget NavRail"]
    for key in window.view_keys():
        window.show_view(key)
        QApplication.processEvents()
        view = window.view(key)
        found = unnamed(view)
        if found:
            missing[key] = found
    window.show_view("library")
    library = window.view("library")
    table = getattr(library, "table")  # noqa: B009 - the view's own attribute
    table.selectRow(0)  # the item pane and its three passes
    QApplication.processEvents()
    found = unnamed(library)
    if found:
        missing["library (item shown)"] = found
    assert not missing, "\n".join(f"{key}: {names}" for key, names in missing.items())


@pytest.mark.parametrize("which", ["item", "application", "preferences", "import"])
def test_main_dialogs_name_their_fields(
    which: str, filled_db: Database, make_window: Callable[[], MainWindow], qtbot: QtBot
) -> None:
    window = make_window()
    dialog = _open_dialog(which, window, filled_db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert unnamed(dialog) == []


def _open_dialog(which: str, window: MainWindow, db: Database) -> QDialog:
    if which == "item":
        from desktop.library.item_dialog import ItemDialog

        return ItemDialog(window, categories=["NLP"])
    if which == "application":
        from desktop.career.board_dialogs import ApplicationDialog

        return ApplicationDialog(window, [(1, "Minimax")], window.ctx.clock.today())
    if which == "preferences":
        from desktop.preferences.dialog import PreferencesDialog

        return PreferencesDialog(window.ctx, parent=window)
    from desktop.importing.source_dialog import SourceDialog

    return SourceDialog(
        "Import the fast.ai course",
        "Where the course is read from.",
        "https://course.fast.ai/",
        allow_folder=True,
        questionnaires_option=True,
        parent=window,
    )
