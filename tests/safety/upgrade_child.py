"""Schema upgrades in a child process that SIGKILLs itself at a chosen moment.

`serve`: import everything once, then for each line on stdin fork a child (no interpreter
start per kill), print `pid N`, and `reaped N CODE` when it is gone:
  `open DATA_DIR KILL_AT`: open the library (which upgrades it, keeping a pre-upgrade copy);
  `restore DATA_DIR BACKUP KILL_AT`: restore an old-schema backup (copy in, then upgrade).

Every sqlite3 connection the child opens gets a progress handler that counts SQLite
virtual-machine steps (one tick per TICK instructions) across all of them: the checks, the
pre-upgrade copy, each migration statement, the commit. At tick KILL_AT the child kills
itself with SIGKILL, so a spread of KILL_AT values lands everywhere inside the upgrade,
in the middle of statements too. KILL_AT 0 never kills: the child prints
`ticks N BEGIN COMMIT`, the total and the ticks at which the upgrade's transaction began and
committed (its statements are traced), so the test can say how many kills landed inside it.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
import traceback
from pathlib import Path
from typing import Any

from alembic import command  # noqa: F401  (imported once here, not in every child)
from sqlalchemy.orm import configure_mappers

from models.db import open_database
from models.paths import resolve_location
from models.services.backup import BackupService

TICK = 500


def arm(kill_at: int) -> list[int]:
    """[ticks so far, tick at BEGIN IMMEDIATE, tick at its COMMIT]"""
    ticks = [0, 0, 0]
    real_connect = sqlite3.connect

    def tick() -> int:
        ticks[0] += 1
        if ticks[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return 0

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn: sqlite3.Connection = real_connect(*args, **kwargs)
        conn.set_progress_handler(tick, TICK)
        conn.set_trace_callback(lambda sql: trace(sql.lstrip().upper()))
        return conn

    def trace(sql: str) -> None:
        if sql.startswith("BEGIN IMMEDIATE") and not ticks[1]:
            ticks[1] = ticks[0]
        elif sql.startswith("COMMIT") and ticks[1] and not ticks[2]:
            ticks[2] = ticks[0]

    sqlite3.connect = connect  # type: ignore[assignment]
    return ticks


def run(words: list[str]) -> None:
    kill_at = int(words[-1])
    ticks = arm(kill_at)
    location = resolve_location(data_dir=words[1])
    if words[0] == "open":
        open_database(location).close()
    else:
        assert location.db_path is not None
        BackupService(location.db_path).restore(Path(words[2]))
    os.write(1, ("ticks " + " ".join(map(str, ticks)) + "\n").encode())


def serve() -> None:
    configure_mappers()
    for line in sys.stdin:
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                run(line.split())
                code = 0
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)
        os.write(1, f"pid {pid}\n".encode())
        _, status = os.waitpid(pid, 0)
        os.write(1, f"reaped {pid} {os.waitstatus_to_exitcode(status)}\n".encode())


if __name__ == "__main__":
    serve()
