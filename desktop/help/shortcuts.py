"""Help ▸ Keyboard shortcuts: a searchable sheet read from the window's actual actions,
shortcuts and buttons each time it opens, so it cannot drift from what the keys do."""

from __future__ import annotations

import re
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.main_window import MainWindow

PATH_SEPARATOR = " ▸ "
# "&File" -> "File", "首选项(&P)…" -> "首选项…", "Q&&A" -> "Q&A"
_MNEMONIC_IN_PARENS = re.compile(r"\(&[^&\s]\)")


class ShortcutEntry(NamedTuple):
    section: str  # the menu path ("Edit", "View ▸ Theme") or the view that owns it
    text: str
    keys: str  # native text, e.g. "Ctrl+N"; several shortcuts joined with ", "


def plain_text(text: str) -> str:
    """A menu text as it reads on screen: without mnemonics and what follows a tab."""
    text = text.split("\t", 1)[0]
    text = _MNEMONIC_IN_PARENS.sub("", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def native(sequences: list[QKeySequence]) -> str:
    return ", ".join(
        seq.toString(QKeySequence.SequenceFormat.NativeText)
        for seq in sequences
        if not seq.isEmpty()
    )


def _menu_entries(menu: QMenu, path: list[str], seen: set[int]) -> list[ShortcutEntry]:
    entries: list[ShortcutEntry] = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            entries += _menu_entries(submenu, [*path, plain_text(submenu.title())], seen)
            continue
        keys = native(action.shortcuts())
        if keys and id(action) not in seen:
            seen.add(id(action))
            entries.append(
                ShortcutEntry(PATH_SEPARATOR.join(path), plain_text(action.text()), keys)
            )
    return entries


def _in_window(window: MainWindow, widget: QWidget | None) -> bool:
    """In the main window itself, not in a dialog that happens to be its child."""
    return widget is None or widget.window() is window


def _section_of(window: MainWindow, widget: QWidget | None) -> str:
    """The rail title of the view that holds `widget`, else the window's own name."""
    if widget is not None:
        for row, key in enumerate(window.view_keys()):
            view = window.built_view(key)
            if view is not None and (view is widget or view.isAncestorOf(widget)):
                item = window.rail.item(row)
                if item is not None:
                    return item.text()
    return QCoreApplication.translate("ShortcutsDialog", "Main window")


def key_paths() -> list[ShortcutEntry]:
    """Keys a widget handles itself, so no action carries them (desktop/library/keys.py, the
    lists and the note editors): the sheet lists them by hand."""
    section = QCoreApplication.translate("ShortcutsDialog", "Moving around")

    def keys(*sequences: str) -> str:
        return native([QKeySequence(seq) for seq in sequences])

    return [
        ShortcutEntry(
            section,
            QCoreApplication.translate("ShortcutsDialog", "From the library search to the list"),
            keys("Down", "Return"),
        ),
        ShortcutEntry(
            section,
            QCoreApplication.translate("ShortcutsDialog", "Clear the library search"),
            keys("Esc"),
        ),
        ShortcutEntry(
            section,
            QCoreApplication.translate("ShortcutsDialog", "Leave a list (arrows move in it)"),
            keys("Tab", "Shift+Tab"),
        ),
        ShortcutEntry(
            section,
            QCoreApplication.translate("ShortcutsDialog", "Leave a note (Tab types a tab)"),
            keys("Ctrl+Tab", "Ctrl+Shift+Tab"),
        ),
    ]


def collect_shortcuts(window: MainWindow) -> list[ShortcutEntry]:
    """Every shortcut the window has now: menu actions by menu path, then actions outside the
    menus, QShortcuts and buttons by the view that holds them (views not built yet have none),
    then the keys no action carries (key_paths)."""
    seen: set[int] = set()
    entries: list[ShortcutEntry] = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            entries += _menu_entries(menu, [plain_text(menu.title())], seen)
    others: list[ShortcutEntry] = []
    for action in window.findChildren(QAction):
        keys = native(action.shortcuts())
        if not keys or id(action) in seen or not action.isVisible():
            continue
        seen.add(id(action))
        widgets = [w for w in action.associatedObjects() if isinstance(w, QWidget)]
        parent = action.parent()
        owner = widgets[0] if widgets else parent if isinstance(parent, QWidget) else None
        if _in_window(window, owner):
            others.append(
                ShortcutEntry(_section_of(window, owner), plain_text(action.text()), keys)
            )
    for shortcut in window.findChildren(QShortcut):
        keys = native(shortcut.keys())
        parent = shortcut.parent()
        owner = parent if isinstance(parent, QWidget) else None
        if keys and shortcut.isEnabled() and _in_window(window, owner):
            text = shortcut.whatsThis() or shortcut.objectName()
            others.append(ShortcutEntry(_section_of(window, owner), plain_text(text), keys))
    for button in window.findChildren(QAbstractButton):
        keys = native([button.shortcut()])
        if keys and _in_window(window, button):
            text = plain_text(button.text()) or button.toolTip()
            others.append(ShortcutEntry(_section_of(window, button), text, keys))
    return entries + sorted(others) + key_paths()


class ShortcutsDialog(QDialog):
    """The sheet: one group per menu or view; the search matches names and keys."""

    def __init__(self, entries: list[ShortcutEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ShortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.entries = entries
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setObjectName("shortcutSearch")
        self.search.setPlaceholderText(self.tr("Search actions or keys"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Shortcut")])
        groups: dict[str, QStandardItem] = {}
        for entry in entries:
            group = groups.get(entry.section)
            if group is None:
                group = QStandardItem(entry.section)
                group.setEditable(False)
                font = group.font()
                font.setBold(True)
                group.setFont(font)
                spacer = QStandardItem()
                spacer.setEditable(False)
                self.model.appendRow([group, spacer])
                groups[entry.section] = group
            name = QStandardItem(entry.text)
            keys = QStandardItem(entry.keys)
            for cell in (name, keys):
                cell.setEditable(False)
            group.appendRow([name, keys])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)  # a matching row keeps its group
        self.proxy.setAutoAcceptChildRows(True)  # a matching group ("Edit") keeps its rows
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tree = QTreeView()
        self.tree.setObjectName("shortcutTree")
        self.tree.setModel(self.proxy)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.tree.expandAll()
        layout.addWidget(self.tree, 1)
        self.search.textChanged.connect(self._filter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 560)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.tree.expandAll()

    def shown_rows(self) -> list[tuple[str, str, str]]:
        """(section, action, keys) of the rows the filter shows, in order (tests read it)."""
        rows: list[tuple[str, str, str]] = []
        for g in range(self.proxy.rowCount()):
            group = self.proxy.index(g, 0)
            for r in range(self.proxy.rowCount(group)):
                rows.append(
                    (
                        str(group.data()),
                        str(self.proxy.index(r, 0, group).data()),
                        str(self.proxy.index(r, 1, group).data()),
                    )
                )
        return rows
