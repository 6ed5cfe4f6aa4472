"""Library actions: items, their three passes, notes and open points. One Session per call."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, String, case, delete, func, select, type_coerce
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.orm import Session

from models.career import Company, Question, item_companies, question_items
from models.clock import Clock, SystemClock
from models.db import Database
from models.errors import NotFoundError, ValidationError
from models.errors import UnresolvedOpenPointsError as UnresolvedOpenPointsError
from models.kinds import KINDS
from models.library import (
    PLATFORMS,
    Item,
    ItemKind,
    JournalNote,
    Note,
    OpenPoint,
    Pass,
    PassStatus,
    Tag,
    item_tags,
)
from models.services.dto import (
    ItemDetail,
    ItemFilter,
    ItemInput,
    ItemRow,
    PassInfo,
)
from models.services.field_caps import MAX_QUESTION, check_line
from models.services.library_read import (
    PAPER_DEPTHS,
    TAG_SEPARATOR,
    LibraryReader,
    RowValues,
    build_rows,
)
from models.services.search import item_id_set, matching_items_clause
from models.services.settings import SettingsService
from models.services.text_match import like_pattern as like_pattern
from models.services.timer import close_session, running_on


def new_passes(kind: str, speeds: list[float]) -> list[Pass]:
    is_paper = kind == ItemKind.PAPER
    return [
        Pass(
            number=n,
            speed=default_speed(kind, n, speeds),
            depth=PAPER_DEPTHS[n - 1] if is_paper else None,
            status=PassStatus.TODO,
            minutes_spent=0.0,
        )
        for n in (1, 2, 3)
    ]


def default_speed(kind: str, number: int, speeds: list[float]) -> float:
    """What a new pass of `kind` plays at: papers 1x, videos the Preferences' speeds."""
    return 1.0 if kind == ItemKind.PAPER else float(speeds[number - 1])


def follow_kind(item: Item, old_kind: str, speeds: list[float]) -> None:
    """The kind changed: passes still at the old kind's default speed take the new kind's
    (a paper made a paper video plays 1x/1.25x/1.5x); a speed the user chose stays."""
    if item.kind == old_kind:
        return
    for p in item.passes:
        if abs(p.speed - default_speed(old_kind, p.number, speeds)) < 1e-9:
            p.speed = default_speed(item.kind, p.number, speeds)
        if item.kind == ItemKind.PAPER and p.depth is None:
            p.depth = PAPER_DEPTHS[p.number - 1]


def pass_info(p: Pass) -> PassInfo:
    return PassInfo(
        number=p.number,
        speed=p.speed,
        depth=p.depth,
        status=p.status,
        started_at=p.started_at,
        finished_at=p.finished_at,
        minutes_spent=p.minutes_spent,
    )


def get_or_create_tags(session: Session, names: list[str]) -> list[Tag]:
    tags: list[Tag] = []
    seen: set[str] = set()
    for raw in names:
        name = raw.strip()
        if not name or name.casefold() in seen:
            continue
        seen.add(name.casefold())
        tag = session.scalar(select(Tag).where(Tag.name == name))
        if tag is None:
            tag = Tag(name=name)
            session.add(tag)
        tags.append(tag)
    return tags


def validate_input(data: ItemInput) -> None:
    if data.kind not in KINDS:
        raise ValidationError(f"Unknown kind {data.kind!r}; use one of {', '.join(KINDS)}.")
    if not data.title.strip():
        raise ValidationError("An item needs a title.")
    check_line(data.title.strip(), "A title")
    check_line(data.category, "A category")
    for tag in data.tags:
        check_line(tag.strip(), "A tag")
    if data.duration_seconds is not None and data.duration_seconds < 0:
        raise ValidationError("A duration cannot be negative.")
    for platform in data.links:
        if platform not in PLATFORMS:
            raise ValidationError(f"Unknown video platform {platform!r}.")


def apply_input(item: Item, data: ItemInput) -> None:
    item.kind = data.kind
    item.title = data.title.strip()
    item.url = data.url or None
    item.category = data.category or None
    item.year = data.year
    item.published = data.published
    item.duration_seconds = data.duration_seconds
    item.summary = data.summary
    item.reading_minutes = data.reading_minutes
    for platform in PLATFORMS:
        if platform in data.links:
            setattr(item, f"link_{platform}", data.links[platform] or None)


def filtered_ids_query(flt: ItemFilter) -> Select[Any]:
    """Item ids matching a filter; search covers titles and note text (CJK substrings too)."""
    query = select(Item.id)
    if flt.item_ids is not None:
        query = query.where(Item.id.in_(flt.item_ids))
    if flt.kind:
        query = query.where(Item.kind == flt.kind)
    if flt.category:
        query = query.where(Item.category == flt.category)
    if flt.tag:
        query = query.where(
            Item.id.in_(select(item_tags.c.item_id).join(Tag).where(Tag.name == flt.tag))
        )
    text = flt.text.strip()
    if text:  # FTS5 trigram index (models/services/search.py), not a LIKE scan
        query = query.where(matching_items_clause(text))
    if flt.pass_state:
        # grouped sub-selects, not a correlated count: without ANALYZE statistics SQLite
        # otherwise drives the count through the status index (quadratic on 100k items)
        done_ids = select(Pass.item_id).where(Pass.status == PassStatus.DONE)
        if flt.pass_state == "in_progress":
            query = query.where(
                Item.id.in_(select(Pass.item_id).where(Pass.status == PassStatus.IN_PROGRESS))
            )
        elif flt.pass_state == "not_started":
            query = query.where(
                Item.id.not_in(select(Pass.item_id).where(Pass.status != PassStatus.TODO))
            )
        elif flt.pass_state == "0":
            query = query.where(Item.id.not_in(done_ids))
        elif flt.pass_state in {"1", "2", "3"}:
            query = query.where(
                Item.id.in_(
                    done_ids.group_by(Pass.item_id).having(func.count() == int(flt.pass_state))
                )
            )
    return query


def rows_query() -> Select[Any]:
    """All table rows in course order, passes and tags aggregated by SQLite (one query)."""
    items, passes, tags = Item.__table__, Pass.__table__, Tag.__table__
    # one small integer for the three statuses (a missing pass counts as todo): fewer
    # columns to read and to build, and the 27 status tuples are shared
    status_code = func.coalesce(
        func.sum(
            case(
                (passes.c.status == PassStatus.IN_PROGRESS.value, 1),
                (passes.c.status == PassStatus.DONE.value, 2),
                else_=0,
            )
            * case((passes.c.number == 2, 3), (passes.c.number == 3, 9), else_=1)
        ),
        0,
    )
    stamp = func.max(
        func.coalesce(passes.c.started_at, ""), func.coalesce(passes.c.finished_at, "")
    )
    tag_names = (
        select(type_coerce(func.group_concat(tags.c.name, TAG_SEPARATOR), String))
        .select_from(item_tags.join(tags, tags.c.id == item_tags.c.tag_id))
        .where(item_tags.c.item_id == items.c.id)
        .scalar_subquery()
    )
    return (
        select(
            items.c.id,
            items.c.kind,
            items.c.title,
            items.c.source,
            items.c.category,
            items.c.duration_seconds,
            status_code,
            type_coerce(func.max(stamp), String),
            tag_names,
        )
        .select_from(items.outerjoin(passes, passes.c.item_id == items.c.id))
        .group_by(items.c.id)
        .order_by(items.c.source, items.c.position, items.c.id)
    )


def rows_sql() -> str:
    """The unfiltered rows query as SQLite text (constants only, no user input): what
    library_read.ALL_ROWS_SQL must equal (tests/library/test_rows_sql.py)."""
    return str(
        rows_query().compile(
            dialect=sqlite_dialect.dialect(), compile_kwargs={"literal_binds": True}
        )
    )


class LibraryService:
    def __init__(
        self, db: Database, clock: Clock | None = None, *, reader: LibraryReader | None = None
    ) -> None:
        """`reader`: the desktop's LibraryReader, which may hold the rows it read at start-up."""
        self._db = db
        self._clock = clock or SystemClock()
        self._settings = SettingsService(db)
        self.reader = reader if reader is not None else LibraryReader(db)

    # ---- reading -------------------------------------------------------------------------
    def list_items(self, flt: ItemFilter | None = None) -> list[ItemRow]:
        """Table rows in course order, as named rows (see table_rows)."""
        make = ItemRow._make
        return [make(row) for row in self.table_rows(flt)]

    def table_rows(self, flt: ItemFilter | None = None) -> list[RowValues]:
        """list_items as plain tuples in ItemRow's field order: what the library table holds.

        Why tuples: a tuple holding only strings, numbers, datetimes and such tuples drops
        out of the cyclic garbage collector's walks (an ItemRow, a tuple subclass, never
        does), so 100k loaded rows cost full collections nothing; those hold the GIL and
        would stall the GUI thread while a worker loads rows.

        The reader keeps the last full list while nothing is written (data_epoch): a
        filtered call then runs only the id query and keeps the loaded rows whose id
        matched, in the same order (search as you type). A stale list is reloaded whole
        before filtering, since more keystrokes follow, except for a few given ids (one row
        after a pass change). Always a new list: callers may change it.
        """
        flt = flt or ItemFilter()
        if flt == ItemFilter():
            return self.reader.all_rows()
        with self._db.read() as s:
            connection = s.connection()
            epoch = self.reader.version(connection)
            if epoch is None:
                return self._read_rows(connection, flt)
            fresh = self.reader.fresh_rows(epoch)
            if fresh is None and (not self.reader.has_rows() or flt.item_ids is not None):
                return self._read_rows(connection, flt)  # one row, or no browsing yet
            rows = fresh if fresh is not None else self.reader.rows_at(connection, epoch)
            only_text = flt == ItemFilter(text=flt.text)
            keep = (
                item_id_set(s, flt.text.strip())
                if only_text
                else set(s.scalars(filtered_ids_query(flt)))
            )
            return [row for row in rows if row[0] in keep]

    def _read_rows(self, connection: Connection, flt: ItemFilter) -> list[RowValues]:
        """The rows of a filter, read directly (not from the kept list)."""
        query = rows_query().where(Item.__table__.c.id.in_(filtered_ids_query(flt)))
        return build_rows(connection.execute(query), {})

    def get_row(self, item_id: int) -> ItemRow | None:
        """One table row (None if the item is gone): refresh a row without reloading all."""
        rows = self.list_items(ItemFilter(item_ids=(item_id,)))
        return rows[0] if rows else None

    def items_with_notes(self, limit: int = 1) -> list[int]:
        """Ids of items that have a non-empty note, oldest first (showcase, screenshots)."""
        with self._db.read() as s:
            return list(
                s.scalars(
                    select(Note.item_id)
                    .where(Note.body != "")
                    .group_by(Note.item_id)
                    .order_by(Note.item_id)
                    .limit(limit)
                )
            )

    def categories(self) -> list[str]:
        return self.reader.categories()

    def tag_names(self) -> list[str]:
        return self.reader.tag_names()

    def get_item(self, item_id: int) -> ItemDetail:
        return self.reader.item_detail(item_id)

    def count(self) -> int:
        return self.reader.count()

    # ---- writing -------------------------------------------------------------------------
    def create_item(self, data: ItemInput, *, source: str = "manual") -> int:
        validate_input(data)
        with self._db.transaction() as s:
            item = Item(source=source)
            apply_input(item, data)
            item.passes = new_passes(data.kind, self._settings.get("pass_speeds"))
            item.tags = get_or_create_tags(s, data.tags)
            s.add(item)
            s.flush()
            return item.id

    def update_item(self, item_id: int, data: ItemInput) -> None:
        validate_input(data)
        with self._db.transaction() as s:
            item = self._item(s, item_id)
            old_kind = item.kind
            apply_input(item, data)
            follow_kind(item, old_kind, self._settings.get("pass_speeds"))
            item.tags = get_or_create_tags(s, data.tags)

    def delete_item(self, item_id: int) -> dict[str, Any]:
        """Delete and return a snapshot that restore_item() can bring back (undo)."""
        with self._db.transaction() as s:
            item = self._item(s, item_id)
            snapshot = snapshot_item(s, item)
            s.delete(item)
            return snapshot

    def restore_item(self, snapshot: dict[str, Any]) -> int:
        with self._db.transaction() as s:
            return restore_snapshot(s, snapshot)

    def set_pass(self, item_id: int, number: int, action: str, *, force: bool = False) -> PassInfo:
        """start / done / reset one pass; done on pass 3 refuses while open points remain."""
        if number not in (1, 2, 3):
            raise ValidationError("A pass number is 1, 2 or 3.")
        if action not in ("start", "done", "reset"):
            raise ValidationError("A pass action is start, done or reset.")
        cap = self._timer_cap()
        with self._db.transaction() as s:
            item = self._item(s, item_id)
            mark = self.reader.mark()  # the write lock is held (LibraryReader.wrote)
            info = self._set_pass(s, item, number, action, force, cap)
        self.reader.wrote(mark, (item_id,))  # one row changed: the kept rows are patched
        return info

    def _timer_cap(self) -> float:
        return float(self._settings.get("timer_cap_minutes") or 180)

    def _set_pass(
        self, s: Session, item: Item, number: int, action: str, force: bool, cap: float
    ) -> PassInfo:
        now = self._clock.now()
        p = item.passes[number - 1]
        if action == "start":
            p.status = PassStatus.IN_PROGRESS
            p.started_at = p.started_at or now
            p.finished_at = None
        elif action == "done":
            open_count = sum(1 for o in item.open_points if o.resolved_in_pass is None)
            if number == 3 and open_count and not force:
                raise UnresolvedOpenPointsError(open_count)
            p.status = PassStatus.DONE
            p.started_at = p.started_at or now
            p.finished_at = now
            # a timer on the pass ends with it, its time recorded (Done, Ctrl+1, the CLI)
            running = running_on(s, p)
            if running is not None:
                close_session(running, p, now, cap)
        else:
            p.status = PassStatus.TODO
            p.started_at = None
            p.finished_at = None
        return pass_info(p)

    def toggle_pass(self, item_id: int, number: int, *, force: bool = False) -> PassInfo:
        """todo → in progress → done → todo: one key cycles a pass (from the status read in
        the same transaction, so two quick toggles from two windows make two steps)."""
        if number not in (1, 2, 3):
            raise ValidationError("A pass number is 1, 2 or 3.")
        cap = self._timer_cap()
        with self._db.transaction() as s:
            item = self._item(s, item_id)
            mark = self.reader.mark()
            current = item.passes[number - 1].status
            action = {"todo": "start", "in_progress": "done", "done": "reset"}[current]
            info = self._set_pass(s, item, number, action, force, cap)
        self.reader.wrote(mark, (item_id,))
        return info

    def add_minutes(self, item_id: int, number: int, minutes: float) -> PassInfo:
        if minutes < 0:
            raise ValidationError("Minutes cannot be negative.")
        with self._db.transaction() as s:
            p = self._item(s, item_id).passes[number - 1]
            p.minutes_spent = (p.minutes_spent or 0.0) + minutes
            return pass_info(p)

    def set_minutes(self, item_id: int, number: int, minutes: float) -> PassInfo:
        """Correct the minutes spent on a pass (the pass card lets the user edit the total)."""
        if minutes < 0:
            raise ValidationError("Minutes cannot be negative.")
        with self._db.transaction() as s:
            p = self._item(s, item_id).passes[number - 1]
            p.minutes_spent = float(minutes)
            return pass_info(p)

    def set_pass_speed(self, item_id: int, number: int, speed: float) -> None:
        if not 0.25 <= speed <= 4:
            raise ValidationError("A speed is between 0.25x and 4x.")
        with self._db.transaction() as s:
            self._item(s, item_id).passes[number - 1].speed = speed

    def save_note(
        self, item_id: int, pass_number: int | None, body: str, *, loaded: str | None = None
    ) -> int | None:
        """Save a note; with `loaded` (the text the editor started from), a stored text that
        changed since (another process, a restore) is kept as a journal note, "Conflict
        copy: …", whose id is returned: the editor's text stays in place, nothing is lost."""
        with self._db.transaction() as s:
            item = self._item(s, item_id)
            mark = self.reader.mark()  # the write lock is held (LibraryReader.wrote)
            note = s.scalar(
                select(Note).where(
                    Note.item_id == item_id,
                    Note.pass_number.is_(None)
                    if pass_number is None
                    else Note.pass_number == pass_number,
                )
            )
            stored = "" if note is None else note.body
            copy_id: int | None = None
            if loaded is not None and stored not in (loaded, body):
                where = "general note" if pass_number is None else f"pass {pass_number}"
                stamp = self._clock.now().strftime("%Y-%m-%d %H:%M")
                copy = JournalNote(
                    source="conflict",
                    title=f"Conflict copy: {item.title} ({where}, {stamp})",
                    body=stored,
                )
                s.add(copy)
                s.flush()
                copy_id = copy.id
            if note is None:
                s.add(Note(item_id=item_id, pass_number=pass_number, body=body))
            elif note.body != body:
                note.body = body
        self.reader.wrote(mark)  # no table row shows a note: the kept rows stay current
        return copy_id

    def add_open_point(self, item_id: int, text: str) -> int:
        if not text.strip():
            raise ValidationError("An open point needs some text.")
        check_line(text.strip(), "An open point", MAX_QUESTION)
        with self._db.transaction() as s:
            self._item(s, item_id)
            point = OpenPoint(item_id=item_id, text=text.strip())
            s.add(point)
            s.flush()
            return point.id

    def resolve_open_point(self, point_id: int, in_pass: int | None) -> None:
        """Tick off (in_pass 2 or 3) or reopen (None) a 'did not understand' entry."""
        with self._db.transaction() as s:
            point = s.get(OpenPoint, point_id)
            if point is None:
                raise NotFoundError(f"No open point with id {point_id}.")
            point.resolved_in_pass = in_pass
            point.resolved_at = self._clock.now() if in_pass else None

    def delete_open_point(self, point_id: int) -> None:
        with self._db.transaction() as s:
            s.execute(delete(OpenPoint).where(OpenPoint.id == point_id))

    @staticmethod
    def _item(s: Session, item_id: int) -> Item:
        item = s.get(Item, item_id)
        if item is None:
            raise NotFoundError(f"No item with id {item_id}.")
        return item


ITEM_FIELDS = [
    "kind",
    "title",
    "url",
    "source",
    "external_key",
    "category",
    "year",
    "published",
    "duration_seconds",
    "link_bilibili",
    "link_youtube",
    "link_zhihu",
    "summary",
    "number",
    "position",
    "recorded",
    "reading_minutes",
    "queue_position",
]


def snapshot_item(s: Session, item: Item) -> dict[str, Any]:
    """Everything an item owns, as JSON-able values (undo of delete)."""
    return {
        "id": item.id,
        **{f: getattr(item, f) for f in ITEM_FIELDS},
        "scheduled_for": item.scheduled_for.isoformat() if item.scheduled_for else None,
        "tags": [t.name for t in item.tags],
        "passes": [
            {
                "number": p.number,
                "speed": p.speed,
                "depth": p.depth,
                "status": p.status,
                "started_at": p.started_at.isoformat() if p.started_at else None,
                "finished_at": p.finished_at.isoformat() if p.finished_at else None,
                "minutes_spent": p.minutes_spent,
            }
            for p in item.passes
        ],
        "notes": [{"pass_number": n.pass_number, "body": n.body} for n in item.notes],
        "open_points": [
            {"text": o.text, "resolved_in_pass": o.resolved_in_pass, "question_id": o.question_id}
            for o in item.open_points
        ],
        "covers": [c.id for c in item.covers],
        "covered_by": [c.id for c in item.covered_by],
        "companies": list(
            s.scalars(
                select(item_companies.c.company_id).where(item_companies.c.item_id == item.id)
            )
        ),
        "questions": list(
            s.scalars(
                select(question_items.c.question_id).where(question_items.c.item_id == item.id)
            )
        ),
    }


def restore_snapshot(s: Session, snap: dict[str, Any]) -> int:
    from datetime import date as date_cls

    # SQLite reuses the highest rowid: if a newer item took the old id, restore under a new one
    free_id = snap["id"] if s.get(Item, snap["id"]) is None else None
    item = Item(id=free_id, **{f: snap[f] for f in ITEM_FIELDS})
    if snap.get("scheduled_for"):
        item.scheduled_for = date_cls.fromisoformat(snap["scheduled_for"])
    item.tags = get_or_create_tags(s, snap["tags"])
    item.passes = [
        Pass(
            number=p["number"],
            speed=p["speed"],
            depth=p["depth"],
            status=p["status"],
            started_at=datetime.fromisoformat(p["started_at"]) if p["started_at"] else None,
            finished_at=datetime.fromisoformat(p["finished_at"]) if p["finished_at"] else None,
            minutes_spent=p["minutes_spent"],
        )
        for p in snap["passes"]
    ]
    item.notes = [Note(pass_number=n["pass_number"], body=n["body"]) for n in snap["notes"]]
    item.open_points = [OpenPoint(**o) for o in snap["open_points"]]
    item.covers = [i for i in (s.get(Item, x) for x in snap["covers"]) if i is not None]
    item.covered_by = [i for i in (s.get(Item, x) for x in snap["covered_by"]) if i is not None]
    s.add(item)
    s.flush()
    for company_id in snap["companies"]:
        if s.get(Company, company_id) is not None:
            s.execute(item_companies.insert().values(item_id=item.id, company_id=company_id))
    for question_id in snap["questions"]:
        if s.get(Question, question_id) is not None:
            s.execute(question_items.insert().values(item_id=item.id, question_id=question_id))
    return item.id
