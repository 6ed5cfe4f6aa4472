"""The real main window in zh_CN: menus, rail, views and Preferences show no English UI text.

Runs on an empty database, so every Latin word on screen comes from the UI, not from data.
This catches strings lupdate never saw (built with f-strings, or not passed through tr()).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QAbstractListModel, QLocale, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.context import AppContext, Events
from desktop.gui import build_window
from desktop.main_window import MainWindow
from desktop.preferences.dialog import PreferencesDialog
from models.clock import FixedClock
from models.db import Database

# Names and terms a Chinese UI keeps in Latin letters.
ALLOWED = {
    "threepass",
    "youtube",
    "bilibili",
    "markdown",
    "json",
    "png",
    "llm",
    "leetcode",
    "ctrl",
    "shift",
    "alt",
    "url",
    "nlp",
    "offer",
    "sqlite",
    "html",
    "htm",
    "txt",
    "md",
    "db",
    "fast",
    "ai",
    "hr",
    "sm",
    "mli",
    "paper",
    "reading",
    "readme",
    "qm",
    "ts",
    "cv",
    "ml",
    "ok",
    "english",  # the language menu names each language in itself
    # products and commands a sentence names as they are spelled
    "syncthing",
    "dropbox",
    "onedrive",
    "linux",
    "systemd",
    "install",
    "reminders",
    "mpv",
    "fsrs",
}
WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    i18n.install_translators(i18n.CHINESE, qapp)
    yield
    i18n.install_translators(i18n.ENGLISH, qapp)
    QLocale.setDefault(QLocale("en_US"))


def _texts(root: QWidget) -> Iterator[tuple[str, str]]:
    for label in root.findChildren(QLabel):
        yield "label", label.text()
    for button in root.findChildren(QAbstractButton):
        yield "button", button.text()
    for box in root.findChildren(QGroupBox):
        yield "group", box.title()
    for edit in root.findChildren(QLineEdit):
        yield "placeholder", edit.placeholderText()
    for tabs in root.findChildren(QTabWidget):
        for i in range(tabs.count()):
            yield "tab", tabs.tabText(i)
    for combo in root.findChildren(QComboBox):
        if not combo.isEditable():
            for i in range(combo.count()):
                yield "combo", combo.itemText(i)
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is not None and not isinstance(model, QAbstractListModel):
            for col in range(model.columnCount(QModelIndex())):
                value = model.headerData(col, Qt.Orientation.Horizontal)
                yield "header", value if isinstance(value, str) else ""
    for menu in root.findChildren(QMenu):
        yield "menu", menu.title()
        for action in menu.actions():
            yield "action", action.text()
    for action in root.findChildren(QAction):
        yield "action", action.text()


def _english(texts: Iterator[tuple[str, str]]) -> set[str]:
    found = set()
    for kind, text in texts:
        plain = text.replace("&", "")
        if any(word.lower() not in ALLOWED for word in WORD.findall(plain)):
            found.add(f"{kind}: {text!r}")
    return found


def test_main_window_and_preferences_are_chinese(
    chinese: None, db: Database, clock: FixedClock, qtbot: QtBot
) -> None:
    window: MainWindow = build_window(AppContext(db=db, clock=clock, events=Events()))
    qtbot.addWidget(window)
    window.show()
    assert window.menu("file").title() == "文件(&F)"
    english: set[str] = set()
    for key in window.view_keys():
        window.show_view(key)
        QApplication.processEvents()
    english |= _english(_texts(window))
    dialog = PreferencesDialog(window.ctx, parent=window)
    qtbot.addWidget(dialog)
    english |= _english(_texts(dialog))
    assert not english, "English UI text in the zh_CN window:\n" + "\n".join(sorted(english))


def _shown_texts(root: QWidget) -> Iterator[str]:
    """Every UI text of `root`: the checks above, plus tips, titles and list rows."""
    for _kind, text in _texts(root):
        yield text
    for widget in [root, *root.findChildren(QWidget)]:
        yield widget.toolTip()
        yield widget.statusTip()
        yield widget.windowTitle()
        yield widget.accessibleName()
        if isinstance(widget, (QPlainTextEdit, QTextEdit)):
            yield widget.placeholderText()
    for action in root.findChildren(QAction):
        yield action.toolTip()
        yield action.statusTip()
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
        for row in range(min(model.rowCount(QModelIndex()), 50)):
            for col in range(columns):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(model.index(row, col), role)
                    if isinstance(value, str):
                        yield value


def _english_sources() -> list[re.Pattern[str]]:
    """The zh_CN .ts sources whose translation differs, as patterns (placeholders match any)."""
    patterns = []
    for message in i18n.read_ts(i18n.ts_path(i18n.CHINESE)):
        literal = i18n.PLACEHOLDER_RE.sub("", message.source).replace("&", "")
        same = re.sub(r"\(&.\)|&", "", message.forms[0]) == message.source.replace("&", "")
        if not message.finished or same or len(literal) < 3:  # "&YouTube" → "YouTube(&Y)"
            continue
        parts = [re.escape(p.replace("&", "")) for p in i18n.PLACEHOLDER_RE.split(message.source)]
        patterns.append(re.compile(".*?".join(parts)))
    return patterns


def _untranslated(texts: Iterator[str], patterns: list[re.Pattern[str]]) -> set[str]:
    found = set()
    for text in texts:
        plain = text.replace("&", "").strip()
        if plain and any(p.fullmatch(plain) for p in patterns):
            found.add(plain)
    return found


def test_the_untranslated_check_can_fail() -> None:
    patterns = _english_sources()
    assert _untranslated(iter(["&Library", "资料库", "YouTube", "Library 资料库"]), patterns) == {
        "Library"
    }


def test_no_string_of_the_ts_is_left_in_english_in_any_view(
    chinese: None, db: Database, clock: FixedClock, qtbot: QtBot
) -> None:
    """Each view asks Qt for its strings under the context lupdate filed them in."""
    window: MainWindow = build_window(AppContext(db=db, clock=clock, events=Events()))
    qtbot.addWidget(window)
    window.show()
    patterns = _english_sources()
    left: dict[str, set[str]] = {}
    for key in window.view_keys():
        window.show_view(key)
        QApplication.processEvents()
        view = window.view(key)
        found = _untranslated(_shown_texts(view), patterns)
        if found:
            left[key] = found
    left["window"] = _untranslated(_shown_texts(window), patterns)
    dialog = PreferencesDialog(window.ctx, parent=window)
    qtbot.addWidget(dialog)
    left["preferences"] = _untranslated(_shown_texts(dialog), patterns)
    left = {key: found for key, found in left.items() if found}
    assert not left, f"English strings of the .ts at run time: {left}"
