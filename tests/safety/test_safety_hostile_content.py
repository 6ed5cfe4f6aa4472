"""Hostile titles and notes, checked in the widgets' actual documents and labels.

A title or note is data, never markup: it shows as the characters typed, loads nothing
remote, runs nothing, and a link opens only http/https/mailto after the user saw the target.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QLabel
from pytestqt.qtbot import QtBot

from desktop.library.view import LibraryView
from desktop.main_window import MainWindow
from desktop.widgets import markdown
from desktop.widgets.markdown import MarkdownEditor, SafePreview
from models.db import Database
from models.services.career import ApplicationInput, CareerService, CompanyInput
from models.services.dto import ItemInput
from models.services.library import LibraryService
from models.services.review import QuestionInput, QuestionService
from tests.document_support import anchors

HOSTILE_TITLE = "<img src=x onerror=alert(1)> <b>粗体</b> &amp; <script>alert('标题')</script>"
HOSTILE_NOTE = """# 第一遍 notes

<script>alert("note")</script>
<img src="http://tracker.example/pixel.png" onerror="alert(2)">
<iframe src="https://evil.example/"></iframe>
<a href="javascript:alert(3)">raw html link</a>

![diagram](https://images.example/attention.png)
![local](file:///etc/passwd)

[js link](javascript:alert(4))
[file link](file:///etc/passwd)
[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==)
[paper](https://arxiv.org/abs/1706.03762)
<mailto:mu@example.com>
"""


def images(document: QTextDocument) -> list[str]:
    names: list[str] = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                names.append(fmt.toImageFormat().name())
            it += 1
        block = block.next()
    return names


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every resource the preview asks for (it must answer none of them)."""
    asked: list[str] = []
    original = SafePreview.loadResource

    def recording(self: SafePreview, kind: int, name: QUrl) -> object:
        asked.append(name.toString())
        result = original(self, kind, name)
        assert result is None
        return result

    monkeypatch.setattr(SafePreview, "loadResource", recording)
    return asked


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []

    def record(url: QUrl) -> bool:
        urls.append(url.toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(record))
    return urls


def test_a_hostile_note_preview_is_inert(qtbot: QtBot, loads: list[str]) -> None:
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    editor.set_text(HOSTILE_NOTE)
    document = editor.preview.document()
    text = document.toPlainText()
    # Raw HTML is shown as the characters typed, not interpreted.
    assert '<script>alert("note")</script>' in text
    assert '<img src="http://tracker.example/pixel.png" onerror="alert(2)">' in text
    assert '<iframe src="https://evil.example/"></iframe>' in text
    # No image is embedded: remote and local images became links the user can see.
    assert images(document) == []
    assert "[▣ diagram]" in text
    links = anchors(document)
    assert "https://images.example/attention.png" in links
    assert "https://arxiv.org/abs/1706.03762" in links
    assert "mailto:mu@example.com" in links
    assert not [h for h in links if h.split(":", 1)[0].lower() in {"javascript", "file", "data"}]
    assert not [name for name in loads if "://" in name and not name.startswith("file:")]


def test_links_open_only_web_and_mail_after_showing_the_target(
    qtbot: QtBot, opened: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.widgets import dialogs

    asked: list[str] = []
    told: list[str] = []

    def confirm(_parent: object, _title: str, text: str, **_kw: object) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(dialogs, "confirm", confirm)
    monkeypatch.setattr(dialogs, "inform", lambda _p, _t, text: told.append(text))
    preview = SafePreview()
    qtbot.addWidget(preview)
    for url in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,<script>x</script>"):
        preview.anchorClicked.emit(QUrl(url))
    assert opened == []
    assert asked == []
    assert len(told) == 3
    preview.anchorClicked.emit(QUrl("https://arxiv.org/abs/1706.03762"))
    assert asked
    assert "https://arxiv.org/abs/1706.03762" in asked[-1]
    assert opened == ["https://arxiv.org/abs/1706.03762"]


def test_the_markdown_renderer_keeps_html_disabled() -> None:
    html = markdown.render_markdown('<b onmouseover="x()">bold?</b> ![a](http://x.example/i.png)')
    assert "<b onmouseover" not in html
    assert "&lt;b onmouseover" in html
    assert "<img" not in html


def test_a_hostile_title_shows_as_characters_everywhere(
    db: Database, make_window: Callable[[Database], MainWindow], qtbot: QtBot
) -> None:
    item = LibraryService(db).create_item(ItemInput(kind="paper_video", title=HOSTILE_TITLE))
    LibraryService(db).save_note(item, 1, HOSTILE_NOTE)
    window = make_window(db)
    view = window.view("library")
    assert isinstance(view, LibraryView)
    window.show_view("library")
    view.select_item(item)
    qtbot.waitUntil(lambda: view.pane.item_id == item)
    # Library table: the model hands the view the raw string; item views never guess HTML.
    titles = [
        view.proxy.index(r, c).data()
        for r in range(view.proxy.rowCount())
        for c in range(view.proxy.columnCount())
    ]
    assert HOSTILE_TITLE in titles
    # Item pane title label: exactly the characters, as plain text.
    assert view.pane.title.text() == HOSTILE_TITLE
    assert view.pane.title.textFormat() == Qt.TextFormat.PlainText
    # Every label in the window that shows this data shows it as plain text.
    showing = [lab for lab in window.findChildren(QLabel) if "onerror" in lab.text()]
    assert showing
    assert all(lab.textFormat() == Qt.TextFormat.PlainText for lab in showing)
    # The pass-1 notes preview inside the real item pane is inert too.
    preview = view.pane.cards[0].notes.preview.document()
    qtbot.waitUntil(lambda: 'alert("note")' in preview.toPlainText())
    assert images(preview) == []


def test_no_label_in_any_view_interprets_data_as_markup(
    db: Database, make_window: Callable[[Database], MainWindow], qtbot: QtBot
) -> None:
    """Library, companies, applications and questions filled with markup, every view shown
    with its first row selected: each label showing the data is plain text, or rich text
    built from escaped data (link labels)."""
    library = LibraryService(db)
    item = library.create_item(
        ItemInput(
            kind="paper_video", title=HOSTILE_TITLE, category=HOSTILE_TITLE, tags=["<i>t</i>"]
        )
    )
    library.add_open_point(item, HOSTILE_TITLE)
    career = CareerService(db)
    company = career.add_company(
        CompanyInput(
            name=HOSTILE_TITLE,
            city="<i>北京</i>",
            focus=HOSTILE_TITLE,
            website="javascript:alert(1)",
            careers_url='https://jobs.example/"><img src=x onerror=alert(1)>',
            notes=HOSTILE_NOTE,
        )
    )
    career.apply(company, ApplicationInput(role=HOSTILE_TITLE, team="<b>team</b>"))
    QuestionService(db).add_question(QuestionInput(text=HOSTILE_TITLE, answer=HOSTILE_NOTE))
    window = make_window(db)
    for key in window.view_keys():
        window.show_view(key)
        for view in window.view(key).findChildren(QAbstractItemView):
            model = view.model()
            if view.isVisible() and model is not None and model.rowCount() > 0:
                view.setCurrentIndex(model.index(0, 0))
        qtbot.wait(20)
    showing = [lab for lab in window.findChildren(QLabel) if "onerror" in lab.text()]
    assert len(showing) >= 3  # the library item, the company and the question at least
    for label in showing:
        if label.textFormat() != Qt.TextFormat.PlainText:
            assert "<img" not in label.text(), f"{label.text()!r} is interpreted as markup"
