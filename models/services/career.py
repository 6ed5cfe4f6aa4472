"""Career actions: target companies, applications with their status history, interview rounds.

The question bank and its spaced review live in `review.py`; links, readiness and `[[wiki]]`
links in `links.py`. Every public method is one user action (one Session) and returns plain
dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.career import (
    APPLICATION_STATUSES,
    ENDINGS,
    PIPELINE,
    ROUND_KINDS,
    Application,
    ApplicationEvent,
    Company,
    InterviewRound,
    Question,
    question_companies,
)
from models.clock import Clock, SystemClock
from models.db import Database
from models.errors import NotFoundError, ValidationError
from models.services.field_caps import check_line

#: Every status an application can have, in board order: the pipeline, then the endings.
BOARD_STATUSES: tuple[str, ...] = PIPELINE + ENDINGS


class DuplicateCompanyError(ValidationError):
    """Company names are unique case-insensitively (also for non-ASCII letters)."""

    def __init__(self, name: str, existing: str) -> None:
        super().__init__(f"A company named {existing!r} already exists; names must be unique.")
        self.name = name
        self.existing = existing


# ---- plain values -------------------------------------------------------------------------
@dataclass
class CompanyInput:
    """Fields of a company a user edits by hand (also used by the notes importer)."""

    name: str
    city: str | None = None
    focus: str | None = None
    website: str | None = None
    careers_url: str | None = None
    priority: int = 3
    tags: list[str] = field(default_factory=list)
    notes: str = ""


@dataclass(frozen=True)
class CompanyRow:
    id: int
    name: str
    city: str | None
    focus: str | None
    website: str | None
    careers_url: str | None
    priority: int
    tags: tuple[str, ...]
    application_status: str | None  # its most advanced application (see company_statuses)
    readiness: int  # 0..100, see links.readiness()


@dataclass(frozen=True)
class CompanyDetail:
    id: int
    name: str
    city: str | None
    focus: str | None
    website: str | None
    careers_url: str | None
    priority: int
    tags: tuple[str, ...]
    notes: str
    applications: tuple[ApplicationRow, ...]

    def to_input(self) -> CompanyInput:
        return CompanyInput(
            name=self.name,
            city=self.city,
            focus=self.focus,
            website=self.website,
            careers_url=self.careers_url,
            priority=self.priority,
            tags=list(self.tags),
            notes=self.notes,
        )


@dataclass
class ApplicationInput:
    role: str
    team: str | None = None
    channel: str | None = None
    contacts: str = ""
    next_action: str | None = None
    next_action_due: date | None = None


@dataclass(frozen=True)
class ApplicationRow:
    id: int
    company_id: int
    company: str
    role: str
    team: str | None
    channel: str | None
    status: str
    next_action: str | None
    next_action_due: date | None
    updated_at: datetime


@dataclass(frozen=True)
class StatusEvent:
    from_status: str | None
    to_status: str
    at: datetime


@dataclass(frozen=True)
class RoundInfo:
    id: int
    held_on: date | None
    kind: str
    interviewer_notes: str
    outcome: str | None
    questions: tuple[tuple[int, str], ...]  # (question id, text)


@dataclass(frozen=True)
class ApplicationDetail:
    id: int
    company_id: int
    company: str
    role: str
    team: str | None
    channel: str | None
    status: str
    contacts: str
    next_action: str | None
    next_action_due: date | None
    events: tuple[StatusEvent, ...]
    rounds: tuple[RoundInfo, ...]

    def to_input(self) -> ApplicationInput:
        return ApplicationInput(
            role=self.role,
            team=self.team,
            channel=self.channel,
            contacts=self.contacts,
            next_action=self.next_action,
            next_action_due=self.next_action_due,
        )


@dataclass
class RoundInput:
    held_on: date | None = None
    kind: str = "other"
    interviewer_notes: str = ""
    outcome: str | None = None
    question_ids: list[int] = field(default_factory=list)  # picked from the bank
    new_questions: list[str] = field(default_factory=list)  # added to the bank


# ---- helpers ------------------------------------------------------------------------------
def split_tags(text: str) -> tuple[str, ...]:
    """Tags are stored comma-separated; accept the Chinese comma too."""
    parts = text.replace("，", ",").split(",")
    return tuple(p.strip() for p in parts if p.strip())


def join_tags(tags: list[str] | tuple[str, ...]) -> str:
    seen: dict[str, str] = {}
    for raw in tags:
        for tag in split_tags(raw):
            seen.setdefault(tag.casefold(), tag)
    return ", ".join(seen.values())


def validate_status(status: str) -> str:
    value = status.strip().lower()
    if value not in APPLICATION_STATUSES:
        raise ValidationError(
            f"Unknown application status {status!r}; use one of {', '.join(BOARD_STATUSES)}."
        )
    return value


def find_company_id(s: Session, name: str) -> int | None:
    """Case-insensitive lookup by Unicode casefold (SQLite NOCASE only folds ASCII)."""
    wanted = name.strip().casefold()
    row = s.execute(select(Company.id).where(Company.name == name.strip())).first()
    if row is not None:
        return int(row[0])
    for company_id, existing in s.execute(select(Company.id, Company.name)):
        if existing.casefold() == wanted:
            return int(company_id)
    return None


def application_row(app: Application, company_name: str) -> ApplicationRow:
    return ApplicationRow(
        id=app.id,
        company_id=app.company_id,
        company=company_name,
        role=app.role,
        team=app.team,
        channel=app.channel,
        status=app.status,
        next_action=app.next_action,
        next_action_due=app.next_action_due,
        updated_at=app.updated_at,
    )


#: How far an application has got; a company shows its most advanced one.
COMPANY_STATUS_ORDER: tuple[str, ...] = (*PIPELINE, "accepted")


def company_statuses(s: Session) -> dict[int, str]:
    """The status a company is shown with: its most advanced application.

    Active applications rank interested < applied < test < interviewing < offer < accepted,
    so one rejection never hides an offer elsewhere in the company. An ending (rejected,
    withdrawn, ghosted) shows only when no application is active: then the most recently
    updated one (ties: newest id).
    """
    rank = {status: n for n, status in enumerate(COMPANY_STATUS_ORDER)}
    best: dict[int, str] = {}
    for company_id, status in s.execute(
        select(Application.company_id, Application.status).order_by(
            Application.updated_at, Application.id
        )
    ):
        key = int(company_id)
        current = best.get(key)
        ended = current is None or current not in rank  # nothing active seen yet
        if ended or (status in rank and rank[status] >= rank[str(current)]):
            best[key] = status
    return best


class CareerService:
    """Companies, applications (status pipeline with history) and interview rounds."""

    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self._db = db
        self._clock = clock or SystemClock()

    # ---- companies -----------------------------------------------------------------------
    def list_companies(self, text: str = "") -> list[CompanyRow]:
        from models.services.links import readiness_by_company

        needle = text.strip().casefold()
        with self._db.read() as s:
            statuses = company_statuses(s)
            scores = readiness_by_company(s)
            rows = s.execute(
                select(
                    Company.id,
                    Company.name,
                    Company.city,
                    Company.focus,
                    Company.website,
                    Company.careers_url,
                    Company.priority,
                    Company.tags,
                ).order_by(Company.priority.desc(), Company.id)
            ).all()
            result = [
                CompanyRow(
                    id=int(c.id),
                    name=c.name,
                    city=c.city,
                    focus=c.focus,
                    website=c.website,
                    careers_url=c.careers_url,
                    priority=int(c.priority),
                    tags=split_tags(c.tags or ""),
                    application_status=statuses.get(int(c.id)),
                    readiness=scores.get(int(c.id), 0),
                )
                for c in rows
            ]
        if needle:
            result = [
                r
                for r in result
                if needle in " ".join([r.name, r.city or "", r.focus or "", *r.tags]).casefold()
            ]
        return result

    def company_id(self, name: str) -> int:
        """Resolve a name typed by the user (any letter case); NotFoundError if unknown."""
        with self._db.read() as s:
            found = find_company_id(s, name)
        if found is None:
            raise NotFoundError(f"No company named {name!r}; add it first.")
        return found

    def get_company(self, company_id: int) -> CompanyDetail:
        with self._db.read() as s:
            c = self._company(s, company_id)
            apps = s.scalars(
                select(Application)
                .where(Application.company_id == company_id)
                .order_by(Application.updated_at.desc(), Application.id.desc())
            ).all()
            return CompanyDetail(
                id=c.id,
                name=c.name,
                city=c.city,
                focus=c.focus,
                website=c.website,
                careers_url=c.careers_url,
                priority=c.priority,
                tags=split_tags(c.tags or ""),
                notes=c.notes or "",
                applications=tuple(application_row(a, c.name) for a in apps),
            )

    def add_company(self, data: CompanyInput) -> int:
        name = self._validate_company(data)
        with self._db.transaction() as s:
            existing = find_company_id(s, name)
            if existing is not None:
                existing_company = s.get(Company, existing)
                raise DuplicateCompanyError(
                    name, existing_company.name if existing_company else name
                )
            company = Company(name=name)
            self._apply_company(company, data)
            s.add(company)
            s.flush()
            return company.id

    def update_company(self, company_id: int, data: CompanyInput) -> None:
        name = self._validate_company(data)
        with self._db.transaction() as s:
            company = self._company(s, company_id)
            existing = find_company_id(s, name)
            if existing is not None and existing != company_id:
                other = s.get(Company, existing)
                raise DuplicateCompanyError(name, other.name if other else name)
            company.name = name
            self._apply_company(company, data)

    def set_company_notes(self, company_id: int, notes: str) -> None:
        with self._db.transaction() as s:
            self._company(s, company_id).notes = notes

    def delete_company(self, company_id: int) -> None:
        with self._db.transaction() as s:
            s.delete(self._company(s, company_id))

    # ---- applications --------------------------------------------------------------------
    def apply(self, company_id: int, data: ApplicationInput, *, status: str = "interested") -> int:
        """Start an application; its first history event is the creation in `status`."""
        status = validate_status(status)
        if not data.role.strip():
            raise ValidationError("An application needs a role.")
        now = self._clock.now()
        with self._db.transaction() as s:
            self._company(s, company_id)
            app = Application(company_id=company_id, status=status, created_at=now, updated_at=now)
            self._apply_application(app, data)
            app.events = [ApplicationEvent(from_status=None, to_status=status, at=now)]
            s.add(app)
            s.flush()
            return app.id

    def update_application(self, app_id: int, data: ApplicationInput) -> None:
        if not data.role.strip():
            raise ValidationError("An application needs a role.")
        with self._db.transaction() as s:
            app = self._application(s, app_id)
            self._apply_application(app, data)
            app.updated_at = self._clock.now()

    def set_status(self, app_id: int, status: str) -> bool:
        """Move an application; records the change in its history. False if already there."""
        status = validate_status(status)
        now = self._clock.now()
        with self._db.transaction() as s:
            app = self._application(s, app_id)
            if app.status == status:
                return False
            s.add(
                ApplicationEvent(
                    application_id=app.id, from_status=app.status, to_status=status, at=now
                )
            )
            app.status = status
            app.updated_at = now
            return True

    def delete_application(self, app_id: int) -> None:
        with self._db.transaction() as s:
            s.delete(self._application(s, app_id))

    def list_applications(self, *, company_id: int | None = None) -> list[ApplicationRow]:
        with self._db.read() as s:
            query = (
                select(Application, Company.name)
                .join(Company, Company.id == Application.company_id)
                .order_by(Application.updated_at.desc(), Application.id.desc())
            )
            if company_id is not None:
                query = query.where(Application.company_id == company_id)
            return [application_row(a, name) for a, name in s.execute(query)]

    def get_application(self, app_id: int) -> ApplicationDetail:
        with self._db.read() as s:
            app = self._application(s, app_id)
            return ApplicationDetail(
                id=app.id,
                company_id=app.company_id,
                company=app.company.name,
                role=app.role,
                team=app.team,
                channel=app.channel,
                status=app.status,
                contacts=app.contacts or "",
                next_action=app.next_action,
                next_action_due=app.next_action_due,
                events=tuple(
                    StatusEvent(e.from_status, e.to_status, e.at)
                    for e in sorted(app.events, key=lambda e: (e.at, e.id))
                ),
                rounds=tuple(round_info(r) for r in app.rounds),
            )

    def status_counts(self) -> dict[str, int]:
        with self._db.read() as s:
            counts = dict(
                s.execute(
                    select(Application.status, func.count()).group_by(Application.status)
                ).all()
            )
        return {status: int(counts.get(status, 0)) for status in BOARD_STATUSES}

    # ---- interview rounds ----------------------------------------------------------------
    def add_round(self, app_id: int, data: RoundInput) -> int:
        """Record a round; its questions come from the bank or are added to it.

        Every question asked is also linked to the company ("the companies that asked it").
        """
        self._validate_round(data)
        with self._db.transaction() as s:
            app = self._application(s, app_id)
            rnd = InterviewRound(application_id=app.id)
            self._apply_round(s, rnd, data, app.company_id)
            s.add(rnd)
            app.updated_at = self._clock.now()
            s.flush()
            return rnd.id

    def update_round(self, round_id: int, data: RoundInput) -> None:
        self._validate_round(data)
        with self._db.transaction() as s:
            rnd = s.get(InterviewRound, round_id)
            if rnd is None:
                raise NotFoundError(f"No interview round with id {round_id}.")
            self._apply_round(s, rnd, data, rnd.application.company_id)

    def delete_round(self, round_id: int) -> None:
        with self._db.transaction() as s:
            rnd = s.get(InterviewRound, round_id)
            if rnd is None:
                raise NotFoundError(f"No interview round with id {round_id}.")
            s.delete(rnd)

    # ---- internals -----------------------------------------------------------------------
    @staticmethod
    def _validate_company(data: CompanyInput) -> str:
        name = " ".join(data.name.split())
        if not name:
            raise ValidationError("A company needs a name.")
        if len(name) > 200:
            raise ValidationError("A company name is at most 200 characters.")
        if not 1 <= data.priority <= 5:
            raise ValidationError("A company priority is between 1 and 5.")
        return name

    @staticmethod
    def _apply_company(company: Company, data: CompanyInput) -> None:
        company.city = (data.city or "").strip() or None
        company.focus = (data.focus or "").strip() or None
        company.website = (data.website or "").strip() or None
        company.careers_url = (data.careers_url or "").strip() or None
        company.priority = data.priority
        company.tags = join_tags(data.tags)
        company.notes = data.notes

    @staticmethod
    def _apply_application(app: Application, data: ApplicationInput) -> None:
        check_line(data.role.strip(), "A role")
        check_line(data.team, "A team")
        check_line(data.channel, "A channel")
        check_line(data.next_action, "A next action")
        app.role = data.role.strip()
        app.team = (data.team or "").strip() or None
        app.channel = (data.channel or "").strip() or None
        app.contacts = data.contacts
        app.next_action = (data.next_action or "").strip() or None
        app.next_action_due = data.next_action_due

    @staticmethod
    def _validate_round(data: RoundInput) -> None:
        if data.kind not in ROUND_KINDS:
            raise ValidationError(
                f"Unknown round kind {data.kind!r}; use one of {', '.join(ROUND_KINDS)}."
            )

    @staticmethod
    def _apply_round(s: Session, rnd: InterviewRound, data: RoundInput, company_id: int) -> None:
        rnd.held_on = data.held_on
        rnd.kind = data.kind
        rnd.interviewer_notes = data.interviewer_notes
        rnd.outcome = (data.outcome or "").strip() or None
        questions: list[Question] = []
        for qid in dict.fromkeys(data.question_ids):
            q = s.get(Question, qid)
            if q is None:
                raise NotFoundError(f"No question with id {qid}.")
            questions.append(q)
        for text in data.new_questions:
            if text.strip():
                q = Question(text=text.strip(), source="interview", confidence=0)
                s.add(q)
                questions.append(q)
        rnd.questions = questions
        s.flush()
        linked = set(
            s.scalars(
                select(question_companies.c.question_id).where(
                    question_companies.c.company_id == company_id
                )
            )
        )
        for q in questions:
            if q.id not in linked:
                s.execute(
                    question_companies.insert().values(question_id=q.id, company_id=company_id)
                )
                linked.add(q.id)

    @staticmethod
    def _company(s: Session, company_id: int) -> Company:
        company = s.get(Company, company_id)
        if company is None:
            raise NotFoundError(f"No company with id {company_id}.")
        return company

    @staticmethod
    def _application(s: Session, app_id: int) -> Application:
        app = s.get(Application, app_id)
        if app is None:
            raise NotFoundError(f"No application with id {app_id}.")
        return app


def round_info(r: InterviewRound) -> RoundInfo:
    return RoundInfo(
        id=r.id,
        held_on=r.held_on,
        kind=r.kind,
        interviewer_notes=r.interviewer_notes or "",
        outcome=r.outcome,
        questions=tuple((q.id, q.text) for q in r.questions),
    )
