"""`--install-desktop-entry`, `--version`, `--help` of every subcommand."""

from __future__ import annotations

import argparse
import configparser
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtSvg import QSvgRenderer

from desktop import integration
from desktop.app import main
from desktop.cli import build_parser
from desktop.version import app_version
from tests.ci_tools import required_tool


def _read_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_install_desktop_entry(tmp_path: Path) -> None:
    message = integration.install_desktop_entry(environ={"XDG_DATA_HOME": str(tmp_path)})
    entry_path = tmp_path / "applications" / "threepass.desktop"
    icon_path = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "threepass.svg"
    assert str(entry_path) in message
    entry = _read_entry(entry_path)
    assert entry["Type"] == "Application"
    assert entry["Icon"] == "threepass"
    assert entry["Name[zh_CN]"].startswith("ThreePass")
    program = entry["Exec"].split()[0]
    assert Path(program).is_file(), "Exec points at this installation's threepass"
    assert Path(program).parent == Path(sys.executable).parent
    assert QSvgRenderer(str(icon_path)).isValid()
    metainfo = tmp_path / "metainfo" / "threepass.metainfo.xml"
    assert metainfo.read_bytes() == integration.METAINFO.read_bytes()
    assert str(metainfo) in message


def validator(name: str) -> str:
    return required_tool(name, "desktop-file-utils appstream")


def test_desktop_entry_passes_desktop_file_validate(tmp_path: Path) -> None:
    integration.install_desktop_entry(environ={"XDG_DATA_HOME": str(tmp_path)})
    entry = tmp_path / "applications" / "threepass.desktop"
    result = subprocess.run(
        [validator("desktop-file-validate"), str(entry)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": error:" not in result.stdout + result.stderr


def test_metainfo_passes_appstreamcli_validate() -> None:
    metainfo = integration.METAINFO
    root = ElementTree.parse(metainfo).getroot()
    assert root.findtext("id") == integration.DESKTOP_ID
    assert root.findtext("launchable") == f"{integration.DESKTOP_ID}.desktop"
    assert metainfo.name == f"{integration.DESKTOP_ID}.metainfo.xml"
    # The project owns no domain to name itself after: the id stays the desktop file's
    # name (also the Wayland app id) and this one advice is shown as information.
    command = [validator("appstreamcli"), "validate", "--no-net", "--pedantic"]
    command += ["--override=cid-desktopapp-is-not-rdns=info", str(metainfo)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_exec_quotes_paths_with_spaces(tmp_path: Path) -> None:
    bindir = tmp_path / "my env" / "bin"
    bindir.mkdir(parents=True)
    (bindir / "threepass").write_text("#!/bin/sh\n", encoding="utf-8")
    integration.install_desktop_entry(
        environ={"XDG_DATA_HOME": str(tmp_path / "share")}, executable=str(bindir / "python")
    )
    entry = _read_entry(tmp_path / "share" / "applications" / "threepass.desktop")
    assert entry["Exec"] == f'"{bindir / "threepass"}"'


def test_cli_flag_writes_under_xdg_data_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["--install-desktop-entry"]) == 0
    assert "threepass.desktop" in capsys.readouterr().out
    assert (tmp_path / "applications" / "threepass.desktop").is_file()


def test_cli_flag_reports_an_unwritable_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert main(["--install-desktop-entry"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("threepass: Cannot write the desktop entry")
    assert err.count("\n") == 1


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"threepass {app_version()}"


def _subcommands(
    parser: argparse.ArgumentParser,
) -> list[tuple[str, argparse.ArgumentParser, str]]:
    """(name, parser, help shown in the parent's listing) for each direct subcommand."""
    found: list[tuple[str, argparse.ArgumentParser, str]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            found.extend((name, sub, helps.get(name, "")) for name, sub in action.choices.items())
    return found


def test_every_subcommand_has_help() -> None:
    parser = build_parser()
    pending = [(name, sub, text) for name, sub, text in _subcommands(parser)]
    assert len(pending) >= 5, "the features registered their subcommands"
    undocumented: list[str] = []
    while pending:
        name, sub, text = pending.pop()
        if not text.strip() and not (sub.description or "").strip():
            undocumented.append(name)
        pending.extend((f"{name} {child}", p, t) for child, p, t in _subcommands(sub))
    assert not undocumented, "no help text: " + ", ".join(sorted(undocumented))
    listing = parser.format_help()
    assert all(name in listing for name, _sub, _text in _subcommands(parser))
