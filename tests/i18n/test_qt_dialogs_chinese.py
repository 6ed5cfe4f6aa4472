"""Qt's own dialogs speak Chinese in zh_CN: the file dialog's labels included, which carry a
mnemonic ("&Look in:") that Qt's shipped translation only knows without it."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QApplication, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from tests.ui_locale import ui_language


def test_a_file_dialog_in_chinese_has_no_english_labels(qtbot: QtBot, qapp: QApplication) -> None:
    with ui_language("zh_CN", qapp):
        dialog = QFileDialog(None, "x")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        qtbot.addWidget(dialog)
        dialog.show()
        labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
        dialog.close()
    assert not any("Look in" in text for text in labels), labels
    assert not [text for text in labels if re.search("[A-Za-z]{3}", text)], labels
    assert "查找范围(&L)：" in labels
