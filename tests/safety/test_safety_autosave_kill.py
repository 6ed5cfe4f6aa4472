"""SIGKILL the real window while a note is being typed: at most ~2 s of typing is lost.

A child (typing_child.py) runs the main window offscreen and types into a pass note, one
character every 40 ms from its event loop, without the pause that a debounced autosave waits
for. The parent kills it half a second after the last key (before that pause could end) or
in the middle of typing, then reads the file: the stored note must be a prefix of what was
typed, missing at most the keys of one autosave max wait (2 s, i.e. 50 keys at 40 ms: a
loaded machine types fewer keys per max wait, never more, so this bound holds under load).
Autosave only after a pause lost everything typed without one.
"""

from __future__ import annotations

import signal
import sqlite3
import time
from pathlib import Path

import pytest

from desktop.widgets.autosave import MAX_WAIT_MS
from models.db import open_database
from models.paths import resolve_location
from models.services.dto import ItemInput
from models.services.library import LibraryService
from tests.safety.safety_helpers import HERE, LineReader, db_file, integrity, start_python
from tests.safety.typing_child import KEY_MS, typed_text

pytestmark = pytest.mark.slow  # a kill loop: seconds per test, `-m 'not slow'` skips it

CHILD = HERE / "typing_child.py"
# keys one max wait can leave unsaved, plus the key in flight and a tie between two timers
MAX_LOST_KEYS = MAX_WAIT_MS // KEY_MS + 2


def stored_note(data_dir: Path, item_id: int) -> str:
    conn = sqlite3.connect(db_file(data_dir))
    try:
        row = conn.execute(
            "SELECT body FROM notes WHERE item_id = ? AND pass_number = 2", (item_id,)
        ).fetchone()
    finally:
        conn.close()
    return row[0] if row else ""


def run_typing(
    tmp_path: Path, keys: int, stop_at_key: int | None, stop: signal.Signals
) -> tuple[str, list[float], str, int | None]:
    """Type `keys` characters in the real app, send `stop` after key `stop_at_key` (None: 0.5 s
    after the last key). The text typed until then, each key's time, the stored note and
    the app's exit status."""
    data_dir = tmp_path / "data"
    db = open_database(resolve_location(data_dir=data_dir))
    item_id = LibraryService(db).create_item(ItemInput(kind="paper_video", title="BERT"))
    db.close()
    child = start_python(str(CHILD), str(data_dir), str(item_id), str(keys))
    assert child.stdout is not None
    assert child.stderr is not None
    out = LineReader(child.stdout)
    stamps: list[float] = []
    try:
        try:
            line = out.readline(timeout=60)
        except EOFError:
            child.wait(timeout=30)
            raise AssertionError(child.stderr.read().decode()) from None
        assert line == "ready", line
        last = stop_at_key if stop_at_key is not None else keys - 1
        while len(stamps) <= last:
            _key, index, stamp = out.readline().split()
            assert int(index) == len(stamps)
            stamps.append(float(stamp))
        if stop_at_key is None:
            assert out.readline() == "typed"
            time.sleep(0.5)  # the user stopped typing; the end comes before the pause ends
        child.send_signal(stop)
        code = child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert integrity(db_file(data_dir)) == "ok"
    note = stored_note(data_dir, item_id)
    # the app reopens on the file and shows what was saved
    db = open_database(resolve_location(data_dir=data_dir))
    try:
        assert LibraryService(db).get_item(item_id).notes.get(2, "") == note
    finally:
        db.close()
    return typed_text(len(stamps)), stamps, note, code


@pytest.mark.parametrize(
    ("keys", "kill_at_key"),
    [
        (40, None),  # 1.6 s of typing, killed 0.5 s after the last key
        (300, 170),  # killed in the middle of 12 s of typing, at 6.8 s
        (230, None),  # 9.2 s of typing, killed 0.5 s after the last key
    ],
)
def test_kill_while_typing_loses_at_most_the_last_two_seconds(
    tmp_path: Path, keys: int, kill_at_key: int | None
) -> None:
    typed, stamps, note, _code = run_typing(tmp_path, keys, kill_at_key, signal.SIGKILL)
    assert typed.startswith(note), "the stored note is not what was typed"
    lost = len(typed) - len(note)
    lost_seconds = stamps[-1] - stamps[len(note) - 1] if note else stamps[-1] - stamps[0]
    print(
        f"typed {len(typed)} keys over {stamps[-1] - stamps[0]:.1f} s: lost {lost} keys, "
        f"the last {lost_seconds:.2f} s of typing"
    )
    assert lost <= MAX_LOST_KEYS, f"lost {lost} of {len(typed)} keys"


def test_sigterm_while_typing_saves_every_key(tmp_path: Path) -> None:
    """Logging out sends SIGTERM: the app quits as if its window were closed, saving the
    note typed a moment ago (the default action of SIGTERM lost it)."""
    typed, _stamps, note, code = run_typing(tmp_path, 60, 40, signal.SIGTERM)
    assert code == 0
    assert note == typed
