"""Career views at 100k: their rows are read in a worker with "Loading…" meanwhile (never the
view's empty state), and the applications' filter box filters rows in memory once typing
pauses instead of reloading per key."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.career.board_view import BoardView
from desktop.career.companies_view import CompaniesView
from desktop.career.questions_view import QuestionsView
from desktop.main_window import MainWindow
from desktop.widgets import background_read
from models.services.career import ApplicationInput, CareerService, CompanyInput
from models.services.review import QuestionInput, QuestionService
from tests.career.career_support import Services, shown_view

WindowFactory = Callable[[], MainWindow]


class Gate:
    """Holds the named service reads in their worker until `open()`; records their threads."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.opened = threading.Event()
        self.threads: list[int] = []
        self._monkeypatch = monkeypatch

    def hold(self, owner: type, name: str) -> None:
        real = getattr(owner, name)

        def held(service: object, *args: Any, **kwargs: Any) -> Any:
            self.threads.append(threading.get_ident())
            self.opened.wait(30)
            return real(service, *args, **kwargs)

        self._monkeypatch.setattr(owner, name, held)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    monkeypatch.setattr(background_read, "ASYNC_ITEMS", -1)  # every library is large
    found = Gate(monkeypatch)
    yield found
    found.opened.set()


@pytest.mark.parametrize(
    ("key", "view_type", "owner", "read"),
    [
        ("companies", CompaniesView, CareerService, "list_companies"),
        ("questions", QuestionsView, QuestionService, "list_questions"),
        ("board", BoardView, CareerService, "list_applications"),
    ],
)
def test_first_show_reads_in_a_worker_and_says_loading(
    qtbot: QtBot,
    make_window: WindowFactory,
    svc: Services,
    gate: Gate,
    key: str,
    view_type: type,
    owner: type,
    read: str,
) -> None:
    company = svc.career.add_company(CompanyInput(name="Minimax"))
    svc.career.apply(company, ApplicationInput(role="算法"), status="applied")
    svc.questions.add_question(QuestionInput(text="什么是注意力？"))
    window = make_window()
    gate.hold(owner, read)
    window.show_view(key)
    view = window.view(key)
    assert isinstance(view, view_type)
    loader = view.loader  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(gate.threads))
    assert gate.threads[0] != threading.get_ident()
    assert loader.loading()
    assert loader.overlay.isVisible()
    assert loader.overlay.label.text() == "Loading…"
    assert not view.empty.isVisible()  # type: ignore[attr-defined]

    gate.opened.set()
    qtbot.waitUntil(lambda: not loader.loading())
    assert not loader.overlay.isVisible()
    assert view.pages.currentIndex() == 0  # type: ignore[attr-defined]  # rows, not empty


def test_the_application_filter_waits_for_typing_to_pause_and_reads_nothing(
    qtbot: QtBot, make_window: WindowFactory, svc: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, role in (("Minimax", "算法"), ("Zhipu", "Infra"), ("Moonshot", "算法")):
        svc.career.apply(
            svc.career.add_company(CompanyInput(name=name)), ApplicationInput(role=role)
        )
    window = make_window()
    view = shown_view(window, "board", BoardView)
    reads: list[str] = []
    real = CareerService.list_applications

    def counted(service: CareerService, **kwargs: Any) -> Any:
        reads.append("list_applications")
        return real(service, **kwargs)

    monkeypatch.setattr(CareerService, "list_applications", counted)
    column = view.columns["interested"].model

    for typed in ("z", "zh", "zhi"):
        view.search.setText(typed)
    assert column.rowCount() == 3  # not yet: typing goes on
    assert view.table_proxy.rowCount() == 3
    qtbot.waitUntil(lambda: column.rowCount() == 1)
    assert view.table_proxy.rowCount() == 1
    assert reads == []  # filtered in memory: no reload per keystroke
    view.search.clear()
    qtbot.waitUntil(lambda: column.rowCount() == 3)
    assert reads == []
