"""Translators at run time: the committed .qm files, Qt's own strings, plurals, pseudo mode."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop import i18n
from desktop.widgets.formatting import format_speed


@pytest.fixture
def english_after(qapp: QApplication) -> Iterator[QApplication]:
    """Tests switch languages; leave the app in English for everyone else."""
    yield qapp
    i18n.install_translators(i18n.ENGLISH, qapp)
    QLocale.setDefault(QLocale("en_US"))


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def test_chinese_translators_cover_ours_and_qts(english_after: QApplication) -> None:
    i18n.install_translators(i18n.CHINESE, english_after)
    assert _t("MainWindow", "&File") == "文件(&F)"
    assert _t("Format", "Today") == "今天"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert "取消" in box.button(QDialogButtonBox.StandardButton.Cancel).text()  # qtbase_zh_CN
    assert QLocale().name() == "zh_CN"


def test_only_the_standard_translator_does_the_work(english_after: QApplication) -> None:
    """No Python translate() override: Qt looks each string up in the committed .qm files."""
    for language in (i18n.CHINESE, i18n.PSEUDO, i18n.ENGLISH):
        i18n.install_translators(language, english_after)
        installed = english_after._threepass_translators  # type: ignore[attr-defined]
        assert installed, language
        assert all(type(t) is QTranslator for t in installed), language


def test_a_string_is_found_by_its_own_context_only(english_after: QApplication) -> None:
    """Each string has one fixed context: the feature's strings are not the window's."""
    i18n.install_translators(i18n.CHINESE, english_after)
    assert _t("Library", "Library") == "资料库"  # the rail title, written in library/feature.py
    assert _t("career", "Applications") == "投递"
    assert _t("SomeSubclass", "&Quit") == "&Quit"
    assert _t("MainWindow", "A string nobody translated") == "A string nobody translated"


def test_a_missing_qm_shows_english_and_says_so(
    english_after: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    i18n.install_translators(i18n.CHINESE, english_after)
    assert _t("MainWindow", "&File") == "&File"
    assert "threepass_zh_CN.qm" in caplog.text


def test_switching_back_to_english_removes_translators(english_after: QApplication) -> None:
    i18n.install_translators(i18n.CHINESE, english_after)
    i18n.install_translators(i18n.ENGLISH, english_after)
    assert _t("MainWindow", "&File") == "&File"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert "取消" not in box.button(QDialogButtonBox.StandardButton.Cancel).text()


def test_english_plurals(english_after: QApplication) -> None:
    i18n.install_translators(i18n.ENGLISH, english_after)
    today = date(2026, 3, 2)
    assert i18n.format_relative_day(date(2026, 3, 3), today) == "Tomorrow"
    assert i18n.format_relative_day(date(2026, 3, 5), today) == "in 3 days"
    assert i18n.format_relative_day(date(2026, 2, 28), today) == "2 days ago"


def test_pseudo_mode(english_after: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(i18n.ENV_PSEUDO, "1")
    assert i18n.resolve_language(None, "zh_CN") == i18n.PSEUDO
    assert i18n.resolve_language("en", None) == i18n.ENGLISH  # --lang still wins
    i18n.install_translators(i18n.PSEUDO, english_after)
    text = _t("MainWindow", "Ready")
    assert text.startswith("[")
    assert text.endswith("]")
    assert len(text) > len("Ready") * 1.4
    assert text != "Ready"
    days = i18n.format_relative_day(date(2026, 3, 5), date(2026, 3, 2))  # a %n plural
    assert days.startswith("[")
    assert "3" in days
    assert "%n" not in days
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)  # Qt's strings untouched
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Cancel"


@pytest.mark.parametrize(
    "source",
    ["Imported {0}: {1} added", "%1 h %2 min", "in %n day(s)", "&File", "<b>{name}</b> &amp; co"],
)
def test_pseudo_text_keeps_placeholders_and_markup(source: str) -> None:
    text = i18n.pseudo_text(source)
    for token in i18n.PLACEHOLDER_RE.findall(source):
        assert token in text
    for token in ("<b>", "</b>", "&amp;"):
        if token in source:
            assert token in text
    assert len(text) >= len(source) + 4
    if "<" not in source:
        assert len(text) >= len(source) * 1.3


@pytest.mark.parametrize(
    ("given", "expected"),
    [("zh_CN", "zh_CN"), ("zh-TW", "zh_CN"), ("zh_HK", "zh_CN"), ("en_GB", "en"), ("de_DE", "en")],
)
def test_language_normalisation(given: str, expected: str) -> None:
    assert i18n.normalize_language(given) == expected


def test_system_language_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(i18n.ENV_PSEUDO, raising=False)
    system = i18n.normalize_language(QLocale.system().name())
    assert i18n.resolve_language(None, None) == system
    assert i18n.resolve_language(None, "system") == system
    assert i18n.resolve_language("zh_CN", "en") == "zh_CN"  # --lang beats the preference


def test_formatting_follows_the_chosen_locale(english_after: QApplication) -> None:
    i18n.install_translators(i18n.ENGLISH, english_after)
    QLocale.setDefault(QLocale("en_US"))
    assert i18n.format_minutes(70) == "1 h 10 min"
    assert i18n.format_minutes(45) == "45 min"
    assert i18n.format_number(1234.5, 1) == "1,234.5"
    assert format_speed(1.25) == "1.25×"
    assert format_speed(1.0) == "1×"
    assert i18n.format_date(date(2026, 3, 2)) == "3/2/26"
    assert i18n.format_size(1536000) == "1.5 MB"

    i18n.install_translators(i18n.CHINESE, english_after)
    assert i18n.format_minutes(70) == "1 小时 10 分钟"
    assert i18n.format_hours(12.5) == "12.5 小时"
    assert i18n.format_date(date(2026, 3, 2), long=True).startswith("2026年3月2日")
    assert "2026" in i18n.format_datetime(datetime(2026, 3, 2, 9, 5))
    assert i18n.format_weekday(date(2026, 3, 2), short=False) == "星期一"
    assert i18n.format_relative_day(date(2026, 3, 5), date(2026, 3, 2)) == "3 天后"

    QLocale.setDefault(QLocale("de_DE"))  # a decimal comma locale
    assert format_speed(1.25) == "1,25×"
    assert i18n.format_number(1234.5, 1) == "1.234,5"


def test_fill_replaces_in_one_pass() -> None:
    assert i18n.fill("%1 → %2", "a%2", "b") == "a%2 → b"
    assert i18n.fill("%1 of %3", 1) == "1 of %3"
