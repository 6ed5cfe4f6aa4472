"""File dialogs start in the last folder used for the same purpose (issue #16), not in the
home folder each time. QFileDialog's static getters are replaced to see the folder asked for."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desktop.importing.controller import ImportController
from desktop.main_window import MainWindow
from desktop.stats.stats_view import ChartFrame


class FileDialogs:
    """Records the start folder of every static QFileDialog call and answers `answer`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started_in: list[Path] = []
        self.answer = ""

        def open_or_save(
            _parent: object, _caption: str, start: str, *_a: object
        ) -> tuple[str, str]:
            path = Path(start)
            self.started_in.append(path if path.is_dir() else path.parent)
            return (self.answer, "")

        def folder(_parent: object, _caption: str, start: str, *_a: object) -> str:
            self.started_in.append(Path(start))
            return self.answer

        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(open_or_save))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(open_or_save))
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(folder))


def import_controller(window: MainWindow) -> ImportController:
    found = window.findChild(ImportController)
    assert isinstance(found, ImportController)
    return found


def test_the_notes_picker_starts_where_the_last_notes_file_was(
    make_window: Callable[[], MainWindow], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dialogs = FileDialogs(monkeypatch)
    ctl = import_controller(make_window())
    notes_folder = tmp_path / "study"
    notes_folder.mkdir()

    dialogs.answer = str(notes_folder / "notes.md")
    assert ctl.choose_notes_file() == dialogs.answer
    dialogs.answer = ""  # cancelled the second time
    assert ctl.choose_notes_file() is None
    assert ctl.choose_json_file() is None  # another purpose: its own folder
    assert dialogs.started_in == [Path.home(), notes_folder, Path.home()]


def test_source_dialog_browse_and_the_chart_save_remember_their_folders(
    make_window: Callable[[], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    dialogs = FileDialogs(monkeypatch)
    window = make_window()
    ctl = import_controller(window)
    site = tmp_path / "course.fast.ai"
    site.mkdir()

    ctl.fastai_action.trigger()
    source = ctl.source_dialog
    assert source is not None
    assert source.browse_folder_button is not None
    dialogs.answer = str(site)
    source.browse_folder_button.click()
    assert source.location() == str(site)
    source.reject()

    ctl.fastai_action.trigger()
    source = ctl.source_dialog
    assert source is not None
    assert source.browse_folder_button is not None
    source.location_edit.setText("https://course.fast.ai/")  # a URL: no folder to start from
    dialogs.answer = ""
    source.browse_folder_button.click()
    source.reject()
    assert dialogs.started_in == [Path.home(), site]

    # the stats chart: saved into a folder, the next save proposes that folder
    window.show_view("stats")
    charts = tmp_path / "charts"
    charts.mkdir()
    card = window.view("stats").findChild(ChartFrame)
    assert card is not None
    dialogs.started_in.clear()
    dialogs.answer = str(charts / "week.png")
    card.save_png()
    dialogs.answer = ""
    card.save_png()
    assert dialogs.started_in == [Path.home(), charts]
