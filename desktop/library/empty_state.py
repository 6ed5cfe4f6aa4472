"""What an empty library shows (a friendly sentence and the two ways to fill it), and what
the table shows when the search and filters hide every item."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.widgets.centred import centred_row, headline_label


class EmptyLibrary(QWidget):
    import_requested = Signal()  # the paper-reading list
    add_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EmptyLibrary")
        headline = headline_label(self.tr("Your library is empty"), 1.6)
        body = QLabel(
            self.tr(
                "Start from Li Mu's paper-reading list (dozens of paper videos) or the "
                "fast.ai course (its lessons and the book's questionnaires), bring in your "
                "own Markdown study notes file (its links, questions and companies), or add "
                "a course video, paper or article by hand. Each item gets three passes: "
                "watch, take notes, understand all."
            )
        )
        body.setTextFormat(Qt.TextFormat.PlainText)
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setFixedWidth(520)
        body.setStyleSheet("color: palette(placeholder-text);")

        self.import_button = QPushButton(self.tr("Import the paper-reading list"))
        self.import_button.setObjectName("EmptyImport")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_requested.emit)
        self.fastai_button = QPushButton(self.tr("Import the fast.ai course"))
        self.fastai_button.setObjectName("EmptyImportFastai")
        self.fastai_button.clicked.connect(lambda: self._trigger("action_import_fastai"))
        self.notes_button = QPushButton(self.tr("Import my notes file"))
        self.notes_button.setObjectName("EmptyImportNotes")
        self.notes_button.clicked.connect(lambda: self._trigger("action_import_notes"))
        self.add_button = QPushButton(self.tr("Add an item"))
        self.add_button.setObjectName("EmptyAdd")
        self.add_button.clicked.connect(self.add_requested.emit)
        for button in (self.import_button, self.fastai_button, self.notes_button, self.add_button):
            button.setMinimumHeight(34)
            button.setMinimumWidth(180)

        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(headline)
        layout.addSpacing(8)
        layout.addLayout(centred_row(body))
        layout.addSpacing(20)
        layout.addLayout(centred_row(self.import_button, self.fastai_button, spacing=12))
        layout.addSpacing(8)
        layout.addLayout(centred_row(self.notes_button, self.add_button, spacing=12))
        layout.addStretch(3)

    def _trigger(self, action_name: str) -> None:
        """Run the Import menu's action of that name (the importing feature makes them after
        the first paint); until it exists, what the paper-reading button does (open the menu)."""
        action = self.window().findChild(QAction, action_name)
        if isinstance(action, QAction):
            if action.isEnabled():
                action.trigger()
        else:
            self.import_requested.emit()


QUOTED_CHARS = 60  # a longer search text is cut with "…" in the sentence


class NoMatches(QWidget):
    """Shown over the table's empty viewport when the search or filters hide every item: a
    blank table read as "nothing there" or "still loading". Says which text found nothing
    and where search looks, and clears them in one click. Distinct from EmptyLibrary, the
    first-run state of a library with no items at all.
    """

    clear_requested = Signal()

    def __init__(self, viewport: QWidget) -> None:
        super().__init__(viewport)
        self._viewport = viewport
        self.setObjectName("NoMatches")
        self.headline = headline_label("", 1.25)
        self.headline.setObjectName("NoMatchesHeadline")
        self.headline.setWordWrap(True)
        self.hint = QLabel(
            self.tr(
                "Search looks in titles, notes, descriptions, categories, tags and the "
                "names of linked companies and questions."
            )
        )
        self.hint.setObjectName("NoMatchesHint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("NoMatchesClear")
        self.clear_button.clicked.connect(self.clear_requested.emit)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.addStretch(1)
        layout.addWidget(self.headline)
        layout.addWidget(self.hint)
        layout.addSpacing(6)
        layout.addLayout(centred_row(self.clear_button))
        layout.addStretch(2)
        viewport.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Cover the whole viewport as it resizes."""
        if watched is self._viewport and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._viewport.rect())
        return False

    def show_for(self, text: str, *, other_filters: bool) -> None:
        """Show what found nothing: the search `text` (stripped) and/or the other filters."""
        quoted = text if len(text) <= QUOTED_CHARS else text[: QUOTED_CHARS - 1] + "…"
        if text and other_filters:
            headline = self.tr("No items match “{text}” with these filters")
        elif text:
            headline = self.tr("No items match “{text}”")
        else:
            headline = self.tr("No items match these filters")
        self.headline.setText(headline.replace("{text}", quoted))
        self.hint.setVisible(bool(text))
        self.clear_button.setText(
            self.tr("Clear filters") if other_filters else self.tr("Clear search")
        )
        self.setGeometry(self._viewport.rect())
        self.show()
        self.raise_()
