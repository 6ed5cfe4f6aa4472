"""The library table: a light model over plain row tuples plus a proxy that sorts by real values.

Rows are plain tuples in ItemRow's field order (LibraryService.table_rows), so data() is a
tuple lookup and 100k rows stay responsive; holding only strings, numbers and datetimes, they
also drop out of the garbage collector's walks. Sorting happens on Python keys (one sort),
not through per-comparison data() calls, which would be far too slow from Python at that
size. A large library's rows are sorted and indexed in the loader's thread (prepare_rows),
so the GUI thread only swaps them in; so are the rows re-sorted when a header is clicked
(`ASYNC_SORT_ROWS`), the selection following its row once they arrive.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from desktop.tasks import BackgroundTask
from desktop.widgets.badges import BADGE_ROLE, badge_text, badge_tooltip
from desktop.widgets.collation import text_sort_key
from desktop.widgets.formatting import format_duration, format_stamp
from desktop.widgets.plain import plain_tooltip
from models.kinds import KINDS
from models.services.dto import ItemRow
from models.services.library_read import RowValues

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

COL_TITLE, COL_KIND, COL_SOURCE, COL_DURATION, COL_PASSES, COL_LAST = range(6)
COLUMN_COUNT = 6

_STATUS_WEIGHT = {"todo": 0, "in_progress": 1, "done": 2}

# positions of ItemRow's fields in a row tuple (literals, so mypy knows each field's type;
# tests check them against ItemRow._fields)
F_ID: Final = 0
F_KIND: Final = 1
F_TITLE: Final = 2
F_SOURCE: Final = 3
F_CATEGORY: Final = 4
F_DURATION: Final = 5
F_PASSES: Final = 6
F_LAST: Final = 7
F_TAGS: Final = 8

SortSpec = tuple[int, Qt.SortOrder] | None

# more rows than this are sorted in a worker when a header is clicked: the key sort of 100k
# titles held the GUI thread 50-270 ms
ASYNC_SORT_ROWS = 5000
# rows sorted per slice in a worker: a slice's C sort holds the GIL a few ms at most
SORT_STEP = 4096

AnyIndex = QModelIndex | QPersistentModelIndex


def kind_label(kind: str) -> str:
    labels = {
        "course_video": QCoreApplication.translate("Library", "Course video"),
        "paper_video": QCoreApplication.translate("Library", "Paper video"),
        "paper": QCoreApplication.translate("Library", "Paper"),
        "article": QCoreApplication.translate("Library", "Article"),
    }
    return labels.get(kind, kind)


def source_text(row: RowValues) -> str:
    source, category = row[F_SOURCE], row[F_CATEGORY]
    if category and category.casefold() != source.casefold():
        return f"{source} · {category}"
    return source


def progress_key(statuses: Sequence[str]) -> tuple[int, int, int, int]:
    """Total progress first, then pass 1, 2, 3: "● ◐ ○" sorts after "● ○ ○"."""
    weights = [_STATUS_WEIGHT.get(s, 0) for s in statuses]
    return (sum(weights), weights[0], weights[1], weights[2])


def _key_for(column: int) -> Callable[[RowValues], Any]:
    """Sort key on the real value; unknown values (None) always sort as smallest. Text
    follows the UI language (pinyin order in Chinese), its keys cached per distinct text."""
    text = text_sort_key()
    if column == COL_TITLE:
        return lambda r: text(r[F_TITLE])
    if column == COL_KIND:
        # translated once per sort, not per row (no nested def here: lupdate loses the class)
        labels = {kind: text(kind_label(kind)) for kind in KINDS}
        return lambda r: labels.get(r[F_KIND]) or text(kind_label(r[F_KIND]))
    if column == COL_SOURCE:
        return lambda r: (text(r[F_SOURCE]), text(r[F_CATEGORY] or ""))
    if column == COL_DURATION:
        return lambda r: (r[F_DURATION] is not None, r[F_DURATION] or 0)
    if column == COL_PASSES:
        return lambda r: progress_key(r[F_PASSES])
    if column == COL_LAST:
        return lambda r: (r[F_LAST] is not None, r[F_LAST] or datetime.min)
    raise IndexError(column)


@dataclass(frozen=True)
class PreparedRows:
    """Rows ready to swap into the model: the service's order, the shown (sorted) order and
    the id → shown position index. Built where the rows were loaded (the loader's thread
    for a large library), so the GUI thread only swaps lists in."""

    natural: list[RowValues]
    shown: list[RowValues]  # `natural` itself when unsorted
    row_of: dict[int, int]
    sort: SortSpec


def prepare_rows(
    rows: Sequence[RowValues], sort: SortSpec, *, step: int | None = None
) -> PreparedRows:
    """Sort and index rows for the model (any thread: touches no Qt object).

    With `step` (the loader's thread), the sort runs in slices of that many rows merged in
    Python: list.sort compares keys in C holding the GIL, ~80-150 ms for 100k titles in one
    call, which would stall the GUI thread as long; a slice holds it a few milliseconds.
    Same order as one stable sort.
    """
    natural = list(rows)
    shown = natural
    if sort is not None:
        column, order = sort
        key, reverse = _key_for(column), order == Qt.SortOrder.DescendingOrder
        if step is None or len(natural) <= step:
            shown = sorted(natural, key=key, reverse=reverse)
        else:
            keys = [key(row) for row in natural]
            by_key = keys.__getitem__
            slices = [
                sorted(range(start, min(start + step, len(natural))), key=by_key, reverse=reverse)
                for start in range(0, len(natural), step)
            ]
            # merged in Python (the GIL changes hands); ties go to the earlier slice, so the
            # order is that of one stable sort, in both directions
            shown = [natural[i] for i in heapq.merge(*slices, key=by_key, reverse=reverse)]
    return PreparedRows(natural, shown, {row[F_ID]: i for i, row in enumerate(shown)}, sort)


class LibraryTableModel(QAbstractTableModel):
    """Read-only rows; writes go through LibraryService and come back via set_rows/update_row."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RowValues] = []  # shown order; may be `_natural` itself
        self._natural: list[RowValues] = []  # the service's order (course order, then id)
        self._row_of: dict[int, int] = {}
        self._sort: SortSpec = None
        self._sorting: BackgroundTask[PreparedRows] | None = None
        self._headers = (
            self.tr("Title"),
            self.tr("Kind"),
            self.tr("Source / category"),
            self.tr("Duration"),
            self.tr("Passes"),
            self.tr("Last studied"),
        )

    # ---- Qt API --------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_TITLE:
                return row[F_TITLE]
            if column == COL_KIND:
                return kind_label(row[F_KIND])
            if column == COL_SOURCE:
                return source_text(row)
            if column == COL_DURATION:
                return format_duration(row[F_DURATION])
            if column == COL_PASSES:
                return badge_text(row[F_PASSES])
            if column == COL_LAST:
                return format_stamp(row[F_LAST])
            return None
        if role == ID_ROLE:
            return row[F_ID]
        if role == BADGE_ROLE and column == COL_PASSES:
            return row[F_PASSES]
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == COL_PASSES:
                return badge_tooltip(row[F_PASSES])
            if column == COL_TITLE and role == Qt.ItemDataRole.ToolTipRole:
                tags = row[F_TAGS]
                return plain_tooltip(row[F_TITLE] + (("\n#" + "  #".join(tags)) if tags else ""))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_DURATION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            return _key_for(column)(row)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder rows by the column's real value (column -1: the service's natural order).

        Many rows are sorted in a worker (the old order shows until then); selections
        survive: persistent indexes are moved to the rows' new positions.
        """
        self._sort = (column, order) if 0 <= column < COLUMN_COUNT else None
        if self._sort is None or len(self._natural) <= ASYNC_SORT_ROWS:
            self._cancel_sorting()
            self._reorder(prepare_rows(self._natural, self._sort))
        else:
            self._sort_in_worker(self._natural, self._sort)

    def sorting(self) -> bool:
        """Whether a sort runs in the worker (its rows are still to come)."""
        return self._sorting is not None

    def wait_sorted(self) -> None:
        """Block until a sort running in the worker has delivered (screenshots, tests)."""
        while self._sorting is not None:
            task = self._sorting
            task.deliver_now()
            if self._sorting is task:  # dropped (the app is quitting)
                self._sorting = None

    def _sort_in_worker(self, natural: list[RowValues], sort: SortSpec) -> None:
        self._cancel_sorting()
        task: BackgroundTask[PreparedRows] = BackgroundTask(
            lambda _control: prepare_rows(natural, sort, step=SORT_STEP),
            parent=self,
            name="library-sort",
            on_success=lambda prepared: self._sorted(task, natural, prepared),
        )
        self._sorting = task
        task.start()

    def _cancel_sorting(self) -> None:
        """A newer sort or new rows make a running sort's answer stale."""
        if self._sorting is not None:
            self._sorting.cancel()
            self._sorting = None

    def _sorted(
        self, task: BackgroundTask[PreparedRows], natural: list[RowValues], prepared: PreparedRows
    ) -> None:
        if task is not self._sorting:
            return  # superseded
        self._sorting = None
        if natural is self._natural and prepared.sort == self._sort:
            self._reorder(prepared)

    def _reorder(self, prepared: PreparedRows) -> None:
        """Show the same rows in a new order, moving persistent indexes (the selection)."""
        self.layoutAboutToBeChanged.emit()
        old_rows = self._rows
        self._natural, self._rows, self._row_of = prepared.natural, prepared.shown, prepared.row_of
        moved_from: list[QModelIndex] = []
        moved_to: list[QModelIndex] = []
        for persistent in self.persistentIndexList():
            if not persistent.isValid():
                continue
            new_row = self._row_of.get(old_rows[persistent.row()][F_ID])
            moved_from.append(persistent)
            moved_to.append(
                self.index(new_row, persistent.column()) if new_row is not None else QModelIndex()
            )
        self.changePersistentIndexList(moved_from, moved_to)
        self.layoutChanged.emit()

    # ---- our API -------------------------------------------------------------------------
    @property
    def sort_spec(self) -> SortSpec:
        """The current sort (column, order), None for the service's order."""
        return self._sort

    def set_rows(self, rows: Sequence[RowValues]) -> None:
        """Show rows (plain tuples or ItemRows), sorted and indexed here."""
        self.swap(prepare_rows(rows, self._sort))

    def swap(self, prepared: PreparedRows) -> None:
        """Show prepared rows: a reset that only swaps lists (re-sorted if the sort changed
        since they were prepared: many rows then show in their order until the worker's
        sort arrives)."""
        self._cancel_sorting()
        resort = prepared.sort != self._sort
        if resort and len(prepared.natural) <= ASYNC_SORT_ROWS:
            prepared, resort = prepare_rows(prepared.natural, self._sort), False
        self.beginResetModel()
        self._natural, self._rows, self._row_of = prepared.natural, prepared.shown, prepared.row_of
        self.endResetModel()
        if resort:
            self._sort_in_worker(self._natural, self._sort)

    def update_row(self, item: RowValues) -> bool:
        """Replace one row in place (after a pass change); False if it is not shown."""
        row: RowValues = tuple(item)  # type: ignore[assignment]  # a plain tuple: GC-untracked
        position = self._row_of.get(row[F_ID])
        if position is None:
            return False
        self._rows[position] = row
        if self._natural is not self._rows:
            for i, old in enumerate(self._natural):
                if old[F_ID] == row[F_ID]:
                    self._natural[i] = row
                    break
        if self._sorting is not None:  # the worker may have copied the old row: sort again
            self._sort_in_worker(self._natural, self._sort)
        self.dataChanged.emit(self.index(position, 0), self.index(position, COLUMN_COUNT - 1))
        return True

    def row_of(self, item_id: int) -> int | None:
        return self._row_of.get(item_id)

    def item_at(self, row: int) -> ItemRow:
        return ItemRow._make(self._rows[row])

    def rows(self) -> list[ItemRow]:
        make = ItemRow._make
        return [make(row) for row in self._rows]


class LibrarySortProxy(QSortFilterProxyModel):
    """Sorting is delegated to the source model's key sort; filtering is the service's job.

    Kept as a proxy so the view code follows the list convention (and future client-side
    filters have a home), while sort() stays one Python list.sort on real values.
    """

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, LibraryTableModel):
            source.sort(column, order)
        else:  # pragma: no cover - only used with LibraryTableModel
            super().sort(column, order)

    def item_id(self, index: AnyIndex) -> int | None:
        value = index.data(ID_ROLE)
        return int(value) if value is not None else None
