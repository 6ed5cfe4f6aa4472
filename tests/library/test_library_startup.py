"""Start-up path of the library view: what it imports and in which order it works.

docs/benchmarks.md, "Start to first rows visible": the rows of a large library are read by
the worker while the GUI thread builds the rest of the view, and modules that nothing on the
first screen needs (markdown-it, the career link dialog) load on first use.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.library import item_pane
from desktop.library import loader as loader_module
from desktop.library.loader import RowLoader
from desktop.main_window import MainWindow
from models.db import Database, open_database
from models.paths import resolve_location
from models.services.library import LibraryService
from models.services.library_read import LibraryReader
from tests.library.library_helpers import add, library_of, shown_titles

REPO = Path(__file__).resolve().parents[2]


def test_rows_are_requested_before_the_item_pane_is_built(
    qtbot: QtBot,
    make_window: Callable[[Database], MainWindow],
    db: Database,
    service: LibraryService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(loader_module, "ASYNC_ROWS", 0)  # every library loads in the worker
    add(service, "Transformer 论文逐段精读", category="NLP", tags=["注意力"])
    add(service, "ResNet", category="CV")
    order: list[str] = []
    real_request = RowLoader.request
    real_pane_init = item_pane.ItemPane.__init__

    def request(self: RowLoader, *args: object, **kwargs: object) -> int:
        order.append("rows requested")
        return real_request(self, *args, **kwargs)  # type: ignore[arg-type]

    def pane_init(self: item_pane.ItemPane, *args: object, **kwargs: object) -> None:
        order.append("pane built")
        real_pane_init(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(RowLoader, "request", request)
    monkeypatch.setattr(item_pane.ItemPane, "__init__", pane_init)
    window = make_window(db)
    view = library_of(window)
    assert order[:2] == ["rows requested", "pane built"]
    assert order.count("rows requested") == 1  # the constructor asks once, not again at its end
    qtbot.waitUntil(lambda: not view.loader.busy())
    assert sorted(shown_titles(view)) == ["ResNet", "Transformer 论文逐段精读"]
    assert view.filters.count.text() == "2 items"
    categories = [view.filters.category.itemData(i) for i in range(view.filters.category.count())]
    tags = [view.filters.tag.itemData(i) for i in range(view.filters.tag.count())]
    assert categories == [None, "CV", "NLP"]
    assert tags == [None, "注意力"]


def test_the_first_search_filters_the_rows_loaded_at_start(
    qtbot: QtBot,
    make_window: Callable[[Database], MainWindow],
    db: Database,
    service: LibraryService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While the first load runs the GUI thread queries nothing: a second pooled connection
    would make the service read every row again on the next search (data_epoch)."""
    monkeypatch.setattr(loader_module, "ASYNC_ROWS", 0)
    add(service, "Transformer 论文逐段精读", category="NLP")
    resnet = add(service, "ResNet", category="CV")
    service.save_note(resnet, 1, "残差连接")
    full_loads: list[int] = []
    real_read_rows = LibraryReader.read_rows

    def read_rows(self: LibraryReader, *args: object) -> object:
        full_loads.append(1)
        return real_read_rows(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(LibraryReader, "read_rows", read_rows)
    window = make_window(db)
    view = library_of(window)
    qtbot.waitUntil(lambda: not view.loader.busy())
    assert len(full_loads) == 1
    view.filters.search.setText("残差")
    view.filters.flush()
    qtbot.waitUntil(lambda: shown_titles(view) == ["ResNet"] and not view.loader.busy())
    assert len(full_loads) == 1  # filtered the loaded rows, no second full read


def test_markdown_and_the_link_dialog_load_on_first_use(tmp_path: Path) -> None:
    """Building the library view imports neither; showing an item with notes renders them."""
    script = (
        "import json, sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from desktop.context import AppContext, Events\n"
        "from desktop.library.view import LibraryView\n"
        "from models.clock import SystemClock\n"
        "from models.db import open_database\n"
        "from models.paths import resolve_location\n"
        "from models.services.dto import ItemInput\n"
        "from models.services.library import LibraryService\n"
        "app = QApplication([])\n"
        f"db = open_database(resolve_location(data_dir={str(tmp_path / 'data')!r}))\n"
        "service = LibraryService(db)\n"
        "item = service.create_item(ItemInput(kind='paper', title='注意力机制'))\n"
        "service.save_note(item, 1, '**多头**注意力')\n"
        "view = LibraryView(AppContext(db=db, clock=SystemClock(), events=Events()))\n"
        "built = sorted(sys.modules)\n"
        "view.select_item(item)\n"
        "preview = view.pane.cards[0].notes.preview.toPlainText()\n"
        "print(json.dumps([built, 'markdown_it' in sys.modules, preview]))\n"
        "db.close()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home")}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "home" / ".config")
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, env=env
    )
    assert done.returncode == 0, done.stderr
    built, markdown_later, preview = json.loads(done.stdout.splitlines()[-1])
    assert "desktop.library.item_pane" in built
    unwanted = {"markdown_it", "desktop.career.link_dialog", "models.services.career"}
    assert unwanted.isdisjoint(built), sorted(unwanted & set(built))
    assert not markdown_later  # the preview renders through pyromark, not markdown-it
    assert preview.strip() == "多头注意力"  # rendered: the ** markers are gone


def test_the_first_screen_reads_without_sqlalchemy(tmp_path: Path) -> None:
    """The window's first screen (rows, filter choices, the selected item with its notes,
    wiki links, links and backlinks) imports neither SQLAlchemy nor the mapped classes; the
    deferred work after the first paint does, and a write then works."""
    seed = open_database(resolve_location(data_dir=tmp_path / "data"))
    service = LibraryService(seed)
    first = add(service, "注意力机制", category="NLP")
    other = add(service, "残差连接  ResNet")
    service.save_note(first, 1, "**多头** [[残差连接 resnet]] [[不存在]]")
    service.save_note(other, None, "see [[注意力机制]]")
    seed.close()
    script = (
        "import json, sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from desktop.context import AppContext, Events\n"
        "from desktop.gui import build_window\n"
        "from models.clock import SystemClock\n"
        "from models.db import open_database\n"
        "from models.paths import resolve_location\n"
        "app = QApplication([])\n"
        "db = open_database(resolve_location(data_dir=sys.argv[1]))\n"
        "window = build_window(AppContext(db=db, clock=SystemClock(), events=Events()),"
        " defer=True)\n"
        "view = window.view('library')\n"
        "view.loader.wait_idle()\n"
        f"view.select_item({first})\n"
        "app.processEvents()\n"
        "preview = view.pane.cards[0].notes.preview.toHtml()\n"
        "orm_first = sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy'\n"
        "    or m in ('models.library', 'models.career', 'models.base'))\n"
        "window.run_deferred()\n"
        "view.toggle_pass(1)\n"
        "orm_later = 'sqlalchemy.orm' in sys.modules\n"
        f"status = view.services.library.get_item({first}).passes[0].status\n"
        "print(json.dumps([orm_first, orm_later, view.model.rowCount(), preview, status]))\n"
        "window.close()\n"
        "db.close()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home")}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "home" / ".config")
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    orm_first, orm_later, rows, preview, status = json.loads(done.stdout.splitlines()[-1])
    assert orm_first == []
    assert orm_later
    assert rows == 2
    assert f"threepass:item/{other}" in preview
    assert "不存在" in preview
    assert status == "in_progress"  # the ORM-backed write after the first screen
