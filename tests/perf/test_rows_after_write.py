"""A search right after a note autosave or a pass change filters the kept rows, patched in
place, instead of reading every row again (3.4 s at 100k, against 0.46 s with nothing
written); writes the reader did not see (another process, or not marked) still reload."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from models.db import Database
from models.services.dto import ItemFilter
from models.services.library import LibraryService
from models.services.library_read import LibraryReader, RowValues


@pytest.fixture
def full_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    reads: list[int] = []
    real = LibraryReader.read_rows

    def counted(self: LibraryReader, *args: object) -> list[RowValues]:
        reads.append(1)
        return real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(LibraryReader, "read_rows", counted)
    return reads


def note_filter(word: str) -> ItemFilter:
    return ItemFilter(text=word)


def test_a_note_saved_then_searched_reads_no_row_again(
    tiny_db: Database, full_reads: list[int]
) -> None:
    library = LibraryService(tiny_db)
    rows = library.table_rows()
    assert full_reads == [1]
    target = rows[3][0]
    with tiny_db.read() as held:  # a second pooled connection exists and looks
        held.connection()
        library.table_rows(note_filter("注意"))
    library.save_note(target, 1, "残差连接 autosaved 补充说明")
    for _ in range(3):  # each search may run on another pooled connection (worker threads)
        hits = library.table_rows(note_filter("补充说明"))
        assert [r[0] for r in hits] == [target]
        with tiny_db.read() as held:
            held.connection()
            assert [r[0] for r in library.table_rows(note_filter("补充说明"))] == [target]
    assert full_reads == [1]


def test_a_pass_change_patches_its_row(tiny_db: Database, full_reads: list[int]) -> None:
    library = LibraryService(tiny_db)
    target = next(r for r in library.table_rows() if r[6][0] == "todo")[0]
    library.set_pass(target, 1, "done")
    library.toggle_pass(target, 2)  # todo → in progress
    row = next(r for r in library.table_rows() if r[0] == target)
    assert row[6][:2] == ("done", "in_progress")
    assert full_reads == [1]
    assert library.table_rows() == LibraryService(tiny_db).table_rows()  # as a fresh read


def test_writes_not_marked_still_reload(tiny_db: Database, full_reads: list[int]) -> None:
    library = LibraryService(tiny_db)
    first = library.table_rows()[0][0]
    path = tiny_db.path
    assert path is not None
    other = sqlite3.connect(path)  # another process's write
    try:
        other.execute("UPDATE items SET title = '别处改的' WHERE id = ?", (first,))
        other.commit()
    finally:
        other.close()
    assert next(r for r in library.table_rows() if r[0] == first)[2] == "别处改的"
    assert len(full_reads) == 2
    with tiny_db.transaction() as s:  # a write of this process the reader was not told of
        s.execute(text("UPDATE items SET title = '这里改的' WHERE id = :i"), {"i": first})
    library.save_note(first, 2, "then a note")  # not the only commit since: no patch
    assert next(r for r in library.table_rows() if r[0] == first)[2] == "这里改的"
    assert len(full_reads) == 3
