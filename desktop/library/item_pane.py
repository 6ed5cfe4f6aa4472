"""The item pane: header with open buttons and links, then the three passes side by side.

Notes autosave 800 ms after the last keystroke and at least every 2 s while typing goes on
(desktop/widgets/autosave.py), on focus out, when another item is shown and when the window
closes or the app quits (flush()); there is deliberately no Save button. Notes may hold
`[[title]]` links (completed while typing, clickable in the preview); the header lists the
companies and questions the item is linked to and the notes that link to it (backlinks).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.i18n import format_date
from desktop.library.open_points import OpenPointsWidget
from desktop.library.pass_actions import change_pass
from desktop.library.services import LibraryServices, WikiNames
from desktop.library.table_model import kind_label
from desktop.player.done_time import LogOffer, after_done, log_minutes, stop_timer_on
from desktop.widgets import dialogs, links
from desktop.widgets.autosave import AutosaveTimer
from desktop.widgets.badges import GLYPHS, status_color, status_label
from desktop.widgets.fit_button import FitToolButton
from desktop.widgets.fit_scroll import FitScrollArea
from desktop.widgets.fit_spin import fit_spin_box
from desktop.widgets.flow import FlowLayout
from desktop.widgets.formatting import format_duration, format_speed, format_stamp, local_time
from desktop.widgets.plain import plain_tooltip
from desktop.widgets.wiki import WikiMarkdownEditor, WikiSource
from models.errors import NotFoundError, ThreePassError
from models.kinds import PLATFORMS, VIDEO_KINDS
from models.services.dto import ItemDetail, PassInfo
from models.speeds import time_at_speed

if TYPE_CHECKING:
    from models.services.library import LibraryService

SPEEDS = (1.0, 1.25, 1.5, 1.75, 2.0)
CHIP_CHARS = 36  # link chips longer than this are elided (the tooltip has the full text)
MINUTES_SHOWN = 999  # the minutes box fits this many minutes whole (more widens it)


def plain_label(text: str = "", *, object_name: str = "") -> QLabel:
    """A QLabel that never interprets data as rich text."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if object_name:
        label.setObjectName(object_name)
    return label


class WholeOrNothingLabel(QLabel):
    """A figure shown whole or not at all: it may shrink to nothing, and then draws nothing
    rather than a cut number (the tooltip has it)."""

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def shown_text(self) -> str:
        fits = self.fontMetrics().horizontalAdvance(self.text()) <= self.contentsRect().width()
        return self.text() if fits else ""

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.shown_text():
            super().paintEvent(event)


class PassCard(QFrame):
    """One pass: state, speed and time at that speed (or reading depth), buttons, minutes, notes."""

    action_requested = Signal(int, str)  # pass number, watch|start|done|reset
    minutes_set = Signal(int, int)
    speed_chosen = Signal(int, float)
    minutes_added = Signal(int, int)

    def __init__(self, number: int, wiki: WikiSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.setObjectName(f"PassCard{number}")
        self.setProperty("passCard", True)
        self.setFrameShape(QFrame.Shape.StyledPanel)

        self.heading = plain_label(self.tr("Pass {n}").replace("{n}", str(number)))
        heading_font = QFont(self.heading.font())
        heading_font.setBold(True)
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.15)
        self.heading.setFont(heading_font)
        # the status is never elided: the pace beside it gives way first
        self.state = plain_label(object_name="PassState")
        self.state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # a video's speed ("1.25×", never elided: "1.2…" read as 1.2×) on a flat button whose
        # menu changes it, then the time at that speed, which gives way first; a paper's
        # depth and reading time on the same button, which may be elided
        self.pace = FitToolButton()
        self.pace.setObjectName("PassPace")
        self.pace.setAutoRaise(True)
        self.pace.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.pace.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.speed_menu = QMenu(self.pace)
        for speed in SPEEDS:
            act = self.speed_menu.addAction(format_speed(speed))
            act.setCheckable(True)
            act.setData(speed)
            act.triggered.connect(lambda _c=False, v=speed: self.speed_chosen.emit(self.number, v))
        self.at_speed = WholeOrNothingLabel()
        self.at_speed.setObjectName("PassAtSpeed")
        self.at_speed.setTextFormat(Qt.TextFormat.PlainText)
        self.at_speed.setStyleSheet("color: palette(placeholder-text);")
        # short dates, one a line ("started 3/25/26" / "done 3/26/26"), never elided; the
        # tooltip has the full stamps. Two lines tall even when empty, so the three note
        # editors stay aligned.
        self.stamps = plain_label(object_name="PassStamps")
        self.stamps.setStyleSheet("color: palette(placeholder-text);")
        self.stamps.setMinimumHeight(self.stamps.fontMetrics().lineSpacing() * 2)

        # Watch plays the video in mpv at this pass's speed; Start times studying without it
        self.watch_button = QPushButton(self.tr("Watch"))
        self.watch_button.setToolTip(self.tr("Play the video in mpv at this pass's speed"))
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setToolTip(self.tr("Start the study timer on this pass"))
        self.done_button = QPushButton(self.tr("Done"))
        self.reset_button = QPushButton(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Back to not started"))
        self.studying = ""  # "player" or "timer" while one runs on this pass
        self.log_offer = LogOffer()  # Done without time recorded: log its length?
        for button, action in (
            (self.watch_button, "watch"),
            (self.start_button, "start"),
            (self.done_button, "done"),
            (self.reset_button, "reset"),
        ):
            button.setObjectName(f"Pass{number}{action.capitalize()}")
            button.setAutoDefault(False)
            button.setMinimumWidth(48)  # may shrink below the style's 80 px on small screens
            button.clicked.connect(
                lambda _checked=False, a=action: self.action_requested.emit(self.number, a)
            )

        self.minutes = QSpinBox()
        self.minutes.setObjectName(f"Pass{number}Minutes")
        self.minutes.setRange(0, 100_000)
        self.minutes.setPrefix(self.tr("spent "))
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setKeyboardTracking(False)
        # no arrows (Up/Down and the wheel still step): "spent 39 min" whole beside the
        # dates in a 1024 px window, where the arrows cut it short
        self.minutes.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        fit_spin_box(self.minutes, MINUTES_SHOWN)
        self.minutes.setToolTip(self.tr("Minutes spent on this pass (type to correct)"))
        # Only a figure the user typed or stepped is written back: focus may land here by
        # itself (a bar above hides), and leaving the box then must not store what it showed
        # before a service changed the pass (a logged 13 min went back to 0).
        self._minutes_touched = False
        self.minutes.lineEdit().textEdited.connect(self._touch_minutes)
        self.minutes.valueChanged.connect(self._touch_minutes)  # signals off when set by code
        self.minutes.editingFinished.connect(self._minutes_edited)
        self.add_minutes = QToolButton()
        self.add_minutes.setObjectName(f"Pass{number}AddMinutes")
        self.add_minutes.setText("+")
        self.add_minutes.setToolTip(self.tr("Add minutes spent"))
        self.add_minutes.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.add_minutes)
        for amount in (5, 15, 25, 45, 60):
            act = menu.addAction(self.tr("+{n} min").replace("{n}", str(amount)))
            act.triggered.connect(
                lambda _checked=False, m=amount: self.minutes_added.emit(self.number, m)
            )
        self.add_minutes.setMenu(menu)

        self.notes = WikiMarkdownEditor(wiki)
        self.notes.setObjectName(f"Pass{number}Notes")
        self.notes.editor.setObjectName(f"Pass{number}NoteEditor")
        # three of each side by side: a screen reader says which pass each one is for
        for widget, name in (
            (self.minutes, self.tr("Pass {n}: minutes spent")),
            (self.add_minutes, self.tr("Pass {n}: add minutes")),
        ):
            widget.setAccessibleName(name.replace("{n}", str(number)))
        self.notes.set_accessible_name(self.tr("Pass {n} notes").replace("{n}", str(number)))

        # three rows, each narrow enough for three cards side by side in a 1024 px window
        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.heading)
        top.addWidget(self.pace)
        top.addWidget(self.at_speed)
        # the state takes the rest of the line, whole; the time at speed (or a paper's
        # depth) gives way before it
        top.addWidget(self.state, 1)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.watch_button)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        stamps_row = QHBoxLayout()
        stamps_row.setSpacing(6)
        stamps_row.addWidget(self.stamps, 1)
        stamps_row.addWidget(self.minutes)
        stamps_row.addWidget(self.add_minutes)

        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(12, 10, 12, 12)
        self.body.setSpacing(7)
        self.body.addLayout(top)
        self.body.addLayout(buttons)
        self.body.addWidget(self.log_offer)
        self.body.addLayout(stamps_row)
        self.body.addWidget(self.notes, 1)
        self._last_minutes = 0

    def show_pass(self, info: PassInfo, detail: ItemDetail, paper_minutes: list[int]) -> None:
        status = info.status
        self.state.setText(f"{GLYPHS.get(status, '?')} {status_label(status)}")
        self.state.setStyleSheet(f"color: {status_color(status).name()}; font-weight: 600;")
        self.state.setToolTip(self.tr("Ctrl+{n} cycles this pass").replace("{n}", str(self.number)))
        if detail.kind == "paper":
            depth = info.depth or ""
            depth_names = {
                "skim": self.tr("skim"),
                "read": self.tr("read"),
                "deep": self.tr("deep"),
            }
            estimate = detail.reading_minutes if self.number == 2 else None
            if estimate is None and len(paper_minutes) >= self.number:
                estimate = paper_minutes[self.number - 1]
            text = self.tr("Depth: {depth}").replace("{depth}", depth_names.get(depth, depth))
            if estimate:
                text += "  ·  " + self.tr("about {n} min").replace("{n}", str(estimate))
            self.pace.setText(text)
            self.pace.setToolTip("")
            self.pace.setMenu(None)  # type: ignore[arg-type]
            self.pace.setMinimumWidth(0)
            self.pace.setAccessibleName("")  # its words name it
            self.at_speed.clear()
            self.at_speed.setToolTip("")
        else:
            speed = format_speed(info.speed)
            self.pace.setText(speed)
            self.pace.setMenu(self.speed_menu)
            self.pace.setMinimumWidth(self.pace.sizeHint().width())  # whole, with its arrow
            self.pace.setAccessibleName(  # "1.5×" alone says little to a screen reader
                self.tr("Pass {n} speed: {speed}")
                .replace("{n}", str(self.number))
                .replace("{speed}", speed)
            )
            if detail.duration_seconds is None:
                tip = self.tr("Playback speed {speed}. Click to change it.").replace(
                    "{speed}", speed
                )
                self.at_speed.clear()
            else:
                at_speed = format_duration(
                    round(time_at_speed(detail.duration_seconds, info.speed))
                )
                tip = (
                    self.tr("Duration {duration} ÷ {speed} = {time}. Click to change the speed.")
                    .replace("{duration}", format_duration(detail.duration_seconds))
                    .replace("{speed}", speed)
                    .replace("{time}", at_speed)
                )
                self.at_speed.setText(at_speed)
            self.pace.setToolTip(tip)
            self.at_speed.setToolTip(tip)
            for act in self.speed_menu.actions():
                act.setChecked(abs(float(act.data()) - info.speed) < 1e-6)
        shown: list[str] = []
        full: list[str] = []
        for template, stamp in (
            (self.tr("started {when}"), info.started_at),
            (self.tr("done {when}"), info.finished_at),
        ):
            if stamp is not None:
                shown.append(template.replace("{when}", format_date(local_time(stamp))))
                full.append(template.replace("{when}", format_stamp(stamp)))
        self.stamps.setText("\n".join(shown) or self.tr("not started yet"))
        self.stamps.setToolTip(plain_tooltip("\n".join(full)))
        self.watch_button.setVisible(detail.kind in VIDEO_KINDS)
        self.set_studying(self.studying)
        self.done_button.setEnabled(status != "done")
        self.reset_button.setEnabled(status != "todo")
        self._last_minutes = round(info.minutes_spent)
        # whole minutes, but a short watch is not "spent 0 min"
        under_a_minute = self._last_minutes == 0 and info.minutes_spent > 0
        self.minutes.setSpecialValueText(self.tr("spent < 1 min") if under_a_minute else "")
        if not (self._minutes_touched and self.minutes.hasFocus()):  # keep a figure being typed
            self._minutes_touched = False
            self.minutes.blockSignals(True)
            self.minutes.setValue(self._last_minutes)
            self.minutes.blockSignals(False)
            fit_spin_box(self.minutes, MINUTES_SHOWN)

    def set_studying(self, state: str) -> None:
        """Show the player or the timer running on this pass (one of each at most)."""
        self.studying = state
        self.watch_button.setText(self.tr("● Playing") if state == "player" else self.tr("Watch"))
        self.watch_button.setEnabled(state != "player")
        self.start_button.setText(self.tr("● Timing") if state == "timer" else self.tr("Start"))
        self.start_button.setEnabled(not state)  # a playing pass is timed by the player

    def _touch_minutes(self) -> None:
        self._minutes_touched = True

    def _minutes_edited(self) -> None:
        if not self._minutes_touched:
            return  # focus left a box the user did not change: nothing to write
        self._minutes_touched = False
        value = self.minutes.value()
        if value != self._last_minutes:
            self._last_minutes = value
            self.minutes_set.emit(self.number, value)


class ItemPane(QWidget):
    """Shows one item; every write goes through LibraryService, then item_changed is emitted."""

    item_changed = Signal(int)
    edit_requested = Signal(int)

    @property
    def _service(self) -> LibraryService:
        """Writes need the ORM-backed service, made on the first write (after start-up)."""
        return self._services.library

    def __init__(
        self,
        services: LibraryServices,
        ctx: AppContext,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ItemPane")
        self._services = services
        self._ctx = ctx
        self._wiki = WikiNames(services)
        self._detail: ItemDetail | None = None
        self._dirty: dict[int, tuple[int, str]] = {}  # pass number -> (item id, text)
        # pass number -> the stored text the editor started from: a save that finds another
        # text stored (another process, a restore) keeps that one as a conflict copy
        self._loaded: dict[int, str] = {}
        self._timers: dict[int, AutosaveTimer] = {}
        # (item id, pass number) -> "player" / "timer" / "": what runs on a pass (the cards)
        self._study_states: dict[tuple[int, int], str] = {}

        # Containers first, each made inside its parent (as in LibraryView): a widget added
        # to a parent later walks its whole subtree again (style sheet, palette).
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)
        empty = plain_label(self.tr("Select an item to see its three passes and notes."))
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setStyleSheet("color: palette(placeholder-text);")
        self.pages.addWidget(empty)
        # The item scrolls inside the pane rather than holding the window tall: the pass
        # cards' minimum height no longer decides how many library rows fit (or that a
        # 700 px screen cannot hold the window at all).
        content = QWidget()
        content.setObjectName("ItemContent")
        layout = QVBoxLayout(content)
        self.item_scroll = FitScrollArea(content)
        self.item_scroll.setObjectName("ItemScroll")
        self.item_scroll.setAccessibleName(self.tr("Selected item"))
        self.pages.addWidget(self.item_scroll)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(12)

        self.title = plain_label(object_name="ItemTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.meta = plain_label(object_name="ItemMeta")
        self.meta.setWordWrap(True)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta.setStyleSheet("color: palette(placeholder-text);")
        self.summary = plain_label(object_name="ItemSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.related = QWidget()
        self.related.setObjectName("RelatedItems")
        self.related_layout = FlowLayout(self.related)
        self.links_box = QWidget()
        self.links_box.setObjectName("ItemLinks")
        self.links_layout = FlowLayout(self.links_box)

        self.video_button = QPushButton(self.tr("Open video"))
        self.video_button.setObjectName("OpenVideo")
        self.video_button.setAutoDefault(False)
        self.video_menu = QMenu(self.video_button)
        self.video_button.setMenu(self.video_menu)
        self.link_button = QPushButton(self.tr("Open link"))
        self.link_button.setObjectName("OpenLink")
        self.link_button.setAutoDefault(False)
        self.link_button.clicked.connect(self._open_link)
        self.link_items_button = QPushButton(self.tr("Link…"))
        self.link_items_button.setObjectName("LinkItemButton")
        self.link_items_button.setAutoDefault(False)
        self.link_items_button.setToolTip(
            self.tr("Link this item to companies and questions; see its backlinks")
        )
        self.link_items_button.clicked.connect(self._open_link_dialog)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setAutoDefault(False)
        self.edit_button.clicked.connect(
            lambda: self._detail and self.edit_requested.emit(self._detail.id)
        )

        # the buttons share the title's line only: the lines below take the pane's whole
        # width (beside the buttons a description wrapped to twice as many lines)
        header_buttons = QHBoxLayout()
        header_buttons.setSpacing(6)
        header_buttons.addWidget(self.video_button)
        header_buttons.addWidget(self.link_button)
        header_buttons.addWidget(self.link_items_button)
        header_buttons.addWidget(self.edit_button)
        title_row = QHBoxLayout()
        title_row.setSpacing(16)
        title_row.addWidget(self.title, 1)
        title_row.addLayout(header_buttons)
        title_row.setAlignment(header_buttons, Qt.AlignmentFlag.AlignTop)
        header = QVBoxLayout()
        header.setSpacing(3)
        header.addLayout(title_row)
        header.addWidget(self.meta)
        header.addWidget(self.summary)
        header.addWidget(self.related)
        header.addWidget(self.links_box)
        layout.addLayout(header)

        self.cards: list[PassCard] = []
        self.passes_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.passes_splitter.setObjectName("PassesSplitter")
        self.passes_splitter.setChildrenCollapsible(False)
        self.passes_splitter.setHandleWidth(10)
        layout.addWidget(self.passes_splitter, 1)
        for number in (1, 2, 3):
            card = PassCard(number, self._wiki)
            card.notes.link_activated.connect(self._follow_link)
            card.action_requested.connect(self._pass_action)
            card.log_offer.accepted.connect(lambda m, n=number: self._log_offered(n, m))
            card.minutes_set.connect(self._set_minutes)
            card.minutes_added.connect(self._add_minutes)
            card.speed_chosen.connect(self._set_speed)
            card.notes.edited.connect(lambda n=number: self._note_edited(n))
            card.notes.focus_left.connect(lambda n=number: self._save_note(n))
            timer = AutosaveTimer(self)
            timer.due.connect(lambda n=number: self._save_note(n))
            self._timers[number] = timer
            self.cards.append(card)
            self.passes_splitter.addWidget(card)

        self.open_points = OpenPointsWidget()
        self.open_points.setObjectName("OpenPoints")
        self.open_points.add_requested.connect(self._add_point)
        self.open_points.delete_requested.connect(self._delete_point)
        self.open_points.question_requested.connect(self._point_to_question)
        self.open_points.question_opened.connect(lambda qid: self._follow_link("question", qid))
        self.open_points.model.resolve_requested.connect(self._resolve_point)
        self.open_points.resolve_in_pass.connect(
            lambda point_id, number: self._write(
                lambda _d: self._service.resolve_open_point(point_id, number or None)
            )
        )
        self.open_points_label = plain_label(object_name="OpenPointsLabel")
        bold = QFont(self.open_points_label.font())
        bold.setBold(True)
        self.open_points_label.setFont(bold)
        pass1 = self.cards[0]
        pass1.body.addWidget(self.open_points_label)
        pass1.body.addWidget(self.open_points, 1)
        pass1.body.setStretchFactor(pass1.notes, 3)
        pass1.body.setStretchFactor(self.open_points, 2)
        self.passes_splitter.setSizes([400, 400, 400])
        # links made elsewhere (link dialog, a [[link]] in an answer) show up here too
        ctx.events.career_changed.connect(self._refresh_links)
        ctx.events.studying.connect(self._studying)

    # ---- showing -------------------------------------------------------------------------
    @property
    def item_id(self) -> int | None:
        return self._detail.id if self._detail else None

    def show_item(self, item_id: int | None) -> None:
        """Show an item (saving any pending notes of the previous one first)."""
        self.flush()
        if item_id is None:
            self._detail = None
            self.pages.setCurrentIndex(0)
            return
        try:
            detail = self._services.reader.item_detail(item_id)  # no ORM on the first screen
        except NotFoundError:
            self._detail = None
            self.pages.setCurrentIndex(0)
            return
        same_item = self._detail is not None and self._detail.id == detail.id
        self._detail = detail
        self._render(detail, reload_notes=not same_item)
        self.pages.setCurrentIndex(1)
        if not same_item:  # another item starts at its title, not where the last one was
            self.item_scroll.verticalScrollBar().setValue(0)

    def refresh(self) -> None:
        """Re-read the shown item after a change elsewhere (notes being typed are kept)."""
        if self._detail is not None:
            self.show_item(self._detail.id)

    def _render(self, d: ItemDetail, *, reload_notes: bool) -> None:
        self.title.setText(d.title)
        meta = [kind_label(d.kind), " + ".join((d.source, *d.also_from))]
        if d.category and d.category.casefold() != d.source.casefold():
            meta.append(d.category)
        if d.year:
            meta.append(str(d.year))
        if d.duration_seconds is not None:
            meta.append(format_duration(d.duration_seconds))
        if d.tags:
            meta.append("#" + "  #".join(d.tags))
        self.meta.setText("  ·  ".join(meta))

        self.summary.setText(d.summary or "")
        self.summary.setVisible(bool(d.summary))
        self._show_related(d)
        self._show_links(d.id)

        self.video_menu.clear()
        names = {"bilibili": "Bilibili", "youtube": "YouTube", "zhihu": self.tr("Zhihu")}
        for platform in PLATFORMS:
            url = d.links.get(platform)
            if url:
                action = QAction(names[platform], self.video_menu)
                action.setObjectName(f"open_{platform}")
                action.setToolTip(plain_tooltip(url))
                action.setStatusTip(url)
                action.triggered.connect(lambda _c=False, u=url: links.open_url(self, u))
                self.video_menu.addAction(action)
        self.video_menu.setToolTipsVisible(True)
        self.video_button.setVisible(bool(self.video_menu.actions()))
        self.link_button.setText(
            self.tr("Open paper") if d.kind in ("paper", "paper_video") else self.tr("Open link")
        )
        self.link_button.setVisible(bool(d.url))
        self.link_button.setToolTip(plain_tooltip(d.url or ""))

        paper_minutes = list(self._services.settings.get("paper_reading_minutes") or [])
        for card, info in zip(self.cards, d.passes, strict=True):
            card.studying = self._study_states.get((d.id, card.number), "")
            if reload_notes:
                card.log_offer.hide()  # the offer was for the item shown before
            card.show_pass(info, d, paper_minutes)
            card.notes.editor.setPlaceholderText(self._hint(d.kind == "paper", card.number))
            if reload_notes or card.number not in self._dirty:
                card.notes.set_text(d.notes.get(card.number, ""))
                self._loaded[card.number] = d.notes.get(card.number, "")
        self.open_points.model.set_points(d.open_points)
        unresolved = self.open_points.model.unresolved()
        if d.open_points:
            self.open_points_label.setText(
                self.tr("Didn't understand ({open} open of {total})")
                .replace("{open}", str(unresolved))
                .replace("{total}", str(len(d.open_points)))
            )
        else:
            self.open_points_label.setText(self.tr("Didn't understand"))

    def _show_related(self, d: ItemDetail) -> None:
        """Videos list the papers they cover and papers the videos covering them: one click away."""
        self.related_layout.clear()
        groups = ((self.tr("Covers:"), d.covers), (self.tr("Covered by:"), d.covered_by))
        for caption, items in groups:
            if not items:
                continue
            self.related_layout.addWidget(plain_label(caption))
            for item_id, title in items:
                self.related_layout.addWidget(self._chip("item", item_id, title, title))
        self.related.setVisible(bool(d.covers or d.covered_by))

    def _show_links(self, item_id: int) -> None:
        """Companies and questions the item is linked to, and the notes linking to it."""
        self.links_layout.clear()
        try:
            linked = self._services.link_reader.item_links(item_id)
            backlinks = self._services.link_reader.backlinks("item", item_id)
        except NotFoundError:
            self.links_box.hide()
            return
        groups: list[tuple[str, list[QToolButton]]] = [
            (
                self.tr("Relevant for:"),
                [self._chip("company", cid, name, name) for cid, name in linked.companies],
            ),
            (
                self.tr("Covers questions:"),
                [self._chip("question", qid, text, text) for qid, text, _c in linked.questions],
            ),
            (
                self.tr("Linked from:"),
                [
                    self._chip(
                        b.source.kind,
                        b.source.id,
                        b.source.title,
                        f"{b.source.title} ({b.where})\n{b.snippet}",
                    )
                    for b in backlinks
                    if not (b.source.kind == "item" and b.source.id == item_id)
                ],
            ),
        ]
        for caption, chips in groups:
            if not chips:
                continue
            # the caption and its first chip stay together when the line wraps
            head = QWidget()
            head_layout = QHBoxLayout(head)
            head_layout.setContentsMargins(0, 0, 0, 0)
            head_layout.setSpacing(2)
            label = plain_label(caption)
            label.setStyleSheet("color: palette(placeholder-text);")
            head_layout.addWidget(label)
            head_layout.addWidget(chips[0])
            self.links_layout.addWidget(head)
            for chip in chips[1:]:
                self.links_layout.addWidget(chip)
        self.links_box.setVisible(self.links_layout.count() > 0)

    def _refresh_links(self) -> None:
        if self._detail is not None:
            self._show_links(self._detail.id)

    def _chip(self, kind: str, target_id: int, title: str, tooltip: str) -> QToolButton:
        """A flat, plain-text link button to an item, company or question."""
        button = QToolButton()
        button.setObjectName(f"LinkChip_{kind}_{target_id}")
        button.setProperty("linkKind", kind)
        button.setProperty("linkId", target_id)
        button.setAutoRaise(True)
        one_line = " ".join(title.split())
        button.setText(
            one_line if len(one_line) <= CHIP_CHARS else one_line[: CHIP_CHARS - 1] + "…"
        )
        button.setToolTip(plain_tooltip(tooltip))
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setStyleSheet("color: palette(link);")
        button.clicked.connect(lambda _c=False, k=kind, i=target_id: self._follow_link(k, i))
        return button

    def _follow_link(self, kind: str, target_id: int) -> None:
        """A [[link]] or chip was clicked: items open here, the rest in their own view."""
        self.flush()
        if kind == "item":
            self._ctx.events.item_selected.emit(target_id)  # the library view shows it
        else:
            self._ctx.events.navigate.emit(kind, target_id)

    def _open_link_dialog(self) -> None:
        if self._detail is None:
            return
        self.flush()
        from desktop.career.link_dialog import open_link_dialog  # career modules: on first use

        if open_link_dialog(self, self._ctx, self._detail.id):
            self._refresh_links()

    def _hint(self, paper: bool, number: int) -> str:
        """What each pass is for (Li Mu's method), shown in the empty note editor."""
        if paper:
            return (
                self.tr("Skim: title, abstract, conclusion, figures. Worth reading on?"),
                self.tr("Read: the whole paper, figures and tables; note what is new."),
                self.tr("Deep: understand every detail, as if you had to reproduce it."),
            )[number - 1]
        return (
            self.tr("First watch at 1x: follow along and list what you didn't understand."),
            self.tr("Second watch, faster: take notes (Markdown) and resolve open points."),
            self.tr("Third watch: complete the notes until you understand all of it."),
        )[number - 1]

    # ---- notes autosave ------------------------------------------------------------------
    def _note_edited(self, number: int) -> None:
        if self._detail is None:
            return
        self._dirty[number] = (self._detail.id, self.cards[number - 1].notes.text())
        self._timers[number].touch()

    def _save_note(self, number: int) -> None:
        self._timers[number].stop()
        pending = self._dirty.pop(number, None)
        if pending is None:
            return
        item_id, _stale = pending
        text = self.cards[number - 1].notes.text()
        try:
            copy_id = self._service.save_note(
                item_id, number, text, loaded=self._loaded.get(number)
            )
        except ThreePassError as err:
            # keep it dirty so the next trigger retries; tell the user once
            self._dirty[number] = (item_id, text)
            dialogs.inform(self, self.tr("Note not saved"), str(err))
            return
        if self._detail is not None and self._detail.id == item_id:
            self._loaded[number] = text
        if copy_id is not None:
            # The text typed here stays (it is what the user sees and is still typing);
            # the one stored meanwhile is one click away in Notes rather than a question
            # popping up in the middle of typing.
            self._ctx.events.status_message.emit(
                self.tr(
                    "Pass {n}'s note was changed elsewhere while you typed: yours is saved, "
                    "the other text is kept in Notes as a conflict copy."
                ).replace("{n}", str(number))
            )
            self._ctx.events.items_changed.emit()  # the Notes view lists the copy

    def flush(self) -> None:
        """Save every pending note now (window close, item switch)."""
        for number in list(self._dirty):
            self._save_note(number)

    def has_pending_notes(self) -> bool:
        return bool(self._dirty)

    # ---- pass and open point writes ------------------------------------------------------
    def _pass_action(self, number: int, action: str) -> None:
        if self._detail is None:
            return
        item_id = self._detail.id
        if action in ("watch", "start"):  # the player feature runs both (desktop/player/)
            if action == "watch":
                self._ctx.events.watch_requested.emit(item_id, number)
            else:
                self._ctx.events.timer_requested.emit(item_id, number)
            self.refresh()
            return
        if action == "done":
            stop_timer_on(self._ctx, item_id, number)  # the timer's time is the pass's
        card = self.cards[number - 1]
        if change_pass(self, self._service, item_id, number, action):
            offer = after_done(self._ctx, item_id, number) if action == "done" else None
            if offer is not None:
                card.log_offer.offer(offer, self._detail.passes[number - 1].speed)
            else:
                card.log_offer.hide()
            self._changed()

    def _log_offered(self, number: int, minutes: int) -> None:
        if self._detail is not None and log_minutes(self._ctx, self._detail.id, number, minutes):
            self._changed()

    def _studying(self, item_id: int, number: int, state: str) -> None:
        self._study_states[(item_id, number)] = state
        if self._detail is not None and self._detail.id == item_id:
            self.cards[number - 1].set_studying(state)

    def _set_minutes(self, number: int, minutes: int) -> None:
        if self._detail is not None:
            self._write(lambda d: self._service.set_minutes(d, number, minutes))

    def _set_speed(self, number: int, speed: float) -> None:
        if self._detail is None:
            return
        item_id = self._detail.id
        if self._write(lambda d: self._service.set_pass_speed(d, number, speed)):
            self._ctx.events.speed_set.emit(item_id, number, speed)  # a playing mpv follows

    def _add_minutes(self, number: int, minutes: int) -> None:
        if self._detail is not None:
            self._write(lambda d: self._service.add_minutes(d, number, minutes))

    def _add_point(self, text: str) -> None:
        if self._detail is not None and self._write(
            lambda d: self._service.add_open_point(d, text)
        ):
            self.open_points.entry.clear()

    def _resolve_point(self, point_id: int, resolved: bool) -> None:
        in_pass: int | None = None
        if resolved and self._detail is not None:
            # resolved in the pass being worked on: pass 3 once it has begun, else pass 2
            in_pass = 3 if self._detail.passes[2].status != "todo" else 2
        self._write(lambda _d: self._service.resolve_open_point(point_id, in_pass))

    def _point_to_question(self, point_id: int) -> None:
        """One click: the open point becomes a bank question linked to this item."""
        if self._detail is None:
            return
        from desktop.career.link_dialog import question_from_open_point  # on first use

        if question_from_open_point(self, self._ctx, point_id) is not None:
            self._changed()

    def _delete_point(self, point_id: int) -> None:
        self._write(lambda _d: self._service.delete_open_point(point_id))

    def _write(self, action: Callable[[int], object]) -> bool:
        """Run one service write for the shown item; errors become one sentence."""
        assert self._detail is not None
        try:
            action(self._detail.id)
        except ThreePassError as err:
            dialogs.inform(self, self.tr("Not saved"), str(err))
            return False
        self._changed()
        return True

    def _changed(self) -> None:
        assert self._detail is not None
        item_id = self._detail.id
        self.refresh()
        self.item_changed.emit(item_id)

    def _open_link(self) -> None:
        if self._detail is not None and self._detail.url:
            links.open_url(self, self._detail.url)

    # ---- persistence ---------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        settings.setValue("library/passes_splitter", self.passes_splitter.saveState())
        for card in self.cards:
            settings.setValue(
                f"library/pass{card.number}_notes_splitter", card.notes.splitter.saveState()
            )

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("library/passes_splitter")
        if isinstance(state, QByteArray):
            self.passes_splitter.restoreState(state)
        for card in self.cards:
            state = settings.value(f"library/pass{card.number}_notes_splitter")
            if isinstance(state, QByteArray):
                card.notes.splitter.restoreState(state)
