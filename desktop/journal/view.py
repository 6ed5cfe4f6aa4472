"""The Notes view: the journal list beside a Markdown editor that autosaves (after a pause,
at least every 2 s while typing: desktop/widgets/autosave.py)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.journal.model import SORT_ROLE, JournalModel
from desktop.widgets import dialogs
from desktop.widgets.autosave import AutosaveTimer
from desktop.widgets.collation import LocaleSortProxy
from desktop.widgets.fit_columns import ColumnFitter
from desktop.widgets.markdown import MarkdownEditor
from models.services.journal import JournalService


class JournalView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("JournalView")
        self._ctx = ctx
        self._service = JournalService(ctx.db)
        self._current: int | None = None

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search notes…"))
        self.search.setAccessibleName(self.tr("Search notes"))
        self.search.setClearButtonEnabled(True)
        add = QPushButton(self.tr("New note"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.model = JournalModel(self)
        # Titles in the UI language's order (pinyin in Chinese, case-insensitive in English)
        self.proxy = LocaleSortProxy(self)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
        self.table.setAccessibleName(self.tr("Notes"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        # Opens A to Z by title: imported notes share one edit time, so newest-first would
        # list most of them in no useful order.
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        # title and section share the width; the date keeps its contents' width (no "22…")
        ColumnFitter(self.table, {0: 3, 1: 2})
        self.table.setWordWrap(False)

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setObjectName("JournalTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.editor = MarkdownEditor(self.tr("Write in Markdown…"))
        self.editor.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(add)
        top.addWidget(self.delete_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.editor, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([420, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(splitter)

        self._dirty = False  # edits not saved yet
        self._save_timer = AutosaveTimer(self)
        self._save_timer.due.connect(self.flush)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self.reload)

        self.editor.edited.connect(self._edited)
        self.editor.focus_left.connect(self.flush)
        self.search.textChanged.connect(self._search_timer.start)
        add.clicked.connect(self.new_note)
        self.delete_button.clicked.connect(self.delete_current)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        ctx.events.items_changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        self.flush()
        keep = self._current
        self.model.set_rows(self._service.list_notes(self.search.text()))
        self._select(keep)

    def _select(self, note_id: int | None) -> None:
        row = self.model.row_of(note_id) if note_id is not None else None
        if row is None:
            row = 0 if self.model.rowCount() else None
        if row is None:
            self._show(None)
            return
        self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.flush()
        note_id = self.proxy.data(rows[0], Qt.ItemDataRole.UserRole) if rows else None
        self._show(note_id)

    def _show(self, note_id: int | None) -> None:
        self._current = note_id
        if note_id is None:
            self.title.setText(self.tr("No note selected"))
            self.editor.set_text("")
            self.editor.setEnabled(False)
            self.delete_button.setEnabled(False)
            return
        entry = self._service.get(note_id)
        self.title.setText(entry.title)
        self.editor.set_text(entry.body)
        self.editor.setEnabled(True)
        self.delete_button.setEnabled(True)

    def _edited(self) -> None:
        self._dirty = True
        self._save_timer.touch()

    def flush(self) -> None:
        """Save the open note now if it has unsaved edits (autosave, focus out, close).

        Unsaved edits are a flag of their own: the timer is no longer active when its
        timeout calls this, which once made the autosave a no-op."""
        self._save_timer.stop()
        if not self._dirty or self._current is None:
            self._dirty = False
            return
        self._service.save(self._current, body=self.editor.text())
        self._dirty = False

    def new_note(self) -> None:
        title, ok = QInputDialog.getText(self, self.tr("New note"), self.tr("Title:"))
        if ok and title.strip():
            self.flush()
            note_id = self._service.create(title)
            self.search.clear()
            self.model.set_rows(self._service.list_notes())
            self._select(note_id)
            self.editor.editor.setFocus()

    def delete_current(self) -> None:
        if self._current is None:
            return
        entry = self._service.get(self._current)
        if dialogs.confirm(
            self,
            self.tr("Delete note"),
            self.tr("Delete the note “%1”?").replace("%1", entry.title),
            destructive=True,
        ):
            self._save_timer.stop()
            self._service.delete(entry.id)
            self._current = None
            self.reload()
