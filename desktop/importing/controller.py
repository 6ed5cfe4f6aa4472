"""The Import menu's behaviour: ask for a source, run the import in a worker, show the result.

Every dialog here is opened with open(), never exec(), so the window stays responsive and
tests can drive each step. File pickers are attributes (`choose_notes_file`,
`choose_json_file`) that tests replace.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from desktop.context import AppContext
from desktop.importing import jobs
from desktop.importing.notes_preview import NotesPreviewDialog
from desktop.importing.progress_dialog import ImportProgressDialog
from desktop.importing.source_dialog import SourceDialog
from desktop.importing.summary import totals
from desktop.importing.worker import Task, TaskRunner
from desktop.messages import source_name
from desktop.widgets import dialogs
from importers.study_notes import NotesImport
from models.services.import_summary import ImportSummary

# The worker starts once the progress dialog has had time to paint (see TaskRunner.start).
DIALOG_FIRST_PAINT_MS = 50

FileChooser = Callable[[], str | None]


class ImportController(QObject):
    """Owns the import actions and at most one running import."""

    def __init__(self, window: QWidget, ctx: AppContext) -> None:
        super().__init__(window)
        self.setObjectName("ImportController")
        self._window = window
        self._ctx = ctx
        self.runner: TaskRunner | None = None
        self.source_dialog: SourceDialog | None = None
        self.progress_dialog: ImportProgressDialog | None = None
        self.preview_dialog: NotesPreviewDialog | None = None
        self.error_box: QMessageBox | None = None
        self.confirm_box: QMessageBox | None = None
        self._pending: Callable[[], None] | None = None
        # the dialog whose choices the running import uses: accepted once it succeeded,
        # left open (enabled again) after a failure or a cancel, choices as they were
        self._choices: QDialog | None = None
        # Extra Fetcher arguments (timeouts, retries); tests shorten the retry backoff.
        self.fetch_options: dict[str, Any] = {}
        self.choose_notes_file: FileChooser = self._pick_notes_file
        self.choose_json_file: FileChooser = self._pick_json_file

        self.paper_reading_action = self._action(
            "action_import_paper_reading",
            self.tr("&Paper-reading list…"),
            self.tr("Import Li Mu's paper-reading videos and papers (mli/paper-reading)"),
            self.ask_paper_reading,
        )
        self.fastai_action = self._action(
            "action_import_fastai",
            self.tr("&fast.ai course…"),
            self.tr("Import the lessons of course.fast.ai, optionally with questionnaires"),
            self.ask_fastai,
        )
        self.notes_action = self._action(
            "action_import_notes",
            self.tr("&Study notes file…"),
            self.tr("Import links, questions, companies and notes from a Markdown file"),
            self.ask_notes,
        )
        self.json_action = self._action(
            "action_import_json",
            self.tr("ThreePass &JSON…"),
            self.tr("Import a ThreePass JSON export"),
            self.ask_json,
        )

    def actions(self) -> list[QAction]:
        return [self.paper_reading_action, self.fastai_action, self.notes_action, self.json_action]

    def _action(self, name: str, text: str, tip: str, slot: Callable[[], None]) -> QAction:
        # Parented to the window so others (the library's empty state) find it by objectName.
        action = QAction(text, self._window)
        action.setObjectName(name)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    # ---- the four sources -------------------------------------------------------------------
    @Slot()
    def ask_paper_reading(self) -> None:
        if self._busy():
            return
        dialog = SourceDialog(
            self.tr("Import the paper-reading list"),
            self.tr(
                "Li Mu's paper-reading README: one item per recorded video and per paper. "
                "Re-importing updates titles and links and keeps your passes and notes."
            ),
            jobs.paper_reading_default_url(),
            allow_folder=True,
            file_filter=self.tr("Markdown (*.md *.markdown *.txt);;All files (*)"),
            parent=self._window,
        )
        dialog.submitted.connect(
            lambda: self._start_from(
                dialog,
                self.tr("Importing the paper-reading list"),
                lambda: jobs.paper_reading_task(
                    self._ctx.db, dialog.location(), fetch_options=self.fetch_options
                ),
            )
        )
        self._open_source_dialog(dialog)

    @Slot()
    def ask_fastai(self) -> None:
        if self._busy():
            return
        dialog = SourceDialog(
            self.tr("Import the fast.ai course"),
            self.tr(
                "The lessons of Practical Deep Learning (Part 1 and Part 2), in course order, "
                "from the website or a folder holding a saved copy of it."
            ),
            jobs.fastai_default_url(),
            allow_folder=True,
            file_filter=self.tr("Web pages (*.html *.htm);;All files (*)"),
            questionnaires_option=True,
            remember_as="fastai",
            parent=self._window,
        )
        dialog.submitted.connect(
            lambda: self._start_from(
                dialog,
                self.tr("Importing the fast.ai course"),
                lambda: jobs.fastai_task(
                    self._ctx.db,
                    dialog.location(),
                    with_questionnaires=dialog.with_questionnaires(),
                    notebooks_from=dialog.notebooks_from(),
                    fetch_options=self.fetch_options,
                ),
            )
        )
        self._open_source_dialog(dialog)

    @Slot()
    def ask_notes(self) -> None:
        if self._busy():
            return
        path = self.choose_notes_file()
        if not path:
            return
        self.start(
            self.tr("Reading the study notes"),
            jobs.notes_parse_task(path, fetch_options=self.fetch_options),
            on_success=lambda parsed: self._show_notes_preview(path, parsed),
        )

    @Slot()
    def ask_json(self) -> None:
        if self._busy():
            return
        path = self.choose_json_file()
        if not path:
            return
        counts = jobs.json_content_counts(self._ctx.db)
        if not any(counts.values()):
            self._start_json(path, replace=False)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Replace the library?"),
            self.tr(
                "The library already holds {0} items, {1} companies and {2} questions. "
                "Importing {3} replaces all of it; a backup copy of the database is made first."
            ).format(counts["items"], counts["companies"], counts["questions"], Path(path).name),
            QMessageBox.StandardButton.Cancel,
            self._window,
        )
        box.setObjectName("import_json_replace_box")
        box.setTextFormat(Qt.TextFormat.PlainText)
        replace = box.addButton(
            self.tr("Replace everything"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        replace.clicked.connect(lambda: self._start_json(path, replace=True))
        self.confirm_box = box
        box.open()

    def _start_json(self, path: str, *, replace: bool) -> None:
        self.start(
            self.tr("Importing a ThreePass JSON file"),
            jobs.json_task(self._ctx.db, path, replace=replace),
        )

    # ---- running ------------------------------------------------------------------------------
    def start(
        self,
        title: str,
        task: Task,
        *,
        on_success: Callable[[object], None] | None = None,
    ) -> None:
        """Run `task` in a worker under a progress dialog; one import at a time."""
        if self._busy():
            return
        if self.progress_dialog is not None:  # the last import's summary, closed by now
            self.progress_dialog.deleteLater()
        dialog = ImportProgressDialog(title, self._window)
        runner = TaskRunner(task, self)
        runner.progress.connect(dialog.show_progress)
        runner.detail.connect(dialog.show_detail)
        dialog.cancel_requested.connect(runner.cancel)
        runner.cancelled.connect(dialog.show_cancelled)
        runner.failed.connect(self._on_failed)
        if on_success is None:
            runner.succeeded.connect(self._on_summary)
        else:
            runner.succeeded.connect(lambda result: self._on_step_done(result, on_success))
        runner.finished.connect(self._on_runner_finished)
        self.progress_dialog = dialog
        self.runner = runner
        self._set_actions_enabled(False)
        dialog.open()
        runner.start(after_ms=DIALOG_FIRST_PAINT_MS)

    def _start_from(self, choices: QDialog, title: str, make_task: Callable[[], Task]) -> None:
        """Import with what `choices` holds, keeping that dialog open until it succeeded."""
        if self._busy():
            return
        choices.setEnabled(False)  # no second Import while this one runs
        self._choices = choices
        self.start(title, make_task())

    def is_running(self) -> bool:
        return self.runner is not None and self.runner.is_running()

    def shutdown(self) -> None:
        """The window is closing: cancel a running import (it writes nothing) and wait for it."""
        if self.runner is not None and self.runner.is_running():
            self.runner.cancel()
            self.runner.wait()

    def _busy(self) -> bool:
        if self.is_running():
            self._ctx.events.status_message.emit(self.tr("An import is already running."))
            return True
        return False

    def _set_actions_enabled(self, enabled: bool) -> None:
        for action in self.actions():
            action.setEnabled(enabled)

    def _open_source_dialog(self, dialog: SourceDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.source_dialog = dialog
        dialog.open()

    @Slot(object)
    def _on_summary(self, summary: object) -> None:
        assert isinstance(summary, ImportSummary)
        choices, self._choices = self._choices, None
        if choices is not None:
            choices.accept()  # done with: the summary is in the progress dialog
        if self.progress_dialog is not None:
            self.progress_dialog.show_summary(summary)
        events = self._ctx.events
        if summary.items_changed and not summary.not_modified:
            events.items_changed.emit()
        if summary.career_changed and not summary.not_modified:
            events.career_changed.emit()
        total = totals(summary)
        events.status_message.emit(
            self.tr("Imported {0}: {1} added, {2} updated, {3} unchanged, {4} skipped.").format(
                source_name(summary.source),
                total.added,
                total.updated,
                total.unchanged,
                total.skipped,
            )
        )

    def _on_step_done(self, result: object, then: Callable[[object], None]) -> None:
        """A preparatory step (parsing) finished; the next step starts once its thread is gone."""
        self._pending = lambda: then(result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        if self._choices is not None:  # enabled before the box: a disabled parent's box is too
            self._choices.setEnabled(True)
        if self.progress_dialog is not None:
            self.progress_dialog.show_failed(message)
            self.progress_dialog.done(0)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Import failed"),
            message,
            QMessageBox.StandardButton.Ok,
            self._choices or self._window,  # over the dialog that stays open to try again
        )
        box.setObjectName("import_error_box")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(self.tr("Nothing was written to your library."))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.error_box = box
        box.open()

    @Slot()
    def _on_runner_finished(self) -> None:
        runner = self.runner
        self.runner = None
        if runner is not None:
            runner.deleteLater()
        self._set_actions_enabled(True)
        choices, self._choices = self._choices, None
        if choices is not None:  # failed or cancelled: the choices are there to change
            choices.setEnabled(True)
        pending, self._pending = self._pending, None
        if pending is not None:
            if self.progress_dialog is not None:  # the step's dialog gives way to the next one
                self.progress_dialog.done(0)
                self.progress_dialog.deleteLater()
                self.progress_dialog = None
            pending()

    # ---- notes preview -------------------------------------------------------------------------
    def _show_notes_preview(self, path: str, parsed: object) -> None:
        assert isinstance(parsed, NotesImport)
        dialog = NotesPreviewDialog(
            jobs.notes_sections(parsed),
            Path(path).name,
            yields=jobs.notes_yields(parsed),
            encoding=parsed.encoding,
            parent=self._window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(
            lambda: self._start_from(
                dialog,
                self.tr("Importing the study notes"),
                lambda: jobs.notes_apply_task(self._ctx.db, parsed, dialog.mapping()),
            )
        )
        self.preview_dialog = dialog
        dialog.open()

    # ---- file pickers (replaced in tests) ------------------------------------------------------
    def _pick_notes_file(self) -> str | None:
        path = dialogs.open_file(
            self._window,
            "import-notes",
            self.tr("Import study notes"),
            self.tr("Markdown (*.md *.markdown *.txt);;All files (*)"),
        )
        return path or None

    def _pick_json_file(self) -> str | None:
        path = dialogs.open_file(
            self._window,
            "import-json",
            self.tr("Import a ThreePass JSON file"),
            self.tr("ThreePass JSON (*.json);;All files (*)"),
        )
        return path or None
