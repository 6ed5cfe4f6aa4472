"""The item dialog's local file row: a real mnemonic (not a literal "&"), shown only for the
video kinds, which are the ones watched in mpv."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QLabel
from pytestqt.qtbot import QtBot

from desktop.library.item_dialog import ItemDialog


def local_label(dialog: ItemDialog) -> QLabel:
    form = dialog.findChild(QFormLayout)
    assert isinstance(form, QFormLayout)
    label = None
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        widget = item.widget() if item is not None else None
        if isinstance(widget, QLabel) and "Local file" in widget.text():
            label = widget
    assert isinstance(label, QLabel)
    return label


def test_the_local_file_label_has_a_buddy_and_only_videos_show_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = ItemDialog(None, categories=[])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    label = local_label(dialog)
    assert label.buddy() is dialog.local_file  # "&L" is a mnemonic, drawn underlined

    for kind, shown in (("paper", False), ("paper_video", True), ("course_video", True)):
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        assert dialog.local_file.isVisible() is shown, kind
        assert label.isVisible() is shown, kind

    dialog.kind.setCurrentIndex(dialog.kind.findData("paper"))
    dialog.local_file.setText(str(tmp_path / "gone.mp4"))
    assert dialog.local_file_path() == str(tmp_path / "gone.mp4")  # kept, not checked
