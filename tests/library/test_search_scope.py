"""Search finds what an item shows: its description, category, tags and the names of the
companies and questions linked to it, besides title and notes (revision 0012), and follows
every write to those texts."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from models import migrate
from models.db import Database, make_engine, open_database
from models.paths import DB_FILENAME, resolve_location
from models.services.career import CareerService, CompanyInput
from models.services.dto import ItemFilter, ItemInput
from models.services.library import LibraryService
from models.services.links import LinkService
from models.services.review import QuestionInput, QuestionService
from models.services.search import (
    FIELDS_TEXT,
    SearchService,
    item_ids_query,
    letters_mask,
    like_item_ids,
    matching_item_ids,
)
from tests.migration_support import database_at, library_rows
from tests.perf.test_search_speed import expected_masks, stored_masks

VIT = "引入自注意力做视觉问题"


def found(db: Database, needle: str) -> set[int]:
    """The items every search path returns, checked against the LIKE scan of the sources."""
    with db.read() as s:
        expected = set(s.scalars(like_item_ids(needle)))
        assert set(s.scalars(matching_item_ids(needle))) == expected, needle
        assert set(s.scalars(item_ids_query(s, needle))) == expected, needle
    assert SearchService(db).item_ids(needle) == expected, needle  # search as you type
    shown = {row.id for row in LibraryService(db).list_items(ItemFilter(text=needle))}
    assert shown == expected, needle
    return expected


def stored_fields(db: Database) -> dict[int, tuple[str, int]]:
    with db.read() as s:
        rows = s.execute(text(f"SELECT item_id, body, mask FROM {FIELDS_TEXT}"))
        return {item_id: (body, mask) for item_id, body, mask in rows}


def check_masks(db: Database) -> None:
    """Each gathered row's mask is the mask of its text, and each item's letter mask (what
    a 1-character search reads) that of all its texts, recomputed from where they are kept."""
    for item_id, (body, mask) in stored_fields(db).items():
        assert mask == letters_mask(body), item_id
    assert stored_masks(db) == expected_masks(db)


@pytest.fixture
def library(db: Database) -> dict[str, int]:
    """An item for each kind of text, and one that holds none of them."""
    lib = LibraryService(db)
    ids = {
        "described": lib.create_item(ItemInput(kind="paper", title="ViT", summary=VIT)),
        "categorised": lib.create_item(
            ItemInput(kind="paper", title="Swin", category="计算机视觉论文")
        ),
        "tagged": lib.create_item(
            ItemInput(kind="article", title="Blog", category="大模型", tags=["多模态大模型"])
        ),
        "company": lib.create_item(ItemInput(kind="course_video", title="Lesson 1")),
        "question": lib.create_item(ItemInput(kind="course_video", title="Lesson 2")),
        "plain": lib.create_item(ItemInput(kind="article", title="Nothing else")),
    }
    company = CareerService(db).add_company(CompanyInput(name="月之暗面 Moonshot"))
    question = QuestionService(db).add_question(QuestionInput(text="旋转位置编码为什么有效？"))
    links = LinkService(db)
    links.link_item_company(ids["company"], company)
    links.link_item_question(ids["question"], question)
    ids["company_id"], ids["question_id"] = company, question
    return ids


def test_every_text_an_item_shows_is_searched(db: Database, library: dict[str, int]) -> None:
    assert found(db, "注意力") == {library["described"]}
    assert found(db, "视觉问题") == {library["described"]}
    assert found(db, "视觉") == {library["described"], library["categorised"]}  # 2 characters
    assert found(db, "视") == {library["described"], library["categorised"]}  # 1 character
    assert found(db, "视觉论文") == {library["categorised"]}
    assert found(db, "模态") == {library["tagged"]}
    assert found(db, "多模态大模型") == {library["tagged"]}
    assert found(db, "暗面") == {library["company"]}
    assert found(db, "moonshot") == {library["company"]}  # ASCII case folded, like LIKE
    assert found(db, "位置编码") == {library["question"]}
    assert found(db, "M") == {library["company"]}  # the letter masks
    assert found(db, "？") == {library["question"]}
    assert found(db, "大模型") == {library["tagged"]}  # category and tag
    assert found(db, "型多") == set()  # no match across two texts of one item
    assert found(db, "大模型多模态") == set()
    check_masks(db)


def test_edits_and_deletes_of_each_text_update_the_results(
    db: Database, library: dict[str, int]
) -> None:
    lib, links = LibraryService(db), LinkService(db)
    described = library["described"]
    lib.update_item(described, ItemInput(kind="paper", title="ViT", summary="图像切成块"))
    assert found(db, "注意力") == set()
    assert found(db, "切成块") == {described}

    categorised = library["categorised"]
    lib.update_item(categorised, ItemInput(kind="paper", title="Swin", category="检测"))
    assert found(db, "视觉") == set()
    assert found(db, "检测") == {categorised}

    tagged = library["tagged"]
    lib.update_item(tagged, ItemInput(kind="article", title="Blog", tags=["强化学习"]))
    assert found(db, "模态") == set()
    assert found(db, "强化") == {tagged}
    with db.transaction() as s:  # a tag renamed behind the ORM's back
        s.execute(text("UPDATE tags SET name = 'RLHF 对齐' WHERE name = '强化学习'"))
    assert found(db, "强化") == set()
    assert found(db, "对齐") == {tagged}
    assert found(db, "rlhf") == {tagged}

    company = library["company_id"]
    CareerService(db).update_company(company, CompanyInput(name="智谱 Zhipu"))
    assert found(db, "暗面") == set()
    assert found(db, "智谱") == {library["company"]}
    assert found(db, "M") == set()  # the item's letter mask lost Moonshot's characters
    assert found(db, "z") == {library["company"]}
    links.link_item_company(described, company)
    assert found(db, "智谱") == {library["company"], described}
    links.unlink_item_company(library["company"], company)
    assert found(db, "智谱") == {described}
    CareerService(db).delete_company(company)
    assert found(db, "智谱") == set()
    assert found(db, "切成块") == {described}  # the item's other texts stay

    question = library["question_id"]
    review = QuestionService(db)
    review.update_question(question, QuestionInput(text="KV cache 省了什么？"))
    assert found(db, "位置编码") == set()
    assert found(db, "kv cache") == {library["question"]}
    review.delete_question(question)
    assert found(db, "kv cache") == set()

    lib.delete_item(tagged)
    assert found(db, "对齐") == set()
    check_masks(db)
    # rows only for items with such texts, and nothing left of deleted ones in the index
    assert set(stored_fields(db)) == {described, categorised}
    with db.read() as s:
        terms = s.execute(text("SELECT term FROM search_fields_terms")).scalars().all()
    assert not [term for term in terms if "对齐" in term or "智谱" in term]


def test_a_cleared_description_leaves_no_row(db: Database, library: dict[str, int]) -> None:
    lib = LibraryService(db)
    lib.update_item(library["described"], ItemInput(kind="paper", title="ViT", summary=""))
    assert library["described"] not in stored_fields(db)
    assert found(db, "注意力") == set()


def test_0012_upgrades_a_library_made_at_0011_with_rows(tmp_path: Path) -> None:
    data = tmp_path / "data"
    rows = [
        *library_rows(12, "0011"),  # categories, tags, a company and a question per item
        f"UPDATE items SET summary = '{VIT}' WHERE id = 3",
        "UPDATE items SET summary = '' WHERE id = 4",
    ]
    path = database_at(data, "0011", rows)
    db = open_database(resolve_location(data_dir=data))
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        assert found(db, "视觉问题") == {3}  # the description
        assert found(db, "nlp") == set(range(1, 13))  # the category of every item
        assert found(db, "标签3") == {i for i in range(1, 13) if i % 7 + 1 == 3}  # a tag
        assert found(db, "暗面") == {1}  # the company linked to item 1
        assert found(db, "问题 2") == {2}  # the question linked to item 2
        check_masks(db)
        assert len(stored_fields(db)) == 12
        LibraryService(db).update_item(3, ItemInput(kind="paper", title="ViT", summary="换掉"))
        assert found(db, "视觉问题") == set()  # the triggers came with the upgrade

        with db.engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), "0011")
        with closing(sqlite3.connect(path)) as conn:
            names = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
        assert not [name for name in names if name.startswith("search_fields")]
        migrate.upgrade(db.engine)
        assert found(db, "换掉") == {3}
    finally:
        db.close()


def test_upgrade_fills_an_empty_library_and_a_new_one_searches(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    engine = make_engine(f"sqlite:///{data / DB_FILENAME}")
    try:
        migrate.upgrade(engine, "0011")
    finally:
        engine.dispose()
    db = open_database(resolve_location(data_dir=data))
    try:
        assert stored_fields(db) == {}
        item = LibraryService(db).create_item(ItemInput(kind="paper", title="x", summary=VIT))
        assert found(db, "注意") == {item}
    finally:
        db.close()
