"""Tiny dialog helpers; one place so tests can answer them (monkeypatch confirm/inform)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(parent: QWidget | None, title: str, text: str, *, destructive: bool = False) -> bool:
    """Ask a yes/no question; the default button is the safe one when destructive."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    default = QMessageBox.StandardButton.No if destructive else QMessageBox.StandardButton.Yes
    answer = QMessageBox.question(parent, title, text, buttons, default)
    return answer == QMessageBox.StandardButton.Yes


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the user one sentence (errors from services end up here)."""
    QMessageBox.warning(parent, title, text)
