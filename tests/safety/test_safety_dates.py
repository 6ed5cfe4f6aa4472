"""The restore dialog shows backup times in the UI language's format, newest first by time.

The times are picked so that sorting the displayed text would give another order in both
languages ("12/1/26" < "3/2/26", "2026/12/1" < "2026/3/2").
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.safety.backups_model import INFO_ROLE, BackupTableModel
from desktop.safety.restore_dialog import RestoreDialog
from models.services.backup import AUTOMATIC, PRE_RESTORE, BackupInfo
from tests.ui_locale import local_time_utc, ui_language

NNBSP = "\u202f"  # CLDR puts a narrow no-break space before AM/PM
CREATED = [
    datetime(2026, 3, 2, 14, 30),
    datetime(2025, 11, 30, 21, 5),
    datetime(2026, 12, 1, 13, 0),
]
SHOWN = {
    "en": {
        CREATED[0]: f"3/2/26 2:30{NNBSP}PM",
        CREATED[1]: f"11/30/25 9:05{NNBSP}PM",
        CREATED[2]: f"12/1/26 1:00{NNBSP}PM",
    },
    "zh_CN": {
        CREATED[0]: "2026/3/2 14:30",
        CREATED[1]: "2025/11/30 21:05",
        CREATED[2]: "2026/12/1 13:00",
    },
}


@pytest.fixture(params=["en", "zh_CN"])
def language(
    request: pytest.FixtureRequest, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """The UI language as the app sets it, with local time = UTC (backups are stamped in UTC)."""
    with local_time_utc(monkeypatch), ui_language(request.param, qapp) as lang:
        yield lang


def test_backup_times_are_localised_and_sorted_by_time(
    tmp_path: Path, qtbot: QtBot, language: str
) -> None:
    backups = [
        BackupInfo(tmp_path / f"threepass-{n}.sqlite3", created, 1000 * (n + 1), kind)
        for n, (created, kind) in enumerate(
            zip(CREATED, (AUTOMATIC, PRE_RESTORE, AUTOMATIC), strict=True)
        )
    ]
    dialog = RestoreDialog(backups, tmp_path)
    qtbot.addWidget(dialog)
    model = dialog.table.model()

    def shown() -> list[str]:
        return [model.index(r, BackupTableModel.DATE).data() for r in range(model.rowCount())]

    newest_first = sorted(CREATED, reverse=True)
    assert shown() == [SHOWN[language][c] for c in newest_first]
    assert shown() != sorted(shown(), reverse=True)  # the text alone sorts differently
    assert model.index(0, 0).data(INFO_ROLE).path == tmp_path / "threepass-2.sqlite3"
    dialog.table.sortByColumn(BackupTableModel.DATE, Qt.SortOrder.AscendingOrder)
    assert shown() == [SHOWN[language][c] for c in sorted(CREATED)]
