"""Text the command line prints: scrubbed of terminal controls, laid out in columns.

Titles, company names and questions come from imported pages and notes. Printed raw, an
ESC or CSI in them drives the user's terminal (moves the cursor, retitles the window,
hides text) and a bidi override reorders what the line appears to say. Every text
command prints through `echo` and lays out tables with `format_table`, which replace
those characters; normal text comes out byte for byte. Columns count terminal cells: CJK
ideographs and full-width forms take two, combining marks none.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any, TextIO

# Embedding, override and isolate controls: they reorder the rest of the line on screen.
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
# Line breaks other than "\n": tab, vertical tab, form feed, CR, NEL, line/paragraph separators.
BREAKS = "\t\v\f\r\x85\u2028\u2029"
REPLACEMENT = "?"
# Regular expressions keep the scan at C speed (`list` may print 100k rows).
_UNSAFE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{BIDI_CONTROLS}\\u2028\\u2029]")
_UNSAFE_IN_JSON = re.compile(f"[\\x7f-\\x9f{BIDI_CONTROLS}\\u2028\\u2029]")
_BREAK = re.compile(f"[\\n{BREAKS}]")
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
_CONTROL = re.compile("[\\x00-\\x1f\\x7f-\\x9f]")


def scrub(text: str) -> str:
    """One line for a table cell or a name in a sentence: line breaks and tabs become
    spaces, other controls '?', bidi controls vanish."""
    if not _UNSAFE.search(text):
        return text
    return _CONTROL.sub(REPLACEMENT, _BIDI.sub("", _BREAK.sub(" ", text)))


def scrub_lines(text: str) -> str:
    """Several lines: like scrub, but "\\n" stays a line break."""
    if not _UNSAFE.search(text):
        return text
    return "\n".join(scrub(line) for line in text.split("\n"))


def echo(text: object = "", *, file: TextIO | None = None) -> None:
    """print() for everything a text command shows: scrubbed, one "\\n" at the end."""
    stream = sys.stdout if file is None else file
    stream.write(scrub_lines(str(text)) + "\n")


def print_json(value: Any) -> None:
    """JSON for scripts; terminal controls inside strings are written as \\uXXXX escapes."""
    text = json.dumps(value, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write(escape_json_text(text) + "\n")


def escape_json_text(text: str) -> str:
    """Escape C1, bidi and Unicode line-break controls in serialized JSON.

    json escapes C0 controls itself; these are legal unescaped, and occur only inside
    strings, so the escaped text is the same JSON value.
    """
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def char_width(ch: str) -> int:
    """Terminal cells of one character."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Terminal columns: CJK ideographs and full-width forms take two."""
    return sum(char_width(ch) for ch in text)


def clip(text: str, width: int) -> str:
    """One scrubbed line of at most `width` columns, marking a cut with '...'."""
    text = scrub(" ".join(text.split()))  # newlines or tabs in a title would break the table
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = char_width(ch)
        if used + w > width - 3:
            break
        out.append(ch)
        used += w
    return "".join(out) + "..."


def pad(text: str, width: int) -> str:
    """Text followed by spaces up to `width` columns."""
    return text + " " * (width - display_width(text))


def format_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Scrubbed cells in columns aligned by display width; the last column is not padded."""
    table = [[scrub(cell) for cell in row] for row in [header, *rows]]
    widths = [max(display_width(r[i]) for r in table) for i in range(len(header) - 1)]
    lines = []
    for row in table:
        cells = [pad(cell, widths[i]) for i, cell in enumerate(row[:-1])]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines)
