"""One GUI per data folder: a second launch asks the first window to come forward and exits.

A QLockFile (keyed by a hash of the user and the data folder) decides who is first; QLockFile
notices a lock left by a crashed process, so a crash never blocks the next start. The first
instance listens on a QLocalServer with the same key; later ones send "raise" to it.
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from models.paths import DataLocation

RAISE_MESSAGE = b"raise\n"
CONNECT_TIMEOUT_MS = 2000


def instance_key(location: DataLocation) -> str:
    """A short name that is the same for every launch on the same data folder."""
    where = str(location.data_dir.resolve()) if location.data_dir is not None else location.url
    digest = hashlib.sha256(f"{getpass.getuser()}\0{where}".encode()).hexdigest()[:20]
    return f"threepass-{digest}"


def bring_to_front(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


class SingleInstance(QObject):
    """Call acquire() before opening the database; keep the object alive while the app runs."""

    raise_requested = Signal()

    def __init__(self, key: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.lock_path = Path(QDir.tempPath()) / f"{key}.lock"
        self._lock = QLockFile(str(self.lock_path))
        self._server: QLocalServer | None = None
        self._sockets: set[QLocalSocket] = set()

    def acquire(self) -> bool:
        """True when we are the only instance (and now listen); False after asking the other
        one to raise its window (the caller should then exit).
        """
        if self._lock.tryLock(100):
            QLocalServer.removeServer(self.key)  # a socket file left by a crash
            server = QLocalServer(self)
            server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
            server.newConnection.connect(self._on_new_connection)
            server.listen(self.key)
            self._server = server
            return True
        self.notify_running()
        return False

    def notify_running(self) -> bool:
        """Send "raise" to the running instance; False if it did not answer in time."""
        socket = QLocalSocket()
        socket.connectToServer(self.key)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        socket.write(RAISE_MESSAGE)
        sent = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()
        return bool(sent)

    def release(self) -> None:
        for socket in list(self._sockets):
            self._drop(socket)
        if self._server is not None:
            self._server.newConnection.disconnect(self._on_new_connection)
            self._server.close()
            self._server.deleteLater()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    def _on_new_connection(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            self._sockets.add(socket)
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(self._on_disconnected)
            if socket.bytesAvailable():
                self._read(socket)

    def _on_ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket) and socket in self._sockets:
            self._read(socket)

    def _on_disconnected(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket) and socket in self._sockets:
            self._read(socket)
            self._drop(socket)

    def _drop(self, socket: QLocalSocket) -> None:
        self._sockets.discard(socket)
        socket.readyRead.disconnect(self._on_ready_read)
        socket.disconnected.disconnect(self._on_disconnected)
        socket.abort()
        socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        data = bytes(socket.readAll().data())
        if RAISE_MESSAGE.strip() in data:
            self.raise_requested.emit()
