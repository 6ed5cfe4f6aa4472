"""The library window: search, filters, delete + undo, keyboard, pass 3 guard, autosave."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from desktop.library.table_model import COL_DURATION
from desktop.library.view import PAGE_TABLE, LibraryView
from desktop.main_window import MainWindow
from models.db import Database
from models.services.library import LibraryService
from tests.library.library_helpers import (
    Answers,
    WindowFactory,
    action_of,
    add,
    library_of,
    shown_titles,
    type_text,
)


def _seed(service: LibraryService) -> dict[str, int]:
    ids = {
        "transformer": add(service, "Transformer 论文逐段精读", duration_seconds=5225),
        "bert": add(service, "BERT 论文逐段精读", duration_seconds=2740, category="NLP"),
        "resnet": add(service, "ResNet", duration_seconds=3160, tags=["CV"], category="CNN"),
    }
    service.save_note(ids["resnet"], 2, "残差连接让深层网络可以训练 (residual)")
    service.set_pass(ids["bert"], 1, "done")
    service.set_pass(ids["bert"], 2, "done")
    service.set_pass(ids["bert"], 3, "done")
    service.set_pass(ids["transformer"], 1, "start")
    return ids


def _window_with_data(
    make_window: WindowFactory, db: Database, service: LibraryService
) -> tuple[MainWindow, LibraryView, dict[str, int]]:
    ids = _seed(service)
    window = make_window(db)
    return window, library_of(window), ids


def test_search_finds_cjk_substring_of_a_note(
    qtbot: QtBot, make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    window, view, _ids = _window_with_data(make_window, db, service)
    assert len(shown_titles(view)) == 3
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.filters.search.hasFocus()
    type_text(view.filters.search, "深层网络")
    qtbot.waitUntil(lambda: shown_titles(view) == ["ResNet"])  # debounced, then re-queried
    assert view.filters.count.text() == "1 of 3 items"
    qtbot.keyClick(view.filters.search, Qt.Key.Key_Return)  # Enter: on to the results
    assert view.table.hasFocus()
    assert view.pane.title.text() == "ResNet"
    view.filters.search.clear()
    type_text(view.filters.search, "逐段")  # title substring
    qtbot.waitUntil(lambda: len(shown_titles(view)) == 2)
    view.filters.search.clear()
    type_text(view.filters.search, "没有这个")
    qtbot.waitUntil(lambda: shown_titles(view) == [])
    assert view.pages.currentIndex() == PAGE_TABLE  # not the "library is empty" page


def test_filters_by_pass_status_kind_category_and_tag(
    make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    _window, view, _ids = _window_with_data(make_window, db, service)
    bar = view.filters
    bar.pass_state.setCurrentIndex(bar.pass_state.findData("3"))
    assert shown_titles(view) == ["BERT 论文逐段精读"]
    bar.pass_state.setCurrentIndex(bar.pass_state.findData("in_progress"))
    assert shown_titles(view) == ["Transformer 论文逐段精读"]
    bar.pass_state.setCurrentIndex(bar.pass_state.findData("not_started"))
    assert shown_titles(view) == ["ResNet"]
    bar.pass_state.setCurrentIndex(bar.pass_state.findData("0"))
    assert shown_titles(view) == ["Transformer 论文逐段精读", "ResNet"]
    bar.pass_state.setCurrentIndex(0)
    bar.tag.setCurrentIndex(bar.tag.findData("CV"))
    assert shown_titles(view) == ["ResNet"]
    bar.tag.setCurrentIndex(0)
    bar.category.setCurrentIndex(bar.category.findData("NLP"))
    assert shown_titles(view) == ["BERT 论文逐段精读"]
    bar.category.setCurrentIndex(0)
    bar.kind.setCurrentIndex(bar.kind.findData("paper"))
    assert shown_titles(view) == []
    bar.kind.setCurrentIndex(0)
    assert len(shown_titles(view)) == 3


def test_delete_asks_then_undo_restores_everything(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    service: LibraryService,
    answers: Answers,
) -> None:
    window, view, ids = _window_with_data(make_window, db, service)
    service.add_open_point(ids["resnet"], "为什么 1x1 卷积？")
    view.select_item(ids["resnet"])
    view.table.setFocus()

    answers.reply = False
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert answers.questions
    assert "ResNet" in answers.questions[-1]
    assert service.count() == 3  # said no: nothing deleted

    answers.reply = True
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert service.count() == 2
    assert "ResNet" not in shown_titles(view)
    undo = action_of(window, "action_undo_delete")
    assert undo.isEnabled()
    assert "ResNet" in undo.text()

    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert service.count() == 3
    restored = service.get_item(ids["resnet"])
    assert restored.notes[2] == "残差连接让深层网络可以训练 (residual)"
    assert [p.text for p in restored.open_points] == ["为什么 1x1 卷积？"]
    assert view.current_item_id() == ids["resnet"]
    assert view.pane.cards[1].notes.text() == "残差连接让深层网络可以训练 (residual)"

    action_of(window, "action_redo_delete").trigger()
    assert service.count() == 2


def test_ctrl_digit_cycles_the_selected_items_pass(
    qtbot: QtBot, make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    _window, view, ids = _window_with_data(make_window, db, service)
    view.select_item(ids["resnet"])
    view.table.setFocus()
    states = []
    for _ in range(3):
        qtbot.keyClick(view.table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        states.append(service.get_item(ids["resnet"]).passes[1].status)
    assert states == ["in_progress", "done", "todo"]
    qtbot.keyClick(view.table, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    index = view.model.row_of(ids["resnet"])
    assert index is not None
    row = view.model.item_at(index)
    assert row.pass_statuses == ("in_progress", "todo", "todo")
    assert "in progress" in view.pane.cards[0].state.text()


def test_pass_three_warns_while_open_points_remain(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    service: LibraryService,
    answers: Answers,
) -> None:
    _window, view, ids = _window_with_data(make_window, db, service)
    view.select_item(ids["transformer"])
    pane = view.pane
    type_text(pane.open_points.entry, "位置编码为什么用 sin/cos？")
    qtbot.keyClick(pane.open_points.entry, Qt.Key.Key_Return)
    assert [p.text for p in service.get_item(ids["transformer"]).open_points] == [
        "位置编码为什么用 sin/cos？"
    ]
    assert pane.open_points.entry.text() == ""

    done3 = pane.cards[2].findChild(QPushButton, "Pass3Done")
    answers.reply = False
    qtbot.mouseClick(done3, Qt.MouseButton.LeftButton)
    assert answers.questions
    assert "still open" in answers.questions[-1]
    assert service.get_item(ids["transformer"]).passes[2].status == "todo"

    answers.reply = True
    qtbot.mouseClick(done3, Qt.MouseButton.LeftButton)
    assert service.get_item(ids["transformer"]).passes[2].status == "done"
    index = view.model.row_of(ids["transformer"])
    assert index is not None
    row = view.model.item_at(index)
    assert row.pass_statuses[2] == "done"


def test_open_points_tick_off_and_delete(
    qtbot: QtBot, make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    _window, view, ids = _window_with_data(make_window, db, service)
    first = service.add_open_point(ids["transformer"], "Q/K/V 从哪来？")
    service.add_open_point(ids["transformer"], "LayerNorm")
    view.select_item(ids["transformer"])
    model = view.pane.open_points.model
    assert model.rowCount() == 2
    assert "2 open of 2" in view.pane.open_points_label.text()
    model.setData(model.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    points = service.get_item(ids["transformer"]).open_points
    assert points[0].id == first
    assert points[0].resolved_in_pass == 2
    assert "1 open of 2" in view.pane.open_points_label.text()
    assert model.data(model.index(0, 1)) == "pass 2"

    view.pane.open_points.resolve_in_pass.emit(first, 3)  # the context menu's explicit choice
    assert service.get_item(ids["transformer"]).open_points[0].resolved_in_pass == 3
    view.pane.open_points.resolve_in_pass.emit(first, 0)  # "Still open"
    assert service.get_item(ids["transformer"]).open_points[0].resolved_in_pass is None

    table = view.pane.open_points.table
    table.selectRow(1)
    qtbot.mouseClick(view.pane.open_points.delete_button, Qt.MouseButton.LeftButton)
    assert [p.text for p in service.get_item(ids["transformer"]).open_points] == ["Q/K/V 从哪来？"]


def test_notes_autosave_after_a_pause_and_on_focus_out(
    qtbot: QtBot, make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    _window, view, ids = _window_with_data(make_window, db, service)
    view.select_item(ids["bert"])
    editor = view.pane.cards[1].notes.editor
    editor.setFocus()
    type_text(editor, "# 笔记\n\nMasked LM")
    assert 2 not in service.get_item(ids["bert"]).notes  # not saved on every keystroke
    qtbot.waitUntil(lambda: service.get_item(ids["bert"]).notes.get(2) == "# 笔记\n\nMasked LM")
    assert not view.pane.has_pending_notes()

    type_text(editor, " + NSP")
    view.filters.search.setFocus()  # focus leaves the editor: saved at once
    qtbot.waitUntil(lambda: not editor.hasFocus())
    assert service.get_item(ids["bert"]).notes[2] == "# 笔记\n\nMasked LM + NSP"
    preview = view.pane.cards[1].notes.preview.toPlainText()
    assert "笔记" in preview
    assert "#" not in preview


def test_switching_items_saves_the_previous_note(
    make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    _window, view, ids = _window_with_data(make_window, db, service)
    view.select_item(ids["bert"])
    type_text(view.pane.cards[2].notes.editor, "第三遍")
    view.select_item(ids["resnet"])
    assert service.get_item(ids["bert"]).notes[3] == "第三遍"
    assert view.pane.cards[2].notes.text() == ""


def test_item_selected_event_shows_item_even_if_filtered_out(
    make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    window, view, ids = _window_with_data(make_window, db, service)
    view.filters.pass_state.setCurrentIndex(view.filters.pass_state.findData("3"))
    assert ids["resnet"] not in [view.model.item_at(r).id for r in range(view.model.rowCount())]
    window.show_view("today") if "today" in window.view_keys() else None
    window.ctx.events.item_selected.emit(ids["resnet"])
    assert window.stack.currentWidget() is view
    assert view.current_item_id() == ids["resnet"]
    assert view.pane.title.text() == "ResNet"


def test_other_views_changes_reload_the_table(
    make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    window, view, _ids = _window_with_data(make_window, db, service)
    add(service, "Lesson 1 第一课", kind="course_video", tags=["fastai"])
    assert len(shown_titles(view)) == 3
    window.ctx.events.items_changed.emit()
    assert "Lesson 1 第一课" in shown_titles(view)
    assert view.filters.tag.findData("fastai") >= 0


def test_open_video_and_paper_only_web_urls(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    service: LibraryService,
    opened_urls: list[str],
) -> None:
    item = add(
        service,
        "Attention",
        url="https://arxiv.org/abs/1706.03762",
        links={"bilibili": "https://www.bilibili.com/video/BV1pu411o7BE/", "zhihu": None},
    )
    window = make_window(db)
    view = library_of(window)
    view.select_item(item)
    pane = view.pane
    names = [a.objectName() for a in pane.video_menu.actions()]
    assert names == ["open_bilibili"]  # only platforms with a link
    pane.video_menu.actions()[0].trigger()
    qtbot.mouseClick(pane.link_button, Qt.MouseButton.LeftButton)
    assert opened_urls == [
        "https://www.bilibili.com/video/BV1pu411o7BE/",
        "https://arxiv.org/abs/1706.03762",
    ]


def test_header_and_splitter_state_survive_a_restart(
    make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    window, view, _ids = _window_with_data(make_window, db, service)
    view.table.sortByColumn(COL_DURATION, Qt.SortOrder.DescendingOrder)
    view.splitter.setSizes([200, 560])
    sizes = view.splitter.sizes()
    window.close()
    assert QSettings().value("library/header") is not None

    window2 = make_window(db)
    view2 = library_of(window2)
    header = view2.table.horizontalHeader()
    assert header.sortIndicatorSection() == COL_DURATION
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert shown_titles(view2)[0] == "Transformer 论文逐段精读"  # longest first
    assert view2.splitter.sizes() == sizes


def test_empty_library_offers_import_and_add(
    qtbot: QtBot, window: MainWindow, answers: Answers
) -> None:
    view = library_of(window)
    empty = view.empty
    assert view.pages.currentWidget() is empty
    # the importing feature's action is looked up at click time by its object name
    existing = action_of(window, "action_import_paper_reading")
    if existing is not None:
        existing.setObjectName("real_import_action_not_run_in_this_test")
    stand_in = QAction("stand-in", window)
    stand_in.setObjectName("action_import_paper_reading")
    with qtbot.waitSignal(stand_in.triggered, timeout=1000):
        qtbot.mouseClick(empty.import_button, Qt.MouseButton.LeftButton)

    qtbot.mouseClick(empty.add_button, Qt.MouseButton.LeftButton)
    assert view.dialog is not None
    assert view.dialog.isVisible()
    view.dialog.reject()


def test_close_saves_a_pending_note_without_waiting(
    make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    window, view, ids = _window_with_data(make_window, db, service)
    view.select_item(ids["resnet"])
    view.table.setFocus()
    # pasted text (e.g. from a drag): the editor never had focus, so only close can save it
    view.pane.cards[0].notes.editor.insertPlainText("关窗前的笔记")
    assert view.pane.has_pending_notes()
    window.close()
    assert service.get_item(ids["resnet"]).notes[1] == "关窗前的笔记"


def test_ctrl_n_opens_the_new_item_dialog(qtbot: QtBot, window: MainWindow) -> None:
    view = library_of(window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert view.dialog is not None
    assert view.dialog.isVisible()
    assert view.dialog.windowTitle() == "New item"
    view.dialog.reject()


def test_minutes_spent_can_be_added_and_corrected(
    qtbot: QtBot, make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    _window, view, ids = _window_with_data(make_window, db, service)
    view.select_item(ids["bert"])
    card = view.pane.cards[1]
    add_25 = next(a for a in card.add_minutes.menu().actions() if "25" in a.text())
    add_25.trigger()
    add_25.trigger()
    assert service.get_item(ids["bert"]).passes[1].minutes_spent == 50
    assert card.minutes.value() == 50
    card.minutes.setFocus()
    card.minutes.lineEdit().selectAll()
    qtbot.keyClicks(card.minutes, "35")
    qtbot.keyClick(card.minutes, Qt.Key.Key_Return)
    assert service.get_item(ids["bert"]).passes[1].minutes_spent == 35


def test_undo_after_a_new_item_keeps_both(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    service: LibraryService,
    answers: Answers,
) -> None:
    window, view, ids = _window_with_data(make_window, db, service)
    newest = max(ids.values())
    view.select_item(newest)
    assert view.delete_selected()
    replacement = add(service, "新条目 takes the freed id")
    # ids come from the device's block and are never handed out again (docs/sync.md), so
    # the restored row cannot land on the new one
    assert replacement != newest
    window.ctx.events.items_changed.emit()
    action_of(window, "action_undo_delete").trigger()
    titles = shown_titles(view)
    assert "新条目 takes the freed id" in titles
    assert "ResNet" in titles
    assert service.get_item(replacement).title == "新条目 takes the freed id"
    assert service.count() == 4
    action_of(window, "action_redo_delete").trigger()  # deletes ResNet again, not the new
    assert service.get_item(replacement).title == "新条目 takes the freed id"
    assert "ResNet" not in shown_titles(view)


def test_related_items_and_speed_change_from_the_pane(
    qtbot: QtBot, make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    from PySide6.QtWidgets import QToolButton

    from models.library import item_covers

    video = add(service, "Transformer 论文逐段精读", duration_seconds=5225)
    paper = add(service, "Attention Is All You Need", kind="paper")
    with db.transaction() as s:  # what the paper-reading importer records
        s.execute(item_covers.insert().values(video_id=video, paper_id=paper))
    window = make_window(db)
    view = library_of(window)
    view.select_item(video)
    pane = view.pane
    assert not pane.related.isHidden()
    (button,) = [
        b for b in pane.related.findChildren(QToolButton) if b.text() == "Attention Is All You Need"
    ]

    card = pane.cards[1]
    two_x = next(a for a in card.speed_menu.actions() if a.text() == "2×")
    two_x.trigger()
    assert service.get_item(video).passes[1].speed == 2.0
    assert card.pace.text() == "2×"
    assert card.at_speed.text() == "0:43:32"  # 5225 s ÷ 2, rounded

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert view.current_item_id() == paper
    assert pane.cards[0].pace.text().startswith("Depth: skim")
    assert [t for b in pane.related.findChildren(QToolButton) if (t := b.text())] == [
        "Transformer 论文逐段精读"
    ]


def test_screenshot_views_show_the_library_and_an_item_with_notes(
    make_window: WindowFactory, db: Database, service: LibraryService
) -> None:
    window, view, ids = _window_with_data(make_window, db, service)
    window.prepare_screenshot("library")
    assert window.stack.currentWidget() is view
    assert view.current_item_id() is not None
    window.prepare_screenshot("item")
    assert view.current_item_id() == ids["resnet"]  # the one item with notes
    assert view.pane.cards[1].notes.text().startswith("残差连接")
    assert not window.grab().isNull()


def test_deleting_under_a_filter_keeps_the_filter(
    make_window: WindowFactory, db: Database, service: LibraryService, answers: Answers
) -> None:
    _window, view, ids = _window_with_data(make_window, db, service)
    extra = add(service, "Transformer-XL 逐段精读")
    view.reload()
    view.filters.search.setText("逐段")
    view.filters.flush()
    assert len(shown_titles(view)) == 3
    view.select_item(extra)
    assert view.delete_selected()
    assert view.filters.search.text() == "逐段"
    assert sorted(shown_titles(view)) == ["BERT 论文逐段精读", "Transformer 论文逐段精读"]
    assert ids["resnet"] not in [view.model.item_at(r).id for r in range(view.model.rowCount())]
