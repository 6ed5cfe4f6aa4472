#!/usr/bin/env python3
"""Refresh resources/translations/*.ts from the UI sources with PySide6's lupdate, then
compile the .qm files the app loads (committed beside the .ts, with the pseudo language).

Usage:
    python scripts/update_translations.py           # update every .ts and .qm, print a summary
    python scripts/update_translations.py --check   # also exit 1 if anything is untranslated
    python scripts/update_translations.py --qm-only # only compile the .qm (after editing a .ts)

Then translate the `unfinished` entries (pyside6-linguist, or any editor), run this again so
the .qm files follow, and run the tests in tests/i18n/.
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
        "--qm-only", action="store_true", help="compile the .qm files without running lupdate"
    )
    args = parser.parse_args(argv)
    missing = 0
    for ts in sorted(i18n.TRANSLATIONS_DIR.glob(f"{i18n.TS_PREFIX}*.ts")):
        language = ts.stem.removeprefix(i18n.TS_PREFIX)
        if not args.qm_only:
            i18n.run_lupdate(SOURCES, ts, language)
        messages = [m for m in i18n.read_ts(ts) if m.status not in ("obsolete", "vanished")]
        todo = [m for m in messages if not m.finished]
        missing += len(todo)
        print(f"{ts.relative_to(REPO)}: {len(messages)} strings, {len(todo)} untranslated")
        for message in todo:
            print(f"  [{message.context}] {message.source!r}")
    for qm in i18n.build_qm_files():
        print(f"wrote {qm.relative_to(REPO)}")
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    sys.exit(main())
