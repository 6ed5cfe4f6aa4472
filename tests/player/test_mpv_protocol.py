"""models/mpv.py without mpv: the command line, the socket's lines, the tally of time played."""

from __future__ import annotations

from typing import Any

from models import mpv


def pos(value: float | None) -> dict[str, Any]:
    return {"event": "property-change", "id": 3, "name": "time-pos", "data": value}


def test_the_command_line_starts_paused_at_the_speed_and_resumes() -> None:
    args = mpv.command_line(
        "/usr/bin/mpv",
        "https://www.bilibili.com/video/BV1pu411o7BE/",
        speed=1.25,
        ipc_path="/tmp/x.sock",
        start=612.54,
        title="Transformer 论文逐段精读",
        ytdl="/venv/bin/yt-dlp",
    )
    assert args[0] == "/usr/bin/mpv"
    assert {"--pause", "--speed=1.25", "--input-ipc-server=/tmp/x.sock", "--start=612.5"} <= set(
        args
    )
    assert "--script-opts=ytdl_hook-ytdl_path=/venv/bin/yt-dlp" in args
    assert args[-2:] == ["--", "https://www.bilibili.com/video/BV1pu411o7BE/"]
    local = mpv.command_line("mpv", "-weird name.mp4", speed=1.0, ipc_path="p")
    assert not any(a.startswith(("--start", "--script-opts")) for a in local)
    assert local[-2:] == ["--", "-weird name.mp4"]  # a file name is never read as an option


def test_lines_split_across_reads_are_joined() -> None:
    buffer = mpv.LineBuffer()
    assert list(buffer.feed(b'{"event":"seek"}\n{"event":"property-')) == [{"event": "seek"}]
    assert list(buffer.feed(b'change","name":"pause","data":true}\nnot json\n')) == [
        {"event": "property-change", "name": "pause", "data": True}
    ]


def test_time_played_is_media_time_over_speed_and_seeks_add_nothing() -> None:
    tally = mpv.Tally()
    tally.feed({"event": "property-change", "name": "speed", "data": 2.0})
    for value in (100.0, 101.0, 102.0):
        tally.feed(pos(value))
    assert tally.start_position == 100.0
    assert tally.played_seconds == 1.0  # 2 s of video at 2x
    tally.feed({"event": "seek"})
    tally.feed(pos(500.0))  # the jump of a seek
    tally.feed(pos(504.0))
    assert tally.played_seconds == 3.0
    tally.feed(pos(900.0))  # a jump mpv did not announce: not time watched
    assert tally.played_seconds == 3.0
    tally.feed({"event": "property-change", "name": "speed", "data": 1.0})
    tally.feed(pos(901.0))
    assert tally.played_seconds == 4.0
    tally.feed(pos(None))  # unloaded
    tally.feed(pos(903.0))
    assert tally.played_seconds == 4.0


def test_where_to_resume() -> None:
    tally = mpv.Tally(duration=600.0)
    assert tally.resume_position() is None  # nothing known
    tally.feed(pos(3.0))
    assert tally.resume_position() is None  # close to the start: from the start
    tally.feed(pos(300.0))
    assert tally.resume_position() == 300.0
    tally.feed(pos(597.0))
    assert tally.resume_position() is None  # close to the end
    tally.feed(pos(300.0))
    tally.feed({"event": "property-change", "name": "eof-reached", "data": True})
    assert tally.resume_position() is None
