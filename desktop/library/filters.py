"""The filter bar above the library table: search-as-you-type plus four combos."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from desktop.library.table_model import kind_label
from models.kinds import KINDS
from models.services.dto import ItemFilter

SEARCH_DEBOUNCE_MS = 150


class FilterBar(QWidget):
    """Emits changed() once typing pauses (150 ms) or immediately when a combo changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("LibrarySearch")
        self.search.setPlaceholderText(self.tr("Search the library  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(140)  # the combos below shrink too: an 800 px window fits
        self.search.setAccessibleName(self.tr("Search the library"))

        self.kind = QComboBox()
        self.kind.setObjectName("KindFilter")
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.category = QComboBox()
        self.category.setObjectName("CategoryFilter")
        self.category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.category.setMaximumWidth(240)
        self.pass_state = QComboBox()
        self.pass_state.setObjectName("PassFilter")
        for label, value in (
            (self.tr("Any progress"), None),
            (self.tr("○ Not started"), "not_started"),
            (self.tr("◐ In progress"), "in_progress"),
            (self.tr("No pass done yet"), "0"),
            (self.tr("1 pass done"), "1"),
            (self.tr("2 passes done"), "2"),
            (self.tr("● All 3 passes done"), "3"),
        ):
            self.pass_state.addItem(label, value)
        self.tag = QComboBox()
        self.tag.setObjectName("TagFilter")
        self.tag.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.tag.setMaximumWidth(200)
        for combo, name in (
            (self.kind, self.tr("Kind")),
            (self.category, self.tr("Category")),
            (self.pass_state, self.tr("Progress")),
            (self.tag, self.tr("Tag")),
        ):
            combo.setAccessibleName(name)
        self.set_choices([], [])

        for combo in (self.kind, self.category, self.pass_state, self.tag):
            combo.setMinimumWidth(72)  # elided below their contents' width, not clipped

        self.count = QLabel()
        self.count.setObjectName("LibraryCount")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.count.setStyleSheet("color: palette(placeholder-text);")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.search, 2)
        layout.addWidget(self.kind)
        layout.addWidget(self.category)
        layout.addWidget(self.pass_state)
        layout.addWidget(self.tag)
        layout.addStretch(1)
        layout.addWidget(self.count)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._timer.timeout.connect(self.changed.emit)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        for combo in (self.kind, self.category, self.pass_state, self.tag):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def set_choices(self, categories: list[str], tags: list[str]) -> None:
        """Refill category and tag combos, keeping the current choice if it still exists."""
        for combo, values, everything in (
            (self.category, categories, self.tr("All categories")),
            (self.tag, tags, self.tr("All tags")),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for value in sorted(values, key=str.casefold):
                combo.addItem(value, value)
            index = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
            if current is not None and index < 0:
                self.changed.emit()  # the chosen value vanished: the filter changed

    def current(self) -> ItemFilter:
        return ItemFilter(
            text=self.search.text(),
            kind=self.kind.currentData(),
            category=self.category.currentData(),
            tag=self.tag.currentData(),
            pass_state=self.pass_state.currentData(),
        )

    def is_active(self) -> bool:
        f = self.current()
        return bool(f.text.strip() or f.kind or f.category or f.tag or f.pass_state)

    def clear(self, *, emit: bool = True) -> None:
        """Show everything again (used when another view asks for a filtered-out item)."""
        self._timer.stop()
        widgets = (self.search, self.kind, self.category, self.pass_state, self.tag)
        for w in widgets:
            w.blockSignals(True)
        self.search.clear()
        for combo in (self.kind, self.category, self.pass_state, self.tag):
            combo.setCurrentIndex(0)
        for w in widgets:
            w.blockSignals(False)
        if emit:
            self.changed.emit()

    def set_count(self, text: str, *, room_for: str = "") -> None:
        """Show the item count. Its width only grows ("…" while loading keeps room for
        `room_for`): a label sized to each text moved the search box and the filters
        whenever the count changed, at every search result."""
        self.count.setText(text)
        metrics = self.count.fontMetrics()
        wanted = max(metrics.horizontalAdvance(t) for t in (text, room_for))
        margins = self.count.contentsMargins()
        width = wanted + margins.left() + margins.right() + 2
        if width > self.count.minimumWidth():
            self.count.setMinimumWidth(width)

    def flush(self) -> None:
        """Apply a pending search now (tests, Enter key)."""
        if self._timer.isActive():
            self._timer.stop()
            self.changed.emit()
