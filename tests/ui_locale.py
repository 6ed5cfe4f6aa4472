"""The UI language, local time and English plural forms as tests need them.

Shared by the test areas that check what users read (career and backup dates, planner and
stats counts); importable from any test folder, as tests/ is on the path.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from desktop import i18n


@contextmanager
def ui_language(lang: str, app: QApplication) -> Iterator[str]:
    """The UI language switched as the app does it at start-up; English again afterwards."""
    i18n.install_translators(lang, app)
    if lang == i18n.ENGLISH:
        QLocale.setDefault(QLocale("en_US"))  # not the machine's English variant
    try:
        yield lang
    finally:
        i18n.install_translators(i18n.ENGLISH, app)
        QLocale.setDefault(QLocale("en_US"))


@contextmanager
def local_time_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Timestamps are stored in UTC and shown in local time: make local time UTC."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        yield
    finally:
        monkeypatch.undo()
        time.tzset()


def english_plurals(forms: dict[str, tuple[str, str]]) -> Callable[..., str]:
    """A stand-in for tr() doing what the English numerus forms do with `forms`
    ("day(s)" -> ("day", "days")); only a tr() call that passes n gets them."""

    def tr(_self: object, text: str, _disambiguation: object = None, n: int = -1) -> str:
        if n < 0:
            return text
        for source, (one, many) in forms.items():
            text = text.replace(source, one if n == 1 else many)
        return text.replace("%n", str(n))

    return tr
