"""Study rules stored in the database so the GUI and the CLI agree on them.

Reading one needs no SQLAlchemy (the desktop's first screen reads one before it is
imported); writing imports the mapped Setting class on first use.
"""

from __future__ import annotations

import json
from typing import Any

from models.db import Database
from models.services.library_read import LibraryReader

DEFAULTS: dict[str, Any] = {
    "pass_speeds": [1.0, 1.25, 1.5],
    "pass_spacing_days": [1, 7],  # pass 2 after pass 1, pass 3 after pass 2
    "daily_budget_minutes": 90,
    "paper_reading_minutes": [20, 60, 120],  # Li Mu: skim, read, deep
    "followed_courses": [],  # list of source names, course order
    "timer_cap_minutes": 180,
    "default_video_platform": "bilibili",  # "bilibili" or "youtube"
    "log_time_on_done": False,  # Done with no time recorded logs the length at the speed
    "backup_keep_daily": 7,
    "backup_keep_weekly": 4,
    "new_questions_per_day": 10,  # never-graded questions a day's review queue takes
}


class SettingsService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, key: str) -> Any:
        return LibraryReader(self._db).setting(key, DEFAULTS.get(key))

    def set(self, key: str, value: Any) -> None:
        from models.library import Setting

        with self._db.transaction() as s:
            s.merge(Setting(key=key, value=json.dumps(value, ensure_ascii=False)))

    def set_many(self, values: dict[str, Any]) -> None:
        """Several settings in one transaction (one user action, e.g. the Preferences dialog)."""
        from models.library import Setting

        with self._db.transaction() as s:
            for key, value in values.items():
                s.merge(Setting(key=key, value=json.dumps(value, ensure_ascii=False)))

    def all(self) -> dict[str, Any]:
        from sqlalchemy import select

        from models.library import Setting

        values = dict(DEFAULTS)
        with self._db.read() as s:
            for row in s.scalars(select(Setting)):
                values[row.key] = json.loads(row.value)
        return values
