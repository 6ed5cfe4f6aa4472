"""The app's write path in a child process, for the kill and two-writer tests.

`serve`: import everything once, then for each `run DATA_DIR RUN_ID` line on stdin fork a
writer (fast: no interpreter start per kill), print `pid N`, and `reaped N` when it died.
`write DATA_DIR RUN_ID COUNT`: write COUNT rounds and exit.
`twins DATA_DIR COUNT`: fork two such writers at once (runs w1 and w2) and wait for both.

A writer prints one line per committed service call, after the call returned, flushed:
`item ID RUN I`, `note ID RUN I`, `pass ID`. Whatever it printed must survive a SIGKILL.
"""

from __future__ import annotations

import os
import sys
import traceback

from sqlalchemy.orm import configure_mappers

from models.db import open_database
from models.paths import resolve_location
from models.services.dto import ItemInput
from models.services.library import LibraryService


def note_body(run: str, i: int) -> str:
    return f"笔记 {run}-{i} " + "三遍 watch it three times. " * (i % 40)


def report(line: str) -> None:
    """One write(2) per line: a pipe write under PIPE_BUF is atomic, so a kill can never leave
    half a line for the parent's next line to be glued to (print may write in two pieces)."""
    os.write(1, (line + "\n").encode())


def write(data_dir: str, run: str, count: int | None) -> None:
    db = open_database(resolve_location(data_dir=data_dir))
    library = LibraryService(db)
    i = 0
    while count is None or i < count:
        i += 1
        item_id = library.create_item(
            ItemInput(kind="course_video", title=f"kill {run}-{i} 第{i}次")
        )
        report(f"item {item_id} {run} {i}")
        library.save_note(item_id, 1, note_body(run, i))
        report(f"note {item_id} {run} {i}")
        library.set_pass(item_id, 1, "done")
        report(f"pass {item_id}")
    db.close()


def serve() -> None:
    configure_mappers()  # once here, not in every forked writer
    for line in sys.stdin:
        _cmd, data_dir, run = line.split()
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            try:
                write(data_dir, run, None)
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(1)
        report(f"pid {pid}")
        os.waitpid(pid, 0)
        report(f"reaped {pid}")


def twins(data_dir: str, count: int) -> int:
    """Two writer processes started together on one data folder; 0 when both finished."""
    pids = []
    for run in ("w1", "w2"):
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                write(data_dir, run, count)
                code = 0
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)
        pids.append(pid)
    return max(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids)


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve()
    elif sys.argv[1] == "twins":
        sys.exit(twins(sys.argv[2], int(sys.argv[3])))
    else:
        write(sys.argv[2], sys.argv[3], int(sys.argv[4]))
