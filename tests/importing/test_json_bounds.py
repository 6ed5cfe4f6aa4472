"""`import json` reads a bounded document: regular files or stdin, a size cap, a depth
limit and a count limit, each refused in one sentence before the database is opened."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from desktop.app import main
from models import json_input
from models.errors import ValidationError

ROOT = Path(__file__).resolve().parents[2]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, capsys.readouterr().err


def _one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_a_symlink_to_dev_zero_is_refused_at_once(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "export.json"
    link.symlink_to("/dev/zero")
    code, err = _run(capsys, "--data-dir", str(data_dir), "import", "json", str(link))
    assert code == 2
    assert _one_line_error(err) == (
        f"threepass: Cannot read {link}: it is a device, not a regular file "
        "(give - to read standard input). (nothing was imported)"
    )


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            json_input.load_document(str(fifo))
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    thread.join(30)
    assert not thread.is_alive(), "opening the FIFO blocked"
    assert isinstance(outcome[0], ValidationError)
    assert "it is a FIFO (named pipe), not a regular file" in str(outcome[0])


def test_a_file_over_the_size_limit_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "export.json"
    with big.open("wb") as handle:  # sparse: the size without the bytes
        handle.truncate(json_input.MAX_BYTES + 1)
    with pytest.raises(ValidationError) as caught:
        json_input.load_document(str(big))
    assert str(caught.value) == (
        f"{big} is 256 MB, over the 256 MB limit for a ThreePass document."
    )


def test_stdin_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_input, "MAX_BYTES", 10)
    with pytest.raises(ValidationError, match=r"^Standard input is larger than"):
        json_input.load_document("-", stdin=io.BytesIO(b'{"items": [1, 2, 3, 4]}'))


@pytest.mark.parametrize("opening", ["[", '{"a": '])
def test_deep_nesting_is_one_sentence(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], opening: str
) -> None:
    """100,000 levels ended in a RecursionError traceback."""
    closing = "]" if opening == "[" else "}"
    deep = tmp_path / "deep.json"
    deep.write_text(opening * 100_000 + "1" + closing * 100_000, encoding="utf-8")
    code, err = _run(capsys, "--data-dir", str(data_dir), "import", "json", str(deep))
    assert code == 2
    assert _one_line_error(err) == (
        f"threepass: {deep} nests deeper than 32 levels, which no ThreePass document does. "
        "(nothing was imported)"
    )


def test_unbalanced_deep_nesting_is_one_sentence(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000, encoding="utf-8")
    with pytest.raises(ValidationError, match="nests deeper than 32 levels"):
        json_input.load_document(str(deep))


def test_brackets_and_commas_inside_strings_do_not_count() -> None:
    text = json.dumps({"items": [{"title": "[[[[{{{{" * 100 + ',\\"' * 1000}]})
    assert json_input.parse(text.encode(), "doc")["items"][0]["title"].startswith("[[[[")


def test_too_many_objects_are_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_input, "MAX_OBJECTS", 3)
    raw = b'{"items": [{"id": 1}, {"id": 2}, {"id": "{{{{"}]}'
    with pytest.raises(ValidationError) as caught:
        json_input.parse(raw, "doc.json")
    assert str(caught.value) == "doc.json holds 4 objects, over the limit of 3 for one import."


def test_too_many_values_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_input, "MAX_VALUES", 5)
    with pytest.raises(ValidationError, match="holds over 5 values"):
        json_input.parse(b"[1, 2, 3, 4, 5, 6, 7]", "doc.json")


_MILLION = r"""
import sys
from pathlib import Path
from desktop.app import main


def peak_kb():
    # VmHWM: this process's own peak. ru_maxrss is not: Linux carries it over fork and exec,
    # so a child of a large pytest process would report the parent's size.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise SystemExit("no VmHWM in /proc/self/status")


path = Path(sys.argv[1])
with path.open("w", encoding="utf-8") as out:
    out.write('{"format": "threepass", "version": 1, "items": [')
    for i in range(1_000_000):
        out.write(("," if i else "") + '{"id": %d, "kind": "paper", "title": "Paper %d", '
                  '"passes": [{"number": 1}, {"number": 2}, {"number": 3}]}' % (i + 1, i))
    out.write("]}")
before = peak_kb()
try:
    code = main(["--data-dir", sys.argv[2], "import", "json", str(path)])
except SystemExit as exit_:
    code = exit_.code
print(code, before, peak_kb(), file=sys.stdout)
"""


@pytest.mark.slow  # builds and parses a million-item document
def test_a_million_item_document_is_refused_within_300_mb(tmp_path: Path, data_dir: Path) -> None:
    """A real child process writes the document as a stream, then imports it; its peak
    resident size (VmHWM, KB) covers reading, scanning and refusing."""
    doc = tmp_path / "million.json"
    child = subprocess.run(
        [sys.executable, "-c", _MILLION, str(doc), str(data_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert child.returncode == 0, child.stderr
    code, _before, peak_kb = (int(x) for x in child.stdout.split())
    assert code == 2
    assert "objects, over the limit of 1,000,000 for one import" in child.stderr
    assert len(child.stderr.strip().splitlines()) == 1, child.stderr
    assert peak_kb < 300 * 1024, f"peak {peak_kb / 1024:.0f} MB"
