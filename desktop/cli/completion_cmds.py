"""`threepass completion {bash,zsh,fish} [--install]`: shell completion from the real parser.

The scripts are static: the shell completes from them without starting Python, so a TAB
costs nothing and `threepass` itself does not change. bash and zsh come from shtab, which
reads the argparse tree; shtab has no fish output, and argcomplete (which has) runs the
program on every TAB, so the fish script is written here from the same tree. shtab is
imported only by this command.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.output import echo
from models.atomic import write_atomically
from models.errors import ThreePassError

if TYPE_CHECKING:
    from desktop.cli import CommandRegistry

PROG = "threepass"
SHELLS = ("bash", "zsh", "fish")
# Arguments whose value is a path: completed with file (or folder) names.
FILE_METAVARS = ("FILE", "FILE.png", "PATH|URL")
DIR_METAVARS = ("DIR",)


def register(registry: CommandRegistry) -> None:
    p = registry.command(
        "completion", "print or install shell completion for bash, zsh or fish", cmd_completion
    )
    p.add_argument("shell", choices=SHELLS, help="the shell to complete in")
    p.add_argument(
        "--install",
        action="store_true",
        help="write it where the shell finds completions for your user (see docs/install.md)",
    )


# ---- walking the parser --------------------------------------------------------------------
def _subparsers(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield from action.choices.items()


def _help_of(parser: argparse.ArgumentParser, name: str) -> str:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if choice.dest == name:
                    return choice.help or ""
    return ""


def _path_kind(action: argparse.Action) -> str | None:
    metavar = action.metavar if isinstance(action.metavar, str) else None
    if metavar in FILE_METAVARS:
        return "file"
    if metavar in DIR_METAVARS:
        return "dir"
    return None


def full_parser() -> argparse.ArgumentParser:
    """The parser with every command module loaded, file and folder arguments marked."""
    import shtab

    from desktop.cli import build_parser

    parser = build_parser(load_all=True)
    pending = [parser]
    while pending:
        current = pending.pop()
        for action in current._actions:
            kind = _path_kind(action)
            if kind is not None:
                action.complete = shtab.FILE if kind == "file" else shtab.DIRECTORY  # type: ignore[attr-defined]
        pending.extend(sub for _name, sub in _subparsers(current))
    return parser


# ---- fish -----------------------------------------------------------------------------------
def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _fish_condition(path: list[str], children: list[str]) -> str:
    if not path:
        return "__fish_use_subcommand"
    parts = [f"__fish_seen_subcommand_from {name}" for name in path]
    if children:
        parts.append("not __fish_seen_subcommand_from " + " ".join(children))
    return "; and ".join(parts)


def _fish_lines(parser: argparse.ArgumentParser, path: list[str]) -> Iterator[str]:
    subs = list(_subparsers(parser))
    condition = _fish_condition(path, [name for name, _p in subs])
    head = f"complete -c {PROG} -n {_fish_quote(condition)}"
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) or action.help == argparse.SUPPRESS:
            continue
        description = f" -d {_fish_quote(action.help)}" if action.help else ""
        kind = _path_kind(action)
        if action.option_strings:
            flags = "".join(
                f" -l {o[2:]}" if o.startswith("--") else f" -s {o[1:]}"
                for o in action.option_strings
            )
            if action.nargs == 0:
                value = ""
            elif action.choices is not None:
                value = " -x -a " + _fish_quote(" ".join(str(c) for c in action.choices))
            elif kind is not None:
                value = " -r -F"
            else:
                value = " -x"
            yield f"{head}{flags}{value}{description}"
        elif action.choices is not None:
            yield f"{head} -a {_fish_quote(' '.join(str(c) for c in action.choices))}"
        elif kind is not None:
            yield f"{head} -F"
    for name, _sub in subs:
        description = _help_of(parser, name)
        yield f"{head} -a {name}" + (f" -d {_fish_quote(description)}" if description else "")
    for name, sub in subs:
        yield from _fish_lines(sub, [*path, name])


def fish_script(parser: argparse.ArgumentParser) -> str:
    lines = [
        f"# fish completion for {PROG}, generated by `{PROG} completion fish`.",
        f"complete -c {PROG} -f",
        *_fish_lines(parser, []),
    ]
    return "\n".join(lines) + "\n"


def completion_script(shell: str) -> str:
    """The completion script for shell (bash, zsh or fish)."""
    parser = full_parser()
    if shell == "fish":
        return fish_script(parser)
    import shtab

    return str(shtab.complete(parser, shell=shell))


# ---- installing -----------------------------------------------------------------------------
def install_path(shell: str, environ: dict[str, str] | None = None) -> Path:
    """Where each shell looks for a user's completions (bash-completion 2 loads on demand)."""
    env = os.environ if environ is None else environ
    home = Path(env.get("HOME") or Path.home())

    def xdg(name: str, default: str) -> Path:
        value = env.get(name)
        return Path(value) if value and Path(value).is_absolute() else home / default

    if shell == "bash":
        user_dir = env.get("BASH_COMPLETION_USER_DIR")
        base = (
            Path(user_dir) if user_dir else xdg("XDG_DATA_HOME", ".local/share") / "bash-completion"
        )
        return base / "completions" / PROG
    if shell == "zsh":
        return xdg("XDG_DATA_HOME", ".local/share") / "zsh" / "site-functions" / f"_{PROG}"
    return xdg("XDG_CONFIG_HOME", ".config") / "fish" / "completions" / f"{PROG}.fish"


def install(shell: str, environ: dict[str, str] | None = None) -> str:
    target = install_path(shell, environ)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, completion_script(shell))
    except OSError as err:
        raise ThreePassError(
            f"Cannot write the {shell} completion to {target}: {err.strerror or err}."
        ) from err
    message = f"Installed the {shell} completion as {target}; it applies to new shells."
    if shell == "zsh":
        message += (
            f" Add `fpath+=({target.parent})` before `compinit` in ~/.zshrc if that folder "
            "is not in your fpath yet."
        )
    if shell == "bash":
        message += " It needs the bash-completion package."
    return message


def cmd_completion(args: argparse.Namespace) -> int:
    if args.install:
        echo(install(args.shell))
    else:
        sys.stdout.write(completion_script(args.shell))  # a script: written as generated
    return 0
