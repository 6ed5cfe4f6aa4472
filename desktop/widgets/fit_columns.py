"""Columns that share a table's width, so a table fits its viewport without a scroll bar;
lesser columns step aside in a narrow window, and a header menu shows or hides columns."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, Qt
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

MIN_SECTION = 24  # below this a column shows nothing but its ellipsis
# rows a content-sized column is measured on: the visible ones, then others up to this many
# (Qt measures up to 1,000 by default: 500 companies cost ~140 ms of data() calls and text
# layout at every first show; longer text further down is elided, its tooltip whole)
MEASURED_ROWS = 100
WHOLE_SHARE = 0.5  # a column kept whole takes at most this much of the width
CONTENT_SHARE = 0.25  # what a long content-sized column may claim before another is dropped


class ColumnFitter(QObject):
    """Gives the columns not in `weights` the width of their contents (header included)
    and shares what is left among the others by weight, whenever the table's viewport
    changes width. Text that still does not fit is elided; the model's tooltip has it.

    `whole`: columns shown whole (up to half the width) before the others get a share: what
    the user scans (a company's name). `drop_order`: columns hidden for as long as the
    others would not fit (a shared column needs `minimum` and its header), first first;
    they come back when the table is wider. Eliding every column alike had left "Minim…",
    "Ci…" and "Ta…" in a 1024 px window.

    The user can still drag a column wider (the header stays Interactive): the next
    resize of the table fits them again.
    """

    def __init__(
        self,
        table: QTableView,
        weights: Mapping[int, int],
        minimum: int = 48,
        *,
        whole: Collection[int] = (),
        drop_order: Sequence[int] = (),
    ) -> None:
        """`minimum`: what a shared column gets before the content-sized ones give way."""
        super().__init__(table)
        self.table = table
        self.weights = dict(weights)
        self.minimum = minimum
        self.whole = set(whole)
        self.drop_order = list(drop_order)
        self.chosen_hidden: set[int] = set()  # hidden by the user (ColumnMenu)
        self.dropped: set[int] = set()  # hidden for lack of room, until the table widens
        self._width = -1
        self._rows = -1  # the row count the widths were fitted to
        self._measured: dict[int, int] = {}  # column -> contents' width, for those rows
        header = table.horizontalHeader()
        header.setResizeContentsPrecision(MEASURED_ROWS)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.viewport().installEventFilter(self)
        model = table.model()
        model.modelReset.connect(self.refit)
        model.layoutChanged.connect(self._reordered)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.table.viewport().width() != self._width:
            self.fit()
        return super().eventFilter(watched, event)

    def refit(self) -> None:
        """New rows may need another width for the content-sized columns."""
        self._width = -1
        self._measured = {}
        self.fit()

    def _natural(self, column: int) -> int:
        """A column's contents' width, measured once for the same rows: sizeHintForColumn
        walks up to MEASURED_ROWS rows, a fit asks for a column several times and a resize fits
        the same rows again (~0.6 s of the first show of Companies at 500 companies, #17)."""
        width = self._measured.get(column)
        if width is None:
            header = self.table.horizontalHeader()
            width = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
            self._measured[column] = width
        return width

    def _floor(self, column: int, available: int) -> int:
        """The width a column needs to show without eliding (a shared one: its minimum)."""
        if column in self.whole:
            return min(self._natural(column), int(available * WHOLE_SHARE))
        if column in self.weights:
            return max(self.minimum, self.table.horizontalHeader().sectionSizeHint(column))
        # a long outcome or status gives way (elided) before a whole column is dropped
        return min(self._natural(column), max(self.minimum, int(available * CONTENT_SHARE)))

    def _shown_after_drops(self, wanted: list[int], available: int) -> list[int]:
        self.dropped = set()
        for column in self.drop_order:
            shown = [c for c in wanted if c not in self.dropped]
            if sum(self._floor(c, available) for c in shown) <= available:
                break
            if column in shown:
                self.dropped.add(column)
        return [c for c in wanted if c not in self.dropped]

    def _reordered(self, *_args: object) -> None:
        """A sort moves the rows and keeps them: the widths fitted to them still hold.
        (Measuring walks up to 1,000 rows per content-sized column: ~90 ms a header click
        in Companies at 100k items, #17.) A layout change that also changed the rows fits."""
        if self.table.model().rowCount() != self._rows:
            self.refit()

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        available = self.table.viewport().width()
        self._width = available
        rows = self.table.model().rowCount()
        if rows != self._rows:
            self._measured = {}
        self._rows = rows
        # the columns this fitter may show: not hidden by the view, the user or for lack of room
        wanted = [
            c
            for c in range(header.count())
            if c not in self.chosen_hidden and (not header.isSectionHidden(c) or c in self.dropped)
        ]
        columns = self._shown_after_drops(wanted, available)
        for column in range(header.count()):
            hide = column in self.chosen_hidden or (column in wanted and column not in columns)
            if hide != header.isSectionHidden(column):
                header.setSectionHidden(column, hide)
        shared = [c for c in columns if c in self.weights]
        kept = {
            c: self._floor(c, available)
            for c in columns
            if c in self.whole and c not in self.weights
        }
        natural = {c: self._natural(c) for c in columns if c not in self.weights and c not in kept}
        floors = {c: self._floor(c, available) if c in self.whole else self.minimum for c in shared}
        for column, width in kept.items():
            header.resizeSection(column, width)
            available -= width
        # the content-sized columns give way too (elided) when the shared ones would
        # otherwise get less than their minimum
        cap = _level(list(natural.values()), available - sum(floors.values()))
        for column, width in natural.items():
            width = min(width, cap)  # the short ones stay whole, the long ones are elided
            header.resizeSection(column, width)
            available -= width
        for column, width in self._shares(shared, floors, max(0, available)).items():
            header.resizeSection(column, max(MIN_SECTION, width))

    def _shares(self, shared: list[int], floors: dict[int, int], left: int) -> dict[int, int]:
        """Split `left` by weight; a column kept whole whose share is below its floor gets
        its floor, and the others share the rest."""
        fixed: dict[int, int] = {}
        while True:
            pool = [c for c in shared if c not in fixed]
            room = left - sum(fixed.values())
            total = sum(self.weights[c] for c in pool) or 1
            widths = {c: max(0, room) * self.weights[c] // total for c in pool}
            short = [c for c in pool if c in self.whole and widths[c] < floors[c]]
            if not short:
                break
            fixed.update({c: floors[c] for c in short})
        if pool:  # the rounding remainder goes to the last one
            widths[pool[-1]] += max(0, room) - sum(widths.values())
        return {**fixed, **widths}


def _level(widths: list[int], room: int) -> int:
    """The widest cap L with sum(min(w, L)) <= room (at least MIN_SECTION): the columns
    narrower than L keep their width and the wider ones share what is left alike."""
    if sum(widths) <= room:
        return max(widths, default=0)
    left = room
    ordered = sorted(widths)
    for i, width in enumerate(ordered):
        if width * (len(ordered) - i) > left:
            return max(MIN_SECTION, left // (len(ordered) - i))
        left -= width
    return ordered[-1]


class ColumnMenu(QObject):
    """The header's context menu: a check box per column (all but those kept whole), the
    choice remembered in QSettings under `key` by the columns' `names`."""

    def __init__(
        self,
        fitter: ColumnFitter,
        key: str,
        names: Sequence[str],
        hidden_by_default: Collection[int] = (),
    ) -> None:
        super().__init__(fitter)
        self.fitter = fitter
        self.key = key
        self.names = list(names)
        stored = QSettings().value(key)
        if isinstance(stored, str):  # "" is a choice too: every column shown
            fitter.chosen_hidden = {self.names.index(n) for n in stored.split(",") if n in names}
        else:
            fitter.chosen_hidden = set(hidden_by_default)
        header = fitter.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._popup)
        fitter.refit()

    def menu(self) -> QMenu:
        """Built per click: it shows the columns as they are now."""
        table = self.fitter.table
        menu = QMenu(table)
        menu.setObjectName("ColumnMenu")
        model = table.model()
        for column in range(model.columnCount()):
            if column in self.fitter.whole:
                continue
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            if column in self.fitter.dropped:
                title = self.tr("%1 (no room: widen the window)").replace("%1", title)
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(column not in self.fitter.chosen_hidden)
            action.toggled.connect(lambda shown, c=column: self.show_column(c, shown))
        return menu

    def _popup(self, pos: QPoint) -> None:
        header = self.fitter.table.horizontalHeader()
        self.menu().popup(header.mapToGlobal(pos))

    def show_column(self, column: int, shown: bool) -> None:
        if shown:
            self.fitter.chosen_hidden.discard(column)
            self.fitter.table.horizontalHeader().setSectionHidden(column, False)
        else:
            self.fitter.chosen_hidden.add(column)
        hidden = sorted(self.fitter.chosen_hidden)
        QSettings().setValue(self.key, ",".join(self.names[c] for c in hidden))
        self.fitter.refit()
