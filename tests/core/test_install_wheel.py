"""docs/install.md's wheel route: the built wheel holds everything the app reads at run time.

It is built offline (`--no-index --no-build-isolation`, the setuptools and wheel of the
test dependencies) from a copy of the checkout, so the build leaves nothing in the tree.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("desktop", "models", "importers", "resources")
NOT_SOURCES = shutil.ignore_patterns(
    ".git",
    ".venv",
    "__pycache__",
    "*.pyc",
    "*.egg-info",
    "build",
    "dist",
    ".*_cache",
    ".hypothesis",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source") / "threepass"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCES, symlinks=True)
    out = tmp_path_factory.mktemp("dist")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-index"]
    command += ["--no-build-isolation", "-q", "-w", str(out), str(source)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    (built,) = out.glob("threepass-*.whl")
    return built


def _package_files() -> set[str]:
    """Every file of the runtime packages in the checkout, as wheel paths."""
    found: set[str] = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*"):
            parts = path.relative_to(ROOT).parts
            if path.is_file() and "__pycache__" not in parts and path.suffix != ".pyc":
                found.add("/".join(parts))
    return found


def test_wheel_holds_every_runtime_file_and_no_tests(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = _package_files()
    # what desktop/ and models/ read at run time, named so a lost glob cannot hide it
    for needed in (
        "resources/styles/threepass.qss",
        "resources/icons/threepass.svg",
        "resources/translations/threepass_zh_CN.ts",
        "resources/translations/threepass_zh_CN.qm",  # what Chinese loads (docs/i18n.md)
        "resources/translations/threepass_pseudo.qm",
        "models/migrations/env.py",
        "models/migrations/script.py.mako",
        "models/migrations/versions/0001_initial_schema.py",
    ):
        assert needed in expected
    missing = sorted(expected - names)
    assert not missing, f"not in the wheel: {missing}"
    strays = sorted(
        n for n in names if n.split("/")[0] in ("tests", "benchmarks", "scripts", "docs")
    )
    assert not strays, f"in the wheel but not part of the app: {strays}"
    assert not [n for n in names if "fixtures" in n]


def test_wheel_declares_the_threepass_command(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    (entry_points,) = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
    text = archive.read(entry_points).decode()
    assert "[console_scripts]" in text
    assert "threepass = desktop.app:main" in text


def test_unpacked_wheel_runs_from_its_own_files(wheel: Path, tmp_path: Path) -> None:
    """Run from the unpacked wheel, not the checkout: migrations, version and data paths."""
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    env = {**os.environ, "PYTHONPATH": str(unpacked), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("THREEPASS_DATA_DIR", None)
    check = (
        "import desktop.theme, desktop.i18n, desktop.icons, models.migrate, sys; "
        "paths = [desktop.theme.STYLE_FILE, desktop.i18n.qm_path('zh_CN'), "
        "desktop.icons.ICONS_DIR / 'threepass.svg', models.migrate.MIGRATIONS_DIR]; "
        "root = sys.argv[1]; "
        "assert all(str(p).startswith(root) and p.exists() for p in paths), paths; "
        "from PySide6.QtCore import QCoreApplication as A; app = A([]); "
        "desktop.i18n.install_translators('zh_CN', app); "
        "assert A.translate('MainWindow', '&File') == '文件(&F)'"
    )
    python = sys.executable
    done = subprocess.run(
        [python, "-c", check, str(unpacked)], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    data = tmp_path / "data"
    listed = subprocess.run(
        [python, "-m", "desktop", "--data-dir", str(data), "list", "--json"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == []
    assert (data / "threepass.sqlite3").is_file()  # created by the wheel's migrations


def test_install_doc_shows_the_routes_that_work() -> None:
    """The doc's build command is the one built above; it sends no one to PyPI's `threepass`."""
    text = (ROOT / "docs" / "install.md").read_text(encoding="utf-8")
    assert "python -m pip wheel --no-deps -w dist ." in text
    assert "pipx install dist/threepass-*.whl" in text
    assert "pipx install git+https://" in text
    assert "pip install threepass" not in text.replace("`pip install threepass` finds nothing", "")
