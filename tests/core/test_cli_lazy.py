"""The parser imports a command's module only when that command runs, and says the same."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from contextlib import redirect_stdout

import pytest

from desktop.cli import COMMAND_MODULES, COMMANDS, IMPORT_SOURCES, build_parser
from tests.core.core_support import REPO

HEAVY = ("alembic", "bs4", "requests", "markdown_it", "sqlalchemy", "PySide6", "shtab")


def _subparsers(
    parser: argparse.ArgumentParser,
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def _help_of(parser: argparse.ArgumentParser, *path: str) -> str:
    for name in path:
        parser = _subparsers(parser).choices[name]
    return parser.format_help()


def _registered() -> dict[str, list[tuple[str, str, str]]]:
    """What each command module registers: {"commands"|"imports": [(name, module, help)]}."""
    import importlib

    found: dict[str, list[tuple[str, str, str]]] = {"commands": [], "imports": []}

    class Recorder:
        module = ""

        def command(self, name: str, help_text: str, _handler: object) -> argparse.ArgumentParser:
            found["commands"].append((name, self.module, help_text))
            return argparse.ArgumentParser()

        def import_source(
            self, name: str, help_text: str, _handler: object
        ) -> argparse.ArgumentParser:
            found["imports"].append((name, self.module, help_text))
            return argparse.ArgumentParser()

    recorder = Recorder()
    for module_name in COMMAND_MODULES:
        recorder.module = module_name
        importlib.import_module(module_name).register(recorder)
    return found


def test_declarations_match_what_the_modules_register() -> None:
    registered = _registered()
    assert list(COMMANDS) == registered["commands"]  # same names, modules, help, order
    assert list(IMPORT_SOURCES) == registered["imports"]


def _walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [path]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                paths.extend(_walk(sub, (*path, name)))
    return paths


def test_every_help_text_is_the_same_as_with_every_module_loaded() -> None:
    full = build_parser(load_all=True)
    paths = _walk(full)
    assert ("company", "add") in paths
    assert ("import", "notes") in paths
    for path in paths:
        # `threepass PATH --help` on a fresh parser: the command's module loads for it only
        out = io.StringIO()
        with redirect_stdout(out), pytest.raises(SystemExit):
            build_parser().parse_args([*path, "--help"])
        assert out.getvalue() == _help_of(full, *path), path


def test_parsing_a_command_gives_the_same_namespace() -> None:
    argv = ["--data-dir", "/tmp/x", "import", "notes", "n.md", "--map", "A=paper", "--preview"]
    lazy = vars(build_parser().parse_args(argv))
    full = vars(build_parser(load_all=True).parse_args(argv))
    assert lazy == full
    assert lazy["handler"].__module__ == "desktop.cli.import_cmds"


def test_bad_arguments_of_a_lazy_command_still_show_its_usage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["pass", "7"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "usage: threepass pass [-h] [--force] ITEM_ID {1,2,3} {start,done,reset}" in err


def test_version_goes_to_stdout() -> None:
    out = io.StringIO()
    with redirect_stdout(out), pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["--version"])
    assert exit_.value.code == 0
    assert out.getvalue().startswith("threepass ")
    assert out.getvalue()[10].isdigit()


def _modules_after(code: str) -> list[str]:
    script = (
        "import json, sys\n"
        f"{code}\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}"
        " or m.startswith('desktop.cli.'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout.splitlines()[-1]))


def test_starting_the_app_or_printing_help_imports_no_command_module() -> None:
    parsed = _modules_after(
        "from desktop.cli import build_parser\n"
        "build_parser().parse_args(['--data-dir', 'x', '--screenshot', 'a.png'])\n"
        "build_parser().format_help()"
    )
    assert parsed == []


def test_a_command_imports_only_its_own_module() -> None:
    loaded = _modules_after(
        "from desktop.cli import build_parser\nbuild_parser().parse_args(['plan'])"
    )
    assert "desktop.cli.planner_cmds" in loaded
    assert not {"desktop.cli.import_cmds", "desktop.cli.career_cmds", "bs4", "alembic"} & {
        m.split(".")[0] if not m.startswith("desktop") else m for m in loaded
    }
