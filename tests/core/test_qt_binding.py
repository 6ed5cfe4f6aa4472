"""The Qt binding must not leak references to None: a build that does (PySide6 6.12.0 on
Python 3.11) aborts the interpreter after a few thousand UI updates."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
before = sys.getrefcount(None)
for _ in range(2000):
    label.setText("x")
print(sys.getrefcount(None) - before)
"""


def test_void_calls_do_not_leak_none() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK],
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    # A leaking build prints about -2000; a sound one stays near 0.
    assert abs(int(result.stdout.strip().splitlines()[-1])) < 50, result.stdout
