"""The translation files: complete, placeholders intact, and in sync with the source code.

`test_lupdate_finds_no_untranslated_strings` re-runs lupdate over desktop/ into a temporary
copy of each .ts, so a UI string added without a translation fails here (and in CI).
"""

from __future__ import annotations

import ast
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from desktop import i18n

TS_FILES = sorted(i18n.TRANSLATIONS_DIR.glob("*.ts"))
REPO = Path(__file__).resolve().parents[2]
ACCEL_RE = re.compile(r"&(?!&)[^\s&]")


def _live(path: Path) -> list[i18n.TsMessage]:
    return [m for m in i18n.read_ts(path) if m.status not in ("obsolete", "vanished")]


def _describe(message: i18n.TsMessage) -> str:
    return f"[{message.context or '-'}] {message.source!r}"


def test_translation_files_exist() -> None:
    names = {p.name for p in TS_FILES}
    assert {"threepass_zh_CN.ts", "threepass_en.ts"} <= names
    assert len(_live(i18n.ts_path("zh_CN"))) > 50  # the real UI, not an empty file


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_every_string_is_translated(ts: Path) -> None:
    missing = [_describe(m) for m in _live(ts) if not m.finished]
    assert not missing, f"{len(missing)} untranslated in {ts.name}:\n" + "\n".join(missing)


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_translations_keep_placeholders(ts: Path) -> None:
    broken = []
    for message in _live(ts):
        if not message.finished:
            continue
        expected = Counter(i18n.PLACEHOLDER_RE.findall(message.source))
        for form in message.forms:
            found = Counter(i18n.PLACEHOLDER_RE.findall(form))
            if found != expected:
                broken.append(f"{_describe(message)} → {form!r}")
    assert not broken, "placeholders dropped or changed:\n" + "\n".join(broken)


def test_translations_keep_keyboard_accelerators() -> None:
    broken = [
        f"{_describe(m)} → {m.forms[0]!r}"
        for m in _live(i18n.ts_path("zh_CN"))
        if m.finished and ACCEL_RE.search(m.source) and not ACCEL_RE.search(m.forms[0])
    ]
    assert not broken, "menu/label accelerators (&X) lost:\n" + "\n".join(broken)


def test_placeholder_check_catches_a_dropped_placeholder(tmp_path: Path) -> None:
    """The check above must be able to fail: feed it a broken translation."""
    ts = tmp_path / "broken.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="zh_CN">'
        "<context><name>C</name><message><source>Imported {0}: %1 rows</source>"
        "<translation>已导入：%1 行</translation></message></context></TS>",
        encoding="utf-8",
    )
    (message,) = i18n.read_ts(ts)
    assert message.finished
    assert Counter(i18n.PLACEHOLDER_RE.findall(message.source)) != Counter(
        i18n.PLACEHOLDER_RE.findall(message.forms[0])
    )


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_lupdate_finds_no_untranslated_strings(ts: Path, tmp_path: Path) -> None:
    """Every tr() string in desktop/ is in the .ts and translated (lupdate re-run on a copy)."""
    if i18n.lupdate_command() is None:
        pytest.fail("lupdate is missing; PySide6 should bundle it")
    copy = tmp_path / ts.name
    shutil.copyfile(ts, copy)
    language = ts.stem.removeprefix(i18n.TS_PREFIX)
    i18n.run_lupdate([REPO / "desktop"], copy, language)
    missing = [_describe(m) for m in _live(copy) if not m.finished]
    assert not missing, (
        f"{len(missing)} UI strings have no translation in {ts.name}; run "
        "scripts/update_translations.py and translate them:\n" + "\n".join(missing)
    )


def test_lupdate_check_detects_a_new_string(tmp_path: Path) -> None:
    """A new tr() string in the sources shows up as unfinished: the check above can fail."""
    source = tmp_path / "view.py"
    source.write_text(
        "class NewView:\n    def title(self):\n        return self.tr('A brand-new string')\n",
        encoding="utf-8",
    )
    copy = tmp_path / "threepass_zh_CN.ts"
    shutil.copyfile(i18n.ts_path("zh_CN"), copy)
    i18n.run_lupdate([source], copy, "zh_CN")
    unfinished = [m.source for m in _live(copy) if not m.finished]
    assert unfinished == ["A brand-new string"]


def test_no_translate_call_misread_by_lupdate() -> None:
    """`tr = QCoreApplication.translate; tr("Ctx", "text")` hides "text" from lupdate.

    lupdate then records the context name as the text and the real text as a comment, so the
    string can never be translated. Call QCoreApplication.translate("Ctx", "text") directly.
    """
    suspicious = [
        f"{_describe(m)} (comment {m.comment!r})"
        for m in _live(i18n.ts_path("zh_CN"))
        if m.comment and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", m.source)
    ]
    assert not suspicious, "translate(context, text) misread as tr(text):\n" + "\n".join(suspicious)


def _qm(language: str) -> QTranslator:
    translator = QTranslator()
    assert translator.load(str(i18n.qm_path(language))), f"{i18n.qm_path(language)} is missing"
    return translator


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_committed_qm_matches_the_ts(ts: Path) -> None:
    """The app loads the committed .qm: after editing a .ts, scripts/update_translations.py
    must be run so that the .qm follows (this fails otherwise)."""
    language = ts.stem.removeprefix(i18n.TS_PREFIX)
    qm = _qm(language)
    stale = []
    for message in _live(ts):
        counts = (1, 2) if message.numerus else (-1,)
        for n, expected in zip(counts, message.forms[: len(counts)], strict=False):
            got = qm.translate(message.context, message.source, message.comment or None, n)
            if got != expected:
                stale.append(f"{_describe(message)}: .qm has {got!r}, .ts has {expected!r}")
    assert not stale, "run scripts/update_translations.py --qm-only:\n" + "\n".join(stale)


def test_pseudo_qm_covers_every_chinese_string() -> None:
    qm = _qm(i18n.PSEUDO)
    missing = [
        _describe(m)
        for m in _live(i18n.ts_path(i18n.CHINESE))
        if qm.translate(m.context, m.source, m.comment or None, 2 if m.numerus else -1)
        != i18n.pseudo_text(m.source)
    ]
    assert not missing, "run scripts/update_translations.py --qm-only:\n" + "\n".join(missing)


def _desktop_sources() -> dict[str, ast.Module]:
    return {
        str(path.relative_to(REPO)): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted((REPO / "desktop").rglob("*.py"))
    }


def _tr_owner(call: ast.Call) -> str | None:
    """`self` for self.tr(...), the name for name.tr(...) or a bare tr(...), else None."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "tr":
        return func.value.id if isinstance(func.value, ast.Name) else "<expression>"
    if isinstance(func, ast.Name) and func.id == "tr":
        return "tr"
    return None


def fixed_context_problems(sources: dict[str, ast.Module]) -> list[str]:
    """tr() calls whose context lupdate and Qt would not agree on.

    lupdate files `self.tr` under the class it is written in and `window.tr` under "window";
    Qt asks with the object's own class. So `self.tr` is only for classes nothing in desktop/
    subclasses, and everything else uses QCoreApplication.translate("Context", ...).
    """
    subclassed: set[str] = set()
    for tree in sources.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for base in node.bases:
                    if isinstance(base, ast.Name):
                        subclassed.add(base.id)
                    elif isinstance(base, ast.Attribute):
                        subclassed.add(base.attr)
    problems: list[str] = []
    for name, tree in sources.items():
        for cls in ast.walk(tree):
            if not isinstance(cls, ast.ClassDef) or cls.name not in subclassed:
                continue
            for call in ast.walk(cls):
                if isinstance(call, ast.Call) and _tr_owner(call) == "self":
                    problems.append(f"{name}:{call.lineno}: self.tr in subclassed {cls.name}")
        for call in ast.walk(tree):
            owner = _tr_owner(call) if isinstance(call, ast.Call) else None
            if owner not in (None, "self"):
                assert isinstance(call, ast.Call)
                what = "tr()" if owner == "tr" else f"{owner}.tr()"
                problems.append(f"{name}:{call.lineno}: {what} has no fixed context")
    return problems


def test_every_tr_call_has_a_fixed_context() -> None:
    problems = fixed_context_problems(_desktop_sources())
    assert not problems, 'use QCoreApplication.translate("Context", ...):\n' + "\n".join(problems)


def test_fixed_context_check_can_fail() -> None:
    source = (
        "class Base(QWidget):\n    def title(self):\n        return self.tr('Hi')\n"
        "class Sub(Base):\n    pass\n"
        "def install(window):\n    window.tr('Library')\n"
    )
    problems = fixed_context_problems({"view.py": ast.parse(source)})
    assert [p.split(": ", 1)[0] for p in problems] == ["view.py:3", "view.py:7"]


def test_every_context_lupdate_finds_is_one_qt_asks_with(tmp_path: Path) -> None:
    """A context lupdate made up (the "" of a wrapper function, "window" of window.tr) is never
    asked for at run time, so its strings would show in English."""
    ts = tmp_path / "threepass_zh_CN.ts"
    shutil.copyfile(i18n.ts_path(i18n.CHINESE), ts)
    i18n.run_lupdate([REPO / "desktop"], ts, i18n.CHINESE)
    classes: set[str] = set()
    literals: set[str] = set()
    for tree in _desktop_sources().values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                classes.add(node.name)
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "translate"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                literals.add(node.args[0].value)
    unknown = sorted({m.context for m in _live(ts)} - classes - literals)
    assert not unknown, f"contexts that Qt never asks for: {unknown}"
