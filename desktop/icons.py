"""Icons that work on light and dark themes, the app icon, and colour-blind-safe status badges.

Line icons in resources/icons/ draw with `currentColor`; `icon(name)` renders them in the
palette's text colour, so one SVG serves both themes. Status badges pair a colour with a
shape and a symbol (○ to do, ◐ in progress, ● done), so they read without colour vision.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QListWidget

from desktop import theme

ICONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
APP_ICON = ICONS_DIR / "threepass.svg"
SIZES = (16, 20, 24, 32, 48)

# Rail view key → icon name (features add views by key; gui.py sets the icons afterwards).
VIEW_ICONS = {
    "library": "library",
    "item": "item",
    "today": "today",
    "planner": "today",
    "week": "week",
    "companies": "companies",
    "board": "board",
    "questions": "questions",
    "stats": "stats",
    "notes": "notes",
    "journal": "notes",
    "import": "import",
    "preferences": "preferences",
}

PASS_SYMBOLS = {"todo": "○", "in_progress": "◐", "done": "●"}


def icon_names() -> list[str]:
    return sorted(p.stem for p in ICONS_DIR.glob("*.svg"))


def _text_color() -> str:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app.palette().color(QPalette.ColorRole.WindowText).name()
    return theme.colors().text


@lru_cache(maxsize=256)
def _render(name: str, color: str) -> QIcon:
    path = ICONS_DIR / f"{name}.svg"
    svg = path.read_text(encoding="utf-8").replace("currentColor", color)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    result = QIcon()
    if not renderer.isValid():
        return result
    for size in SIZES:
        for scale in (1, 2):
            pixmap = QPixmap(size * scale, size * scale)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            renderer.render(painter)
            painter.end()
            pixmap.setDevicePixelRatio(scale)
            result.addPixmap(pixmap)
    return result


def icon(name: str, color: str | None = None) -> QIcon:
    """A line icon from resources/icons in `color` (default: the palette's text colour)."""
    if not (ICONS_DIR / f"{name}.svg").is_file():
        return QIcon()
    return _render(name, color or _text_color())


def app_icon() -> QIcon:
    return QIcon(str(APP_ICON))


def set_rail_icons(rail: QListWidget) -> int:
    """Give every rail entry whose key (UserRole) has an icon that icon; return how many."""
    done = 0
    for row in range(rail.count()):
        item = rail.item(row)
        name = VIEW_ICONS.get(str(item.data(Qt.ItemDataRole.UserRole)))
        if name is not None:
            item.setIcon(icon(name))
            done += 1
    return done


# ---- status badges ------------------------------------------------------------------------


def pass_status_label(status: str) -> str:
    labels = {
        "todo": QCoreApplication.translate("PassStatus", "To do"),
        "in_progress": QCoreApplication.translate("PassStatus", "In progress"),
        "done": QCoreApplication.translate("PassStatus", "Done"),
    }
    return labels.get(status, status)


def pass_status_color(status: str) -> QColor:
    c = theme.colors()
    return QColor(
        {"todo": c.todo, "in_progress": c.in_progress, "done": c.done}.get(status, c.muted)
    )


def pass_badge_text(number: int, status: str) -> str:
    """Compact badge for a table cell: "1●" — the symbol carries the state, not the colour."""
    return f"{number}{PASS_SYMBOLS.get(status, '?')}"


def pass_status_icon(status: str, size: int = 16) -> QIcon:
    """Circle outline (to do), half-filled (in progress) or filled with a tick (done)."""
    color = pass_status_color(status)
    result = QIcon()
    for scale in (1, 2):
        pixmap = QPixmap(size * scale, size * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(color, max(1.5, size / 10))
        painter.setPen(pen)
        rect = QRectF(2, 2, size - 4, size - 4)
        if status == "done":
            painter.setBrush(color)
            painter.drawEllipse(rect)
            tick = QPen(QColor(theme.colors().base), max(1.5, size / 9))
            painter.setPen(tick)
            s = size
            points = [QPointF(s * 0.3, s * 0.52), QPointF(s * 0.45, s * 0.67)]
            painter.drawPolyline([*points, QPointF(s * 0.71, s * 0.37)])
        elif status == "in_progress":
            painter.drawEllipse(rect)
            painter.setBrush(color)
            painter.drawPie(rect, 90 * 16, 180 * 16)
        else:
            painter.drawEllipse(rect)
        painter.end()
        result.addPixmap(pixmap)
    return result
