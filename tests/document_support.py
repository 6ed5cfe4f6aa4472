"""What a rendered QTextDocument holds, as the preview tests read it. Importable from any
test folder."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument


def anchors(document: QTextDocument) -> list[str]:
    """Every link target in the document, once each, in order."""
    found: list[str] = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor() and fmt.anchorHref() not in found:
                found.append(fmt.anchorHref())
            it += 1
        block = block.next()
    return found
