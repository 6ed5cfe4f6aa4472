"""Themes (light, dark, following the system), icons on both, colour-blind-safe badges."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QImage, QPalette
from PySide6.QtWidgets import QApplication

from desktop import icons, theme
from desktop.context import AppContext, Events
from desktop.gui import build_window
from models.clock import FixedClock
from models.db import Database


@pytest.fixture
def restore_theme(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    qapp.styleHints().unsetColorScheme()
    theme.apply_theme(theme.LIGHT, qapp)


def _window_lightness(app: QApplication) -> int:
    return app.palette().color(QPalette.ColorRole.Window).lightness()


def _ink_lightness(icon: QIcon) -> int:
    """Lightness of the most opaque pixel of a rendered icon (its stroke colour)."""
    image = icon.pixmap(24, 24).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    best = max(
        (image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())),
        key=lambda c: c.alpha(),
    )
    assert best.alpha() > 200, "the icon rendered nothing"
    return best.lightness()


def test_light_and_dark_palettes_and_style_sheet(restore_theme: QApplication) -> None:
    assert theme.apply_theme(theme.DARK, restore_theme) == theme.DARK
    assert _window_lightness(restore_theme) < 80
    sheet = re.sub(r"/\*.*?\*/", "", restore_theme.styleSheet(), flags=re.S)
    assert "NavRail" in sheet
    assert "@" not in sheet, "every @token is replaced"
    assert theme.current_scheme() == theme.DARK
    assert theme.apply_theme(theme.LIGHT, restore_theme) == theme.LIGHT
    assert _window_lightness(restore_theme) > 200


def test_system_mode_follows_the_colour_scheme(
    restore_theme: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The offscreen platform cannot switch schemes, so the desktop's answer is stubbed and
    the real QStyleHints.colorSchemeChanged signal is emitted as a desktop would."""
    desktop_scheme = [theme.LIGHT]
    monkeypatch.setattr(theme, "system_scheme", lambda: desktop_scheme[0])
    controller = theme.controller(restore_theme)
    hints = restore_theme.styleHints()
    theme.apply_theme(theme.SYSTEM, restore_theme)
    assert controller.scheme == theme.LIGHT
    seen: list[str] = []
    controller.scheme_changed.connect(seen.append)
    desktop_scheme[0] = theme.DARK
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert controller.scheme == theme.DARK
    assert seen == [theme.DARK]
    assert _window_lightness(restore_theme) < 80
    theme.apply_theme(theme.LIGHT, restore_theme)  # a manual override ignores the system
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert controller.scheme == theme.LIGHT
    assert _window_lightness(restore_theme) > 200


def test_line_icons_take_the_text_colour(restore_theme: QApplication) -> None:
    assert set(icons.VIEW_ICONS.values()) <= set(icons.icon_names())
    theme.apply_theme(theme.LIGHT, restore_theme)
    light = {name: _ink_lightness(icons.icon(name)) for name in set(icons.VIEW_ICONS.values())}
    theme.apply_theme(theme.DARK, restore_theme)
    dark = {name: _ink_lightness(icons.icon(name)) for name in set(icons.VIEW_ICONS.values())}
    assert all(value < 80 for value in light.values()), light
    assert all(value > 180 for value in dark.values()), dark
    assert icons.icon("no-such-icon").isNull()


def test_app_icon_renders() -> None:
    icon = icons.app_icon()
    assert not icon.isNull()
    image = icon.pixmap(64, 64).toImage()
    assert image.pixelColor(32, 32).alpha() > 0


def test_rail_gets_icons_and_retints_on_theme_change(
    db: Database, clock: FixedClock, qtbot: object, restore_theme: QApplication
) -> None:
    theme.apply_theme(theme.LIGHT, restore_theme)
    window = build_window(AppContext(db=db, clock=clock, events=Events()))
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    rail = window.rail
    keyed = [
        rail.item(row)
        for row in range(rail.count())
        if rail.item(row).data(Qt.ItemDataRole.UserRole) in icons.VIEW_ICONS
    ]
    assert keyed, "features installed rail entries"
    assert all(not item.icon().isNull() for item in keyed)
    before = _ink_lightness(keyed[0].icon())
    theme.apply_theme(theme.DARK, restore_theme)
    QApplication.processEvents()
    assert _ink_lightness(keyed[0].icon()) > before + 100


def test_status_badges_do_not_rely_on_colour() -> None:
    """Grey-scaled, the three status icons still differ (shape), and the texts differ too."""
    grey = {
        status: icons.pass_status_icon(status, 16)
        .pixmap(16, 16)
        .toImage()
        .convertToFormat(QImage.Format.Format_Grayscale8)
        for status in ("todo", "in_progress", "done")
    }
    assert grey["todo"] != grey["in_progress"] != grey["done"] != grey["todo"]
    texts = {icons.pass_badge_text(1, s) for s in ("todo", "in_progress", "done")}
    assert len(texts) == 3
    labels = {icons.pass_status_label(s) for s in ("todo", "in_progress", "done")}
    assert len(labels) == 3
