"""Names a screen reader announces, where a widget's own text gives none (#16)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget


def name_tab_pages(tabs: QTabWidget) -> None:
    """A tab's page (a table, an editor) is announced by its tab's title unless it has a
    name of its own: call once the tabs are added."""
    for index in range(tabs.count()):
        page = tabs.widget(index)
        if page is not None and not page.accessibleName():
            title = tabs.tabText(index).replace("&&", "\0").replace("&", "").replace("\0", "&")
            page.setAccessibleName(title)
