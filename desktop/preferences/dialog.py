"""The Preferences dialog: study rules (database, shared with the CLI) and UI settings (QSettings).

Study tab: pass speeds, spacing between passes, daily budget, paper reading times, default
video platform. Appearance tab: theme (applied at once) and language (from the next start,
which "Restart now" brings at once: desktop/preferences/restart.py). Data tab:
the data folder with "Move my data…", and how many backups to keep. Sync tab:
desktop/sync/page.py.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n, theme
from desktop.context import AppContext
from desktop.preferences.move_data import MoveDataDialog
from desktop.preferences.ui_settings import UiSettings
from desktop.reminders.page import RemindersPage
from desktop.sync.page import SyncPage
from desktop.widgets import dialogs
from desktop.widgets.plain import plain_tooltip
from models.errors import ThreePassError
from models.services.reminders import ReminderService
from models.services.settings import DEFAULTS, SettingsService

STUDY_KEYS = (
    "pass_speeds",
    "pass_spacing_days",
    "daily_budget_minutes",
    "paper_reading_minutes",
    "default_video_platform",
    "log_time_on_done",
    "new_questions_per_day",
    "backup_keep_daily",
    "backup_keep_weekly",
)
PLATFORMS = ("bilibili", "youtube")
# Language names are shown in their own language, so a user can always find theirs.
LANGUAGE_NAMES = {i18n.ENGLISH: "English", i18n.CHINESE: "简体中文"}


def _form(page: QWidget) -> QFormLayout:
    """A form whose long labels (Chinese, pseudo-translation) push the field below them."""
    form = QFormLayout(page)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return form


def _three(value: Any, fallback: list[Any]) -> list[Any]:
    return list(value) if isinstance(value, list) and len(value) == len(fallback) else fallback


class PreferencesDialog(QDialog):
    def __init__(
        self, ctx: AppContext, ui: UiSettings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PreferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.ctx = ctx
        self.ui = ui or UiSettings()
        self.service = SettingsService(ctx.db)
        self.language_changed = False
        self.setMinimumWidth(640)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._study_tab(), self.tr("Study"))
        self.tabs.addTab(self._appearance_tab(), self.tr("Appearance"))
        self.tabs.addTab(self._data_tab(), self.tr("Data"))
        self.reminders = RemindersPage()
        self.tabs.addTab(self.reminders, self.tr("Reminders"))
        self.sync = SyncPage(ctx)
        self.tabs.addTab(self.sync, self.tr("Sync"))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.buttons = buttons
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.setToolTip(self.tr("Reset the study rules and backups to their defaults"))
        restore.clicked.connect(self.restore_defaults)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.load(self.service.all())
        self.reminders.load(ReminderService(ctx.db, ctx.clock).settings())

    # ---- tabs -------------------------------------------------------------------------------
    def _study_tab(self) -> QWidget:
        page = QWidget()
        form = _form(page)
        self.speeds = [self._speed_box() for _ in range(3)]
        speed_row = QHBoxLayout()
        for number, speed_box in enumerate(self.speeds, start=1):
            speed_box.setObjectName(f"speed{number}")
            speed_box.setAccessibleName(i18n.fill(self.tr("Speed of pass %1"), number))
            speed_row.addWidget(speed_box)
        form.addRow(self.tr("Pass speeds (1 / 2 / 3)"), speed_row)
        hint = QLabel(
            self.tr(
                "Li Mu's method: 1x to see what you don't understand, faster for notes, "
                "fastest to complete them. Change them if you watch at other speeds."
            )
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        form.addRow("", hint)

        self.spacing = [self._days_spin() for _ in range(2)]
        form.addRow(self.tr("Pass 2 after pass 1"), self.spacing[0])
        form.addRow(self.tr("Pass 3 after pass 2"), self.spacing[1])

        self.budget = self._spin(5, 1440, self.tr(" min"), step=5)
        self.budget.setObjectName("budget")
        form.addRow(self.tr("Daily study time"), self.budget)

        self.reading = [self._spin(1, 1440, self.tr(" min"), step=5) for _ in range(3)]
        reading_row = QHBoxLayout()
        reading_names = (
            self.tr("Minutes to skim a paper"),
            self.tr("Minutes to read a paper"),
            self.tr("Minutes to study a paper in depth"),
        )
        for box, name in zip(self.reading, reading_names, strict=True):
            box.setAccessibleName(name)  # three boxes share one row label
            reading_row.addWidget(box)
        form.addRow(self.tr("Paper reading time (skim / read / deep)"), reading_row)

        self.platform = QComboBox()
        self.platform.setObjectName("platform")
        self.platform.addItem(self.tr("Bilibili"), "bilibili")
        self.platform.addItem("YouTube", "youtube")
        form.addRow(self.tr("Open videos on"), self.platform)
        self.log_on_done = QCheckBox(self.tr("Log a pass's length when it is done without time"))
        self.log_on_done.setObjectName("logTimeOnDone")
        self.log_on_done.setToolTip(
            self.tr("Watched elsewhere: Done adds the video's length at the pass's speed")
        )
        form.addRow("", self.log_on_done)

        # Anki's "new cards/day": an import of many questions does not make them all due
        self.new_questions = self._spin(0, 999, "")
        self.new_questions.setObjectName("new_questions")
        self.new_questions.setToolTip(
            self.tr("Questions never reviewed that join the day's review queue")
        )
        form.addRow(self.tr("New questions a day"), self.new_questions)
        return page

    def _appearance_tab(self) -> QWidget:
        page = QWidget()
        form = _form(page)
        self.theme_box = QComboBox()
        self.theme_box.setObjectName("theme")
        self.theme_box.addItem(self.tr("Follow the system"), theme.SYSTEM)
        self.theme_box.addItem(self.tr("Light"), theme.LIGHT)
        self.theme_box.addItem(self.tr("Dark"), theme.DARK)
        self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(self.ui.theme)))
        # What the dialog opened with: OK applies a theme or language only when the user
        # chose another one here, so `--theme` / `--lang` hold for the session.
        self.shown_theme = str(self.theme_box.currentData())
        form.addRow(self.tr("Theme"), self.theme_box)
        self.theme_note = QLabel(self._theme_note())
        self.theme_note.setObjectName("themeNote")
        self.theme_note.setWordWrap(True)
        self.theme_note.setProperty("role", "muted")
        self.theme_note.setVisible(bool(self.theme_note.text()))
        form.addRow("", self.theme_note)

        self.language_box = QComboBox()
        self.language_box.setObjectName("language")
        self.language_box.addItem(self.tr("Follow the system"), i18n.SYSTEM)
        for code in i18n.available_languages():
            self.language_box.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(self.ui.language)))
        self.shown_language = str(self.language_box.currentData())
        form.addRow(self.tr("Language"), self.language_box)
        note = QLabel(
            self.tr(
                "A new language applies when ThreePass starts again: after OK, it offers "
                "to restart at once."
            )
        )
        note.setWordWrap(True)
        note.setProperty("role", "muted")
        form.addRow("", note)
        return page

    def _theme_note(self) -> str:
        """Says so when this session's theme is not the stored one (`--theme`)."""
        in_force = theme.controller().mode
        if in_force == self.ui.theme:
            return ""
        names = {
            theme.SYSTEM: self.tr("Follow the system"),
            theme.LIGHT: self.tr("Light"),
            theme.DARK: self.tr("Dark"),
        }
        return i18n.fill(
            self.tr(
                "This session uses the theme given on the command line (%1); it stays "
                "unless you choose another theme here."
            ),
            names.get(in_force, in_force),
        )

    def _data_tab(self) -> QWidget:
        page = QWidget()
        form = _form(page)
        self.data_path = QLineEdit()
        self.data_path.setObjectName("dataPath")
        self.data_path.setReadOnly(True)
        self.data_path.setAccessibleName(self.tr("Database"))
        path = self.ctx.db.path
        self.data_path.setText(str(path) if path is not None else self.ctx.db.location.url)
        self.data_path.setToolTip(plain_tooltip(self.data_path.text()))
        self.open_folder = QPushButton(self.tr("Open folder"))
        self.open_folder.setEnabled(path is not None)
        self.open_folder.clicked.connect(self._open_folder)
        self.move_button = QPushButton(self.tr("Move my data…"))
        self.move_button.setObjectName("moveData")
        self.move_button.setEnabled(path is not None and self.ctx.db.location.data_dir is not None)
        self.move_button.clicked.connect(self.move_data)
        row = QHBoxLayout()
        row.addWidget(self.data_path, 1)
        row.addWidget(self.open_folder)
        row.addWidget(self.move_button)
        form.addRow(self.tr("Database"), row)
        move_hint = QLabel(
            self.tr(
                "Moving copies the database and its backups to the new folder, checks the "
                "copy, and uses it from the next start. The old copy stays where it is."
            )
        )
        move_hint.setWordWrap(True)
        move_hint.setProperty("role", "muted")
        form.addRow("", move_hint)

        self.keep_daily = self._spin(1, 365, self.tr(" copies"))
        self.keep_daily.setObjectName("keepDaily")
        self.keep_weekly = self._spin(0, 520, self.tr(" copies"))
        self.keep_weekly.setObjectName("keepWeekly")
        form.addRow(self.tr("Keep daily backups"), self.keep_daily)
        form.addRow(self.tr("Keep weekly backups"), self.keep_weekly)
        return page

    def _speed_box(self) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(0.25, 4.0)
        box.setSingleStep(0.05)
        box.setDecimals(2)
        box.setSuffix("×")
        return box

    def _spin(self, low: int, high: int, suffix: str, step: int = 1) -> QSpinBox:
        box = QSpinBox()
        box.setRange(low, high)
        box.setSingleStep(step)
        box.setSuffix(suffix)
        return box

    def _days_spin(self) -> QSpinBox:
        """The suffix follows the value, " 1 day" / " 3 days" (Qt numerus forms)."""
        box = self._spin(0, 365, self.tr(" day(s)", None, 0))
        box.valueChanged.connect(lambda n: box.setSuffix(self.tr(" day(s)", None, n)))
        return box

    # ---- values -------------------------------------------------------------------------------
    def load(self, values: dict[str, Any]) -> None:
        speeds = _three(values.get("pass_speeds"), DEFAULTS["pass_speeds"])
        for speed_box, speed in zip(self.speeds, speeds, strict=True):
            speed_box.setValue(float(speed))
        spacing = values.get("pass_spacing_days")
        if not (isinstance(spacing, list) and len(spacing) == 2):
            spacing = DEFAULTS["pass_spacing_days"]
        for box, days in zip(self.spacing, spacing, strict=True):
            box.setValue(int(days))
        self.budget.setValue(int(values.get("daily_budget_minutes") or 90))
        reading = _three(values.get("paper_reading_minutes"), DEFAULTS["paper_reading_minutes"])
        for box, minutes in zip(self.reading, reading, strict=True):
            box.setValue(int(minutes))
        platform = values.get("default_video_platform")
        self.platform.setCurrentIndex(max(0, self.platform.findData(platform)))
        self.log_on_done.setChecked(bool(values.get("log_time_on_done")))
        new_questions = values.get("new_questions_per_day")
        self.new_questions.setValue(
            new_questions if isinstance(new_questions, int) else DEFAULTS["new_questions_per_day"]
        )
        self.keep_daily.setValue(int(values.get("backup_keep_daily") or 7))
        weekly = values.get("backup_keep_weekly")
        self.keep_weekly.setValue(int(weekly) if isinstance(weekly, int) else 4)

    def study_values(self) -> dict[str, Any]:
        return {
            "pass_speeds": [round(box.value(), 2) for box in self.speeds],
            "pass_spacing_days": [box.value() for box in self.spacing],
            "daily_budget_minutes": self.budget.value(),
            "paper_reading_minutes": [box.value() for box in self.reading],
            "default_video_platform": str(self.platform.currentData()),
            "log_time_on_done": self.log_on_done.isChecked(),
            "new_questions_per_day": self.new_questions.value(),
            "backup_keep_daily": self.keep_daily.value(),
            "backup_keep_weekly": self.keep_weekly.value(),
        }

    def restore_defaults(self) -> None:
        self.load({key: DEFAULTS[key] for key in STUDY_KEYS})

    def accept(self) -> None:
        values = {**self.study_values(), **self.reminders.values()}
        current = self.service.all()
        changed = {k: v for k, v in values.items() if current.get(k) != v}
        try:
            if changed:
                self.service.set_many(changed)
        except ThreePassError as err:
            dialogs.inform(self, self.tr("Preferences not saved"), str(err))
            return
        if not self.sync.save():
            self.tabs.setCurrentWidget(self.sync)
            return
        new_theme = str(self.theme_box.currentData())
        if new_theme != self.shown_theme:
            self.ui.theme = new_theme
            theme.apply_theme(new_theme)
        new_language = str(self.language_box.currentData())
        self.language_changed = new_language != self.shown_language
        if self.language_changed:
            self.ui.language = new_language
        self.reminders.save_ui()
        self.ui.sync()
        if changed:
            self.ctx.events.items_changed.emit()
            self.ctx.events.study_changed.emit()
        if self.language_changed:
            message = self.tr("Preferences saved. Restart ThreePass to use the new language.")
        else:
            message = self.tr("Preferences saved.")
        self.ctx.events.status_message.emit(message)
        super().accept()

    # ---- data folder ---------------------------------------------------------------------------
    def _open_folder(self) -> None:
        path = self.ctx.db.path
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    def move_data(self) -> None:
        dialog = MoveDataDialog(self.ctx.db, self.ui, self)
        dialog.exec()
