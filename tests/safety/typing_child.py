"""The real app (offscreen) typing into a pass note until the parent kills or stops it.

`python typing_child.py DATA_DIR ITEM_ID KEYS`: run `threepass --data-dir DATA_DIR` (the
program's own entry point), and once its window shows the library, select the item,
focus its pass-2 notes, then type `typed_text(KEYS)` one character every KEY_MS from the event
loop (as a user would: key presses, CJK committed by an input method) and keep running.
Prints `ready`, then `key I T` after character I (0-based) was typed at monotonic time T,
then `typed`; exits when the app does (SIGTERM). Each line is one write(2), so a kill never
leaves half a line.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

KEY_MS = 40
PATTERN = "Masked LM predicts 被遮住的词; NSP 判断下一句. "


def typed_text(keys: int) -> str:
    return (PATTERN * (keys // len(PATTERN) + 1))[:keys]


def report(line: str) -> None:
    os.write(1, (line + "\n").encode())


def die(kind: type[BaseException], err: BaseException, tb: TracebackType | None) -> None:
    """An error in a slot ends the child at once (the parent sees its output close)."""
    traceback.print_exception(kind, err, tb)
    os._exit(3)


def main(data_dir: str, item_id: int, keys: int) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.excepthook = die
    from desktop.app import main as threepass
    from desktop.gui import ensure_application
    from desktop.library.view import LibraryView
    from desktop.main_window import MainWindow

    app = ensure_application()
    text = typed_text(keys)
    state = {"next": 0}
    poll = QTimer()

    def editor() -> QWidget:
        window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
        view = window.view("library")
        assert isinstance(view, LibraryView)
        return view.pane.cards[1].notes.editor

    def type_one() -> None:
        i = state["next"]
        char = text[i]
        if char.isascii():
            QTest.keyClicks(editor(), char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(editor(), event)
        report(f"key {i} {time.monotonic():.4f}")
        state["next"] = i + 1
        if state["next"] < len(text):
            QTimer.singleShot(KEY_MS, type_one)
        else:
            report("typed")

    def start() -> None:
        """Once the app's window shows its library: select the item, focus pass 2's notes."""
        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
        if not windows or not windows[0].isVisible():
            return
        view = windows[0].view("library")
        assert isinstance(view, LibraryView)
        if view.loader.busy():
            return
        poll.stop()
        view.select_item(item_id)
        assert view.pane.item_id == item_id, "the item is not shown"
        editor().setFocus()
        report("ready")
        QTimer.singleShot(KEY_MS, type_one)

    poll.setInterval(50)
    poll.timeout.connect(start)
    poll.start()
    return threepass(["--data-dir", data_dir])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
