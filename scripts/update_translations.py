#!/usr/bin/env python3
"""Refresh resources/translations/*.ts from the UI sources with PySide6's lupdate.

Usage:
    python scripts/update_translations.py           # update every .ts, print a summary
    python scripts/update_translations.py --check   # also exit 1 if anything is untranslated
    python scripts/update_translations.py --release # also build the .qm files (package builds)

Then translate the `unfinished` entries (pyside6-linguist, or any editor) and run the tests in
tests/i18n/. The app compiles `.qm` files itself at start (see desktop/i18n.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop import i18n  # noqa: E402

SOURCES = [REPO / "desktop"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a string is untranslated")
    parser.add_argument(
        "--release", action="store_true", help="also write .qm files next to the .ts files"
    )
    args = parser.parse_args(argv)
    missing = 0
    for ts in sorted(i18n.TRANSLATIONS_DIR.glob("*.ts")):
        language = ts.stem.removeprefix(i18n.TS_PREFIX)
        i18n.run_lupdate(SOURCES, ts, language)
        messages = [m for m in i18n.read_ts(ts) if m.status not in ("obsolete", "vanished")]
        todo = [m for m in messages if not m.finished]
        missing += len(todo)
        print(f"{ts.relative_to(REPO)}: {len(messages)} strings, {len(todo)} untranslated")
        for message in todo:
            print(f"  [{message.context}] {message.source!r}")
        if args.release:
            qm = i18n.compiled_qm(ts, ts.parent)
            if qm is not None:
                qm.replace(ts.with_suffix(".qm"))
                print(f"  wrote {ts.with_suffix('.qm').relative_to(REPO)}")
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    sys.exit(main())
