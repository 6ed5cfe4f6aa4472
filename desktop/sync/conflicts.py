"""The conflict copies a sync kept: for each row changed on two devices, the text that lost
beside the text that won, so nothing a person wrote disappears unseen. "Seen" dismisses
them from the status bar (they stay in the database)."""

from __future__ import annotations

import json

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import fill
from desktop.sync import engine
from desktop.widgets.formatting import format_stamp

_Index = QModelIndex | QPersistentModelIndex


def _key(row_key: str) -> str:
    try:
        key = json.loads(row_key)
    except ValueError:
        return row_key
    return ", ".join(str(part) for part in key) if isinstance(key, list) else str(key)


def _short(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


class ConflictsModel(QAbstractTableModel):
    def __init__(self, rows: list[engine.ConflictRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = rows

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("What"), self.tr("Lost on"), self.tr("When"))[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        return (self.what(row), row.lost_device, format_stamp(row.resolved_at))[index.column()]

    def what(self, row: engine.ConflictRow) -> str:
        """Where the text lives, so the user knows where to look: "Pass 2 notes of
        “Transformer”", "Question “Why scale by √d?” (answer)"; the bare id when the row
        is gone."""
        if row.subject is not None:
            subject = _short(row.subject)
            if row.table == "notes" and row.pass_number is not None:
                return fill(self.tr("Pass %1 notes of “%2”"), row.pass_number, subject)
            places = {
                "journal_notes": self.tr("Note “%1” (%2)"),
                "items": self.tr("Item “%1” (%2)"),
                "questions": self.tr("Question “%1” (%2)"),
                "open_points": self.tr("Open point of “%1”"),
                "companies": self.tr("Company “%1” (%2)"),
                "applications": self.tr("Application %1 (%2)"),
                "interview_rounds": self.tr("Interview round, %1 (%2)"),
            }
            place = places.get(row.table)
            if place is not None:
                return fill(place, subject, row.column)
        names = {
            "notes": self.tr("Pass notes"),
            "journal_notes": self.tr("Note"),
            "items": self.tr("Item"),
            "questions": self.tr("Question"),
            "open_points": self.tr("Open point"),
            "companies": self.tr("Company"),
            "applications": self.tr("Application"),
            "interview_rounds": self.tr("Interview round"),
        }
        name = names.get(row.table, row.table)
        return fill("%1 %2 (%3)", name, _key(row.row_key), row.column)


class ConflictsDialog(QDialog):
    seen = Signal()  # the user dismissed them: the status bar's count goes

    def __init__(self, rows: list[engine.ConflictRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ConflictsDialog")
        self.setWindowTitle(self.tr("Sync conflicts"))
        self.resize(760, 520)
        intro = QLabel(
            self.tr(
                "The same text was changed on two devices before they synced. The newer "
                "change won; the other one is kept here. Copy what you need into the note, "
                "then mark them as seen."
            )
        )
        intro.setWordWrap(True)
        self.model = ConflictsModel(rows, self)
        self.table = QTableView()
        self.table.setObjectName("conflictsTable")
        self.table.setAccessibleName(self.tr("Conflicts"))
        self.table.setTabKeyNavigation(False)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for section in (1, 2):
            header.setSectionResizeMode(section, QHeaderView.ResizeMode.ResizeToContents)
        self.lost = self._text("conflictLost", self.tr("Text kept from the losing side"))
        self.kept = self._text("conflictKept", self.tr("Text that won"))
        texts = QHBoxLayout()
        for caption, edit in (
            (self.tr("Kept copy (lost)"), self.lost),
            (self.tr("Now in the library (won)"), self.kept),
        ):
            column = QVBoxLayout()
            label = QLabel(caption)
            label.setBuddy(edit)
            column.addWidget(label)
            column.addWidget(edit)
            texts.addLayout(column)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.seen_button = buttons.addButton(
            self.tr("Mark all as seen"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.seen_button.setObjectName("conflictsSeen")
        self.seen_button.setEnabled(bool(rows))
        self.seen_button.clicked.connect(self._mark_seen)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(texts, 2)
        layout.addWidget(buttons)
        self.table.selectionModel().currentRowChanged.connect(self._show)
        if rows:
            self.table.selectRow(0)

    def _text(self, name: str, accessible: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setObjectName(name)
        edit.setReadOnly(True)
        edit.setAccessibleName(accessible)
        return edit

    def _show(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        row = self.model.rows[current.row()]
        self.lost.setPlainText(row.lost_text)
        self.kept.setPlainText(row.kept_text or "")

    def _mark_seen(self) -> None:
        self.seen_button.setEnabled(False)
        self.seen.emit()
        self.accept()
