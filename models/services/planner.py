"""The planner service: day and week plans from the user's settings and library.

The rules are in `plan_rules.py` (pure, shared with the reference tests), the statements
that load the candidates in `plan_queries.py`.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from models.clock import Clock, SystemClock
from models.db import Database
from models.errors import ValidationError
from models.services.plan_queries import load_candidates, video_sources
from models.services.plan_rules import (
    MAX_BUDGET_MINUTES,
    DayPlan,
    Rules,
    WeekPlan,
    assume_done,
    plan_for,
)
from models.services.settings import SettingsService


class PlannerService:
    """Builds day and week plans from a few aggregate queries (fast on 100k items)."""

    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self._db = db
        self._clock = clock or SystemClock()
        self._settings = SettingsService(db)

    # ---- public API ------------------------------------------------------------------------
    def plan_day(self, day: date | None = None, budget_minutes: int | None = None) -> DayPlan:
        day = day or self._clock.today()
        return self._simulate(day, 1, budget_minutes).days[0]

    def plan_week(self, start: date | None = None, budget_minutes: int | None = None) -> WeekPlan:
        return self._simulate(start or self._clock.today(), 7, budget_minutes)

    def followed_courses(self) -> list[str]:
        """The followed sources, in order (explicit setting, else every video source)."""
        with self._db.read() as s:
            return self._followed(s)

    # ---- core ------------------------------------------------------------------------------
    def _rules(self) -> tuple[Rules, int, list[str]]:
        values = self._settings.all()
        spacing = values.get("pass_spacing_days") or [1, 7]
        papers = values.get("paper_reading_minutes") or [20, 60, 120]
        rules = Rules(
            spacing=(int(spacing[0]), int(spacing[1])),
            paper_minutes=(float(papers[0]), float(papers[1]), float(papers[2])),
        )
        followed = [str(x) for x in values.get("followed_courses") or []]
        return rules, int(values.get("daily_budget_minutes") or 90), followed

    def _simulate(self, start: date, days: int, budget_minutes: int | None) -> WeekPlan:
        rules, default_budget, followed_setting = self._rules()
        budget = default_budget if budget_minutes is None else budget_minutes
        if not 0 < budget <= MAX_BUDGET_MINUTES:
            raise ValidationError(
                f"A daily budget is between 1 and {MAX_BUDGET_MINUTES} minutes, not {budget}."
            )
        offset = self._clock.utc_offset()
        last = start + timedelta(days=days - 1)
        plans = []
        with self._db.read() as s:
            followed = self._followed(s, followed_setting)
            states, courses, unloaded = load_candidates(s, last, rules, followed, offset, days)
            ids = [c.ids for c in courses]

            def extend(rank: int) -> bool:
                return courses[rank].more(s, states, offset)

            for k in range(days):
                day = start + timedelta(days=k)
                plan = plan_for(day, budget, states, ids, rules, unloaded, extend)
                plans.append(plan)
                assume_done(plan, day, states)
        return WeekPlan(start=start, budget_minutes=budget, days=tuple(plans))

    def _followed(self, s: Session, setting: list[str] | None = None) -> list[str]:
        if setting is None:
            setting = [str(x) for x in self._settings.get("followed_courses") or []]
        if setting:
            return setting
        return video_sources(s)
