"""PySide6's import hook keeps no module's lines (desktop/source_scan.py, #17 peak memory),
and still tells the modules that mention PySide6 from those that do not."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

HOOKED_IMPORTS = """
import json, linecache, sys
sys.path[:0] = [{root!r}, {folder!r}]
from PySide6 import QtCore  # installs the hook
import shibokensupport.feature as feature
if {spare}:
    from desktop.source_scan import spare_source_cache
    assert spare_source_cache()
import uses_qt, plain_module
print(json.dumps({{
    "cached": sorted(k for k in linecache.cache if k.startswith({folder!r})),
    "uses_qt": feature.pyside_feature_dict.get("uses_qt"),
    "plain_module": feature.pyside_feature_dict.get("plain_module"),
}}))
"""


def run(code: str, env_extra: dict[str, str] | None = None) -> str:
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": "/nonexistent"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env | (env_extra or {}),
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def hooked_imports(tmp_path: Path, *, spare: bool) -> dict[str, object]:
    (tmp_path / "uses_qt.py").write_text("from PySide6 import QtCore\nVALUE = 1\n")
    (tmp_path / "plain_module.py").write_text("VALUE = 2\n" * 50)
    code = HOOKED_IMPORTS.format(root=str(ROOT), folder=str(tmp_path), spare=spare)
    result: dict[str, object] = json.loads(run(code))
    return result


def test_the_hook_alone_keeps_every_line_it_read(tmp_path: Path) -> None:
    """What the fix is for: without it the hook's source check fills linecache."""
    got = hooked_imports(tmp_path, spare=False)
    assert got["cached"] == sorted(str(tmp_path / n) for n in ("plain_module.py", "uses_qt.py"))


def test_spared_hook_keeps_nothing_and_answers_the_same(tmp_path: Path) -> None:
    got = hooked_imports(tmp_path, spare=True)
    assert got["cached"] == []
    # the hook's own bookkeeping: 0 for a module that may select features, -1 otherwise
    assert got["uses_qt"] == 0
    assert got["plain_module"] == -1


def test_the_window_keeps_no_lines_of_its_modules(tmp_path: Path) -> None:
    """Through the real entry point: the views' and the models' modules imported for a
    screenshot leave nothing in linecache."""
    out = tmp_path / "shot.png"
    code = (
        "import json, linecache, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from desktop.app import main\n"
        f"code = main(['--data-dir', {str(tmp_path / 'data')!r}, '--screenshot', {str(out)!r},"
        " '--view', 'library'])\n"
        "kept = [k for k in linecache.cache if '/desktop/' in k or '/models/' in k]\n"
        "print(json.dumps({'code': code, 'kept': kept}))\n"
    )
    got = json.loads(run(code, {"XDG_CONFIG_HOME": str(tmp_path / "config")}))
    assert got["code"] == 0
    assert out.exists()
    assert got["kept"] == []
