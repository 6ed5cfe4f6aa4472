"""UI language: translators (Qt's own + ours), the pseudo-translation mode and locale formatting.

The `.ts` files in resources/translations/ are the source of truth; the `.qm` files beside
them are compiled from them by scripts/update_translations.py and committed, so a clone, an
editable install and a wheel all start with them and nothing is compiled at start-up
(tests/i18n/test_translations.py checks that they match the `.ts`). Every string has one
context that lupdate and Qt agree on (docs/i18n.md), so the standard QTranslator does all the
lookups. Other views format dates, durations and numbers with the helpers at the bottom so
they follow the chosen language.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

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


def qm_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"{TS_PREFIX}{language}.qm"


def available_languages() -> list[str]:
    """Languages with a compiled `.qm` file, plus English (the source language)."""
    found = {p.stem.removeprefix(TS_PREFIX) for p in TRANSLATIONS_DIR.glob("*.qm")}
    return [ENGLISH, *sorted(found - {ENGLISH, PSEUDO})]


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


# ---- building .qm (scripts/update_translations.py; never at start-up) ---------------------------


def _qt_tool(name: str) -> list[str] | None:
    """A Qt tool bundled with PySide6 (lupdate, lrelease), else a pyside6-/plain one on PATH."""
    import shutil

    import PySide6

    base = Path(PySide6.__file__).resolve().parent
    for candidate in (base / name, base / f"{name}.exe"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return [str(candidate)]
    for command in (f"pyside6-{name}", name, f"{name}-qt6"):
        found = shutil.which(command)
        if found:
            return [found]
    return None


def lrelease_command() -> list[str] | None:
    return _qt_tool("lrelease")


def lupdate_command() -> list[str] | None:
    return _qt_tool("lupdate")


def run_lupdate(sources: list[Path], ts: Path, language: str = CHINESE) -> str:
    """Refresh `ts` from the Python sources (keeps finished translations); return lupdate's log.

    English is the source language, so its `.ts` only holds the %n plural forms (-pluralonly).
    """
    import subprocess

    command = lupdate_command()
    if command is None:
        raise FileNotFoundError("lupdate not found: install PySide6 (it bundles lupdate).")
    result = subprocess.run(
        [
            *command,
            "-extensions",
            "py",
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


def run_lrelease(ts: Path, qm: Path) -> None:
    """Compile `ts` into `qm` (written beside, then moved: a reader never sees half a file)."""
    import subprocess

    command = lrelease_command()
    if command is None:
        raise FileNotFoundError("lrelease not found: install PySide6 (it bundles lrelease).")
    tmp = qm.with_name(f".{qm.name}.{os.getpid()}.tmp")
    try:
        subprocess.run(
            [*command, "-silent", str(ts), "-qm", str(tmp)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        tmp.replace(qm)
    finally:
        tmp.unlink(missing_ok=True)


def write_pseudo_ts(source: Path, target: Path) -> None:
    """The pseudo-language `.ts`: every message of `source`, translated by `pseudo_text`."""
    import xml.etree.ElementTree as ET

    tree = ET.parse(source)
    root = tree.getroot()
    root.set("language", "en")  # two plural forms, like the English sources
    for message in root.iter("message"):
        for location in message.findall("location"):
            message.remove(location)
        old = message.find("translation")
        if old is not None:
            message.remove(old)
        text = pseudo_text(message.findtext("source") or "")
        node = ET.SubElement(message, "translation")
        if message.get("numerus") == "yes":
            for _ in range(2):
                ET.SubElement(node, "numerusform").text = text
        else:
            node.text = text
    tree.write(target, encoding="utf-8", xml_declaration=True)


def build_qm_files(directory: Path = TRANSLATIONS_DIR) -> list[Path]:
    """Compile every `.ts` of `directory`, and the pseudo language from the Chinese one."""
    import tempfile

    written: list[Path] = []
    for ts in sorted(directory.glob(f"{TS_PREFIX}*.ts")):
        qm = ts.with_suffix(".qm")
        run_lrelease(ts, qm)
        written.append(qm)
    chinese = directory / f"{TS_PREFIX}{CHINESE}.ts"
    if chinese.is_file():
        with tempfile.TemporaryDirectory() as tmp:
            pseudo_ts = Path(tmp) / f"{TS_PREFIX}{PSEUDO}.ts"
            write_pseudo_ts(chinese, pseudo_ts)
            qm = directory / f"{TS_PREFIX}{PSEUDO}.qm"
            run_lrelease(pseudo_ts, qm)
            written.append(qm)
    return written


# ---- reading .ts (tests and scripts) -----------------------------------------------------------


class TsMessage(NamedTuple):
    """One message of a `.ts` file; `forms` has one entry, or several for %n plurals.

    NamedTuples, not dataclasses: each dataclass definition costs ~0.7 ms when the module is
    imported, on every start.
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
    import xml.etree.ElementTree as ET

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


# ---- translators -------------------------------------------------------------------------------

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


def qt_translations_dir() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


QT_ADDITIONS_DIR = TRANSLATIONS_DIR / "qt"
"""Qt's own strings its shipped translation lacks: the file dialog's "&Look in:" and "Files of
&type:" gained their "&" after qtbase_zh_CN was made, so Qt showed them in English."""


def _qt_additions(language: str) -> list[QTranslator]:
    translator = QTranslator()
    if translator.load(str(QT_ADDITIONS_DIR / f"qtbase_additions_{language}.qm")):
        return [translator]
    return []


def _ours(language: str) -> list[QTranslator]:
    translator = QTranslator()
    qm = qm_path(language)
    if translator.load(str(qm)):
        return [translator]
    if language != ENGLISH:  # English only loses its plural forms ("day(s)")
        import logging

        logging.getLogger(__name__).warning("No translation file %s: showing English", qm)
    return []


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
        translators.extend(_ours(PSEUDO))
    elif language != ENGLISH:
        locale = QLocale(language)
        QLocale.setDefault(locale)
        qt = QTranslator()
        if qt.load(locale, "qtbase", "_", str(qt_translations_dir())):
            translators.append(qt)
        translators.extend(_qt_additions(language))
        translators.extend(_ours(language))
    else:
        system = QLocale.system()
        english = system.language() == QLocale.Language.English
        QLocale.setDefault(system if english else QLocale("en_US"))
        translators.extend(_ours(ENGLISH))  # plural forms only
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


def format_study_time(seconds: float) -> str:
    """Time studied: "20 s" under a minute (a short watch is not "0 min"), else minutes."""
    if 0 < seconds < 59.5:
        text = QCoreApplication.translate("Format", "%1 s")
        return text.replace("%1", format_integer(max(1, round(seconds))))
    return format_minutes(seconds / 60.0)


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
