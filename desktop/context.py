"""What every feature widget receives: the open database, the clock and the change bus."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from models.clock import Clock
from models.db import Database


class Events(QObject):
    """App-wide change notifications, so views refresh without knowing each other."""

    items_changed = Signal()  # library rows added/removed/edited, passes changed
    item_selected = Signal(int)  # ask the library to show this item
    navigate = Signal(str, int)  # show a [[link]] target: kind (item/company/question), id
    career_changed = Signal()  # companies, applications, questions, links
    study_changed = Signal()  # time logged, plans changed
    status_message = Signal(str)
    # study sessions (desktop/player/): any view asks, the player feature runs them
    watch_requested = Signal(int, int)  # item id, pass number: open its video in the player
    timer_requested = Signal(int, int)  # item id, pass number: start the study timer
    studying = Signal(int, int, str)  # item id, pass number, "player" / "timer" / "" (ended)
    speed_set = Signal(int, int, float)  # item id, pass number, speed: a player follows it


@dataclass
class AppContext:
    db: Database
    clock: Clock
    events: Events
