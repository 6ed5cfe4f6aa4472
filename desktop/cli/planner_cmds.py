"""Planner subcommands: `plan`, `stats` and `timer`. No Qt here."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from desktop.cli.common import open_db, print_json
from desktop.cli.output import clip, echo, pad, scrub
from models.errors import ValidationError
from models.services.plan_rules import MAX_BUDGET_MINUTES, DayPlan
from models.services.planner import PlannerService
from models.services.review import QuestionService
from models.services.stats import StatsService, StudyStats
from models.services.timer import TimerService

if TYPE_CHECKING:
    from desktop.cli import CommandRegistry

TITLE_WIDTH = 56


def register(registry: CommandRegistry) -> None:
    p = registry.command("plan", "print what to study on a day (default today)", cmd_plan)
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the day to plan (default today)")
    p.add_argument("--minutes", metavar="N", help="time budget in minutes (default: preferences)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")

    p = registry.command("stats", "print study statistics (streaks, hours, progress)", cmd_stats)
    p.add_argument("--json", action="store_true", help="print every chart's numbers as JSON")

    p = registry.command("timer", "start or stop the study timer on one pass", cmd_timer)
    p.add_argument("item_id", metavar="ITEM_ID", help="the item's id (see `list`)")
    p.add_argument("number", metavar="N", help="the pass: 1, 2 or 3")
    p.add_argument("action", metavar="start|stop", help="start or stop the timer")


# ---- parsing helpers ---------------------------------------------------------------------
def parse_day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"--date must be a date written YYYY-MM-DD, not {text!r}.") from None


def parse_budget(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        value = int(text.strip())
    except ValueError:
        raise ValidationError(
            f"--minutes must be a whole number of minutes, not {text!r}."
        ) from None
    if not 0 < value <= MAX_BUDGET_MINUTES:
        raise ValidationError(f"--minutes must be between 1 and {MAX_BUDGET_MINUTES}, not {value}.")
    return value


def parse_int(text: str, what: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise ValidationError(f"{what} must be a whole number, not {text!r}.") from None


def minutes_text(minutes: float) -> str:
    total = round(minutes)
    hours, rest = divmod(total, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


def format_plan(plan: DayPlan, questions_due: int) -> str:
    lines = [
        f"Plan for {plan.day:%A} {plan.day.isoformat()}: "
        f"{minutes_text(plan.total_minutes)} of {plan.budget_minutes} min"
    ]
    if not plan.entries:
        lines.append("Nothing to study: import a source or follow a course.")
    else:
        lines.append(f"{'ITEM':>6}  PASS  {'MIN':>4}  {'DUE':10}  TITLE")
        for e in plan.entries:
            due = e.due.isoformat() if e.due else "-"
            flag = "OVERDUE " if e.overdue else ""
            lines.append(
                f"{e.item_id:>6}  {e.pass_number:>4}  {round(e.minutes):>4}  {due:10}  "
                f"{flag}{clip(e.title, TITLE_WIDTH)}"
            )
    if plan.deferred:
        lines.append(f"{plan.deferred} more due pass(es) did not fit in the budget.")
    if questions_due:
        lines.append(f"{questions_due} review question(s) due.")
    return "\n".join(lines)


def format_stats(st: StudyStats) -> str:
    lines = [
        f"Current streak: {st.current_streak} day(s); longest: {st.longest_streak} day(s)",
        f"Studied: {st.hours_studied:.1f} h; left at planned speeds: {st.hours_left:.1f} h "
        f"(of {st.hours_planned:.1f} h for all three passes)",
        f"Past year: {sum(st.minutes_by_day.values()) / 60:.1f} h on "
        f"{len(st.minutes_by_day)} day(s)",
        "",
        f"{'SOURCE':24}  {'1x h':>7}  {'3 passes h':>10}  {'left h':>7}  ITEMS 0/1/2/3 DONE",
    ]
    progress = {r.label: r.counts for r in st.progress_by_source}
    for r in st.hours_by_source:
        counts = "/".join(str(c) for c in progress.get(r.source, (0, 0, 0, 0)))
        lines.append(
            f"{pad(clip(r.source, 24), 24)}  {r.hours_1x:7.1f}  {r.hours_planned:10.1f}  "
            f"{r.hours_left:7.1f}  {counts}"
        )
    recent = st.passes_by_week[-4:]
    lines.append("")
    lines.append(
        "Passes finished, last 4 weeks: "
        + ", ".join(f"{monday:%m-%d}: {n}" for monday, n in recent)
    )
    return "\n".join(lines)


# ---- handlers ----------------------------------------------------------------------------
def cmd_plan(args: argparse.Namespace) -> int:
    day = parse_day(args.date)
    budget = parse_budget(args.minutes)
    db = open_db(args, read_only_ok=True)
    try:
        service = PlannerService(db)
        plan = service.plan_day(day, budget)
        if args.json:
            print_json(plan.to_json())
        else:
            echo(format_plan(plan, QuestionService(db).due_count(plan.day)))
    finally:
        db.close()
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    db = open_db(args, read_only_ok=True)
    try:
        st = StatsService(db).compute()
    finally:
        db.close()
    if args.json:
        print_json(st.to_json())
    else:
        echo(format_stats(st))
    return 0


def cmd_timer(args: argparse.Namespace) -> int:
    item_id = parse_int(args.item_id, "ITEM_ID")
    number = parse_int(args.number, "The pass number N")
    if number not in (1, 2, 3):
        raise ValidationError(f"The pass number N is 1, 2 or 3, not {number}.")
    action = args.action.strip().lower()
    if action not in ("start", "stop"):
        raise ValidationError(f"The timer action is start or stop, not {args.action!r}.")
    db = open_db(args)
    try:
        timer = TimerService(db)
        if action == "start":
            running = timer.start(item_id, number)
            echo(
                f"Timer started on #{running.item_id} pass {running.pass_number} "
                f"({running.speed:g}x): {scrub(running.title)}\n"
                f"Stop it with: threepass timer {item_id} {number} stop"
            )
        else:
            stopped = timer.stop(item_id, number)
            if stopped.capped:
                echo(
                    f"The timer ran {minutes_text(stopped.raw_minutes)}, longer than the "
                    f"{round(stopped.minutes)}-minute cap: kept {round(stopped.minutes)} min."
                )
            echo(
                f"Added {minutes_text(stopped.minutes)} to pass {stopped.pass_number} of "
                f"#{stopped.item_id} (now {minutes_text(stopped.pass_minutes_total)} in total)."
            )
    finally:
        db.close()
    return 0
