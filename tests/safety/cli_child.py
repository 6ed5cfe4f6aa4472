"""`threepass` commands in a child process, for the CLI kill tests.

`serve PAPER_README NOTES_FILE`: import the app and every command module once, then for
each request line fork a worker (no interpreter start per kill), print `pid N`, and
`reaped N` when it died:

* `mix DATA RUN`: run commands for ever (company add, question add, apply, link, pass,
  timer start/stop, import notes, import paper-reading, backup), printing one line per
  command that returned 0, after it returned: `ok RUN I KIND ARGS...`.
* `replace DATA DOC`: `import json --replace DOC`, then `ok replace`.
* `restore DATA BACKUP`: `restore BACKUP`, then `ok restore`.

Each command runs through `desktop.app.main`, as `threepass` does. Whatever a worker
printed must survive a SIGKILL.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import traceback

from desktop.app import main

# The command modules, imported once here, not in every worker:
from desktop.cli import career_cmds, import_cmds, library_cmds, planner_cmds, safety_cmds  # noqa: F401
from models.db import open_database
from models.paths import resolve_location
from models.services.timer import TimerService

ITEMS = 160  # in the paper-reading fixture
FIXTURES: dict[str, str] = {}  # the paper-reading README and the notes file (argv)


def report(line: str) -> None:
    """One write(2) per line (atomic on a pipe): a kill never leaves half a line."""
    os.write(1, (line + "\n").encode())


def threepass(data: str, *args: str) -> str:
    """Run one command; its output, or an exception when it did not succeed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--data-dir", data, *args])
    if code != 0:
        raise RuntimeError(f"threepass {' '.join(args)} exited {code}: {err.getvalue()}")
    return out.getvalue()


def stop_running_timer(data: str) -> None:
    db = open_database(resolve_location(data_dir=data))
    try:
        running = TimerService(db).running()
    finally:
        db.close()
    if running is not None:
        threepass(data, "timer", str(running.item_id), str(running.pass_number), "stop")


def mix(data: str, run: str) -> None:
    i = 0
    while True:
        i += 1
        step = i % 9
        item = (int(run[1:]) * 37 + i) % ITEMS + 1
        if step == 0:
            threepass(data, "import", "paper-reading", "--from", FIXTURES["paper"], "--force")
            report(f"ok {run} {i} paper-reading")
        elif step == 1:
            threepass(data, "company", "add", f"公司 {run}-{i}")
            report(f"ok {run} {i} company 公司 {run}-{i}")
        elif step == 2:
            qid = threepass(data, "question", "add", f"问题 {run}-{i}?").split()[-1]
            report(f"ok {run} {i} question {qid} 问题 {run}-{i}?")
        elif step == 3:
            company = f"公司 {run}-{i - 2}"
            app = threepass(data, "apply", company, "--role", f"role {run}-{i}").split()[-1]
            report(f"ok {run} {i} apply {app} role {run}-{i}")
        elif step == 4:
            threepass(data, "link", str(item), "--company", f"公司 {run}-{i - 3}")
            report(f"ok {run} {i} link {item} 公司 {run}-{i - 3}")
        elif step == 5:
            threepass(data, "pass", str(item), "1", "done")
            report(f"ok {run} {i} pass {item}")
        elif step == 6:
            stop_running_timer(data)  # one a killed worker started
            threepass(data, "timer", str(item), "3", "start")
            threepass(data, "timer", str(item), "3", "stop")
            report(f"ok {run} {i} timer {item}")
        elif step == 7:
            threepass(data, "import", "notes", FIXTURES["notes"])
            report(f"ok {run} {i} notes")
        else:
            said = threepass(data, "backup")
            path = said.split(" to ", 1)[1].rsplit(" (", 1)[0]
            report(f"ok {run} {i} backup {os.stat(path).st_mtime_ns} {path}")


def serve() -> None:
    for line in sys.stdin:
        words = line.split()
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            try:
                if words[0] == "mix":
                    mix(words[1], words[2])
                elif words[0] == "replace":
                    threepass(words[1], "import", "json", "--replace", words[2])
                    report("ok replace")
                elif words[0] == "restore":
                    threepass(words[1], "restore", words[2])
                    report("ok restore")
            except BaseException as exc:
                traceback.print_exc()
                report(f"failed {exc!r}"[:400].replace("\n", " "))
            finally:
                os._exit(1)
        report(f"pid {pid}")
        os.waitpid(pid, 0)
        report(f"reaped {pid}")


if __name__ == "__main__":
    FIXTURES.update(paper=sys.argv[2], notes=sys.argv[3])
    serve()
