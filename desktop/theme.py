"""Light and dark themes on Fusion: palette + a small style sheet, following the system scheme.

`ThemeController.apply(mode)` takes "system", "light" or "dark". In "system" mode it follows
QStyleHints.colorScheme and its change signal (Qt 6.5+), so the app turns dark with the
desktop. Views that paint their own colours ask `current_scheme()` / `colors()` and listen
to `controller().scheme_changed`. The colours for statuses come from the Okabe–Ito palette,
which stays distinguishable for the common colour-vision deficiencies; badges also carry a
shape (see desktop/icons.py), never colour alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
STYLE_FILE = RESOURCES_DIR / "styles" / "threepass.qss"

SYSTEM = "system"
LIGHT = "light"
DARK = "dark"
MODES = (SYSTEM, LIGHT, DARK)


class Colors(NamedTuple):
    """Named colours of one scheme; the style sheet template uses them as @name.

    A NamedTuple rather than a frozen dataclass: defining one costs ~1 ms less at start-up.
    """

    window: str
    base: str
    alternate: str
    text: str
    muted: str
    disabled: str
    button: str
    border: str
    accent: str
    accent_text: str
    link: str
    rail: str
    rail_hover: str
    # Okabe–Ito based status colours (colour-blind safe), tuned for contrast per scheme.
    todo: str
    in_progress: str
    done: str
    warning: str
    danger: str


LIGHT_COLORS = Colors(
    window="#f5f6f8",
    base="#ffffff",
    alternate="#f0f2f5",
    text="#1f2328",
    muted="#59636e",
    disabled="#8c959f",
    button="#f6f8fa",
    border="#d0d7de",
    accent="#0072b2",
    accent_text="#ffffff",
    link="#0061a6",
    rail="#eceef2",
    rail_hover="#dfe3e8",
    todo="#6e7781",
    in_progress="#b35f00",
    done="#0072b2",
    warning="#b35f00",
    danger="#c2410c",
)

DARK_COLORS = Colors(
    window="#1d2025",
    base="#15171b",
    alternate="#1f2329",
    text="#e6e8eb",
    muted="#a3acb7",
    disabled="#6e7681",
    button="#2a2f36",
    border="#3a414a",
    accent="#56b4e9",
    accent_text="#0b1620",
    link="#7cc4f0",
    rail="#181b1f",
    rail_hover="#262b31",
    todo="#a3acb7",
    in_progress="#e69f00",
    done="#56b4e9",
    warning="#e69f00",
    danger="#f0a06a",
)


def colors_for(scheme: str) -> Colors:
    return DARK_COLORS if scheme == DARK else LIGHT_COLORS


def system_scheme() -> str:
    """The desktop's colour scheme; light when the platform does not say."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return LIGHT
    scheme = app.styleHints().colorScheme()
    return DARK if scheme == Qt.ColorScheme.Dark else LIGHT


def build_palette(c: Colors) -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    group = QPalette.ColorGroup
    pairs = {
        role.Window: c.window,
        role.WindowText: c.text,
        role.Base: c.base,
        role.AlternateBase: c.alternate,
        role.ToolTipBase: c.base,
        role.ToolTipText: c.text,
        role.PlaceholderText: c.muted,
        role.Text: c.text,
        role.Button: c.button,
        role.ButtonText: c.text,
        role.BrightText: c.danger,
        role.Highlight: c.accent,
        role.HighlightedText: c.accent_text,
        role.Link: c.link,
        role.LinkVisited: c.link,
        role.Light: c.base,
        role.Midlight: c.alternate,
        role.Mid: c.border,
        role.Dark: c.border,
        role.Shadow: "#000000",
        role.Accent: c.accent,
    }
    for palette_role, value in pairs.items():
        palette.setColor(palette_role, QColor(value))
    for palette_role in (role.WindowText, role.Text, role.ButtonText, role.PlaceholderText):
        palette.setColor(group.Disabled, palette_role, QColor(c.disabled))
    palette.setColor(group.Disabled, role.Highlight, QColor(c.border))
    return palette


def check_mark(c: Colors) -> Path:
    """The tick drawn in the scheme's @accent_text (on a checked box's @accent fill)."""
    ink = "dark" if QColor(c.accent_text).lightness() < 128 else "light"
    return STYLE_FILE.parent / f"check-ink-{ink}.svg"


def style_sheet(c: Colors, template: str | None = None) -> str:
    """The .qss template with @name tokens replaced by the scheme's colours (and
    @check_mark by the tick's file)."""
    text = template if template is not None else STYLE_FILE.read_text(encoding="utf-8")
    text = text.replace("@check_mark", check_mark(c).as_posix())
    # Longest names first so @rail_hover is not eaten by @rail.
    for name in sorted(Colors._fields, key=len, reverse=True):
        text = text.replace(f"@{name}", getattr(c, name))
    return text


class ThemeController(QObject):
    """Owns the current mode; re-applies when the system scheme changes in "system" mode."""

    scheme_changed = Signal(str)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("ThreePassThemeController")
        self._app = app
        self.mode = SYSTEM
        self.scheme = LIGHT
        self._applied = False
        app.styleHints().colorSchemeChanged.connect(self._system_changed)

    def apply(self, mode: str | None) -> str:
        """Apply "system", "light" or "dark" (anything else means system); return the scheme."""
        self.mode = mode if mode in MODES else SYSTEM
        scheme = system_scheme() if self.mode == SYSTEM else self.mode
        if self._applied and scheme == self.scheme:
            return scheme  # re-polishing every widget is slow; nothing would change
        self._applied = True
        self._app.setStyle("Fusion")
        colors = colors_for(scheme)
        self._app.setPalette(build_palette(colors))
        self._app.setStyleSheet(style_sheet(colors))
        changed = scheme != self.scheme
        self.scheme = scheme
        if changed:
            self.scheme_changed.emit(scheme)
        return scheme

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.mode == SYSTEM:
            self.apply(SYSTEM)


def controller(app: QApplication | None = None) -> ThemeController:
    """The app's one ThemeController, created on first use."""
    instance = app or QApplication.instance()
    assert isinstance(instance, QApplication), "create the QApplication first"
    found = instance.findChild(ThemeController, "ThreePassThemeController")
    return found if found is not None else ThemeController(instance)


def apply_theme(mode: str | None, app: QApplication | None = None) -> str:
    return controller(app).apply(mode)


def current_scheme() -> str:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return LIGHT
    found = app.findChild(ThemeController, "ThreePassThemeController")
    if found is not None:
        return found.scheme
    return DARK if app.palette().color(QPalette.ColorRole.Window).lightness() < 128 else LIGHT


def colors() -> Colors:
    return colors_for(current_scheme())
