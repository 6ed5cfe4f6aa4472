"""One pass playing in mpv: the process, its IPC socket, and checkpoints of the time watched.

Everything runs on the GUI thread without blocking it: QProcess and QLocalSocket deliver
through the event loop, and what a line means is decided by models/mpv.py's Tally. The
sitting is written as it goes (every CHECKPOINT_MS) and once more when mpv exits, however
it exits: closed by the user, stopped from the status bar, or crashed.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QTimer, Signal
from PySide6.QtNetwork import QLocalSocket

from models import mpv
from models.errors import ThreePassError
from models.services.playback import PlaybackService, Sitting

CONNECT_RETRY_MS = 100
CONNECT_TRIES = 150  # mpv makes its socket once it has started: up to 15 s (yt-dlp is slow)
CHECKPOINT_MS = 30_000
QUIT_WAIT_MS = 3000

log = logging.getLogger(__name__)


def ipc_names(item_id: int, pass_number: int) -> tuple[str, str]:
    """(what mpv is given, what QLocalSocket connects to): a named pipe on Windows."""
    name = f"threepass-mpv-{os.getpid()}-{item_id}-{pass_number}"
    if sys.platform == "win32":
        return rf"\\.\pipe\{name}", name
    path = str(Path(tempfile.gettempdir()) / f"{name}.sock")
    return path, path


class PlayerSession(QObject):
    """Emits `changed` as playback moves, `reached_end` once, and `ended` after the last write."""

    changed = Signal()
    reached_end = Signal()
    ended = Signal()
    failed = Signal(str)  # a checkpoint could not be written (the message is one sentence)

    def __init__(
        self,
        service: PlaybackService,
        sitting: Sitting,
        mpv_path: str,
        *,
        extra_args: tuple[str, ...] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        assert sitting.source is not None
        self.sitting = sitting
        self.tally = mpv.Tally()
        self.session_id: int | None = None
        self._service = service
        self._buffer = mpv.LineBuffer()
        self._tries = 0
        self._saved: tuple[float, float | None] | None = None  # (seconds, position)
        self._done = False
        self._ipc_path, self._socket_name = ipc_names(sitting.item_id, sitting.pass_number)
        if sys.platform != "win32":
            Path(self._ipc_path).unlink(missing_ok=True)  # a socket left by a crash

        self.process = QProcess(self)
        self.process.setProgram(mpv_path)
        self.process.setArguments(
            mpv.command_line(
                mpv_path,
                sitting.source.location,
                speed=sitting.speed,
                ipc_path=self._ipc_path,
                start=sitting.resume_at,
                title=sitting.title,
                ytdl=mpv.find_ytdlp() if sitting.source.kind != "file" else None,
                extra=extra_args,
            )[1:]
        )
        self.process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        self.process.readyReadStandardOutput.connect(self._drain_output)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._process_error)
        self.socket = QLocalSocket(self)
        self.socket.connected.connect(self._connected)
        self.socket.readyRead.connect(self._read)
        self.socket.errorOccurred.connect(self._socket_error)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(CONNECT_RETRY_MS)
        self._retry.timeout.connect(self._connect)
        self._checkpoints = QTimer(self)
        self._checkpoints.setInterval(CHECKPOINT_MS)
        self._checkpoints.timeout.connect(self.checkpoint)

    # ---- life ------------------------------------------------------------------------------
    def start(self) -> None:
        log.info("mpv: %s", " ".join(self.process.arguments()))
        self.process.start()
        self._retry.start()
        self._checkpoints.start()

    def stop(self) -> None:
        """Ask mpv to quit; `ended` follows once it has (and the time is saved)."""
        if self.socket.state() == QLocalSocket.LocalSocketState.ConnectedState:
            self.socket.write(mpv.encode("quit"))
            self.socket.flush()
        elif self.process.state() != QProcess.ProcessState.NotRunning:
            self.process.terminate()
        QTimer.singleShot(QUIT_WAIT_MS, self._kill_if_running)

    def stop_now(self) -> None:
        """Quit and wait (the app is closing): the time is saved before this returns."""
        if self._done:
            return
        self.stop()
        if not self.process.waitForFinished(QUIT_WAIT_MS):
            self.process.kill()
            self.process.waitForFinished(QUIT_WAIT_MS)
        self._finish()

    def is_running(self) -> bool:
        return not self._done

    def set_pause(self, paused: bool) -> None:
        if self.socket.state() == QLocalSocket.LocalSocketState.ConnectedState:
            self.socket.write(mpv.encode("set_property", "pause", paused))

    def set_speed(self, speed: float) -> None:
        """Play at `speed` from now on (mpv's speed change comes back as a property
        change, so the tally divides each later step by the new speed)."""
        self.sitting = replace(self.sitting, speed=speed)
        if self.socket.state() == QLocalSocket.LocalSocketState.ConnectedState:
            self.socket.write(mpv.encode("set_property", "speed", speed))

    # ---- the socket ------------------------------------------------------------------------
    def _connect(self) -> None:
        if self._done or self.process.state() == QProcess.ProcessState.NotRunning:
            return
        self._tries += 1
        self.socket.connectToServer(self._socket_name)

    def _connected(self) -> None:
        self._retry.stop()
        # a speed chosen while mpv started, then watch and play (it started paused)
        self.socket.write(mpv.encode("set_property", "speed", self.sitting.speed))
        self.socket.write(mpv.observe_requests())

    def _socket_error(self, _error: QLocalSocket.LocalSocketError) -> None:
        if self.socket.state() == QLocalSocket.LocalSocketState.ConnectedState or self._done:
            return
        if self._tries < CONNECT_TRIES:
            self._retry.start()
        else:
            log.warning("mpv's socket %s never answered: %s", self._ipc_path, self.socket)

    def _read(self) -> None:
        was_at_end = self.tally.eof
        moved = False
        for message in self._buffer.feed(bytes(self.socket.readAll().data())):
            moved = self.tally.feed(message) is not None or moved
        if moved:
            self.changed.emit()
        if self.tally.eof and not was_at_end:
            self.checkpoint()
            self.reached_end.emit()

    def _drain_output(self) -> None:
        for line in bytes(self.process.readAllStandardOutput().data()).splitlines()[-5:]:
            log.debug("mpv: %s", line.decode(errors="replace"))

    # ---- writes ----------------------------------------------------------------------------
    def checkpoint(self) -> None:
        """Save the time watched so far and the position (nothing new: nothing written)."""
        state = (self.tally.played_seconds, self.tally.resume_position())
        if self.tally.position is None or state == self._saved:
            return  # not loaded yet (a position of None would forget the saved one)
        try:
            result = self._service.checkpoint(
                self.sitting.item_id,
                self.sitting.pass_number,
                session_id=self.session_id,
                played_seconds=state[0],
                position=state[1],
            )
        except ThreePassError as err:
            self.failed.emit(str(err))
            return
        self.session_id = result.session_id
        self._saved = state

    def _finished(self, _code: int, _status: QProcess.ExitStatus) -> None:
        self._finish()

    def _process_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            log.warning("mpv did not start: %s", self.process.errorString())
            self._finish()

    def _kill_if_running(self) -> None:
        if self.process.state() != QProcess.ProcessState.NotRunning:
            self.process.kill()

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        self._retry.stop()
        self._checkpoints.stop()
        if self.socket.bytesAvailable():
            self._read()
        self.socket.abort()
        self.checkpoint()
        if sys.platform != "win32":
            Path(self._ipc_path).unlink(missing_ok=True)
        self.ended.emit()
