"""SM-2 spaced review on fixed dates: weak questions come back sooner."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from models.clock import FixedClock
from models.errors import ValidationError
from models.services.review import BUTTON_GRADES, QuestionInput, Sm2State, sm2
from tests.career.career_support import Services


def test_sm2_step_matches_the_published_algorithm() -> None:
    s = sm2(Sm2State(), 4)
    assert (s.interval_days, s.repetitions, s.ease) == (1, 1, 2.5)
    s = sm2(s, 5)
    assert (s.interval_days, s.repetitions, s.ease) == (6, 2, 2.6)
    s = sm2(s, 3)  # I(3) = round(6 * 2.6) = 16, then EF -= 0.14
    assert (s.interval_days, s.repetitions, s.ease) == (16, 3, 2.46)
    s = sm2(s, 1)  # forgotten: start over tomorrow, EF -= 0.54
    assert (s.interval_days, s.repetitions, s.ease) == (1, 0, 1.92)
    for _ in range(5):
        s = sm2(s, 0)
    assert s.ease == 1.3  # the floor
    with pytest.raises(ValidationError):
        sm2(s, 6)


def test_many_easy_reviews_stay_within_a_century(svc: Services) -> None:
    """Intervals grow by the ease factor: unbounded, ~15 "Easy" grades in a row scheduled the
    question past year 9999 and the review failed with OverflowError."""
    qid = svc.questions.add_question(QuestionInput(text="Easy forever?"))
    for _ in range(40):
        row = svc.questions.review(qid, 5)
    assert row.due_on is not None
    assert row.due_on.year < 2200


def test_review_schedules_on_the_clock(svc: Services, clock: FixedClock) -> None:
    q = svc.questions.add_question(QuestionInput(text="attention原理"))
    assert [r.id for r in svc.questions.due_questions()] == [q]  # new questions are due
    row = svc.questions.review(q, BUTTON_GRADES["good"])
    assert row.due_on == date(2026, 3, 3)
    assert row.confidence == 4
    assert svc.questions.due_questions() == []
    assert [r.id for r in svc.questions.due_questions(on=date(2026, 3, 3))] == [q]
    clock.set(datetime(2026, 3, 3, 20, 0))
    assert svc.questions.review(q, BUTTON_GRADES["easy"]).due_on == date(2026, 3, 9)
    clock.set(datetime(2026, 3, 9, 8, 0))
    assert svc.questions.review(q, BUTTON_GRADES["hard"]).due_on == date(2026, 3, 25)
    clock.set(datetime(2026, 3, 25, 8, 0))
    again = svc.questions.review(q, BUTTON_GRADES["again"])
    assert (again.due_on, again.repetitions, again.confidence) == (date(2026, 3, 26), 0, 1)
    detail = svc.questions.get_question(q)
    assert [r.rating for r in detail.reviews] == [4, 5, 3, 1]
    assert detail.reviews[0].reviewed_at == datetime(2026, 3, 2, 9, 0)
    assert detail.ease == pytest.approx(1.92)


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
    # the queue: overdue first (oldest due first), then never-reviewed questions
    later = max(weak_due, strong_due) + timedelta(days=1)
    assert [r.id for r in svc.questions.due_questions(on=later)] == [weak, strong, new]
    assert svc.questions.due_count(on=later) == 3
    assert [r.id for r in svc.questions.list_questions(due_on=weak_due)] == [weak, new]


def test_bad_ratings_change_nothing(svc: Services) -> None:
    q = svc.questions.add_question(QuestionInput(text="adam原理"))
    with pytest.raises(ValidationError):
        svc.questions.review(q, 7)
    detail = svc.questions.get_question(q)
    assert (detail.due_on, detail.reviews, detail.confidence) == (None, (), 0)
