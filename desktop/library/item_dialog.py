"""Add / edit an item by hand. Bad input keeps the dialog open with one clear sentence."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.library.table_model import kind_label
from desktop.widgets import dialogs, links
from desktop.widgets.formatting import format_duration, parse_duration
from models.kinds import KINDS, PLATFORMS, VIDEO_KINDS
from models.services.dto import ItemInput

_TAG_SPLIT = re.compile(r"[,，、;；]")


def split_tags(text: str) -> list[str]:
    """Tags are comma separated; Chinese commas and 、 work too."""
    return [t.strip() for t in _TAG_SPLIT.split(text) if t.strip()]


class ItemDialog(QDialog):
    """Collects an ItemInput; submitted(ItemInput) fires on OK with valid fields.

    The owner saves it and calls show_error() if the service refuses, so nothing is lost.
    """

    submitted = Signal(object)

    def __init__(
        self,
        parent: QWidget | None,
        *,
        categories: list[str],
        initial: ItemInput | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ItemDialog")
        self.setWindowTitle(self.tr("Edit item") if initial else self.tr("New item"))
        self.setMinimumWidth(520)
        self._initial = initial

        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("e.g. Transformer 论文逐段精读"))
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://")
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.addItem("")
        self.category.addItems(sorted(categories, key=str.casefold))
        self.duration = QLineEdit()
        self.duration.setPlaceholderText(self.tr("h:mm:ss, mm:ss or minutes"))
        self.link_edits: dict[str, QLineEdit] = {}
        for platform in PLATFORMS:
            edit = QLineEdit()
            edit.setPlaceholderText("https://")
            self.link_edits[platform] = edit
        # a downloaded copy of the video: Watch plays it before any platform link
        self.local_file = QLineEdit()
        self.local_file.setObjectName("LocalFile")
        self.local_file.setPlaceholderText(self.tr("a downloaded copy of the video (optional)"))
        self.local_file.setAccessibleName(self.tr("Local video file"))
        self.browse_file = QPushButton(self.tr("Browse…"))
        self.browse_file.setAutoDefault(False)
        self.browse_file.clicked.connect(self._browse_file)
        local_row = QHBoxLayout()
        local_row.addWidget(self.local_file, 1)
        local_row.addWidget(self.browse_file)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("comma separated, e.g. NLP, 面试"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("&Title"), self.title_edit)
        form.addRow(self.tr("&URL"), self.url)
        form.addRow(self.tr("&Category"), self.category)
        form.addRow(self.tr("&Duration"), self.duration)
        platform_names = {
            "bilibili": self.tr("&Bilibili"),
            "youtube": self.tr("&YouTube"),
            "zhihu": self.tr("&Zhihu"),
        }
        for platform in PLATFORMS:
            form.addRow(platform_names.get(platform, platform), self.link_edits[platform])
        # a label made here, with its buddy: QFormLayout gives a label beside a layout no
        # buddy, and its "&" then showed literally ("&Local file")
        local_label = QLabel(self.tr("&Local file"))
        local_label.setBuddy(self.local_file)
        form.addRow(local_label, local_row)
        form.addRow(self.tr("Ta&gs"), self.tags)
        self._form = form
        self._local_row = form.rowCount() - 2
        # only videos are watched in mpv (papers have no Watch button)
        self.kind.currentIndexChanged.connect(self._show_local_file)

        self.error = QLabel()
        self.error.setObjectName("DialogError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()

        self.buttons = dialogs.ok_cancel(self, self._submit)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 14)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if initial is not None:
            self._fill(initial)
        self._show_local_file()
        self.title_edit.setFocus()

    def _is_video(self) -> bool:
        return str(self.kind.currentData()) in VIDEO_KINDS

    def _show_local_file(self) -> None:
        self._form.setRowVisible(self._local_row, self._is_video())

    def _fill(self, data: ItemInput) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(data.kind)))
        self.title_edit.setText(data.title)
        self.url.setText(data.url or "")
        self.category.setCurrentText(data.category or "")
        self.duration.setText(format_duration(data.duration_seconds))
        for platform, edit in self.link_edits.items():
            edit.setText(data.links.get(platform) or "")
        self.tags.setText(", ".join(data.tags))

    def collect(self) -> ItemInput:
        """The form as an ItemInput; ValueError carries the sentence to show."""
        title = self.title_edit.text().strip()
        if not title:
            raise ValueError(self.tr("An item needs a title."))
        try:
            duration = parse_duration(self.duration.text())
        except ValueError:
            raise ValueError(
                self.tr(
                    "The duration {text!r} is not valid; write h:mm:ss, mm:ss or minutes."
                ).replace("{text!r}", repr(self.duration.text().strip()))
            ) from None
        url = self.url.text().strip() or None
        if url and not links.is_allowed(url):
            raise ValueError(self.tr("The URL must start with http:// or https://."))
        link_values: dict[str, str | None] = {}
        for platform, edit in self.link_edits.items():
            value = edit.text().strip() or None
            if value and not links.is_allowed(value):
                raise ValueError(
                    self.tr("The {platform} link must start with http:// or https://.").replace(
                        "{platform}", platform
                    )
                )
            link_values[platform] = value
        base = self._initial or ItemInput(kind="", title="")
        return ItemInput(
            kind=str(self.kind.currentData()),
            title=title,
            url=url,
            category=self.category.currentText().strip() or None,
            year=base.year,
            published=base.published,
            duration_seconds=duration,
            links=link_values,
            summary=base.summary,
            tags=split_tags(self.tags.text()),
            reading_minutes=base.reading_minutes,
        )

    def local_file_path(self) -> str | None:
        """The downloaded video's path; ValueError (the sentence to show) if there is none."""
        path = self.local_file.text().strip()
        # a paper keeps the path it had (unchecked, never played): back to a video, it is there
        if path and self._is_video() and not Path(path).expanduser().is_file():
            raise ValueError(self.tr("There is no file at {path}.").replace("{path}", path))
        return str(Path(path).expanduser()) if path else None

    def _browse_file(self) -> None:
        path = dialogs.open_file(
            self,
            "local_video",
            self.tr("Choose the downloaded video"),
            self.tr("Videos (*.mp4 *.mkv *.webm *.flv *.mov *.avi *.m4v);;All files (*)"),
        )
        if path:
            self.local_file.setText(path)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _submit(self) -> None:
        try:
            data = self.collect()
            self.local_file_path()
        except ValueError as err:
            self.show_error(str(err))
            return
        self.error.hide()
        self.submitted.emit(data)
