"""The log file: failures leave a line in <data dir>/logs, --verbose mirrors it, never a crash."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from models import logs
from models.db import open_database
from models.paths import resolve_location
from models.services.backup import BackupService
from tests.core.core_support import REPO, run_cli
from tests.fixture_paths import PAPER_README, require
from tests.migration_support import database_at


@pytest.fixture(autouse=True)
def _fresh_logging() -> Iterator[None]:
    logs.reset_logging()
    yield
    logs.reset_logging()


def _env(tmp_path: Path) -> dict[str, str]:
    return {"XDG_STATE_HOME": str(tmp_path / "state")}


def test_a_failed_import_of_a_missing_file_leaves_a_line_in_the_log(tmp_path: Path) -> None:
    data = tmp_path / "data"
    missing = tmp_path / "nowhere.json"
    result = run_cli("--data-dir", str(data), "import", "json", str(missing), env=_env(tmp_path))
    assert result.returncode == 2
    message = result.stderr.strip().removeprefix("threepass: ")
    assert str(missing) in message
    log_text = (data / "logs" / "threepass.log").read_text(encoding="utf-8")
    [line] = [line for line in log_text.splitlines() if "import json failed" in line]
    assert "WARNING" in line
    assert line.endswith(message)
    assert not (tmp_path / "state").exists()  # the data folder was writable: no fallback


def test_a_broken_json_document_is_logged_and_verbose_mirrors_the_log(tmp_path: Path) -> None:
    data = tmp_path / "data"
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "threepass", ', encoding="utf-8")

    quiet = run_cli("--data-dir", str(data), "import", "json", str(broken), env=_env(tmp_path))
    assert quiet.returncode == 2
    assert quiet.stderr.count("\n") == 1  # without --verbose: the one sentence only
    verbose = run_cli(
        "--verbose", "--data-dir", str(data), "import", "json", str(broken), env=_env(tmp_path)
    )
    assert verbose.returncode == 2

    log_lines = (data / "logs" / "threepass.log").read_text(encoding="utf-8").splitlines()
    failures = [line for line in log_lines if "import json failed" in line]
    assert len(failures) == 2  # one per run
    mirrored = [line for line in verbose.stderr.splitlines() if "import json failed" in line]
    assert mirrored == [failures[1]]
    assert "DEBUG" in verbose.stderr  # the mirror shows debug records too
    assert "DEBUG" not in "\n".join(log_lines[: log_lines.index(failures[0]) + 1])


def test_an_unwritable_data_folder_falls_back_to_the_user_log_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")  # unwritable below it even for root
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    log_file = logs.setup_logging(blocker / "data")
    logging.getLogger("models.test").warning("seen in the fallback")

    assert log_file is not None
    assert log_file.is_relative_to(tmp_path / "state")
    assert logs.current_log_file() == log_file
    assert logs.log_folder() == log_file.parent
    assert "seen in the fallback" in logs.tail()


def test_nothing_writable_logs_to_stderr_says_so_once_and_never_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker / "state"))
    monkeypatch.setenv("HOME", str(blocker / "home"))

    assert logs.setup_logging(blocker / "data") is None
    assert capsys.readouterr().err == ""  # nothing to say until something is logged
    logging.getLogger("models.test").warning("first", extra=logs.SHOWN)  # already printed
    assert capsys.readouterr().err == ""
    logging.getLogger("models.test").warning("second")
    logging.getLogger("importers.test").error("third")

    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3
    assert err[0].startswith("threepass: no writable folder for the log file")
    assert err[1].endswith("models.test: second")
    assert err[2].endswith("importers.test: third")
    assert logs.current_log_file() is None
    assert logs.log_folder() is None
    assert logs.tail() == ""


def test_a_log_file_that_cannot_be_written_is_said_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    (data / "logs" / "threepass.log").mkdir(parents=True)  # a folder where the file goes

    logs.setup_logging(data)
    for n in range(3):
        logging.getLogger("desktop.test").warning("record %d", n)

    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("threepass: cannot write the log file")
    assert len(err) == 4
    assert err[3].endswith("desktop.test: record 2")


def test_setup_is_idempotent_and_tail_gives_the_last_lines(tmp_path: Path) -> None:
    root = logging.getLogger()
    before = len(root.handlers)
    first = logs.setup_logging(tmp_path / "data")
    assert logs.setup_logging(tmp_path / "data") == first
    assert len(root.handlers) == before + 1
    assert first is not None
    assert not first.exists()

    for n in range(5):
        logging.getLogger("models.test").info("line %d", n)
    logging.getLogger("sqlalchemy.engine").info("SELECT 1")  # others' INFO stays out

    assert logs.tail(2).splitlines()[0].endswith("line 3")
    assert logs.tail(2).splitlines()[1].endswith("line 4")
    assert logs.tail(0) == ""
    assert "SELECT 1" not in first.read_text(encoding="utf-8")

    other = logs.setup_logging(tmp_path / "other")  # the GUI learns its folder later
    assert other == tmp_path / "other" / "logs" / "threepass.log"
    assert len(root.handlers) == before + 1


def test_the_log_rotates_at_its_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    log_file = logs.setup_logging(tmp_path / "data")
    assert log_file is not None
    for n in range(200):
        logging.getLogger("models.test").info("a line to fill the file, number %d", n)
    names = sorted(p.name for p in log_file.parent.iterdir())
    assert names == [f"threepass.log{suffix}" for suffix in ("", ".1", ".2", ".3", ".4", ".5")]
    assert all(p.stat().st_size <= 2_000 for p in log_file.parent.iterdir())


def test_a_native_crash_leaves_its_stack_in_the_log_folder(tmp_path: Path) -> None:
    script = (
        "import faulthandler, sys\n"
        "from pathlib import Path\n"
        "from models.logs import record_native_crashes, setup_logging\n"
        "setup_logging(Path(sys.argv[1]))\n"
        "print(record_native_crashes(), flush=True)\n"
        "faulthandler._sigsegv()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")},
        timeout=60,
    )
    assert done.returncode != 0
    crash_log = tmp_path / "data" / "logs" / "native-crashes.log"
    assert done.stdout.strip() == str(crash_log)
    text = crash_log.read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in text
    assert '<string>", line 6' in text  # the Python stack of the crash


def test_an_import_logs_its_fetch_and_what_it_wrote(tmp_path: Path) -> None:
    data = tmp_path / "data"
    readme = require(PAPER_README)
    result = run_cli(
        "--data-dir",
        str(data),
        "import",
        "paper-reading",
        "--from",
        str(readme),
        env=_env(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    text = (data / "logs" / "threepass.log").read_text(encoding="utf-8")
    assert f"paper-reading: fetched {readme}" in text
    assert "import written: paper-reading: " in text
    assert " added, " in text

    gone = tmp_path / "gone.md"
    result = run_cli(
        "--data-dir", str(data), "import", "paper-reading", "--from", str(gone), env=_env(tmp_path)
    )
    assert result.returncode == 2
    text = (data / "logs" / "threepass.log").read_text(encoding="utf-8")
    assert f"paper-reading: fetching {gone} failed (not_found)" in text


def test_upgrades_backups_and_restores_are_logged(tmp_path: Path) -> None:
    data = tmp_path / "data"
    database_at(data, "0007", [])
    log_file = logs.setup_logging(data)
    assert log_file is not None

    db = open_database(resolve_location(data_dir=data))
    try:
        service = BackupService.for_database(db)
        backup = service.create()
    finally:
        db.close()
    service.restore(backup.path)

    text = log_file.read_text(encoding="utf-8")
    assert "migration step done: upgrade 0007 -> 0008" in text
    assert "migration step done: upgrade 0008 -> 0009" in text
    assert (
        text.index("0007 -> 0008") < text.index("0008 -> 0009") < text.index("upgrade to head done")
    )
    assert "kept before the upgrade" in text
    assert f"automatic backup of {data / 'threepass.sqlite3'} written to {backup.path}" in text
    assert f"restored {backup.path}" in text
