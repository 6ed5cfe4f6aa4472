"""Every symbol character the UI shows has a glyph in the fonts the app expects (#16): the
system's UI font and the CJK font the set-up installs. The status-bar chip's "⏱" (an emoji
most fonts lack) drew as an empty box; the chip shows an icon instead."""

from __future__ import annotations

import ast
import unicodedata
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.library.view import LibraryView
from desktop.main_window import MainWindow
from desktop.player.chip import StudyChip
from models.clock import FixedClock
from models.db import Database
from models.services.dto import ItemInput
from models.services.library import LibraryService

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"


def _symbol(char: str) -> bool:
    """Punctuation, symbols and other marks beyond ASCII (letters and CJK ideographs are the
    fonts' own business)."""
    category = unicodedata.category(char)
    return ord(char) > 0x7F and (category[0] in "PS" or category == "No")


def ui_texts() -> set[str]:
    """Every string literal of desktop/ (what tr() is given, glyph tables, labels) and the
    Chinese translation of each of them that is still used."""
    texts: set[str] = set()
    for path in DESKTOP.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        texts.update(
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        )
    translations = i18n.TRANSLATIONS_DIR / "threepass_zh_CN.ts"
    for message in i18n.read_ts(translations):
        if message.source in texts and message.status not in ("obsolete", "vanished"):
            texts.update(message.forms)
    return texts


def expected_fonts(app: QApplication) -> list[QFont]:
    """The UI font as the system resolves it, and the CJK font Chinese text falls back to."""
    fonts = [QFont(QFontInfo(app.font()).family())]
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    cjk = [f for f in chinese if "CJK" in f and "Mono" not in f] or chinese[:1]
    fonts.extend(QFont(family) for family in cjk[:1])
    return fonts


def missing_glyphs(chars: set[str], fonts: list[QFont]) -> list[str]:
    metrics = [QFontMetrics(font) for font in fonts]
    return sorted(c for c in chars if not any(m.inFontUcs4(ord(c)) for m in metrics))


def test_the_glyph_check_sees_a_character_no_font_has(qapp: QApplication) -> None:
    private_use = "\ue000"
    assert missing_glyphs({private_use, "●"}, expected_fonts(qapp)) == [private_use]


def test_every_symbol_of_the_ui_has_a_glyph(qapp: QApplication) -> None:
    symbols = {c for text in ui_texts() for c in text if _symbol(c)}
    # the ones the tester saw, so the scan is known to reach labels, tables and the chip
    assert {"▶", "●", "○", "◐", "★", "·", "…"} <= symbols
    assert "⏱" not in symbols
    fonts = expected_fonts(qapp)
    missing = missing_glyphs(symbols, fonts)
    names = [f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in missing]
    assert not missing, f"no glyph in {[QFontInfo(f).family() for f in fonts]}: {names}"


def test_the_timer_chip_shows_an_icon(
    make_window: Callable[[], MainWindow], db: Database, clock: FixedClock, qtbot: QtBot
) -> None:
    item = LibraryService(db, clock).create_item(
        ItemInput(kind="course_video", title="Lesson 3", duration_seconds=3600)
    )
    window = make_window()
    view = window.view("library")
    assert isinstance(view, LibraryView)
    view.select_item(item)
    start = view.pane.cards[0].findChild(QPushButton, "Pass1Start")
    assert start is not None
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    chip = window.findChild(StudyChip, "StudyChip")
    assert isinstance(chip, StudyChip)
    chip.refresh()
    assert chip.isVisible()
    assert chip.icon_name == "timer"
    pixmap = chip.icon.pixmap()
    assert not pixmap.isNull()
    image = pixmap.toImage()
    assert any(  # the icon draws something, it is not a blank square
        image.pixelColor(x, y).alpha() > 0
        for x in range(image.width())
        for y in range(image.height())
    )
    text = chip.label.text()
    assert text.startswith("Lesson 3 · pass 1")
    fonts = expected_fonts(QApplication.instance())  # type: ignore[arg-type]
    assert missing_glyphs({c for c in text if _symbol(c)}, fonts) == []
