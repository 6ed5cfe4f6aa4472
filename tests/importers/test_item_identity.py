"""One paper, one item: imported records find their item across sources and moved keys."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from importers import paper_reading
from importers.links import normalise_paper_url, normalize_url, paper_url_kind
from importers.records import ItemRecord, ParseResult
from models.db import Database, open_database
from models.library import Item
from models.paths import resolve_location
from models.services.importing import ImportService
from models.services.library import LibraryService
from models.services.transfer import TransferService
from models.services.transfer_export import dumps_document

TRANSFORMER = "https://arxiv.org/abs/1706.03762"


def _paper(key_url: str, title: str, year: int | None = None, **extra: object) -> ItemRecord:
    return ItemRecord(
        kind="paper",
        external_key=normalize_url(key_url),
        title=title,
        url=key_url,
        year=year,
        **extra,  # type: ignore[arg-type]
    )


def _items(db: Database) -> list[tuple[int, str, str, str | None]]:
    with db.read() as s:
        rows = s.execute(
            select(Item.id, Item.source, Item.title, Item.external_key).order_by(Item.id)
        ).all()
    return [(int(i), src, t, k) for i, src, t, k in rows]


@pytest.mark.parametrize(
    ("spellings", "key"),
    [
        (
            [
                "https://arxiv.org/abs/1706.03762",
                "http://arxiv.org/pdf/1706.03762v5.pdf",
                "https://www.arxiv.org/abs/1706.03762/",
                "https://arxiv.org/html/1706.03762v7",
            ],
            TRANSFORMER,
        ),
        (
            [
                "https://openreview.net/forum?id=YicbFdNTTy",
                "https://openreview.net/pdf?id=YicbFdNTTy",
                "http://www.openreview.net/forum?id=YicbFdNTTy&noteId=abc",
            ],
            "https://openreview.net/forum?id=YicbFdNTTy",
        ),
        (
            [
                "https://aclanthology.org/N19-1423/",
                "https://aclanthology.org/N19-1423.pdf",
                "https://www.aclweb.org/anthology/N19-1423",
                "http://aclweb.org/anthology/N19-1423.pdf",
            ],
            "https://aclanthology.org/N19-1423",
        ),
        (
            [
                "https://aclanthology.org/2020.acl-main.463.pdf",
                "https://aclanthology.org/2020.acl-main.463v2.pdf",
            ],
            "https://aclanthology.org/2020.acl-main.463",
        ),
        (
            [
                "https://papers.nips.cc/paper/2012/file/c399862d3b9d6b76c8436e924a68c45b-Paper.pdf",
                "https://proceedings.neurips.cc/paper/2012/hash/c399862d3b9d6b76c8436e924a68c45b-Abstract.html",
                "https://proceedings.neurips.cc/paper_files/paper/2012/file/c399862d3b9d6b76c8436e924a68c45b-Paper.pdf",
            ],
            "https://proceedings.neurips.cc/paper/2012/hash/c399862d3b9d6b76c8436e924a68c45b",
        ),
        (
            [
                "https://papers.nips.cc/paper/5423-generative-adversarial-nets.pdf",
                "http://papers.nips.cc/paper/5423-generative-adversarial-nets",
            ],
            "https://papers.nips.cc/paper/5423",
        ),
        (
            [
                "http://proceedings.mlr.press/v37/ioffe15.html",
                "https://proceedings.mlr.press/v37/ioffe15.pdf",
                "https://proceedings.mlr.press/v37/ioffe15/ioffe15.pdf",
                "http://jmlr.org/proceedings/papers/v37/ioffe15.html",
            ],
            "https://proceedings.mlr.press/v37/ioffe15.html",
        ),
    ],
)
def test_every_spelling_of_a_paper_is_one_key(spellings: list[str], key: str) -> None:
    assert {normalise_paper_url(u) for u in spellings} == {key}
    assert {normalize_url(u) for u in spellings} == {key}
    assert all(paper_url_kind(u) for u in spellings)


@pytest.mark.parametrize(
    "url",
    [
        "https://openai.com/blog/chatgpt/",
        "https://arxiv.org/list/cs.CL/recent",
        "https://openreview.net/group?id=ICLR.cc/2024/Conference",
        "https://aclanthology.org/events/acl-2020/",
        "https://proceedings.neurips.cc/paper/2012",
        "https://proceedings.mlr.press/v37/",
        "https://github.com/mli/paper-reading",
        "ftp://arxiv.org/abs/1706.03762",
        "not a url",
    ],
)
def test_other_links_are_not_papers(url: str) -> None:
    assert not paper_url_kind(url)
    assert normalise_paper_url(url) is None


def test_same_paper_from_notes_and_paper_reading_is_one_item(
    db: Database, paper_readme: str
) -> None:
    service = ImportService(db)
    notes = ParseResult(
        items=(
            _paper("http://arxiv.org/pdf/1706.03762v5.pdf", "Attention Is All You Need"),
            _paper("https://www.aclweb.org/anthology/N19-1423.pdf", "BERT (ACL Anthology)"),
        )
    )
    first = service.apply("notes", notes)
    assert first.added == 2
    readme = paper_reading.parse(paper_readme)
    imported = service.apply(paper_reading.SOURCE, readme)
    # the Transformer is the notes' item: shared, not added again
    assert imported.added == len(readme.items) - 1
    library = LibraryService(db)
    rows = [r for r in _items(db) if r[3] == TRANSFORMER]
    assert len(rows) == 1
    item_id, owner, title, _ = rows[0]
    assert (owner, title) == ("notes", "Attention Is All You Need")  # the owner's title kept
    detail = library.get_item(item_id)
    assert detail.source == "notes"
    assert detail.also_from == (paper_reading.SOURCE,)
    assert detail.year == 2017  # filled by paper-reading: the notes left it empty
    assert [t for _, t in detail.covered_by] == ["Transformer 逐段精读"]

    # both re-imports find it again, add nothing and keep owning what they owned
    assert service.apply(paper_reading.SOURCE, readme).added == 0
    again = service.apply("notes", notes)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert library.count() == len(readme.items) + 1


def test_paper_reading_first_then_notes_share_its_item(db: Database, paper_readme: str) -> None:
    service = ImportService(db)
    readme = paper_reading.parse(paper_readme)
    service.apply(paper_reading.SOURCE, readme)
    notes = ParseResult(items=(_paper("https://arxiv.org/abs/1706.03762v2", "transformer"),))
    summary = service.apply("notes", notes)
    assert (summary.added, summary.updated) == (0, 1)
    assert LibraryService(db).count() == len(readme.items)
    (row,) = [r for r in _items(db) if r[3] == TRANSFORMER]
    assert row[1:3] == (paper_reading.SOURCE, "Transformer")  # the owner's title kept


def test_a_paper_whose_link_changed_keeps_its_item(db: Database) -> None:
    service = ImportService(db)
    old = _paper("https://example.org/alexnet.pdf", "ImageNet Classification with CNNs", 2012)
    service.apply("reading-list", ParseResult(items=(old,)))
    ((item_id, *_),) = _items(db)
    library = LibraryService(db)
    library.set_pass(item_id, 1, "done")
    library.save_note(item_id, 1, "读过")

    moved = _paper(
        "https://papers.nips.cc/paper/2012/file/c399862d3b9d6b76c8436e924a68c45b-Paper.pdf",
        "ImageNet classification with CNNs.",  # case and punctuation differ
        2012,
    )
    summary = service.apply("reading-list", ParseResult(items=(moved,)))
    assert (summary.added, summary.updated) == (0, 1)
    assert _items(db) == [(item_id, "reading-list", moved.title, moved.external_key)]
    assert library.get_item(item_id).notes[1] == "读过"
    again = service.apply("reading-list", ParseResult(items=(moved,)))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)


def test_a_moved_title_match_needs_the_same_year_and_a_gone_key(db: Database) -> None:
    service = ImportService(db)
    first = _paper("https://example.org/a.pdf", "Scaling Laws", 2020)
    service.apply("list", ParseResult(items=(first,)))
    other_year = _paper("https://example.org/b.pdf", "Scaling Laws", 2022)
    assert service.apply("list", ParseResult(items=(other_year,))).added == 1
    # the old key still listed: a second paper of the same title is its own item
    both = ParseResult(items=(first, _paper("https://example.org/c.pdf", "Scaling laws", 2020)))
    assert service.apply("list", ParseResult(items=both.items)).added == 1
    assert len(_items(db)) == 3


def test_a_key_stored_under_older_rules_is_renormalised(db: Database) -> None:
    """A library imported when NeurIPS links were keyed by their PDF URL finds them again."""
    service = ImportService(db)
    pdf = "https://papers.nips.cc/paper/2012/file/c399862d3b9d6b76c8436e924a68c45b-Paper.pdf"
    service.apply("paper-reading", ParseResult(items=(_paper(pdf, "AlexNet"),)))
    assert db.path is not None
    conn = sqlite3.connect(db.path)
    with conn:
        conn.execute("UPDATE items SET external_key = ?", (pdf.replace("http://", "https://"),))
    conn.close()
    renamed = _paper(pdf, "AlexNet: a new title")
    summary = service.apply("paper-reading", ParseResult(items=(renamed,)))
    assert (summary.added, summary.updated) == (0, 1)
    assert [r[2:] for r in _items(db)] == [(renamed.title, normalize_url(pdf))]


def test_videos_and_courses_are_never_shared_across_sources(db: Database) -> None:
    service = ImportService(db)
    video = ItemRecord(kind="paper_video", external_key="bilibili:BV1xx", title="v")
    service.apply("a", ParseResult(items=(video,)))
    assert service.apply("b", ParseResult(items=(video,))).added == 1
    assert [r[1] for r in _items(db)] == ["a", "b"]


def test_deleting_a_shared_item_forgets_both_sources(db: Database) -> None:
    service = ImportService(db)
    paper = _paper(TRANSFORMER, "Transformer")
    service.apply("a", ParseResult(items=(paper,)))
    service.apply("b", ParseResult(items=(paper,)))
    ((item_id, *_),) = _items(db)
    LibraryService(db).delete_item(item_id)
    assert db.path is not None
    conn = sqlite3.connect(db.path)
    try:
        assert conn.execute("SELECT count(*) FROM item_sources").fetchone() == (0,)
    finally:
        conn.close()
    assert service.apply("b", ParseResult(items=(paper,))).added == 1
    assert [r[1] for r in _items(db)] == ["b"]


def test_a_shared_item_is_still_shared_after_a_json_round_trip(
    db: Database, tmp_path: Path
) -> None:
    """The export carries item_sources: in the restored library each source finds the item."""
    service = ImportService(db)
    paper = _paper(TRANSFORMER, "Transformer")
    service.apply("a", ParseResult(items=(paper,)))
    service.apply("b", ParseResult(items=(_paper(TRANSFORMER + "v3", "transformer"),)))
    doc = TransferService(db).export_document()
    assert doc["items"][0]["also_from"] == [{"source": "b", "external_key": TRANSFORMER}]

    restored = open_database(resolve_location(data_dir=tmp_path / "restored"))
    try:
        TransferService(restored).import_document(json.loads(dumps_document(doc)))
        again = ImportService(restored)
        assert again.apply("b", ParseResult(items=(paper,))).added == 0
        assert again.apply("a", ParseResult(items=(paper,))).added == 0
        ((item_id, owner, *_),) = _items(restored)
        assert owner == "a"
        assert LibraryService(restored).get_item(item_id).also_from == ("b",)
    finally:
        restored.close()
