"""Preview of a notes import: one row per section, its mapping (editable), counts and content.

Nothing is written until the user presses Import; the chosen mapping is handed back via
mapping() and applied by the importing service.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import fill
from desktop.widgets import dialogs
from desktop.widgets.plain import plain_title, plain_tooltip

Index = QModelIndex | QPersistentModelIndex

MAPPINGS = ("resources", "questions", "companies", "notes", "ignore")
RECORDS = MAPPINGS[:-1]
"""What a section can yield; a row lists all of them (links and the note of its other text)."""


def mapping_label(mapping: str) -> str:
    labels = {
        "resources": QCoreApplication.translate("NotesPreview", "Resources (links)"),
        "questions": QCoreApplication.translate("NotesPreview", "Interview questions"),
        "companies": QCoreApplication.translate("NotesPreview", "Companies"),
        "notes": QCoreApplication.translate("NotesPreview", "Notes"),
        "ignore": QCoreApplication.translate("NotesPreview", "Ignore"),
    }
    return labels.get(mapping, mapping)


class NotesCounts(QObject):
    """What a section yields, in Qt numerus forms (English "1 company" / "3 companies" from
    threepass_en.ts, Chinese one form): lupdate marks only tr(text, None, n) as numerus."""

    def text(self, mapping: str, count: int) -> str:
        if mapping == "resources":
            return self.tr("%n link(s)", None, count)
        if mapping == "questions":
            return self.tr("%n question(s)", None, count)
        if mapping == "companies":
            return self.tr("%n compan(y/ies)", None, count)
        if mapping == "notes":
            return self.tr("%n note(s)", None, count)
        return self.tr("nothing")


def count_text(mapping: str, count: int) -> str:
    """'1 link', '28 questions'... what this section becomes under `mapping`."""
    return NotesCounts().text(mapping, count)


def yields_text(yields: Mapping[str, int]) -> str:
    """'1 link, 1 note': everything a section adds, so the rows add up to the totals."""
    parts = [count_text(kind, yields[kind]) for kind in RECORDS if yields.get(kind)]
    if not parts:
        return count_text("ignore", 0)
    return QCoreApplication.translate("NotesPreview", ", ").join(parts)


@dataclass(frozen=True)
class SectionPreview:
    """One section of the notes file as the dialog shows it (plain values)."""

    key: str
    """Identifies the section when the mapping is handed back to the importer."""
    path: str
    """Heading path, e.g. "面试 › LLM"."""
    guessed: str
    counts: dict[str, int] = field(default_factory=dict)
    """How many records the section yields under each mapping."""
    preview: str = ""
    level: int = 1
    left_out: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Per mapping, what it would leave out and why (a table of contents, badges, ...)."""


class SectionMappingModel(QAbstractTableModel):
    """Columns: section, import as (editable), what it yields."""

    SECTION, MAPPING, COUNT = range(3)
    mapping_changed = Signal()

    def __init__(self, sections: Sequence[SectionPreview], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sections = list(sections)
        self._mapping = [s.guessed if s.guessed in MAPPINGS else "notes" for s in sections]
        self._yields: dict[str, dict[str, int]] | None = None
        """Per section key, what the whole build gives it (None: its own count alone)."""

    def section(self, row: int) -> SectionPreview:
        return self._sections[row]

    def mapping(self) -> dict[str, str]:
        return {s.key: m for s, m in zip(self._sections, self._mapping, strict=True)}

    def set_mapping(self, row: int, mapping: str) -> None:
        self.setData(self.index(row, self.MAPPING), mapping, Qt.ItemDataRole.EditRole)

    def set_yields(self, yields: Mapping[str, Mapping[str, int]]) -> None:
        """What each section adds under the current mapping, counted on the import's build."""
        self._yields = {key: dict(counts) for key, counts in yields.items()}
        if self._sections:
            last = self.index(len(self._sections) - 1, self.COUNT)
            self.dataChanged.emit(self.index(0, self.COUNT), last)

    def yields(self, row: int) -> dict[str, int]:
        """Records per kind that this row adds (empty when ignored)."""
        section, mapping = self._sections[row], self._mapping[row]
        if mapping == "ignore":
            return {}
        if self._yields is not None:
            return dict(self._yields.get(section.key, {}))
        count = section.counts.get(mapping, 0)
        return {mapping: count} if count else {}

    def totals(self) -> dict[str, int]:
        """The rows' records summed per kind, and the number of ignored sections."""
        totals = dict.fromkeys(MAPPINGS, 0)
        for row, mapping in enumerate(self._mapping):
            if mapping == "ignore":
                totals["ignore"] += 1
            for kind, count in self.yields(row).items():
                totals[kind] += count
        return totals

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._sections)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.MAPPING:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        section, mapping = self._sections[row], self._mapping[row]
        left_out = section.left_out.get(mapping, ())
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.SECTION:
                return section.path
            if col == self.MAPPING:
                return mapping_label(mapping)
            found = yields_text(self.yields(row))
            if left_out:
                return self.tr("{0}; {1} left out").format(found, len(left_out))
            return found
        if role == Qt.ItemDataRole.EditRole and col == self.MAPPING:
            return mapping
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.MAPPING and mapping != section.guessed:
                return self.tr("Guessed: {0}").format(mapping_label(section.guessed))
            if col == self.SECTION:
                return plain_tooltip(section.path)
            if col == self.COUNT and left_out:
                return plain_tooltip(self.tr("Left out:") + "\n" + "\n".join(left_out))
        if role == Qt.ItemDataRole.ForegroundRole and mapping == "ignore":
            return QBrush(QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        if role == Qt.ItemDataRole.FontRole and col == self.MAPPING and mapping != section.guessed:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != self.MAPPING
            or role != Qt.ItemDataRole.EditRole
            or value not in MAPPINGS
        ):
            return False
        self._mapping[index.row()] = str(value)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), 2))
        self.mapping_changed.emit()
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return (self.tr("Section"), self.tr("Import as"), self.tr("Yields"))[section]
        return None


class MappingDelegate(QStyledItemDelegate):
    """A combo box of the five mappings, each with the number of records it would yield."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("mapping_combo")
        model = index.model()
        section = model.section(index.row()) if isinstance(model, SectionMappingModel) else None
        for mapping in MAPPINGS:
            label = mapping_label(mapping)
            if section is not None and mapping != "ignore":
                label = f"{label} ({section.counts.get(mapping, 0)})"
            combo.addItem(label, mapping)
            combo.setItemData(
                combo.count() - 1,
                count_text(mapping, section.counts.get(mapping, 0)) if section else None,
                Qt.ItemDataRole.ToolTipRole,
            )
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        at = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(at, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class NotesPreviewDialog(QDialog):
    """Sections table on top, the selected section's content below, totals and Import.

    Import emits `submitted` and the dialog stays open: the controller accepts it once the
    import has succeeded, so a failed one leaves the choices made here as they were.
    """

    submitted = Signal()

    def __init__(
        self,
        sections: Sequence[SectionPreview],
        file_name: str,
        *,
        yields: Callable[[Mapping[str, str]], dict[str, dict[str, int]]] | None = None,
        encoding: str = "utf-8",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("NotesPreviewDialog")
        self._yields = yields
        self.setWindowTitle(plain_title(self.tr("Import study notes — {0}").format(file_name)))

        intro = QLabel(
            self.tr(
                'Each section of the file and what it will become. Change "Import as" where '
                "the guess is wrong; nothing is written until you press Import."
            )
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.encoding_label = QLabel()
        self.encoding_label.setObjectName("notes_encoding")
        self.encoding_label.setTextFormat(Qt.TextFormat.PlainText)
        if encoding.lower() not in ("utf-8", "ascii"):
            self.encoding_label.setText(
                self.tr("The file is not UTF-8; it was read as {0}.").format(encoding.upper())
            )
        self.encoding_label.setVisible(bool(self.encoding_label.text()))

        self.model = SectionMappingModel(sections, self)
        self.view = QTableView()
        self.view.setObjectName("notes_sections")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(SectionMappingModel.MAPPING, MappingDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.verticalHeader().setVisible(False)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(SectionMappingModel.SECTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            SectionMappingModel.MAPPING, QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(
            SectionMappingModel.COUNT, QHeaderView.ResizeMode.ResizeToContents
        )
        self.view.selectionModel().selectionChanged.connect(self._on_selection)
        self.model.mapping_changed.connect(self._update_totals)

        self.preview = QPlainTextEdit()
        self.preview.setObjectName("notes_section_preview")
        self.preview.setReadOnly(True)
        self.preview.setPlaceholderText(self.tr("Select a section to see its content."))

        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.preview.setMinimumHeight(self.PREVIEW_MIN)

        self.totals_label = QLabel()
        self.totals_label.setObjectName("notes_totals")
        self.totals_label.setTextFormat(Qt.TextFormat.PlainText)
        self.totals_label.setWordWrap(True)

        self.buttons = dialogs.ok_cancel(self, self.submitted.emit)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("Import"))
        self.import_button.setObjectName("notes_import")

        # A combo in every "Import as" cell shows at a glance that the guess can be changed.
        for row in range(self.model.rowCount()):
            self.view.openPersistentEditor(self.model.index(row, SectionMappingModel.MAPPING))
        self.view.resizeColumnToContents(SectionMappingModel.MAPPING)

        # The totals above the table: in sight however many sections the file has.
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.encoding_label)
        layout.addWidget(self.totals_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self._update_totals()
        if self.model.rowCount():
            self.view.selectRow(0)
        self._fit_to_screen()

    PREVIEW_MIN = 110
    """Pixels the section's content keeps however long the table is."""

    def _fit_to_screen(self) -> None:
        """As tall as every row plus a few lines of content needs, within the screen."""
        screen = (self.parentWidget() or self).screen()
        room = screen.availableGeometry() if screen is not None else None
        table = (
            self.view.horizontalHeader().sizeHint().height()
            + self.view.verticalHeader().length()
            + 2 * self.view.frameWidth()
            + self.view.horizontalScrollBar().sizeHint().height()
        )
        content = max(self.PREVIEW_MIN, 160)
        chrome = self.sizeHint().height() - self.splitter.sizeHint().height()
        width, height = 920, chrome + table + content + self.splitter.handleWidth()
        if room is not None:
            width = min(width, room.width() * 9 // 10)
            height = min(height, room.height() * 9 // 10)
        height = max(height, min(480, room.height() if room is not None else 480))
        self.resize(width, height)
        left = max(self.PREVIEW_MIN, height - chrome - table)
        self.splitter.setSizes([max(height - chrome - left, 1), left])

    def mapping(self) -> dict[str, str]:
        """Section key -> chosen mapping, for the importer."""
        return self.model.mapping()

    def totals(self) -> dict[str, int]:
        """Records the import will write under the current mapping, per kind: the rows' sum."""
        return self.model.totals()

    @Slot()
    def _update_totals(self) -> None:
        if self._yields is not None:
            self.model.set_yields(self._yields(self.mapping()))
        totals = self.totals()
        # one count per numerus string: Qt plural forms know a single %n
        self.totals_label.setText(
            fill(
                self.tr("Will import %1, %2, %3 and %4; %5."),
                self.tr("%n resource link(s)", None, totals["resources"]),
                self.tr("%n question(s)", None, totals["questions"]),
                self.tr("%n compan(y/ies)", None, totals["companies"]),
                self.tr("%n note(s)", None, totals["notes"]),
                self.tr("%n section(s) ignored", None, totals["ignore"]),
            )
        )
        self.import_button.setEnabled(
            any(totals[m] for m in ("resources", "questions", "companies", "notes"))
        )

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = {index.row() for index in selected.indexes()}
        if rows:
            self.preview.setPlainText(self.model.section(min(rows)).preview)
