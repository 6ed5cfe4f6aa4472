"""Opening links from user data: only web (and mail) schemes ever reach the browser."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from desktop.widgets import dialogs

WEB_SCHEMES = frozenset({"http", "https"})
NOTE_SCHEMES = frozenset({"http", "https", "mailto"})


def is_allowed(url: str | QUrl, schemes: frozenset[str] = WEB_SCHEMES) -> bool:
    qurl = url if isinstance(url, QUrl) else QUrl(url.strip())
    return (
        qurl.isValid()
        and qurl.scheme().lower() in schemes
        and bool(qurl.host() or qurl.scheme().lower() == "mailto")
    )


def open_url(
    parent: QWidget | None,
    url: str | QUrl,
    *,
    schemes: frozenset[str] = WEB_SCHEMES,
    ask: bool = False,
) -> bool:
    """Open url in the system browser if its scheme is allowed (after a confirm when ask)."""
    qurl = url if isinstance(url, QUrl) else QUrl(url.strip())
    title = QCoreApplication.translate("Links", "Open link")
    if not is_allowed(qurl, schemes):
        dialogs.inform(
            parent,
            title,
            QCoreApplication.translate(
                "Links", "ThreePass only opens web and mail links; this one was not opened:\n{url}"
            ).format(url=qurl.toString()),
        )
        return False
    if ask and not dialogs.confirm(
        parent,
        title,
        QCoreApplication.translate("Links", "Open this address in your browser?\n\n{url}").format(
            url=qurl.toString()
        ),
    ):
        return False
    return bool(QDesktopServices.openUrl(qurl))
