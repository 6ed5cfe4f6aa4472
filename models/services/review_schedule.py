"""When a question comes back: FSRS, through the `fsrs` package (Anki's default scheduler).

Grades keep the 0–5 scale the review log has always stored (the four buttons write Again=1,
Hard=3, Good=4, Easy=5), so no history is rewritten and old exports mean what they meant;
each grade maps to an FSRS rating: 0–2 Again, 3 Hard, 4 Good, 5 Easy (`fsrs_rating`).

The review queue works in days (a question is due on a date), so the scheduler has no
intra-day learning or relearning steps: every grade schedules a whole number of days, Again
tomorrow at the earliest. It has no fuzz either, so replaying a question's history (the
migration to revision 0013, an export of format 1) gives exactly the state grading gave.
`fsrs` is imported on the first grade, not when the review queue is read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

from models.errors import ValidationError

if TYPE_CHECKING:
    from fsrs import Scheduler

# a century, as the SM-2 scheduler capped it: no due date past year 9999
MAX_INTERVAL_DAYS = 36500
DESIRED_RETENTION = 0.9  # fsrs' default: 90 % of reviews recalled


@dataclass(frozen=True)
class ReviewState:
    """A question's FSRS card, plus the counts the list shows; `state` None: never graded."""

    state: int | None = None  # fsrs.State: 1 learning, 2 review, 3 relearning
    step: int | None = None
    stability: float | None = None  # days until recall falls to 90 %
    difficulty: float | None = None  # 1 (easy) … 10 (hard)
    last_reviewed_at: datetime | None = None  # naive UTC, as every stored stamp
    interval_days: int = 0
    repetitions: int = 0  # grades of Hard or better in a row

    def due_on(self, offset: timedelta) -> date | None:
        """The local day it is due: the last review's local day plus the interval."""
        if self.last_reviewed_at is None:
            return None
        return (self.last_reviewed_at + offset).date() + timedelta(days=self.interval_days)


def machine_offset(at: datetime) -> timedelta:
    """This machine's offset from UTC at `at` (naive UTC): whose day a replayed history's
    due day falls on where no clock says (a migration, an import)."""
    return at.replace(tzinfo=UTC).astimezone().utcoffset() or timedelta(0)


def fsrs_rating(grade: int) -> int:
    """The FSRS rating (1 Again … 4 Easy) of a 0–5 grade."""
    if isinstance(grade, bool) or not isinstance(grade, int) or not 0 <= grade <= 5:
        raise ValidationError("A review rating is a whole number from 0 to 5.")
    return 1 if grade <= 2 else grade - 1  # 0–2 Again; 3, 4, 5: Hard, Good, Easy


@cache
def _scheduler() -> Scheduler:
    from fsrs import Scheduler

    return Scheduler(
        desired_retention=DESIRED_RETENTION,
        learning_steps=(),
        relearning_steps=(),
        maximum_interval=MAX_INTERVAL_DAYS,
        enable_fuzzing=False,
    )


def _utc(stamp: datetime) -> datetime:
    return stamp.replace(tzinfo=UTC)


def next_state(state: ReviewState, grade: int, at: datetime) -> ReviewState:
    """The state after grading at `at` (naive UTC)."""
    from fsrs import Card, Rating, State

    rating = Rating(fsrs_rating(grade))
    card = Card(
        card_id=1,  # fsrs only carries it along; an id would cost it a 1 ms sleep
        state=State(state.state) if state.state is not None else State.Learning,
        step=state.step if state.state is not None else 0,
        stability=state.stability,
        difficulty=state.difficulty,
        due=_utc(at),
        last_review=_utc(state.last_reviewed_at) if state.last_reviewed_at else None,
    )
    card, _log = _scheduler().review_card(card, rating, _utc(at))
    days = max(1, round((card.due - _utc(at)) / timedelta(days=1)))
    return ReviewState(
        state=int(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        last_reviewed_at=at,
        interval_days=days,
        repetitions=state.repetitions + 1 if rating != Rating.Again else 0,
    )


def replay(reviews: Iterable[tuple[datetime, int]]) -> ReviewState:
    """The state a history of (reviewed_at, grade) leaves, graded in time order."""
    state = ReviewState()
    for at, grade in sorted(reviews, key=lambda r: r[0]):
        state = next_state(state, grade, at)
    return state
