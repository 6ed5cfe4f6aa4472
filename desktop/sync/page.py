"""The Sync tab of Preferences: the sync folder, this device's name, and the devices seen in
the folder with their last sync. Saved with OK, through the engine's Qt-free settings (the
data folder's file `threepass sync` reads too), so the CLI alone syncs afterwards."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from desktop.context import AppContext
from desktop.sync import engine
from desktop.widgets import dialogs
from desktop.widgets.formatting import format_stamp
from desktop.widgets.plain import plain_tooltip
from models.errors import ThreePassError

_Index = QModelIndex | QPersistentModelIndex


class DevicesModel(QAbstractTableModel):
    """The devices that wrote to the sync folder: name, last sync (local time)."""

    def __init__(self, devices: list[engine.DeviceRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.devices = devices

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.devices)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Device"), self.tr("Last sync"))[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        device = self.devices[index.row()]
        if index.column() == 0:
            return device.name + (" " + self.tr("(this device)") if device.this_device else "")
        return format_stamp(device.last_sync) if device.last_sync else self.tr("never")


class SyncPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SyncPage")
        self._ctx = ctx
        self._location = ctx.db.location
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

        self.folder = QLineEdit()
        self.folder.setObjectName("syncFolder")
        self.folder.setPlaceholderText(self.tr("Not set: sync is off"))
        self.folder.setAccessibleName(self.tr("Sync folder"))
        self.choose = QPushButton(self.tr("Choose…"))
        self.choose.setObjectName("chooseSyncFolder")
        self.choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose)
        form.addRow(self.tr("Sync folder"), row)
        hint = QLabel(
            self.tr(
                "A folder Syncthing, Dropbox, OneDrive or a USB stick carries between your "
                "computers. ThreePass writes its changes there and reads the other devices'. "
                "Never put the data folder itself in a synced folder."
            )
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        form.addRow("", hint)

        self.device = QLineEdit()
        self.device.setObjectName("syncDevice")
        self.device.setMaxLength(64)
        form.addRow(self.tr("This device's name"), self.device)

        self.devices = QTableView()
        self.devices.setObjectName("syncDevices")
        self.devices.setAccessibleName(self.tr("Devices"))
        self.devices.setTabKeyNavigation(False)
        self.devices.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.devices.verticalHeader().hide()
        self.devices.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.devices.setMinimumHeight(120)
        form.addRow(self.tr("Devices"), self.devices)
        self.load()

    def load(self) -> None:
        settings = engine.settings(self._location)
        self._saved = settings
        if settings is not None:
            self.folder.setText(str(settings.folder))
            self.device.setText(settings.device)
        else:
            self.folder.clear()
            self.device.setText(engine.default_device_name())
        # its changesets are filed under its name: a device that synced keeps it
        fixed = settings is not None and settings.last_sync is not None
        self.device.setReadOnly(fixed)
        self.device.setToolTip(
            self.tr("A device keeps the name it first synced with") if fixed else ""
        )
        self.folder.setToolTip(plain_tooltip(self.folder.text()))
        self.model = DevicesModel(engine.devices(self._location), self.devices)
        self.devices.setModel(self.model)

    def _choose(self) -> None:
        current = self.folder.text().strip()
        path = dialogs.choose_folder(
            self,
            "sync-folder",
            self.tr("Choose the sync folder"),
            start=Path(current) if current else None,
        )
        if path:
            self.folder.setText(path)

    def changed(self) -> bool:
        folder = self.folder.text().strip()
        device = self.device.text().strip()
        if self._saved is None:
            return bool(folder)
        return folder != str(self._saved.folder) or device != self._saved.device

    def save(self) -> bool:
        """Remember the folder and the name (False, with the reason shown, when refused)."""
        if not self.changed():
            return True
        try:
            engine.configure(self._location, Path(self.folder.text().strip()), self.device.text())
        except ThreePassError as err:
            dialogs.inform(self, self.tr("Sync settings not saved"), str(err))
            return False
        self._saved = engine.settings(self._location)
        from desktop.sync.feature import settings_changed  # the window's sync corner

        settings_changed(self)
        return True
