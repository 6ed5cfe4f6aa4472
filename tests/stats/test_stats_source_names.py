"""Stats names the sources as the rest of the UI does: 论文精读 and fast.ai 课程 in Chinese,
not the sources' codes ("paper-reading", "fastai", "notes")."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

import pytest
from PySide6.QtWidgets import QApplication

from desktop.main_window import MainWindow
from models.db import Database
from tests.stats.test_stats_service import add
from tests.stats.test_stats_view import stats_of
from tests.ui_locale import ui_language

WindowFactory = Callable[[], MainWindow]


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[str]:
    with ui_language("zh_CN", qapp) as lang:
        yield lang


def test_sources_are_named_in_chinese(
    chinese: str, make_window: WindowFactory, db: Database
) -> None:
    add(db, "Lesson 1", done={1: datetime(2026, 3, 1, 21)})
    add(db, "Transformer论文逐段精读", source="paper-reading", kind="paper_video")
    add(db, "看三遍", source="notes", kind="article")
    view = stats_of(make_window())
    labels = {r.label for r in view.by_source.rows()}
    assert labels == {"fast.ai 课程", "论文精读", "笔记"}
    hours = view.hours_label.text()
    assert "论文精读" in hours
    assert "paper-reading" not in hours
    assert "fastai" not in hours
