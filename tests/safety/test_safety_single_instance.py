"""One GUI per data folder: the second launch raises the first window and exits 0."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.single_instance import SingleInstance, instance_key
from models.paths import resolve_location
from tests.safety.safety_helpers import child_env


def test_second_instance_on_the_same_folder_asks_the_first_to_raise(
    data_dir: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    key = instance_key(resolve_location(data_dir=data_dir))
    assert key == instance_key(resolve_location(data_dir=str(data_dir) + "/"))
    assert key != instance_key(resolve_location(data_dir=tmp_path / "other"))
    first = SingleInstance(key)
    second = SingleInstance(key)
    try:
        assert first.acquire()
        with qtbot.waitSignal(first.raise_requested, timeout=5000):
            assert not second.acquire()
        other_folder = SingleInstance(instance_key(resolve_location(data_dir=tmp_path / "other")))
        assert other_folder.acquire()  # a different data folder is a different instance
        other_folder.release()
    finally:
        first.release()
    third = SingleInstance(key)
    assert third.acquire()  # released: the next launch is the first again
    third.release()


def launch(data_dir: Path) -> subprocess.Popen[bytes]:
    env = child_env()
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def test_two_real_gui_processes_and_a_crashed_first_one(data_dir: Path) -> None:
    key = instance_key(resolve_location(data_dir=data_dir))
    probe = SingleInstance(key)
    first = launch(data_dir)
    try:
        deadline = time.monotonic() + 30
        while not probe.lock_path.exists():  # the first GUI holds the lock
            assert first.poll() is None, first.stderr.read().decode()  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "the first GUI never started"
            time.sleep(0.05)
        second = launch(data_dir)
        out, err = second.communicate(timeout=30)
        assert second.returncode == 0, err.decode()
        assert "already open" in out.decode()
        assert first.poll() is None  # the first one is still running
    finally:
        os.kill(first.pid, signal.SIGKILL)  # a crash: the lock file stays behind
        first.wait(timeout=20)
    assert probe.lock_path.exists()
    assert probe.acquire()  # a stale lock from a dead process does not block the next start
    probe.release()
