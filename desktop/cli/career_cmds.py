"""Career subcommands: companies, applications, the question bank, links and readiness.

Contract (issue 4): `companies [--json]`, `questions [--json] [--due]`,
`link ITEM_ID --company NAME | --question QUESTION_ID`, `apply COMPANY --role ROLE`,
`application APP_ID --status S`, `readiness COMPANY [--json]`. Extras: `company add NAME`,
`question add TEXT`, `review QUESTION_ID RATING`.
"""

from __future__ import annotations

import argparse
from datetime import date

from desktop.cli import CommandRegistry
from desktop.cli.common import open_db, print_json
from desktop.cli.output import echo, format_table, scrub
from models.errors import ValidationError
from models.services.career import (
    BOARD_STATUSES,
    ApplicationInput,
    CareerService,
    CompanyInput,
    validate_status,
)
from models.services.links import LinkService
from models.services.review import QuestionInput, QuestionService


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as err:
        raise ValidationError(f"{text!r} is not a date; use YYYY-MM-DD.") from err


# ---- handlers -----------------------------------------------------------------------------
def cmd_companies(args: argparse.Namespace) -> int:
    db = open_db(args, read_only_ok=True)
    try:
        rows = CareerService(db).list_companies(args.search or "")
    finally:
        db.close()
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "name": r.name,
                    "city": r.city,
                    "focus": r.focus,
                    "website": r.website,
                    "careers_url": r.careers_url,
                    "priority": r.priority,
                    "tags": list(r.tags),
                    "application_status": r.application_status,
                    "readiness": r.readiness,
                }
                for r in rows
            ]
        )
        return 0
    header = ["ID", "NAME", "CITY", "PRIORITY", "STATUS", "READINESS"]
    table = [
        [
            str(r.id),
            r.name,
            r.city or "",
            str(r.priority),
            r.application_status or "-",
            f"{r.readiness}%",
        ]
        for r in rows
    ]
    echo(format_table(header, table))
    return 0


def cmd_company_add(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        company_id = CareerService(db).add_company(
            CompanyInput(
                name=args.name,
                city=args.city,
                focus=args.focus,
                website=args.website,
                careers_url=args.careers,
                priority=args.priority,
                tags=args.tag or [],
            )
        )
    finally:
        db.close()
    echo(company_id)
    return 0


def cmd_questions(args: argparse.Namespace) -> int:
    db = open_db(args, read_only_ok=True)
    try:
        service = QuestionService(db)
        rows = (
            service.due_questions(_date(args.on))
            if args.due
            else service.list_questions(args.search or "", category=args.category)
        )
    finally:
        db.close()
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "text": r.text,
                    "category": r.category,
                    "tags": list(r.tags),
                    "confidence": r.confidence,
                    "due_on": r.due_on.isoformat() if r.due_on else None,
                }
                for r in rows
            ]
        )
        return 0
    header = ["ID", "CATEGORY", "CONF", "DUE", "QUESTION"]
    table = [
        [
            str(r.id),
            r.category or "",
            str(r.confidence) if r.confidence else "-",
            r.due_on.isoformat() if r.due_on else "new",
            r.text,
        ]
        for r in rows
    ]
    echo(format_table(header, table))
    return 0


def cmd_question_add(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        qid = QuestionService(db).add_question(
            QuestionInput(text=args.text, category=args.category, tags=args.tag or [])
        )
    finally:
        db.close()
    echo(qid)
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        row = QuestionService(db).review(args.question_id, args.rating)
    finally:
        db.close()
    echo(f"Next review of question {row.id} on {row.due_on}.")
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        links = LinkService(db)
        if args.company is not None:
            company_id = CareerService(db).company_id(args.company)
            made = links.link_item_company(args.item_id, company_id)
            target = f"company {scrub(args.company)}"
        else:
            made = links.link_item_question(args.item_id, args.question)
            target = f"question {args.question}"
    finally:
        db.close()
    echo(f"Linked item {args.item_id} to {target}." if made else "Already linked.")
    return 0


def cmd_apply(args: argparse.Namespace) -> int:
    status = validate_status(args.status)
    db = open_db(args)
    try:
        service = CareerService(db)
        company_id = service.company_id(args.company)
        app_id = service.apply(
            company_id,
            ApplicationInput(
                role=args.role,
                team=args.team,
                channel=args.channel,
                next_action=args.next_action,
                next_action_due=_date(args.due),
            ),
            status=status,
        )
    finally:
        db.close()
    echo(app_id)
    return 0


def cmd_application(args: argparse.Namespace) -> int:
    status = validate_status(args.status) if args.status is not None else None
    db = open_db(args)
    try:
        service = CareerService(db)
        if status is not None:
            service.set_status(args.app_id, status)
        detail = service.get_application(args.app_id)
    finally:
        db.close()
    if args.json:
        print_json(
            {
                "id": detail.id,
                "company": detail.company,
                "role": detail.role,
                "team": detail.team,
                "channel": detail.channel,
                "status": detail.status,
                "next_action": detail.next_action,
                "next_action_due": detail.next_action_due,
                "history": [
                    {"from": e.from_status, "to": e.to_status, "at": e.at.isoformat()}
                    for e in detail.events
                ],
                "rounds": [
                    {
                        "id": r.id,
                        "held_on": r.held_on,
                        "kind": r.kind,
                        "outcome": r.outcome,
                        "questions": [{"id": q, "text": t} for q, t in r.questions],
                    }
                    for r in detail.rounds
                ],
            }
        )
        return 0
    echo(f"{detail.id}  {scrub(detail.company)} — {scrub(detail.role)}  [{detail.status}]")
    for e in detail.events:
        echo(f"  {e.at:%Y-%m-%d %H:%M}  {e.from_status or '(new)'} → {e.to_status}")
    return 0


def cmd_readiness(args: argparse.Namespace) -> int:
    db = open_db(args, read_only_ok=True)
    try:
        company_id = CareerService(db).company_id(args.company)
        result = LinkService(db).readiness(company_id)
    finally:
        db.close()
    if args.json:
        print_json(result.to_json())
        return 0
    echo(f"{scrub(result.company)}: {result.score}% ready")
    if result.items_score is not None:
        echo(f"  items: {result.items_score}% of passes done ({len(result.items)} linked)")
    if result.questions_score is not None:
        echo(f"  questions: {result.questions_score}% confidence ({len(result.questions)} linked)")
    for step in result.next_steps:
        echo(f"  - {scrub(step.text)}")
    return 0


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from err
    return value


def register(registry: CommandRegistry) -> None:
    statuses = ", ".join(BOARD_STATUSES)
    p = registry.command("companies", "list target companies", cmd_companies)
    p.add_argument("--json", action="store_true", help="print a JSON list of {id, name, ...}")
    p.add_argument("--search", metavar="TEXT", help="only companies whose name/city/tags match")

    p = registry.command(
        "company", "add a company by hand: `threepass company add NAME [...]`", cmd_company_add
    )
    sub = p.add_subparsers(dest="company_action", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="add a company (names are unique, any letter case)")
    add.set_defaults(handler=cmd_company_add)
    add.add_argument("name", metavar="NAME")
    add.add_argument("--city")
    add.add_argument("--focus", help="what the company works on")
    add.add_argument("--website")
    add.add_argument("--careers", metavar="URL", help="careers page")
    add.add_argument("--priority", type=int, default=3, choices=range(1, 6), metavar="1-5")
    add.add_argument("--tag", action="append", help="a tag (repeatable)")

    p = registry.command("questions", "list the interview question bank", cmd_questions)
    p.add_argument("--json", action="store_true", help="print a JSON list of {id, text, ...}")
    p.add_argument(
        "--due",
        action="store_true",
        help="only the review-today queue (reviews due and the day's new questions)",
    )
    p.add_argument(
        "--on", metavar="YYYY-MM-DD", help="with --due: the day to review (default today)"
    )
    p.add_argument("--search", metavar="TEXT", help="only questions whose text/answer match")
    p.add_argument("--category", help="only this category")

    p = registry.command(
        "question", "add a question to the bank: `threepass question add TEXT`", cmd_question_add
    )
    sub = p.add_subparsers(dest="question_action", metavar="ACTION", required=True)
    qadd = sub.add_parser("add", help="add a question; prints its id")
    qadd.set_defaults(handler=cmd_question_add)
    qadd.add_argument("text", metavar="TEXT")
    qadd.add_argument("--category")
    qadd.add_argument("--tag", action="append", help="a tag (repeatable)")

    p = registry.command(
        "review", "grade a review of a question, 0-5 (FSRS schedules the next one)", cmd_review
    )
    p.add_argument("question_id", type=_positive_int, metavar="QUESTION_ID")
    p.add_argument("rating", type=_positive_int, metavar="RATING")

    p = registry.command("link", "link a study item to a company or a question", cmd_link)
    p.add_argument("item_id", type=_positive_int, metavar="ITEM_ID")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--company", metavar="NAME")
    target.add_argument("--question", type=_positive_int, metavar="QUESTION_ID")

    p = registry.command("apply", "start an application at a company; prints its id", cmd_apply)
    p.add_argument("company", metavar="COMPANY")
    p.add_argument("--role", required=True)
    p.add_argument("--team")
    p.add_argument("--channel", help="referral, website, recruiter ...")
    p.add_argument("--status", default="interested", help=f"first status, one of: {statuses}")
    p.add_argument("--next-action", metavar="TEXT")
    p.add_argument("--due", metavar="YYYY-MM-DD", help="due date of the next action")

    p = registry.command(
        "application", "show an application or move it to another status", cmd_application
    )
    p.add_argument("app_id", type=_positive_int, metavar="APP_ID")
    p.add_argument("--status", metavar="S", help=f"new status, one of: {statuses}")
    p.add_argument("--json", action="store_true")

    p = registry.command(
        "readiness", "how ready you are for a company, and what to do next", cmd_readiness
    )
    p.add_argument("company", metavar="COMPANY")
    p.add_argument("--json", action="store_true", help="print {company, readiness, items, ...}")
