"""What one `threepass sync --json` child reported, read into plain values (no Qt).

`threepass sync --json` prints one JSON object (desktop/cli/sync_cmds.py): sent, applied
per device, resolved, the kept conflict copies, and the refusals, with a non-zero exit when
it refused. An error before the report (a damaged library, a folder gone) is one sentence on
stderr (`threepass: …`). Both are read here, so the GUI never parses text meant for people.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

CLI_PREFIX = "threepass: "


@dataclass(frozen=True)
class SyncOutcome:
    ok: bool
    at: datetime  # when it ended, UTC (the context's clock)
    sent: int = 0  # changes written for the other devices
    applied: int = 0  # changes of the other devices applied here
    resolved: int = 0  # rows changed on both sides, resolved in this sync
    kept: int = 0  # texts that lost those conflicts, kept as conflict copies
    message: str = ""  # why it failed: the child's own sentence
    report: dict[str, Any] | None = None  # the whole JSON report, for the details


def _count(value: object) -> int:
    """A count the report gives as a number, as counts per device, or as the list of what
    it counts."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, dict):
        return sum(_count(v) for v in value.values())
    if isinstance(value, list | tuple):
        return len(value)
    return 0


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    line = lines[-1]
    return line[len(CLI_PREFIX) :] if line.startswith(CLI_PREFIX) else line


def parse_outcome(stdout: bytes, stderr: bytes, exit_code: int, at: datetime) -> SyncOutcome:
    out = stdout.decode("utf-8", errors="replace")
    err = stderr.decode("utf-8", errors="replace")
    report: dict[str, Any] | None = None
    try:
        parsed = json.loads(out) if out.strip() else None
    except ValueError:
        parsed = None
    if isinstance(parsed, dict):
        report = parsed
    if exit_code != 0 or report is None:
        message = ""
        if report is not None:  # a refusal: its sentences (a newer schema elsewhere, …)
            refused = report.get("refused")
            if isinstance(refused, list):
                message = " ".join(str(sentence) for sentence in refused)
            elif isinstance(refused, str):
                message = refused
        message = message or _last_line(err) or _last_line(out)
        if not message:
            message = f"threepass sync ended with exit code {exit_code} and no message"
        return SyncOutcome(ok=False, at=at, message=message, report=report)
    return SyncOutcome(
        ok=True,
        at=at,
        sent=_count(report.get("sent")),
        applied=_count(report.get("applied")),
        resolved=_count(report.get("resolved")),
        kept=_count(report.get("conflicts")),
        report=report,
    )
