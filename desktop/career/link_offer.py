"""Writing `[[Minimax]]` in an item's pass notes offers to link the item to that company.

A `[[company]]` in a note is a wiki link, not a readiness link: readiness counts the items
linked to a company (the link dialog). The offer bridges the two without a dialog: a quiet
bar in the item pane, "Link this item to Minimax?" with Link / Not now. "Not now" is
remembered per item and company (QSettings), so the bar does not come back for them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from desktop.context import AppContext
from desktop.widgets.plain import PlainLabel
from models.errors import ThreePassError
from models.services.link_read import LinkReader, WikiTarget, name_key, wiki_names

DECLINED_KEY = "career/declined_company_links"  # "item_id:company_id" entries
CHECK_DELAY_MS = 400  # after the last keystroke: one look-up per pause, not per key


def declined() -> set[str]:
    value = QSettings().value(DECLINED_KEY, [])
    if isinstance(value, str):  # QSettings gives a one-element list back as a str
        value = [value]
    return {str(v) for v in value} if isinstance(value, list) else set()


def decline(item_id: int, company_id: int) -> None:
    QSettings().setValue(DECLINED_KEY, sorted(declined() | {f"{item_id}:{company_id}"}))


def offered_company(
    reader: LinkReader, item_id: int, notes: list[str], refused: set[str]
) -> WikiTarget | None:
    """The first company named as `[[name]]` in the notes that the item is not linked to
    and whose offer was not declined."""
    names = wiki_names("\n".join(notes))
    if not names:
        return None
    targets = reader.resolve(names)
    linked = {cid for cid, _name in reader.item_links(item_id).companies}
    for name in names:
        target = targets.get(name_key(name))
        if (
            target is not None
            and target.kind == "company"
            and target.id not in linked
            and f"{item_id}:{target.id}" not in refused
        ):
            return target
    return None


class CompanyLinkOffer(QFrame):
    """The bar; `pane` is the library's ItemPane (its `item_id` and pass `cards`)."""

    def __init__(self, ctx: AppContext, pane: QWidget) -> None:
        super().__init__(pane)
        self.setObjectName("CompanyLinkOffer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#CompanyLinkOffer { background: palette(alternate-base); border-radius: 4px; }"
        )
        self.ctx = ctx
        self.pane = pane
        self.reader = LinkReader(ctx.db)
        self.item_id: int | None = None
        self.company: WikiTarget | None = None
        self.label = PlainLabel(word_wrap=True)
        self.link_button = QPushButton(QCoreApplication.translate("career", "Link"))
        self.link_button.setObjectName("CompanyLinkOfferLink")
        self.link_button.setAutoDefault(False)
        self.link_button.clicked.connect(self.link)
        self.later_button = QPushButton(QCoreApplication.translate("career", "Not now"))
        self.later_button.setObjectName("CompanyLinkOfferLater")
        self.later_button.setAutoDefault(False)
        self.later_button.clicked.connect(self.not_now)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.link_button)
        row.addWidget(self.later_button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(CHECK_DELAY_MS)
        self.timer.timeout.connect(self.check)
        for card in getattr(pane, "cards", []):
            card.notes.edited.connect(self.timer.start)
        ctx.events.item_selected.connect(lambda _id: self.timer.start())
        ctx.events.career_changed.connect(self.timer.start)  # linked or renamed elsewhere
        self.hide()

    def _notes(self) -> list[str]:
        return [card.notes.text() for card in getattr(self.pane, "cards", [])]

    def check(self) -> None:
        """Show the offer for the shown item's notes, or hide it."""
        item_id = getattr(self.pane, "item_id", None)
        company = None
        if isinstance(item_id, int):
            try:
                company = offered_company(self.reader, item_id, self._notes(), declined())
            except ThreePassError:  # the item went away meanwhile
                company = None
        self.item_id = item_id if isinstance(item_id, int) else None
        self.company = company
        if company is None:
            self.hide()
            return
        self.label.setText(
            QCoreApplication.translate(
                "career", "Link this item to {company}? Its passes then count for its readiness."
            ).replace("{company}", company.title)
        )
        self.show()

    def link(self) -> None:
        if self.item_id is None or self.company is None:
            return
        from models.services.links import LinkService  # the ORM: on the first click

        item_id, company = self.item_id, self.company
        try:
            LinkService(self.ctx.db, self.ctx.clock).link_item_company(item_id, company.id)
        except ThreePassError as err:
            self.ctx.events.status_message.emit(str(err))
            return
        self.ctx.events.status_message.emit(
            QCoreApplication.translate("career", "Linked to {company}.").replace(
                "{company}", company.title
            )
        )
        self.ctx.events.career_changed.emit()  # readiness, the pane's chips, the views
        self.check()

    def not_now(self) -> None:
        if self.item_id is not None and self.company is not None:
            decline(self.item_id, self.company.id)
        self.check()


def attach(ctx: AppContext, pane: QWidget) -> CompanyLinkOffer:
    """Put the bar in the item pane, under its header (above the pass cards)."""
    offer = CompanyLinkOffer(ctx, pane)
    content = pane.findChild(QWidget, "ItemContent")  # the item's page, header first
    pages = getattr(pane, "pages", None)
    if content is None and isinstance(pages, QStackedWidget):
        content = pages.widget(1)
    layout = content.layout() if content is not None else None
    if isinstance(layout, QBoxLayout):
        layout.insertWidget(1, offer)
    else:
        outer = pane.layout()
        if outer is not None:
            outer.addWidget(offer)
    offer.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    return offer
