"""Wiki links and an item's links, read with plain SQL: the item pane's first render.

The item pane shows an item's companies, questions and backlinks, and the wiki preview
resolves `[[names]]`, before the first paint. Importing sqlalchemy.orm and the mapped
classes there costs ~0.1 s, and SQLAlchemy itself ~0.15 s (issue #7), so these reads are
plain SQL over `Database.connect()` (sqlite3) and this module imports neither SQLAlchemy
nor any module that does (tests/career/test_link_read.py checks). LinkService (links.py)
delegates its `item_links`, `backlinks` and `resolve` here: one implementation.

``[[title]]`` / ``[[title|label]]`` in any note (item notes, company notes, question answers
and details) names an item, company or question; names compare by `name_key`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from models.db import Connectable, Database, query
from models.errors import NotFoundError
from models.services.text_match import NOTE_TABLE, fts_phrase, like_pattern

WIKI_LINK = re.compile(r"\[\[([^\[\]\n|]+)(?:\|[^\[\]\n]*)?\]\]")
KINDS = ("item", "company", "question")
RESOLVE_CHUNK = 400  # names per IN list: well below SQLite's limit on bound parameters
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def name_key(name: str) -> str:
    """How wiki names compare: trimmed, ASCII case folded (the same rule as SQLite lower())."""
    return " ".join(name.split()).translate(_ASCII_LOWER)


def wiki_names(text: str) -> list[str]:
    """The target names of every ``[[name]]`` / ``[[name|label]]`` in a note, in order."""
    names: dict[str, str] = {}
    for match in WIKI_LINK.finditer(text or ""):
        name = " ".join(match.group(1).split())
        if name:
            names.setdefault(name_key(name), name)
    return list(names.values())


def snippet(body: str, at: int, width: int = 40) -> str:
    """The line that holds the link at `at`: a window spanning lines showed the end of the
    line before and the start of the next instead (issue #16). A line longer than
    `width * 4` is cut around the link, `width` before it."""
    line_start = body.rfind("\n", 0, at) + 1
    line_end = body.find("\n", at)
    line_end = len(body) if line_end < 0 else line_end
    start, end = line_start, line_end
    if end - start > width * 4:
        start = max(line_start, at - width)
        end = min(line_end, start + width * 4)
    text = " ".join(body[start:end].split())
    return ("…" if start > line_start else "") + text + ("…" if end < line_end else "")


# ---- plain values -------------------------------------------------------------------------
@dataclass(frozen=True)
class WikiTarget:
    kind: str  # item / company / question
    id: int
    title: str


@dataclass(frozen=True)
class Backlink:
    source: WikiTarget  # where the [[link]] is written
    where: str  # "notes" / "pass 2 notes" / "answer" / "detail"
    snippet: str


@dataclass(frozen=True)
class ItemLinks:
    companies: tuple[tuple[int, str], ...]
    questions: tuple[tuple[int, str, int], ...]  # id, text, confidence


Candidate = tuple[WikiTarget, str, str]  # source, where, body: a note that may link


def exact_backlinks(
    kind: str, target_id: int, candidates: Iterable[Candidate], targets: dict[str, WikiTarget]
) -> list[Backlink]:
    """The candidates whose [[links]] really resolve to the target (`targets`: by name_key).

    The SQL filters only find notes containing "[[" + the title somewhere: a longer name
    ("[[ResNet 残差网络 精读]]" for "ResNet 残差网络") or one resolving to another target
    with the same name also matches there. One backlink per note, at its first link.
    """
    result: list[Backlink] = []
    for source, where, body in candidates:
        for match in WIKI_LINK.finditer(body):
            target = targets.get(name_key(match.group(1)))
            if target is not None and target.kind == kind and target.id == target_id:
                result.append(Backlink(source, where, snippet(body, match.start())))
                break
    return result


# ---- SQL (constants only; every value is a bound parameter) -------------------------------
def _sql_name_key(column: str) -> str:
    """name_key in SQL: trimmed, lower-cased, runs of up to 8 spaces made one (a title typed
    with a double space still resolves: "[[ResNet 残差]]" finds "ResNet  残差")."""
    folded = f"lower(trim({column}))"
    for _ in range(3):
        folded = f"replace({folded}, '  ', ' ')"
    return folded


def _resolve_sql(table: str, title: str) -> str:
    """`{keys}` becomes one bound parameter per name (see _resolve)."""
    where = f"{_sql_name_key(title)} IN ({{keys}})"
    return f"SELECT id, {title} FROM {table} WHERE {where} ORDER BY id DESC"


# Later sources overwrite earlier ones: items win over companies over questions, and within
# a kind the lowest id (rows come highest id first).
_RESOLVE = (
    ("question", _resolve_sql("questions", "text")),
    ("company", _resolve_sql("companies", "name")),
    ("item", _resolve_sql("items", "title")),
)
_TITLE = {
    "item": "SELECT title FROM items WHERE id = :id",
    "company": "SELECT name FROM companies WHERE id = :id",
    "question": "SELECT text FROM questions WHERE id = :id",
}
_ITEM_COMPANIES = (
    "SELECT c.id, c.name FROM companies AS c "
    "JOIN item_companies AS ic ON ic.company_id = c.id "
    "WHERE ic.item_id = :item_id ORDER BY c.name"  # companies.name is COLLATE NOCASE
)
_ITEM_QUESTIONS = (
    "SELECT q.id, q.text, q.confidence FROM questions AS q "
    "JOIN question_items AS qi ON qi.question_id = q.id "
    "WHERE qi.item_id = :item_id ORDER BY q.id"
)
# Study notes through the full-text index (a LIKE scan read every note: ~100 ms per selected
# item at 100k). It matches a superset of LIKE (Unicode case folding); exact_backlinks picks
# the real links out.
_NOTE_CANDIDATES = (
    "SELECT i.id, i.title, n.pass_number, n.body FROM items AS i "
    "JOIN notes AS n ON n.item_id = i.id "
    f"WHERE n.id IN (SELECT rowid FROM {NOTE_TABLE} WHERE {NOTE_TABLE} MATCH :phrase) "
    "ORDER BY i.title, n.pass_number"
)
_COMPANY_CANDIDATES = (
    "SELECT id, name, notes FROM companies WHERE notes LIKE :pattern ESCAPE '\\' ORDER BY name"
)
_QUESTION_CANDIDATES = (
    "SELECT id, text, answer, detail FROM questions "
    "WHERE answer LIKE :pattern ESCAPE '\\' OR detail LIKE :pattern ESCAPE '\\' ORDER BY id"
)


class LinkReader:
    """An item's links, backlinks and wiki-name resolution. One connection per call."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def item_links(self, item_id: int) -> ItemLinks:
        """The companies (by name) and questions (by id) an item is linked to."""
        with self._db.connect() as conn:
            _title(conn, "item", item_id)
            companies = tuple(
                (int(i), n) for i, n in query(conn, _ITEM_COMPANIES, {"item_id": item_id})
            )
            questions = tuple(
                (int(i), t, int(c))
                for i, t, c in query(conn, _ITEM_QUESTIONS, {"item_id": item_id})
            )
        return ItemLinks(companies, questions)

    def resolve(self, names: list[str]) -> dict[str, WikiTarget]:
        """Map each name (by name_key) to its target; items win over companies over questions."""
        keys = {name_key(n): n for n in names if n.strip()}
        if not keys:
            return {}
        with self._db.connect() as conn:
            return _resolve(conn, list(keys))

    def resolve_one(self, name: str) -> WikiTarget | None:
        return self.resolve([name]).get(name_key(name))

    def backlinks(self, kind: str, target_id: int) -> list[Backlink]:
        """Every note, company note, answer or question detail with a [[link]] to the target:
        study notes (by item title, then pass), company notes (by name), then questions."""
        if kind not in KINDS:
            raise NotFoundError(f"Unknown link target kind {kind!r}.")
        with self._db.connect() as conn:
            needle = "[[" + " ".join(_title(conn, kind, target_id).split())
            pattern = like_pattern(needle)
            candidates: list[Candidate] = []
            for item_id, item_title, pass_number, body in query(
                conn, _NOTE_CANDIDATES, {"phrase": fts_phrase(needle)}
            ):
                where = "notes" if pass_number is None else f"pass {pass_number} notes"
                candidates.append((WikiTarget("item", int(item_id), item_title), where, body))
            for company_id, name, notes in query(conn, _COMPANY_CANDIDATES, {"pattern": pattern}):
                candidates.append((WikiTarget("company", int(company_id), name), "notes", notes))
            for qid, question, answer, detail in query(
                conn, _QUESTION_CANDIDATES, {"pattern": pattern}
            ):
                source = WikiTarget("question", int(qid), question)
                candidates.append((source, "answer", answer or ""))
                candidates.append((source, "detail", detail or ""))
            names = {name_key(n) for _, _, body in candidates for n in wiki_names(body)}
            targets = _resolve(conn, list(names)) if names else {}
        return exact_backlinks(kind, target_id, candidates, targets)


def _title(conn: Connectable, kind: str, target_id: int) -> str:
    """The target's title (name, question text); NotFoundError if it is gone."""
    rows = query(conn, _TITLE[kind], {"id": target_id})
    title = rows[0][0] if rows else None
    if title is None:
        raise NotFoundError(f"No {kind} with id {target_id}.")
    return str(title)


def _resolve(conn: Connectable, keys: list[str]) -> dict[str, WikiTarget]:
    """Targets by name_key of the given keys (already name_keys), in chunks of RESOLVE_CHUNK."""
    found: dict[str, WikiTarget] = {}
    for kind, sql in _RESOLVE:
        for start in range(0, len(keys), RESOLVE_CHUNK):
            chunk = keys[start : start + RESOLVE_CHUNK]
            params = {f"k{n}": key for n, key in enumerate(chunk)}
            chunk_sql = sql.format(keys=", ".join(f":{name}" for name in params))
            for target_id, title in query(conn, chunk_sql, params):
                found[name_key(title)] = WikiTarget(kind, int(target_id), title)
    return found
