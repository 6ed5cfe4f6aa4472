"""UI language: translators (Qt's own + ours), the pseudo-translation mode and locale formatting.

The `.ts` files in resources/translations/ are the source of truth; `.qm` binaries are not
committed. `compiled_qm()` builds them with PySide6's bundled `lrelease` into the user cache
dir (keyed by the `.ts` content hash, so a changed `.ts` is rebuilt and a stale `.qm` never
used). If no lrelease can run, `TsTranslator` reads the `.ts` directly, so the language never
silently falls back to English. Other views format dates, durations and numbers with the
helpers at the bottom so they follow the chosen language.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NamedTuple

import platformdirs
from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QObject,
    QTime,
    QTranslator,
)

from models.paths import APP_NAME

if TYPE_CHECKING:
    import subprocess

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
TS_PREFIX = "threepass_"
ENV_PSEUDO = "THREEPASS_PSEUDO"

SYSTEM = "system"
ENGLISH = "en"
CHINESE = "zh_CN"
PSEUDO = "pseudo"
LANGUAGES = (SYSTEM, ENGLISH, CHINESE)

# %1, %L1, %n, %Ln and Python-style {name} placeholders; must survive translation.
PLACEHOLDER_RE = re.compile(r"%L?\d+|%L?n|\{[^{}]*\}")


def ts_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"{TS_PREFIX}{language}.ts"


def available_languages() -> list[str]:
    """Languages with a `.ts` file, plus English (the source language)."""
    found = {p.stem.removeprefix(TS_PREFIX) for p in TRANSLATIONS_DIR.glob("*.ts")}
    return [ENGLISH, *sorted(found - {ENGLISH})]


def normalize_language(value: str | None) -> str:
    """Map a user/system locale name to a language we ship: zh_* → zh_CN, others → en."""
    if not value or value == SYSTEM:
        value = QLocale.system().name()
    if value == PSEUDO:
        return PSEUDO
    if value.lower().replace("-", "_").startswith("zh"):
        return CHINESE
    lang = value.replace("-", "_")
    if lang in available_languages():
        return lang
    return ENGLISH


def resolve_language(cli_value: str | None, stored: str | None) -> str:
    """--lang wins, then THREEPASS_PSEUDO=1, then the preference, then the system locale."""
    if cli_value:
        return normalize_language(cli_value)
    if os.environ.get(ENV_PSEUDO) == "1":
        return PSEUDO
    return normalize_language(stored)


# ---- building .qm ------------------------------------------------------------------------------


def _qt_tool(name: str) -> list[str] | None:
    """A Qt tool bundled with PySide6 (lupdate, lrelease), else a pyside6-/plain one on PATH."""
    import PySide6

    base = Path(PySide6.__file__).resolve().parent
    for candidate in (base / name, base / f"{name}.exe"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return [str(candidate)]
    import shutil  # imports here and below: a start with a compiled .qm needs none of them

    for command in (f"pyside6-{name}", name, f"{name}-qt6"):
        found = shutil.which(command)
        if found:
            return [found]
    return None


def lrelease_command() -> list[str] | None:
    return _qt_tool("lrelease")


def lupdate_command() -> list[str] | None:
    return _qt_tool("lupdate")


def translation_wrappers(sources: list[Path]) -> set[str]:
    """Names of helper functions that wrap `QCoreApplication.translate("Ctx", text)`.

    Views often define `def _t(text): return QCoreApplication.translate("Stats", text)`;
    lupdate only sees their strings when told the name (-tr-function-alias tr+=_t).
    """
    import ast

    names: set[str] = set()
    files = [f for s in sources for f in (sorted(s.rglob("*.py")) if s.is_dir() else [s])]
    for path in files:
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (OSError, SyntaxError, UnicodeDecodeError):
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef) or node.name in ("tr", "translate"):
                continue
            for ret in ast.walk(node):
                call = ret.value if isinstance(ret, ast.Return) else None
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "translate"
                    and len(call.args) >= 2
                    and isinstance(call.args[0], ast.Constant)
                    and isinstance(call.args[0].value, str)
                    and isinstance(call.args[1], ast.Name)
                ):
                    names.add(node.name)
    return names


def run_lupdate(sources: list[Path], ts: Path, language: str = CHINESE) -> str:
    """Refresh `ts` from the Python sources (keeps finished translations); return lupdate's log.

    English is the source language, so its `.ts` only holds the %n plural forms (-pluralonly).
    """
    import subprocess

    command = lupdate_command()
    if command is None:
        raise FileNotFoundError("lupdate not found: install PySide6 (it bundles lupdate).")
    aliases = sorted(translation_wrappers(sources))
    result = subprocess.run(
        [
            *command,
            "-extensions",
            "py",
            *(["-tr-function-alias", ",".join(f"tr+={a}" for a in aliases)] if aliases else []),
            "-no-obsolete",
            *(["-pluralonly"] if language == ENGLISH else []),
            "-locations",
            "relative",
            "-source-language",
            "en_US",
            "-target-language",
            language,
            *[str(s) for s in sources],
            "-ts",
            str(ts),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.stdout + result.stderr


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "translations"


def compiled_qm(ts: Path, target_dir: Path | None = None) -> Path | None:
    """Return a `.qm` matching the current `.ts`, compiling it if missing; None if impossible."""
    started = _start_qm(ts, target_dir or cache_dir())
    return started.result() if isinstance(started, _QmBuild) else started


def prepare_translations(language: str) -> None:
    """Start compiling `language`'s `.qm` if the cache has none, without waiting for it.

    install_translators, called a moment later, then finds lrelease (~6 ms, on a first start
    or after a `.ts` changed) done: it ran while the caller did other work (the theme).
    """
    started = _start_qm(ts_path(language), cache_dir())
    if isinstance(started, _QmBuild):
        _BUILDS[started.qm] = started


class _QmBuild:
    """An lrelease run writing `tmp`; `result()` waits for it and moves it to `qm`."""

    def __init__(self, ts: Path, qm: Path, tmp: Path, process: subprocess.Popen[bytes]) -> None:
        self.ts = ts
        self.qm = qm
        self.tmp = tmp
        self.process = process

    def result(self) -> Path | None:
        import subprocess

        try:
            code = self.process.wait(timeout=60)
            if code != 0:
                raise subprocess.CalledProcessError(code, self.process.args)
            self.tmp.replace(self.qm)
            for old in self.qm.parent.glob(f"{self.ts.stem}-*.qm"):
                if old != self.qm:
                    old.unlink(missing_ok=True)
        except (OSError, subprocess.SubprocessError):
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            with contextlib.suppress(OSError):  # e.g. a read-only cache: the .ts fallback is used
                self.tmp.unlink(missing_ok=True)
            return None
        return self.qm if self.qm.is_file() else None


_BUILDS: dict[Path, _QmBuild] = {}  # started by prepare_translations, by target .qm


def _start_qm(ts: Path, directory: Path) -> Path | _QmBuild | None:
    """The cached `.qm` of `ts`, else a started lrelease run, else None (no .ts, no lrelease)."""
    if not ts.is_file():
        return None
    digest = hashlib.sha256(ts.read_bytes()).hexdigest()[:16]
    qm = directory / f"{ts.stem}-{digest}.qm"
    running = _BUILDS.pop(qm, None)
    if running is not None:
        return running
    if qm.is_file() and qm.stat().st_size > 0:
        return qm
    command = lrelease_command()
    if command is None:
        return None
    import subprocess

    tmp = qm.with_suffix(f".{os.getpid()}.tmp")  # two starting apps never share it
    try:
        directory.mkdir(parents=True, exist_ok=True)
        process = subprocess.Popen(
            [*command, "-silent", str(ts), "-qm", str(tmp)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return None
    return _QmBuild(ts, qm, tmp, process)


# ---- translators -------------------------------------------------------------------------------


class TsMessage(NamedTuple):
    """One message of a `.ts` file; `forms` has one entry, or several for %n plurals.

    NamedTuples and plain classes here, not dataclasses: each dataclass definition costs
    ~0.7 ms when the module is imported, on every start.
    """

    context: str
    source: str
    comment: str
    forms: tuple[str, ...]
    status: str  # "" (finished), "unfinished", "obsolete" or "vanished"
    numerus: bool

    @property
    def finished(self) -> bool:
        return self.status == "" and all(form.strip() for form in self.forms)


def read_ts(path: Path) -> list[TsMessage]:
    import xml.etree.ElementTree as ET  # only Chinese (the fallback translator) reads a .ts

    messages: list[TsMessage] = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            node = message.find("translation")
            forms: tuple[str, ...] = ()
            status = "unfinished"
            if node is not None:
                forms = tuple(f.text or "" for f in node.iter("numerusform")) or (node.text or "",)
                status = node.get("type") or ""
            messages.append(
                TsMessage(
                    context=name,
                    source=message.findtext("source") or "",
                    comment=message.findtext("comment") or "",
                    forms=forms,
                    status=status,
                    numerus=message.get("numerus") == "yes",
                )
            )
    return messages


class TsCatalog:
    """Finished translations of a `.ts` file, by (context, source, comment) and by source."""

    def __init__(self) -> None:
        self.by_context: dict[tuple[str, str, str], list[str]] = {}
        self.by_source: dict[str, list[str]] = {}

    @classmethod
    def load(cls, path: Path) -> TsCatalog:
        catalog = cls()
        for message in read_ts(path):
            if message.finished:
                forms = list(message.forms)
                catalog.by_context[(message.context, message.source, message.comment)] = forms
                # Context "" holds strings from translate wrappers, whose run-time context
                # lupdate cannot know: they are the best guess for a context miss.
                if message.context == "":
                    catalog.by_source[message.source] = forms
                else:
                    catalog.by_source.setdefault(message.source, forms)
        return catalog


def _pick_form(forms: list[str], n: int) -> str:
    # Chinese has one plural form; for two-form languages form 1 means "not one".
    if len(forms) == 1 or n == 1:
        return forms[0]
    return forms[1]


class _NoneRefcountGuard:
    """Work around a PySide6 reference-count bug in Python QTranslator overrides.

    When Qt calls a Python `translate()` with a null disambiguation (every plain tr() call),
    PySide6 (seen with 6.12 on Python 3.11) hands over None without a reference and releases
    it afterwards: one reference lost per call, so after a few thousand calls the interpreter
    aborts with "Fatal Python error: none_dealloc". `measure()` detects the leak once with a
    probe translator; `balance()` then gives the reference back. With a fixed PySide6, or
    Python 3.12+ where None is immortal, the probe measures nothing and balance() does nothing.
    """

    leak_per_call = 0
    measured = False
    _give_back: ClassVar[Callable[[], object]] = staticmethod(lambda: None)

    @classmethod
    def measure(cls, app: QCoreApplication) -> None:
        if cls.measured:
            return
        cls.measured = True
        import ctypes  # here: English, the usual case, needs no Python translator

        none = ctypes.py_object(None)
        incref = ctypes.pythonapi.Py_IncRef
        cls._give_back = staticmethod(lambda: incref(none))
        probe = _ProbeTranslator()
        app.installTranslator(probe)
        try:
            calls = 64
            before = sys.getrefcount(None)
            context, text = _ProbeTranslator.CONTEXT, "probe"  # variables: lupdate skips them
            for _ in range(calls):
                QCoreApplication.translate(context, text)
            lost = before - sys.getrefcount(None)
        finally:
            app.removeTranslator(probe)
        cls.leak_per_call = max(0, round(lost / calls))
        for _ in range(max(0, lost)):
            cls._give_back()

    @classmethod
    def balance(cls, disambiguation: str | None) -> None:
        if disambiguation is None and cls.leak_per_call:
            for _ in range(cls.leak_per_call):
                cls._give_back()


class _ProbeTranslator(QTranslator):
    CONTEXT = "ThreePassProbe"

    def isEmpty(self) -> bool:
        return False

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return "probe" if context == self.CONTEXT else None


class TsTranslator(QTranslator):
    """Looks messages up by context, then by source text alone.

    The fallback matters because lupdate and PySide6 can disagree on the context: lupdate
    names `window.tr(...)` in a module function "window" and a base class's `self.tr` by the
    base class, while at run time the context is the object's own class.
    """

    def __init__(self, catalog: TsCatalog, exact: bool = True) -> None:
        super().__init__()
        self._catalog = catalog
        self._exact = exact

    def isEmpty(self) -> bool:
        return not self._catalog.by_source

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        _NoneRefcountGuard.balance(disambiguation)
        forms = None
        if self._exact:
            forms = self._catalog.by_context.get((context, source, disambiguation or ""))
        if forms is None:
            forms = self._catalog.by_source.get(source)
        if forms is None:
            return None  # a null QString: Qt asks the next translator, then uses the source
        return _pick_form(forms, n)  # Qt replaces %n itself


_ACCENTS = str.maketrans(
    "AaBCcDEeGHIiJKLlNnOoRrSsTUuWYyZz",
    "ÅåßÇçÐÉéĜĤÎîĴĶĹĺÑñÖöŔŕŠšŢÛûŴÝýŽž",
)
_KEEP_RE = re.compile(r"%L?\d+|%L?n|\{[^}]*\}|<[^>]*>|&[a-z]+;|&&")


def pseudo_text(source: str) -> str:
    """Accented, about 40% longer and bracketed, with placeholders, tags and entities intact."""
    parts: list[str] = []
    last = 0
    for match in _KEEP_RE.finditer(source):
        parts.append(source[last : match.start()].translate(_ACCENTS))
        parts.append(match.group(0))
        last = match.end()
    parts.append(source[last:].translate(_ACCENTS))
    body = "".join(parts)
    visible = len(_KEEP_RE.sub("", source))
    padding = "·" * max(2, (visible * 2 + 4) // 5)
    return f"[{body} {padding}]"


def _is_qt_context(context: str) -> bool:
    return len(context) > 1 and context[0] == "Q" and context[1].isupper()


class PseudoTranslator(QTranslator):
    """Every one of our strings becomes a longer accented variant, to find clipped layouts."""

    def isEmpty(self) -> bool:
        return False

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        _NoneRefcountGuard.balance(disambiguation)
        if _is_qt_context(context) or not source:
            return None
        return pseudo_text(source)  # Qt replaces %n itself


def qt_translations_dir() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def _our_translators(language: str, fallback: bool = True) -> list[QTranslator]:
    """The compiled .qm (exact lookups), above a by-source-text fallback read from the .ts.

    Without `fallback` only the .qm is used (English: its .ts only holds plural forms, so a
    Python translator asked for every string is not worth it).
    """
    ts = ts_path(language)
    if not ts.is_file():
        return []
    started = _start_qm(ts, cache_dir())
    catalog = TsCatalog.load(ts) if fallback else None  # while lrelease runs, if it does
    qm = started.result() if isinstance(started, _QmBuild) else started
    compiled = QTranslator()
    loaded = qm is not None and compiled.load(str(qm))
    if catalog is None:
        return [compiled] if loaded else []
    found: list[QTranslator] = [TsTranslator(catalog, exact=False)]
    found.append(compiled if loaded else TsTranslator(catalog))
    return found


def install_translators(language: str, app: QCoreApplication | None = None) -> str:
    """Install Qt's and our translators for `language` (already resolved); return it.

    Safe to call again: the previous translators are removed first.
    """
    app = app or QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    for old in getattr(app, "_threepass_translators", []):
        app.removeTranslator(old)
    translators: list[QTranslator] = []
    if language == PSEUDO:
        QLocale.setDefault(QLocale("en_US"))
        translators.append(PseudoTranslator())
    elif language != ENGLISH:
        locale = QLocale(language)
        QLocale.setDefault(locale)
        qt = QTranslator()
        if qt.load(locale, "qtbase", "_", str(qt_translations_dir())):
            translators.append(qt)
        translators.extend(_our_translators(language))
    else:
        system = QLocale.system()
        english = system.language() == QLocale.Language.English
        QLocale.setDefault(system if english else QLocale("en_US"))
        translators.extend(_our_translators(ENGLISH, fallback=False))  # plural forms only
    if any(isinstance(t, (TsTranslator, PseudoTranslator)) for t in translators):
        _NoneRefcountGuard.measure(app)
    for translator in translators:  # the last installed is asked first
        app.installTranslator(translator)
    app._threepass_translators = translators  # type: ignore[attr-defined]
    return language


# ---- locale-aware formatting ------------------------------------------------------------------


def fill(text: str, *args: object) -> str:
    """Replace %1..%9 in a translated string in one pass (like QString.arg; values stay literal)."""
    return re.sub(
        r"%(\d)",
        lambda m: (
            str(args[int(m.group(1)) - 1]) if 0 < int(m.group(1)) <= len(args) else m.group(0)
        ),
        text,
    )


def format_number(value: float, decimals: int = 0) -> str:
    return QLocale().toString(float(value), "f", decimals)


def format_integer(value: int) -> str:
    return QLocale().toString(int(value))


def format_speed(speed: float) -> str:
    """1.25 → "1.25×", 1.0 → "1×" (locale decimal separator)."""
    text = QLocale().toString(float(speed), "f", 2)
    point = QLocale().decimalPoint()
    if point in text:
        text = text.rstrip("0").rstrip(point)
    return f"{text}×"


def format_percent(fraction: float, decimals: int = 0) -> str:
    return f"{format_number(fraction * 100, decimals)}%"


def format_clock(seconds: float) -> str:
    """Video-player style: 1:09:40 or 9:05 (the same in every language)."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_minutes(minutes: float) -> str:
    """A duration in words: "1 h 10 min" / "1 小时 10 分钟"."""
    total = max(0, round(minutes))
    hours, mins = divmod(total, 60)
    if hours and mins:
        text = QCoreApplication.translate("Format", "%1 h %2 min")
        return text.replace("%1", format_integer(hours)).replace("%2", format_integer(mins))
    if hours:
        return QCoreApplication.translate("Format", "%1 h").replace("%1", format_integer(hours))
    return QCoreApplication.translate("Format", "%1 min").replace("%1", format_integer(mins))


def format_duration(seconds: float) -> str:
    return format_minutes(seconds / 60)


def format_hours(hours: float, decimals: int = 1) -> str:
    text = QCoreApplication.translate("Format", "%1 h")
    return text.replace("%1", format_number(hours, decimals))


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def format_date(value: date | datetime | None, long: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    fmt = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return QLocale().toString(_qdate(value), fmt)


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    qdt = QDateTime(_qdate(value.date()), QTime(value.hour, value.minute, value.second))
    return QLocale().toString(qdt, QLocale.FormatType.ShortFormat)


def format_weekday(value: date, short: bool = True) -> str:
    fmt = QLocale.FormatType.ShortFormat if short else QLocale.FormatType.LongFormat
    return QLocale().dayName(value.isoweekday(), fmt)


class _Plurals(QObject):
    """%n plurals live in tr() calls: lupdate only marks tr(text, None, n) as numerus, not
    QCoreApplication.translate(..., n), and English needs the numerus forms."""

    def days_ahead(self, n: int) -> str:
        return self.tr("in %n day(s)", None, n)

    def days_ago(self, n: int) -> str:
        return self.tr("%n day(s) ago", None, n)


def format_relative_day(value: date, today: date) -> str:
    """ "Today", "Tomorrow", "Yesterday", "in 3 days", "3 days ago"."""
    delta = (value - today).days
    if delta == 0:
        return QCoreApplication.translate("Format", "Today")
    if delta == 1:
        return QCoreApplication.translate("Format", "Tomorrow")
    if delta == -1:
        return QCoreApplication.translate("Format", "Yesterday")
    if delta > 0:
        return _Plurals().days_ahead(delta)
    return _Plurals().days_ago(-delta)


def format_size(num_bytes: int) -> str:
    """1536000 → "1.5 MB" (traditional units, which most users read more easily than MiB)."""
    return QLocale().formattedDataSize(
        int(num_bytes), 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat
    )
