"""The Library view: filter bar, the item table and the item pane, or the empty state."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QItemSelectionModel, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import theme
from desktop.context import AppContext
from desktop.library import loader as loading
from desktop.library.empty_state import EmptyLibrary, NoMatches
from desktop.library.filters import FilterBar
from desktop.library.item_dialog import ItemDialog
from desktop.library.loader import LoadedRows, RowLoader
from desktop.library.pass_actions import change_pass
from desktop.library.services import LibraryServices
from desktop.library.table_model import (
    COL_DURATION,
    COL_KIND,
    COL_LAST,
    COL_PASSES,
    COL_SOURCE,
    COL_TITLE,
    LibrarySortProxy,
    LibraryTableModel,
    PreparedRows,
    SortSpec,
    prepare_rows,
)
from desktop.library.undo import DeleteItemCommand
from desktop.widgets import dialogs
from desktop.widgets.badges import PassBadgesDelegate
from desktop.widgets.loading import LoadingOverlay
from desktop.widgets.pane_follow import MOVE_KEYS, PANE_IDLE_MS
from models.errors import ThreePassError
from models.services.dto import ItemFilter, ItemInput

if TYPE_CHECKING:
    from models.services.library import LibraryService
    from models.services.playback import PlaybackService

PAGE_EMPTY, PAGE_TABLE = 0, 1
# a large library shows this many rows in course order at once, before the worker has all:
# more than a maximised window's table holds
FIRST_PAGE = 100


class LibraryView(QWidget):
    @property
    def service(self) -> LibraryService:
        """The ORM-backed service, made on first use: the first screen reads without it."""
        return self.services.library

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LibraryView")
        self.ctx = ctx
        self.services = LibraryServices(ctx)
        self.undo_stack = QUndoStack(self)
        self._own_change = False
        self.dialog: ItemDialog | None = None

        self.loader = RowLoader(self.services, self)
        self.loader.loaded.connect(self._rows_loaded)
        self.loader.failed.connect(self._rows_failed)
        self._pending: tuple[int | None, bool] = (None, False)
        # items in the library as of the last load; None after a change that may alter it
        # (then counted again): decides sync or worker load without a query per keystroke
        self._total: int | None = None
        self._reopen_item: int | None = None  # selected when the app last closed
        # the selected item a filter hid (a search): selected again once a filter shows it,
        # unless the user selected another item meanwhile (Esc in the search brings it back)
        self._hidden_item: int | None = None
        self._choices_due = False  # the filter choices come with the worker's next answer
        self._first_page = False  # the model holds a large library's first rows only
        self._shown_filter = ItemFilter()  # the filter of the rows the table shows

        # Containers first, each made inside its parent: a widget added to a parent later
        # walks its whole subtree again (style sheet, palette), so assembling the view
        # bottom-up walked the item pane's widgets several times at start-up.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages)
        self.empty = EmptyLibrary()
        self.pages.addWidget(self.empty)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("LibrarySplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(8)
        self.pages.addWidget(self.splitter)
        table_box = QWidget()
        self.splitter.addWidget(table_box)
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(14, 12, 14, 0)
        table_layout.setSpacing(10)

        self.filters = FilterBar()
        self.filters.changed.connect(self.reload)
        self.filters.search.returnPressed.connect(self.enter_list)
        table_layout.addWidget(self.filters)

        self.model = LibraryTableModel(self)
        self.proxy = LibrarySortProxy(self)
        self.proxy.setSourceModel(self.model)
        # A large library's rows (and filter choices) load in a worker, mostly inside
        # SQLite without the GIL: start it now, so it reads them while this thread builds
        # the rest. Its answer comes through the event loop, so once the view is complete.
        early_load = self._start_first_load()

        self.table = QTableView()
        self.table.setObjectName("LibraryTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab leaves the list (arrows move in it): walking cells changed the selection
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleName(self.tr("Library items"))
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setItemDelegateForColumn(COL_PASSES, PassBadgesDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionsMovable(True)
        header.setSortIndicatorClearable(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (COL_KIND, 110),
            (COL_SOURCE, 210),
            (COL_DURATION, 80),
            (COL_PASSES, 150),
            (COL_LAST, 130),
        ):
            header.resizeSection(column, width)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_moved())
        # a sort keeps the selected row selected: and in sight
        self.proxy.layoutChanged.connect(self._current_in_sight)
        # a move by key shows its item in the pane once the keys pause (PANE_IDLE_MS): holding
        # Down rendered the pane (notes, links, related items) for every row, ~50 ms a key
        self._key_move = False
        self._pane_timer = QTimer(self)
        self._pane_timer.setSingleShot(True)
        self._pane_timer.setInterval(PANE_IDLE_MS)
        self._pane_timer.timeout.connect(self._show_current)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        table_layout.addWidget(self.table, 1)
        self.no_match = NoMatches(self.table.viewport())  # over the table when nothing matches
        self.no_match.clear_requested.connect(self.filters.clear)
        self.no_match.clear_requested.connect(self.focus_search)
        # a large library's first rows come from the worker: "Loading…", not "empty"
        self.loading = LoadingOverlay(self.table.viewport())
        if early_load:
            self.pages.setCurrentIndex(PAGE_TABLE)
            if not self._first_page:
                self.loading.start()

        # imported once the rows are on their way: the pane's modules load meanwhile
        from desktop.library.item_pane import ItemPane

        self.pane = ItemPane(self.services, ctx)
        self.pane.item_changed.connect(self._refresh_row)
        self.pane.edit_requested.connect(self.edit_item)
        self.splitter.addWidget(self.pane)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        # by default ~9 rows show at 1280×800 (the item pane scrolls); the user's divider
        # is saved and restored (restore_state)
        self.splitter.setSizes([360, 400])

        theme.controller().scheme_changed.connect(self._scheme_changed)
        ctx.events.items_changed.connect(self._on_items_changed)
        ctx.events.item_selected.connect(self.select_item)
        if not early_load:
            self.refresh_choices()
            self.reload()

    # ---- loading -------------------------------------------------------------------------
    def reload(self, select: int | None = None, *, force: bool = False) -> None:
        """Re-query the rows for the current filter and select `select` (default: the
        selected item). With force, filters hiding that item are cleared.

        Small libraries load at once; large ones in a worker thread (see RowLoader).
        """
        keep = select if select is not None else self.current_item_id()
        if keep is None:
            keep = self._hidden_item
        force = force and select is not None  # only an explicit target may clear filters
        flt = self.filters.current()
        try:
            if self._total is None:
                self._total = self.services.reader.count()
            if self._total > loading.ASYNC_ROWS:
                self._request_rows(flt, keep, force)
                return
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                if flt == ItemFilter():  # no ORM for the unfiltered list (start-up)
                    rows = self.services.reader.all_rows()
                    total = len(rows)
                else:
                    rows = self.service.table_rows(flt)
                    total = self.services.reader.count()
            finally:
                QApplication.restoreOverrideCursor()
        except ThreePassError as err:
            self.ctx.events.status_message.emit(str(err))
            return
        self._apply_rows(prepare_rows(rows, self.model.sort_spec), total, keep, force)

    def _start_first_load(self) -> bool:
        """Request a large library's rows and filter choices from the worker at once
        (start-up). False for a small library, loaded synchronously once the view is
        complete, or when counting failed (reload, at the end of __init__, reports it).

        The GUI thread runs no query until the answer is in: a query of its own meanwhile
        would open a second pooled connection, which makes the service reload every row
        once more on a later search (models.services.library_read.data_epoch).
        """
        try:
            self._total = self.services.reader.count()
        except ThreePassError:
            return False
        if self._total <= loading.ASYNC_ROWS:
            return False
        try:  # a screenful in course order now (~1 ms), every row from the worker
            page = self.services.reader.first_rows(FIRST_PAGE)
        except ThreePassError:
            page = []
        self._choices_due = True
        if page:
            self.model.swap(prepare_rows(page, None))
            self._first_page = True
            # every row once the event loop runs (`later`): a worker building rows meanwhile
            # would take the GIL from the GUI thread building the window
        self._request_rows(self.filters.current(), None, False, later=bool(page))
        return True

    def _count_text(self, shown: int, total: int | None = None) -> str:
        if total is None:
            return self.tr("{n} items").replace("{n}", str(shown))
        return (
            self.tr("{shown} of {total} items")
            .replace("{shown}", str(shown))
            .replace("{total}", str(total))
        )

    def _sort_now(self) -> SortSpec:
        """The model's sort, for the worker to sort the rows it read (see RowLoader)."""
        return self.model.sort_spec

    def _drop_first_page(self) -> None:
        """The restored sort is not course order: its first rows are others, which only the
        whole list tells. "Loading…" until it arrives, never rows that would jump."""
        if self._first_page:
            self._first_page = False
            self.model.swap(prepare_rows([], self.model.sort_spec))
            self.loading.start()

    def _request_rows(
        self, flt: ItemFilter, keep: int | None, force: bool, *, later: bool = False
    ) -> None:
        self._pending = (keep, force)
        self.loader.request(flt, self._sort_now, choices=self._choices_due, later=later)
        # rows are on their way (worker thread); room kept for the count that follows
        room = "" if self._total is None else self._count_text(self._total, self._total)
        self.filters.set_count("…", room_for=room)

    def _rows_loaded(self, _generation: int, loaded: LoadedRows) -> None:
        keep, force = self._pending
        if self._first_page and keep is None:
            chosen = self.current_item_id()  # picked in the first page: theirs, not the stored
            if chosen is not None:
                keep, self._reopen_item = chosen, None
        if loaded.choices is not None and self._choices_due:
            self._choices_due = False
            self.filters.set_choices(*loaded.choices)
        self._apply_rows(loaded.rows, loaded.total, keep, force)

    def _rows_failed(self, _generation: int, text: str) -> None:
        self.loading.stop()
        self.ctx.events.status_message.emit(text)

    def _apply_rows(self, rows: PreparedRows, total: int, keep: int | None, force: bool) -> None:
        self._total = total
        self._first_page = False
        self.loading.stop()
        self.model.swap(rows)
        active = self.filters.is_active()
        shown_filter = self.filters.current()
        filter_changed, self._shown_filter = shown_filter != self._shown_filter, shown_filter
        self.pages.setCurrentIndex(PAGE_EMPTY if total == 0 and not active else PAGE_TABLE)
        shown = len(rows.natural)
        if active and shown == 0:
            flt = self.filters.current()
            other = bool(flt.kind or flt.category or flt.tag or flt.pass_state)
            self.no_match.show_for(flt.text.strip(), other_filters=other)
        else:
            self.no_match.hide()
        widest = self._count_text(total, total)  # what a search may show: room kept for it
        if active:
            self.filters.set_count(self._count_text(shown, total), room_for=widest)
        else:
            self.filters.set_count(self._count_text(shown), room_for=widest)
        if keep is None and self._reopen_item is not None:
            keep, self._reopen_item = self._reopen_item, None
        if keep is not None:
            if self._select_row_of(keep):
                return
            if force and active:
                self.filters.clear(emit=False)
                self.reload(select=keep)
                return
            # hidden by a filter: remembered; absent with no filter: deleted, forgotten
            self._hidden_item = keep if active else None
        self.pane.show_item(None)
        if filter_changed:  # new results start at their first row, not at the old offset
            self.table.scrollToTop()

    def refresh_choices(self) -> None:
        self._choices_due = False  # fresher than what a running load would bring
        reader = self.services.reader
        self.filters.set_choices(reader.categories(), reader.tag_names())

    def _on_items_changed(self) -> None:
        if self._own_change:
            return
        self._total = None  # an import or another view may have added or removed items
        self.refresh_choices()
        self.reload()
        self.pane.refresh()

    def _scheme_changed(self, _scheme: str) -> None:
        """Badges and pass states paint theme colours: repaint them in the new scheme."""
        self.table.viewport().update()
        self.pane.refresh()

    @contextmanager
    def _announcing(self) -> Iterator[None]:
        """Emit items_changed for other views without reloading ourselves twice."""
        self._own_change = True
        try:
            yield
        finally:
            self._own_change = False

    def _announce(self) -> None:
        with self._announcing():
            self.ctx.events.items_changed.emit()

    def _refresh_row(self, item_id: int) -> None:
        """After a pass/minutes/open-point change: update one row, tell the other views."""
        row = self.service.get_row(item_id)
        if row is not None and not self.model.update_row(row):
            self.reload()
        self._announce()

    # ---- selection -----------------------------------------------------------------------
    def current_item_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.item_id(rows[0]) if rows else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Tell a move by key (deferred pane) from a click (shown at once)."""
        if watched is self.table:
            kind = event.type()
            if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                self._key_move = event.key() in MOVE_KEYS
            elif kind == QEvent.Type.MouseButtonPress:
                self._key_move = False
        return super().eventFilter(watched, event)

    def _selection_moved(self) -> None:
        if self._hidden_item is not None and self.current_item_id() is not None:
            self._hidden_item = None  # an item is selected: the hidden one is not wanted back
        if self._key_move and self.table.hasFocus():
            self._key_move = False
            self._pane_timer.start()  # the row is highlighted now; the pane when keys pause
        else:
            self._show_current()

    def pane_pending(self) -> bool:
        """Whether the pane is still to follow a move by key."""
        return self._pane_timer.isActive()

    def _show_current(self) -> None:
        self._pane_timer.stop()
        item_id = self.current_item_id()
        if item_id != self.pane.item_id:
            self.pane.show_item(item_id)

    def _current_in_sight(self) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            self.table.scrollTo(current)

    def _select_row_of(self, item_id: int) -> bool:
        source_row = self.model.row_of(item_id)
        if source_row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self._show_current()
        return True

    def select_item(self, item_id: int) -> None:
        """Show an item (other views emit item_selected); clears filters that hide it."""
        window = self.window()
        show_view = getattr(window, "show_view", None)
        if callable(show_view):
            show_view("library")
        if not self._select_row_of(item_id):
            self.reload(select=item_id, force=True)

    # ---- actions -------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.pages.setCurrentIndex(PAGE_TABLE)
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def enter_list(self) -> None:
        """Enter or Down in the search field: apply now and move to the results."""
        self.filters.flush()
        if self.proxy.rowCount():
            if self.current_item_id() is None:
                self.table.selectRow(0)
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def new_item(self) -> ItemDialog:
        dialog = ItemDialog(self, categories=self.service.categories())
        dialog.submitted.connect(lambda data: self._create(dialog, data))
        self._open_dialog(dialog)
        return dialog

    def edit_selected(self) -> None:
        item_id = self.current_item_id()
        if item_id is not None:
            self.edit_item(item_id)

    def edit_item(self, item_id: int) -> ItemDialog | None:
        try:
            detail = self.service.get_item(item_id)
        except ThreePassError as err:
            dialogs.inform(self, self.tr("Cannot edit"), str(err))
            return None
        dialog = ItemDialog(self, categories=self.service.categories(), initial=detail.to_input())
        dialog.local_file.setText(self._playback().local_file(item_id) or "")
        dialog.submitted.connect(lambda data: self._update(dialog, item_id, data))
        self._open_dialog(dialog)
        return dialog

    def _open_dialog(self, dialog: ItemDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def _create(self, dialog: ItemDialog, data: ItemInput) -> None:
        try:
            item_id = self.service.create_item(data)
            self._playback().set_local_file(item_id, dialog.local_file_path())
        except ThreePassError as err:
            dialog.show_error(str(err))
            return
        dialog.accept()
        self._after_write(item_id)
        self.ctx.events.status_message.emit(
            self.tr("Added “{title}”").replace("{title}", data.title)
        )

    def _update(self, dialog: ItemDialog, item_id: int, data: ItemInput) -> None:
        try:
            self.service.update_item(item_id, data)
            self._playback().set_local_file(item_id, dialog.local_file_path())
        except ThreePassError as err:
            dialog.show_error(str(err))
            return
        dialog.accept()
        self._after_write(item_id)

    def _playback(self) -> PlaybackService:
        """The item's downloaded video file (desktop/player/ plays it); on first use."""
        from models.services.playback import PlaybackService

        return PlaybackService(self.ctx.db, self.ctx.clock)

    def _after_write(self, select: int | None) -> None:
        """Reload everything after a structural change and select an item if given."""
        self._total = None
        self.pane.flush()
        self.refresh_choices()
        self.reload(select=select, force=True)
        self.pane.refresh()
        self._announce()

    def delete_selected(self) -> bool:
        item_id = self.current_item_id()
        if item_id is None:
            return False
        row = self.model.item_at(self.model.row_of(item_id) or 0)
        if not dialogs.confirm(
            self,
            self.tr("Delete item"),
            self.tr(
                "Delete “{title}” with its passes, notes and open points?\n\n"
                "You can undo this with Ctrl+Z until you quit."
            ).replace("{title}", row.title),
            destructive=True,
        ):
            return False
        self.pane.flush()
        try:
            snapshot = self.service.delete_item(item_id)
        except ThreePassError as err:
            dialogs.inform(self, self.tr("Not deleted"), str(err))
            return False
        selected = self.table.selectionModel().selectedRows()
        next_row = selected[0].row() if selected else 0
        self.undo_stack.push(
            DeleteItemCommand(
                self.service,
                snapshot,
                row.title,
                lambda restored_id: self._after_undo_step(restored_id, row.title),
                lambda text: dialogs.inform(self, self.tr("Undo failed"), text),
            )
        )
        self._after_write(None)
        if self.proxy.rowCount() > 0 and not self.loader.busy():
            self.table.selectRow(max(0, min(next_row, self.proxy.rowCount() - 1)))
        self.ctx.events.status_message.emit(
            self.tr("Deleted “{title}” (Ctrl+Z to undo)").replace("{title}", row.title)
        )
        return True

    def _after_undo_step(self, item_id: int | None, title: str) -> None:
        """Refreshes, then says what the step did: the delete's message would still be shown."""
        self._after_write(item_id)
        if item_id is None:
            text = self.tr("Deleted “{title}” (Ctrl+Z to undo)")
        else:
            text = self.tr("Restored “{title}”")
        self.ctx.events.status_message.emit(text.replace("{title}", title))

    def toggle_pass(self, number: int) -> bool:
        item_id = self.current_item_id()
        if item_id is None:
            self.ctx.events.status_message.emit(self.tr("Select an item first."))
            return False
        self.pane.flush()
        if not change_pass(self, self.service, item_id, number, None):
            return False
        # Done ends a timer on the pass in the same write (LibraryService); the chip, Today and
        # the player hear of it as of any study change
        self.ctx.events.study_changed.emit()
        self.pane.refresh()
        self._refresh_row(item_id)
        return True

    def show_screenshot_item(self) -> None:
        """The item screenshot: one item's passes fill the view, the table shrinks to a strip.

        Picks an item with notes, else one with a pass under way, else the first video (the
        three-pass method is about videos), else the first row, so that on a freshly
        imported library it still differs from the library screenshot (first row, big table).
        """
        ids = self.service.items_with_notes(1)
        if not (ids and self._select_row_of(ids[0])):
            chosen = self._screenshot_candidate()
            if chosen is not None:
                self._select_row_of(chosen)
        total = sum(self.splitter.sizes()) or 760
        strip = min(160, total // 4)
        self.splitter.setSizes([strip, total - strip])
        index = self.table.currentIndex()
        if index.isValid():
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)

    def _screenshot_candidate(self, limit: int = 5000) -> int | None:
        """In table order: the first item with a pass under way, else video, else any."""
        first_video: int | None = None
        first: int | None = None
        for proxy_row in range(min(self.proxy.rowCount(), limit)):
            source = self.proxy.mapToSource(self.proxy.index(proxy_row, 0))
            row = self.model.item_at(source.row())
            if any(status != "todo" for status in row.pass_statuses):
                return row.id
            if first is None:
                first = row.id
            if first_video is None and row.kind in ("paper_video", "course_video"):
                first_video = row.id
        return first_video if first_video is not None else first

    # ---- persistence ---------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        """Window close: save pending notes and layout, let a running load finish."""
        self.loader.shutdown()
        self.pane.flush()
        settings.setValue("library/splitter", self.splitter.saveState())
        settings.setValue("library/header", self.table.horizontalHeader().saveState())
        item_id = self.current_item_id()
        if item_id is None:
            settings.remove("library/item")
        else:
            settings.setValue("library/item", item_id)
        self.pane.save_state(settings)

    def restore_state(self, settings: QSettings) -> None:
        splitter = settings.value("library/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        header_state = settings.value("library/header")
        header = self.table.horizontalHeader()
        if isinstance(header_state, QByteArray) and header.restoreState(header_state):
            self.table.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
            if self.model.sort_spec is not None:
                self._drop_first_page()
        self.pane.restore_state(settings)
        self._reopen(settings.value("library/item"))

    def _reopen(self, stored: object) -> None:
        """Select the item that was selected when the app closed: now if the rows are in
        (small library), else when the worker's rows arrive. A deleted item selects nothing."""
        try:
            item_id = int(stored)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return
        if self.current_item_id() is not None:
            return
        if self.model.rowCount() and not self.loader.busy():
            self._select_row_of(item_id)
        elif not (self._first_page and self._select_row_of(item_id)):  # on the first page: now
            self._reopen_item = item_id
