"""models/ and importers/ must stay free of Qt, so the CLI, importers and tests run headless."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PURE_PACKAGES = ("models", "importers")


def qt_imports(package: str) -> list[str]:
    found = []
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[object] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if (
                isinstance(node, ast.Call)
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and getattr(node.func, "attr", getattr(node.func, "id", ""))
                in {"import_module", "__import__"}
            ):
                names.append(node.args[0].value)
            for name in names:
                if isinstance(name, str) and name.split(".")[0] in {
                    "PySide6",
                    "shiboken6",
                    "PyQt6",
                    "PyQt5",
                }:
                    found.append(f"{path.relative_to(ROOT)}: {name}")
    return found


@pytest.mark.parametrize("package", PURE_PACKAGES)
def test_package_source_never_imports_qt(package: str) -> None:
    assert qt_imports(package) == []


def test_importing_every_pure_module_loads_no_qt() -> None:
    """At run time too: an import through a helper module would slip past the AST scan."""
    modules = [
        ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for pkg in PURE_PACKAGES
        for p in (ROOT / pkg).rglob("*.py")
        if p.name != "env.py" and "versions" not in p.parts
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m.removesuffix('.__init__'))\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_scanner_detects_a_qt_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard itself must be able to fail."""
    fake = tmp_path / "fakepkg"
    fake.mkdir()
    (fake / "bad.py").write_text("from PySide6.QtCore import QObject\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert qt_imports("fakepkg") == ["fakepkg/bad.py: PySide6.QtCore"]
