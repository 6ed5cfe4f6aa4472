"""Rows the reminder tests need: items with a pass history, questions, applications."""

from __future__ import annotations

from datetime import date, datetime

from models.career import Application, Company
from models.db import Database
from models.services.reminders import ReminderService, ReminderSettings, parse_time
from models.services.review import QuestionInput, QuestionService
from tests.planner.planner_helpers import add_item


def add_follow_up(
    db: Database,
    company: str,
    action: str | None,
    due: date | None,
    *,
    status: str = "applied",
    role: str = "LLM engineer",
) -> int:
    with db.transaction() as s:
        found = s.query(Company).filter_by(name=company).one_or_none()
        owner = found or Company(name=company)
        application = Application(
            company=owner, role=role, status=status, next_action=action, next_action_due=due
        )
        s.add(application)
        s.flush()
        return application.id


def add_questions(db: Database, *texts: str) -> list[int]:
    service = QuestionService(db)
    return [service.add_question(QuestionInput(text=text)) for text in texts]


def a_day_of_study(db: Database) -> None:
    """On 2026-03-02 (spacing 1 / 7 days): two passes due, three questions never reviewed,
    and follow-ups due today, overdue, later, closed and undated."""
    add_item(db, "Attention Is All You Need", done={1: datetime(2026, 3, 1, 10)})  # pass 2 due
    add_item(db, "GPT-3", done={1: datetime(2026, 3, 2, 8)})  # pass 2 due tomorrow
    add_item(  # pass 3 due since 2026-02-27
        db, "BERT", done={1: datetime(2026, 2, 1, 10), 2: datetime(2026, 2, 20, 10)}
    )
    add_item(
        db,
        "ResNet",
        done={1: datetime(2026, 1, 1), 2: datetime(2026, 1, 2), 3: datetime(2026, 1, 9)},
    )
    add_item(db, "Lesson 1")  # never started: not due, only planned
    add_questions(db, "What is attention?", "Why layer norm?", "What does LoRA change?")
    add_follow_up(db, "Minimax", "send the take-home", date(2026, 3, 2))
    add_follow_up(db, "Moonshot", "reply to the recruiter", date(2026, 2, 27), status="test")
    add_follow_up(db, "Zhipu", "second round", date(2026, 3, 5), status="interviewing")
    add_follow_up(db, "DeepSeek", "thank-you note", date(2026, 3, 1), status="rejected")
    add_follow_up(db, "Baichuan", "ask for feedback", None)
    add_follow_up(db, "Qwen", None, date(2026, 3, 2), role="Pre-training researcher")


def turn_on(
    db: Database, at: str = "09:00", weekdays: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 7)
) -> None:
    ReminderService(db).save_settings(ReminderSettings(True, parse_time(at), weekdays))
