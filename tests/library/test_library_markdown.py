"""Notes preview is inert: no raw HTML, no remote images, only web/mail links after a confirm."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.widgets.markdown import MarkdownEditor, render_markdown
from tests.library.library_helpers import Answers


def test_raw_html_is_shown_as_text_not_run() -> None:
    out = render_markdown('<script>alert("x")</script>\n\n<img src="http://evil/x.png">')
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert "<img" not in out


def test_remote_images_become_links() -> None:
    out = render_markdown("![架构图](https://example.com/arch.png)")
    assert "<img" not in out
    assert '<a href="https://example.com/arch.png">[▣ 架构图]</a>' in out


def test_markdown_features_and_cjk() -> None:
    out = render_markdown("# 标题\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~旧~~ `code`")
    assert "<h1>标题</h1>" in out
    assert "<table>" in out
    assert "<s>旧</s>" in out
    assert "href" not in render_markdown("[x](javascript:alert(1))")  # not made a link


def test_preview_updates_live_and_loads_nothing(qapp: QApplication, qtbot: QtBot) -> None:
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    editor.set_text("**粗体** ![i](http://127.0.0.1:9/x.png)")
    assert "粗体" in editor.preview.toPlainText()
    assert editor.preview.loadResource(2, QUrl("http://127.0.0.1:9/x.png")) is None
    with qtbot.waitSignal(editor.edited):
        editor.editor.insertPlainText("\n\n## 新的")
    qtbot.waitUntil(lambda: "新的" in editor.preview.toPlainText())


def test_links_in_notes_need_a_confirm_and_a_web_scheme(
    qapp: QApplication, qtbot: QtBot, answers: Answers, opened_urls: list[str]
) -> None:
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    preview = editor.preview
    answers.reply = False
    preview.anchorClicked.emit(QUrl("https://arxiv.org/abs/1706.03762"))
    assert opened_urls == []
    assert "https://arxiv.org/abs/1706.03762" in answers.questions[-1]
    answers.reply = True
    preview.anchorClicked.emit(QUrl("https://arxiv.org/abs/1706.03762"))
    preview.anchorClicked.emit(QUrl("mailto:me@example.com"))
    asked = len(answers.questions)
    preview.anchorClicked.emit(QUrl("file:///etc/passwd"))
    preview.anchorClicked.emit(QUrl("javascript:alert(1)"))
    assert opened_urls == ["https://arxiv.org/abs/1706.03762", "mailto:me@example.com"]
    assert len(answers.questions) == asked  # refused before asking
    assert len(answers.warnings) == 2


def test_dialog_boxes_show_user_data_as_plain_text(qapp: QApplication, qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QMessageBox

    from desktop.widgets import dialogs

    seen: list[tuple[Qt.TextFormat, str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append((box.textFormat(), box.text()))
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(0, answer)
    assert not dialogs.confirm(None, "t", "Delete “<b>粗</b>”?", destructive=True)
    assert seen == [(Qt.TextFormat.PlainText, "Delete “<b>粗</b>”?")]
