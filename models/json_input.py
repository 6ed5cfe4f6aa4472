"""Reading a JSON document for ``import json`` within fixed bounds.

``json.loads`` takes whatever it is given: a symlink to ``/dev/zero`` filled memory until
a MemoryError at 3.8 GB, a FIFO blocked forever, 100,000 nested ``[`` ended in a
RecursionError traceback, and a million tiny items cost gigabytes. Here the input must be
a regular file (or standard input, named ``-``) of at most :data:`MAX_BYTES`, and a scan
of its bytes (strings blanked out, C-speed ``re``/``bytes`` passes only) refuses too deep
a nesting or too many values before a single Python object is built.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any, BinaryIO

from importers.files import FileTooLargeError, NotRegularFileError, open_regular_file
from models.errors import ValidationError

STDIN = "-"
MAX_BYTES = 256 * 1024 * 1024
"""The 100,000-item document of docs/json-format.md is 104 MB; an export of it 154 MB."""
MAX_DEPTH = 32
"""ThreePass documents nest 5 deep (document, items, item, passes, pass) plus settings."""
MAX_OBJECTS = 1_000_000
"""``{…}`` objects: ~6 per item (the item, 3 passes, a note, an open point), so ~160,000
items; a million-item document is refused here, in ~1/3 of its size in memory."""
MAX_VALUES = 20_000_000
"""Array elements and object members in all (commas): bounds a flat list of numbers."""

_NOT_SKELETON = re.compile(rb'"(?:[^"\\]+|\\.)*"|[^"\[\]{},]+', re.DOTALL)
"""Strings and everything else but brackets and commas: what is left is the skeleton."""
_WHOLE_TOKENS = re.compile(rb'(?:[^"]++|"(?:[^"\\]++|\\.)*+")*+', re.DOTALL)
"""The longest run of complete strings and other bytes: ends before an unfinished string."""
_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
_CHUNK = 1024 * 1024
"""Bytes per ``re.sub``: it keeps every piece it leaves as an object (a million-item
document scanned whole peaked at 2.8 GB), so it only ever sees a slice."""
_INNERMOST = re.compile(rb"\{\}|\[\]")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def read_bytes(name: str, stdin: BinaryIO | None = None) -> bytes:
    """The document's bytes: ``-`` reads standard input, anything else a regular file."""
    limit_text = f"the {_mb(MAX_BYTES)} limit for a ThreePass document"
    if name == STDIN:
        source = stdin if stdin is not None else sys.stdin.buffer
        raw = source.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise ValidationError(f"Standard input is larger than {limit_text}.")
        return raw
    path = Path(name).expanduser()
    try:
        with open_regular_file(path, max_bytes=MAX_BYTES) as handle:
            raw = handle.read(MAX_BYTES + 1)
    except NotRegularFileError as err:
        raise ValidationError(
            f"Cannot read {name}: it is {err.what}, not a regular file "
            "(give - to read standard input)."
        ) from None
    except FileTooLargeError as err:
        raise ValidationError(f"{name} is {_mb(err.size)}, over {limit_text}.") from None
    except OSError as err:
        raise ValidationError(f"Cannot read {name}: {err.strerror or err}.") from err
    if len(raw) > MAX_BYTES:  # it grew while being read
        raise ValidationError(f"{name} is larger than {limit_text}.")
    return raw


def _skeleton(raw: bytes) -> tuple[bytes, int]:
    """The brackets outside strings, in order, and the number of commas outside strings.

    Slices end outside strings: before a string the slice would cut, or after a string
    longer than a slice.
    """
    parts: list[bytes] = []
    commas = 0
    pos = 0
    size = len(raw)
    while pos < size:
        whole = _WHOLE_TOKENS.match(raw, pos, min(size, pos + _CHUNK))
        cut = whole.end() if whole is not None else pos
        if cut == pos:  # a string longer than a slice starts here: skip it whole
            string = _STRING.match(raw, pos)
            if string is None:
                break  # unterminated: json.loads reports where
            pos = string.end()
            continue
        kept = _NOT_SKELETON.sub(b"", raw[pos:cut])
        commas += kept.count(b",")
        parts.append(kept.replace(b",", b""))
        pos = cut
    return b"".join(parts), commas


def check_shape(raw: bytes, label: str) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` and more than :data:`MAX_OBJECTS`
    objects or :data:`MAX_VALUES` values, counting outside strings only."""
    brackets, values = _skeleton(raw)
    objects = brackets.count(b"{")
    if objects > MAX_OBJECTS:
        raise ValidationError(
            f"{label} holds {objects:,} objects, over the limit of {MAX_OBJECTS:,} for one import."
        )
    if values > MAX_VALUES:
        raise ValidationError(
            f"{label} holds over {MAX_VALUES:,} values, the limit for one import."
        )
    for _level in range(MAX_DEPTH):
        brackets, removed = _INNERMOST.subn(b"", brackets)
        if not brackets or not removed:
            return  # empty: balanced within the limit; else unbalanced, json.loads says where
    raise ValidationError(
        f"{label} nests deeper than {MAX_DEPTH} levels, which no ThreePass document does."
    )


def parse(raw: bytes, label: str) -> Any:
    """Decode and parse after :func:`check_shape`; every failure is one sentence."""
    check_shape(raw, label)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ValidationError(f"{label} is not UTF-8 text (byte {err.start}).") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise ValidationError(
            f"{label} is not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}."
        ) from None
    except RecursionError:  # unbalanced input the scan could not measure
        raise ValidationError(
            f"{label} nests deeper than {MAX_DEPTH} levels, which no ThreePass document does."
        ) from None


def load_document(name: str, stdin: BinaryIO | None = None) -> Any:
    """Read and parse ``name`` (a file, or ``-`` for standard input) within the bounds."""
    label = "standard input" if name == STDIN else name
    return parse(read_bytes(name, stdin), label)
