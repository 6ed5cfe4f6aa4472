"""Installs the Help menu and View ▸ Theme (the View menu's views come from the window).

Help: Keyboard shortcuts (F1: the nearest thing to help the app has; on macOS Cmd+?),
Open the data folder, Report a problem, About. Installing only makes actions; each dialog
and the report (importlib.metadata, the log tail) are built when chosen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMessageBox

from desktop import i18n
from desktop.context import AppContext
from desktop.help.theme_menu import install_theme_menu
from desktop.main_window import MainWindow

if TYPE_CHECKING:
    from desktop.help.about import AboutDialog
    from desktop.help.shortcuts import ShortcutsDialog


def open_shortcuts(window: MainWindow) -> ShortcutsDialog:
    from desktop.help.shortcuts import ShortcutsDialog, collect_shortcuts

    dialog = ShortcutsDialog(collect_shortcuts(window), parent=window)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def open_about(window: MainWindow, ctx: AppContext) -> AboutDialog:
    from desktop.help.about import AboutDialog
    from desktop.help.report import collect

    dialog = AboutDialog(collect(ctx.db), parent=window)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def open_data_folder(window: MainWindow, ctx: AppContext) -> bool:
    """Show the database's folder in the file manager; False when it is not a local file."""
    from desktop.help.report import data_folder

    folder = data_folder(ctx.db)
    if folder is None:
        return False
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        ctx.events.status_message.emit(
            i18n.fill(
                QCoreApplication.translate("HelpMenu", "No file manager could open %1."), folder
            )
        )
    return True


def report_problem(window: MainWindow, ctx: AppContext) -> QMessageBox:
    from desktop.help.report import problem_report

    QGuiApplication.clipboard().setText(problem_report(ctx.db))
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("HelpMenu", "Report a problem"),
        QCoreApplication.translate(
            "HelpMenu", "The version details and the last lines of the log are on the clipboard."
        ),
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "HelpMenu",
            "Describe what you did and what happened on the project's issue tracker, and "
            "paste them with your report. Read them first: they show your data folder's "
            "path and may name items from your library.",
        )
    )
    box.setObjectName("ReportProblemBox")
    box.finished.connect(box.deleteLater)
    box.open()
    return box


def _action(window: MainWindow, name: str, text: str) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    return action


def install(window: MainWindow, ctx: AppContext) -> None:
    install_theme_menu(window)
    menu = window.menu("help")
    menu.setToolTipsVisible(True)  # the data folder action says why it is disabled

    shortcuts = _action(
        window,
        "action_keyboard_shortcuts",
        QCoreApplication.translate("HelpMenu", "&Keyboard shortcuts"),
    )
    shortcuts.setShortcut(QKeySequence.StandardKey.HelpContents)
    shortcuts.triggered.connect(lambda: open_shortcuts(window))

    folder = _action(
        window,
        "action_open_data_folder",
        QCoreApplication.translate("HelpMenu", "Open the &data folder"),
    )
    folder.triggered.connect(lambda: open_data_folder(window, ctx))

    report = _action(
        window,
        "action_report_problem",
        QCoreApplication.translate("HelpMenu", "&Report a problem…"),
    )
    report.setStatusTip(
        QCoreApplication.translate(
            "HelpMenu", "Copy the version details and the last log lines for a bug report"
        )
    )
    report.triggered.connect(lambda: report_problem(window, ctx))

    about = _action(
        window, "action_about", QCoreApplication.translate("HelpMenu", "&About ThreePass")
    )
    about.setMenuRole(QAction.MenuRole.AboutRole)
    about.triggered.connect(lambda: open_about(window, ctx))

    menu.addAction(shortcuts)
    menu.addSeparator()
    menu.addAction(folder)
    menu.addAction(report)
    menu.addSeparator()
    menu.addAction(about)

    def refresh() -> None:
        """The database can move (Preferences ▸ Move my data): judge it when the menu opens."""
        local = ctx.db.path is not None
        folder.setEnabled(local)
        tip = (
            ""
            if local
            else QCoreApplication.translate(
                "HelpMenu", "The database is not a local file, so it has no folder."
            )
        )
        folder.setToolTip(tip or folder.text().replace("&", ""))
        folder.setStatusTip(tip)

    refresh()
    menu.aboutToShow.connect(refresh)
