"""Spaced review with FSRS on a real SQLite file and fixed dates: the schedule, the day's
limit of new questions, and taking a grade back."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from fsrs import Card, Rating, Scheduler

from models.clock import FixedClock
from models.db import Database
from models.errors import ValidationError
from models.services.review import BUTTON_GRADES, NEW_PER_DAY_KEY, QuestionInput, QuestionService
from models.services.review_schedule import fsrs_rating
from models.services.settings import SettingsService
from tests.career.career_support import Services


def test_grades_map_to_the_four_fsrs_ratings() -> None:
    assert [fsrs_rating(g) for g in range(6)] == [1, 1, 1, 2, 3, 4]
    assert [fsrs_rating(BUTTON_GRADES[k]) for k in ("again", "hard", "good", "easy")] == [
        Rating.Again,
        Rating.Hard,
        Rating.Good,
        Rating.Easy,
    ]
    for bad in (-1, 6, True):
        with pytest.raises(ValidationError):
            fsrs_rating(bad)


def test_good_on_each_due_day_makes_the_intervals_grow(svc: Services, clock: FixedClock) -> None:
    q = svc.questions.add_question(QuestionInput(text="attention原理"))
    # the same reviews through fsrs itself, without steps or fuzz (a day-based queue)
    scheduler = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    card = Card(card_id=1)
    intervals = []
    for _ in range(5):
        row = svc.questions.review(q, BUTTON_GRADES["good"])
        assert row.due_on is not None
        intervals.append((row.due_on - clock.today()).days)
        at = clock.now().replace(tzinfo=UTC)
        card, _ = scheduler.review_card(card, Rating.Good, review_datetime=at)
        assert (card.due - at).days == intervals[-1]
        clock.set(datetime.combine(row.due_on, clock.now().time()))
    assert intervals[0] == 2
    assert all(b > 2 * a for a, b in itertools.pairwise(intervals)), intervals
    detail = svc.questions.get_question(q)
    assert detail.repetitions == 5
    assert detail.stability is not None
    assert detail.stability > intervals[-2]
    forgot = svc.questions.review(q, BUTTON_GRADES["again"])
    assert (forgot.repetitions, forgot.confidence) == (0, 1)
    assert forgot.due_on is not None
    assert (forgot.due_on - clock.today()).days < intervals[-1]


def test_review_schedules_on_the_clock(svc: Services, clock: FixedClock) -> None:
    q = svc.questions.add_question(QuestionInput(text="LoRA原理"))
    row = svc.questions.review(q, BUTTON_GRADES["good"])
    assert (row.due_on, row.confidence, row.interval_days) == (date(2026, 3, 4), 4, 2)
    assert svc.questions.due_questions() == []
    assert [r.id for r in svc.questions.due_questions(on=date(2026, 3, 4))] == [q]
    clock.set(datetime(2026, 3, 4, 20, 0))
    again = svc.questions.review(q, BUTTON_GRADES["again"])
    assert (again.due_on, again.repetitions, again.confidence) == (date(2026, 3, 5), 0, 1)
    detail = svc.questions.get_question(q)
    assert [r.rating for r in detail.reviews] == [4, 1]  # the log keeps the 0–5 grades
    assert detail.reviews[0].reviewed_at == datetime(2026, 3, 2, 9, 0)
    assert detail.difficulty is not None
    assert 1 <= detail.difficulty <= 10


def test_many_easy_reviews_stay_within_a_century(svc: Services) -> None:
    qid = svc.questions.add_question(QuestionInput(text="Easy forever?"))
    for _ in range(40):
        row = svc.questions.review(qid, 5)
    assert row.due_on is not None
    assert row.due_on.year < 2200


def test_weak_questions_come_back_sooner(svc: Services, clock: FixedClock) -> None:
    weak = svc.questions.add_question(QuestionInput(text="LoRA原理"))
    strong = svc.questions.add_question(QuestionInput(text="多进程和多线程的区别"))
    new = svc.questions.add_question(QuestionInput(text="hash表和最小堆原理以及实现"))
    for day in range(3):
        clock.set(datetime(2026, 3, 2 + day * 7, 9, 0))
        for qid, grade in ((weak, 3), (strong, 5)):
            if qid in {r.id for r in svc.questions.due_questions()}:
                svc.questions.review(qid, grade)
    weak_due = svc.questions.get_question(weak).due_on
    strong_due = svc.questions.get_question(strong).due_on
    assert weak_due is not None
    assert strong_due is not None
    assert weak_due < strong_due
    # the queue: overdue first (oldest due first), then new questions
    later = max(weak_due, strong_due) + timedelta(days=1)
    assert [r.id for r in svc.questions.due_questions(on=later)] == [weak, strong, new]
    assert svc.questions.due_count(on=later) == 3


def test_bad_ratings_change_nothing(svc: Services) -> None:
    q = svc.questions.add_question(QuestionInput(text="adam原理"))
    with pytest.raises(ValidationError):
        svc.questions.review(q, 7)
    detail = svc.questions.get_question(q)
    assert (detail.due_on, detail.reviews, detail.confidence) == (None, (), 0)


def test_new_questions_per_day_over_two_days(
    svc: Services, db: Database, clock: FixedClock
) -> None:
    """28 imported questions: 10 a day are new in the queue, and grading them pulls in no more."""
    bank = svc.questions
    ids = [bank.add_question(QuestionInput(text=f"问题 {n}")) for n in range(28)]
    assert bank.new_per_day() == 10
    day_one = bank.due_questions()
    assert [r.id for r in day_one] == ids[:10]  # oldest first
    assert bank.due_count() == 10
    assert [r.id for r in bank.due_questions(limit=3)] == ids[:3]
    for qid in ids[:4]:
        bank.review(qid, BUTTON_GRADES["good"])
    assert [r.id for r in bank.due_questions()] == ids[4:10]
    assert bank.due_count() == 6
    for qid in ids[4:10]:
        bank.review(qid, BUTTON_GRADES["again"])  # back tomorrow
    assert (bank.due_questions(), bank.due_count()) == ([], 0)

    clock.advance(days=1)
    queue = [r.id for r in bank.due_questions()]
    assert queue == ids[4:10] + ids[10:20]  # the reviews due first, then 10 new ones
    assert bank.due_count() == 16

    SettingsService(db).set(NEW_PER_DAY_KEY, 3)  # Preferences
    assert [r.id for r in bank.due_questions()] == ids[4:10] + ids[10:13]
    assert bank.due_count() == 9


def test_the_new_limit_counts_the_users_local_day(db: Database) -> None:
    """A user at UTC+8 grades at 07:30 local (23:30 UTC the day before): that is today."""
    clock = FixedClock(datetime(2026, 3, 1, 23, 30), offset=timedelta(hours=8))
    bank = QuestionService(db, clock)
    ids = [bank.add_question(QuestionInput(text=f"q{n}")) for n in range(12)]
    for qid in ids[:10]:
        bank.review(qid, BUTTON_GRADES["good"])
    assert clock.today() == date(2026, 3, 2)
    assert bank.due_count() == 0  # the ten of this local day are done
    clock.advance(hours=17)  # 00:30 local the next day
    assert [r.id for r in bank.due_questions()] == ids[10:]


def test_undo_grade_restores_the_question_and_drops_the_review(
    svc: Services, clock: FixedClock
) -> None:
    bank = svc.questions
    q = bank.add_question(QuestionInput(text="KV cache", confidence=3))
    other = bank.add_question(QuestionInput(text="RoPE"))
    first = bank.grade(q, BUTTON_GRADES["good"])
    after_first = bank.get_question(q)
    clock.set(datetime(2026, 3, 4, 9, 0))
    second = bank.grade(q, BUTTON_GRADES["again"])
    assert bank.get_question(q).repetitions == 0

    assert bank.undo_grade(second).due_on == after_first.due_on
    assert bank.get_question(q) == after_first  # schedule, confidence and history

    clock.set(datetime(2026, 3, 2, 10, 0))
    bank.undo_grade(first)
    back = bank.get_question(q)
    assert (back.due_on, back.reviews, back.confidence, back.stability) == (None, (), 3, None)
    assert (back.interval_days, back.repetitions) == (0, 0)
    assert [r.id for r in bank.due_questions()] == [q, other]  # new again, counted as new

    # only the question's latest grade can be taken back
    stale = bank.grade(q, BUTTON_GRADES["good"])
    bank.grade(q, BUTTON_GRADES["hard"])
    with pytest.raises(ValidationError, match="graded again"):
        bank.undo_grade(stale)
    assert len(bank.get_question(q).reviews) == 2
