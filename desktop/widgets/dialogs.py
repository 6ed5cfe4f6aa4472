"""Tiny dialog helpers; one place so tests can answer them (monkeypatch confirm/inform).

Texts often quote user data (titles, URLs), so boxes are always plain text, never rich text.
File dialogs go through `open_file`, `save_file` and `choose_folder`: each starts in the last
folder used for the same purpose (kept in QSettings), not in the home folder every time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMessageBox, QWidget

from models.logs import SHOWN

log = logging.getLogger(__name__)


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


def confirm(parent: QWidget | None, title: str, text: str, *, destructive: bool = False) -> bool:
    """Ask a yes/no question; the default button is the safe one when destructive."""
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(
        QMessageBox.StandardButton.No if destructive else QMessageBox.StandardButton.Yes
    )
    return box.exec() == QMessageBox.StandardButton.Yes


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the user one sentence (errors from services end up here, and in the log)."""
    log.warning("told the user: %s: %s", title, text, extra=SHOWN)
    _box(parent, QMessageBox.Icon.Warning, title, text).exec()


def ok_cancel(dialog: QDialog, on_ok: Callable[[], object] | None = None) -> QDialogButtonBox:
    """The OK / Cancel row every form dialog ends with: OK runs on_ok (default: accept)."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(on_ok or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


# ---- file dialogs that remember their folder ---------------------------------------------------
LAST_FOLDER_GROUP = "dialogs/last_folder"


def last_folder(purpose: str) -> Path | None:
    """The folder last used to open or save a file for `purpose`, if it still exists."""
    value = QSettings().value(f"{LAST_FOLDER_GROUP}/{purpose}", "")
    if isinstance(value, str) and value and Path(value).is_dir():
        return Path(value)
    return None


def remember_folder(purpose: str, folder: Path) -> None:
    QSettings().setValue(f"{LAST_FOLDER_GROUP}/{purpose}", str(folder))


def _start(purpose: str, start: Path | None, fallback: Path | None) -> Path:
    """`start` when the caller knows better (a path already typed), else the last folder
    used for the purpose, else `fallback`, else the home folder."""
    for folder in (start, last_folder(purpose), fallback):
        if folder is not None and folder.is_dir():
            return folder
    return Path.home()


def open_file(
    parent: QWidget | None,
    purpose: str,
    caption: str,
    file_filter: str = "",
    *,
    start: Path | None = None,
    fallback: Path | None = None,
) -> str:
    """Ask for a file to read; "" when cancelled."""
    path, _chosen_filter = QFileDialog.getOpenFileName(
        parent, caption, str(_start(purpose, start, fallback)), file_filter
    )
    return _remember_file(purpose, path)


def save_file(
    parent: QWidget | None,
    purpose: str,
    caption: str,
    suggested_name: str,
    file_filter: str = "",
    *,
    fallback: Path | None = None,
) -> str:
    """Ask where to write a file, proposing `suggested_name`; "" when cancelled."""
    folder = _start(purpose, None, fallback)
    path, _chosen_filter = QFileDialog.getSaveFileName(
        parent, caption, str(folder / suggested_name), file_filter
    )
    return _remember_file(purpose, path)


def _remember_file(purpose: str, path: str) -> str:
    """The next dialog for `purpose` starts in the chosen file's folder; "" (cancelled) keeps
    the last one."""
    if path:
        remember_folder(purpose, Path(path).parent)
    return path


def choose_folder(
    parent: QWidget | None,
    purpose: str,
    caption: str,
    *,
    start: Path | None = None,
    fallback: Path | None = None,
) -> str:
    """Ask for a folder; "" when cancelled. The next time starts in the chosen one."""
    path = QFileDialog.getExistingDirectory(parent, caption, str(_start(purpose, start, fallback)))
    if path:
        remember_folder(purpose, Path(path))
    return path
