"""The `threepass` command line: argument parsing and dispatch, free of Qt so scripts start fast.

Each feature registers its subcommands from its own module (see COMMAND_MODULES). Those
modules import SQLAlchemy, Alembic, the importers (bs4, requests, markdown-it)...: importing
them all on every start cost ~0.75 s before the desktop app could begin. So the parser is
built from the light declarations below (name, module, one-line help: what `threepass
--help` lists) and a command's module is imported only when that command is parsed or its
help is shown. `tests/core/test_cli_lazy.py` checks the declarations against what the
modules register.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn

# Modules with a `register(registry: CommandRegistry) -> None` function.
COMMAND_MODULES = (
    "desktop.cli.library_cmds",
    "desktop.cli.import_cmds",
    "desktop.cli.career_cmds",
    "desktop.cli.planner_cmds",
    "desktop.cli.safety_cmds",
    "desktop.cli.sync_cmds",
    "desktop.cli.remind_cmds",
    "desktop.cli.completion_cmds",
)

# (name, module registering it, help) in `--help` order. A module registers all its
# commands when it is loaded; the help text must equal the one the module passes.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("list", "desktop.cli.library_cmds", "list every item with its three passes"),
    ("pass", "desktop.cli.library_cmds", "start, finish or reset one pass of an item"),
    (
        "export",
        "desktop.cli.library_cmds",
        "write the whole database as one JSON document (docs/json-format.md)",
    ),
    ("companies", "desktop.cli.career_cmds", "list target companies"),
    (
        "company",
        "desktop.cli.career_cmds",
        "add a company by hand: `threepass company add NAME [...]`",
    ),
    ("questions", "desktop.cli.career_cmds", "list the interview question bank"),
    (
        "question",
        "desktop.cli.career_cmds",
        "add a question to the bank: `threepass question add TEXT`",
    ),
    (
        "review",
        "desktop.cli.career_cmds",
        "grade a review of a question, 0-5 (FSRS schedules the next one)",
    ),
    ("link", "desktop.cli.career_cmds", "link a study item to a company or a question"),
    ("apply", "desktop.cli.career_cmds", "start an application at a company; prints its id"),
    (
        "application",
        "desktop.cli.career_cmds",
        "show an application or move it to another status",
    ),
    (
        "readiness",
        "desktop.cli.career_cmds",
        "how ready you are for a company, and what to do next",
    ),
    ("plan", "desktop.cli.planner_cmds", "print what to study on a day (default today)"),
    ("stats", "desktop.cli.planner_cmds", "print study statistics (streaks, hours, progress)"),
    ("timer", "desktop.cli.planner_cmds", "start or stop the study timer on one pass"),
    (
        "backup",
        "desktop.cli.safety_cmds",
        "back up the database (to FILE, or into the data folder's backups/ with rotation)",
    ),
    (
        "restore",
        "desktop.cli.safety_cmds",
        "replace the database with a backup (the current one is backed up or moved aside first)",
    ),
    (
        "sync",
        "desktop.cli.sync_cmds",
        "sync the library with your other devices through a shared folder (docs/sync.md)",
    ),
    (
        "remind",
        "desktop.cli.remind_cmds",
        "print what is due today (passes, questions, follow-ups); --notify also shows it",
    ),
    (
        "completion",
        "desktop.cli.completion_cmds",
        "print or install shell completion for bash, zsh or fish",
    ),
)

# `threepass import SOURCE`: (source, module registering it, help).
IMPORT_SOURCES: tuple[tuple[str, str, str], ...] = (
    ("json", "desktop.cli.library_cmds", "load a document written by `threepass export --json`"),
    (
        "paper-reading",
        "desktop.cli.import_cmds",
        "videos and papers of Li Mu's paper-reading list",
    ),
    ("fastai", "desktop.cli.import_cmds", "lessons of the fast.ai course"),
    ("notes", "desktop.cli.import_cmds", "your Markdown study notes"),
)

Handler = Callable[[argparse.Namespace], int]


class LazyParser(argparse.ArgumentParser):
    """A subcommand parser whose arguments come from its module, imported on first use.

    `threepass --help` needs only the name and help line; parsing the command's arguments
    or printing its own help loads the module first. Without a loader (nested parsers such
    as `company add`) it is a plain ArgumentParser.
    """

    loader: Callable[[], None] | None = None

    def _load(self) -> None:
        loader, self.loader = self.loader, None
        if loader is not None:
            loader()

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> tuple[argparse.Namespace, list[str]]:
        self._load()
        return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        self._load()
        return super().format_usage()

    def format_help(self) -> str:
        self._load()
        return super().format_help()

    def error(self, message: str) -> NoReturn:
        self._load()
        super().error(message)


@dataclass
class CommandRegistry:
    """Where feature modules add subcommands; `import` has its own nested sources.

    A declared command already has its (empty) parser: registering it fills that parser
    instead of adding a second one.
    """

    commands: argparse._SubParsersAction[LazyParser]
    imports: argparse._SubParsersAction[LazyParser]
    handlers: dict[str, Handler] = field(default_factory=dict)

    def command(self, name: str, help_text: str, handler: Handler) -> argparse.ArgumentParser:
        return self._parser(self.commands, name, help_text, handler)

    def import_source(self, name: str, help_text: str, handler: Handler) -> argparse.ArgumentParser:
        return self._parser(self.imports, name, help_text, handler)

    def _parser(
        self,
        action: argparse._SubParsersAction[LazyParser],
        name: str,
        help_text: str,
        handler: Handler,
    ) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser | None = action.choices.get(name)
        if parser is None:  # not declared: still usable, though `--help` lists no help line
            parser = action.add_parser(name, help=help_text, description=help_text)
        parser.description = help_text
        parser.set_defaults(handler=handler)
        self.handlers[name] = handler
        return parser


class _VersionAction(argparse.Action):
    """`--version` reads the package metadata only when asked (importlib.metadata is slow)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kw: Any):
        super().__init__(option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0, **kw)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from desktop.version import app_version

        parser._print_message(f"threepass {app_version()}\n", sys.stdout)
        parser.exit()


class _ModuleLoader:
    """Imports each command module once and lets it fill its declared parsers."""

    def __init__(self, registry: CommandRegistry) -> None:
        self.registry = registry
        self.loaded: set[str] = set()

    def __call__(self, module_name: str) -> None:
        if module_name in self.loaded:
            return
        self.loaded.add(module_name)
        importlib.import_module(module_name).register(self.registry)

    def bind(self, parser: argparse.ArgumentParser, module_name: str) -> None:
        assert isinstance(parser, LazyParser)
        parser.loader = lambda: self(module_name)

    def load_all(self) -> None:
        for module_name in COMMAND_MODULES:
            try:
                self(module_name)
            except ModuleNotFoundError as err:
                if err.name != module_name:
                    raise  # feature not built yet: skipped, else a real missing dependency


def window_size(text: str) -> tuple[int, int]:
    """`1024x700` → (1024, 700): a size a screen can show."""
    width, sep, height = text.lower().partition("x")
    if sep and width.isdigit() and height.isdigit():
        size = int(width), int(height)
        if 320 <= size[0] <= 7680 and 240 <= size[1] <= 4320:
            return size
    raise argparse.ArgumentTypeError(f"{text!r} is not a window size like 1024x700")


def build_parser(*, load_all: bool = False) -> argparse.ArgumentParser:
    """The whole `threepass` parser; command modules load when their command is parsed.

    `load_all` imports every command module now (tests that inspect every option).
    """
    parser = argparse.ArgumentParser(
        prog="threepass",
        # `completion bash --install` must reach its command: with abbreviations on, the
        # top level reads `--install` as an ambiguous --install-desktop-entry/-reminders.
        allow_abbrev=False,
        description=(
            "ThreePass: plan and record Li Mu's watch-it-three-times study method. "
            "Without a command, opens the desktop app."
        ),
    )
    parser.add_argument(
        "--version", action=_VersionAction, help="show program's version number and exit"
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="also print the log (debug messages included) on stderr",
    )
    location = parser.add_argument_group("data location (first one given wins)")
    location.add_argument(
        "--database-url",
        metavar="URL",
        help="an SQLite database URL, sqlite:////path/to/threepass.sqlite3 (SQLite only)",
    )
    location.add_argument("--data-dir", metavar="DIR", help="folder holding threepass.sqlite3")
    gui = parser.add_argument_group("desktop app")
    gui.add_argument(
        "--screenshot",
        metavar="FILE.png",
        help="render the main window on the current data, save it as PNG and exit",
    )
    gui.add_argument(
        "--view",
        default="library",
        choices=[
            "library",
            "item",
            "today",
            "week",
            "companies",
            "board",
            "questions",
            "stats",
            "notes",
        ],
        help="the view --screenshot shows (default: library)",
    )
    gui.add_argument(
        "--size",
        metavar="WxH",
        type=window_size,
        default=(1280, 800),
        help="the window size --screenshot renders at (default: 1280x800)",
    )
    gui.add_argument("--lang", metavar="LOCALE", help="UI language override, e.g. zh_CN or en")
    gui.add_argument("--theme", choices=["system", "light", "dark"], help="colour theme override")
    gui.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add ThreePass to the desktop menu (Linux, freedesktop .desktop file)",
    )
    gui.add_argument(
        "--install-reminders",
        action="store_true",
        help="write a systemd user timer that runs `threepass remind --notify` daily at the "
        "time chosen in Preferences (Linux)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=LazyParser)
    import_parser = sub.add_parser(
        "import", help="import a source into the library", description="Import a source."
    )
    imports = import_parser.add_subparsers(
        dest="source", metavar="SOURCE", required=True, parser_class=LazyParser
    )
    registry = CommandRegistry(commands=sub, imports=imports)
    loader = _ModuleLoader(registry)
    for declared, action in ((IMPORT_SOURCES, imports), (COMMANDS, sub)):
        for name, module_name, help_text in declared:
            declared_parser = action.add_parser(name, help=help_text, description=help_text)
            loader.bind(declared_parser, module_name)
    if load_all:
        loader.load_all()
    return parser
