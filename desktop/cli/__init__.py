"""The `threepass` command line: argument parsing and dispatch, free of Qt so scripts start fast.

Each feature registers its subcommands from its own module (see COMMAND_MODULES).
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.version import app_version

# Modules with a `register(registry: CommandRegistry) -> None` function.
COMMAND_MODULES = (
    "desktop.cli.library_cmds",
    "desktop.cli.import_cmds",
    "desktop.cli.career_cmds",
    "desktop.cli.planner_cmds",
    "desktop.cli.safety_cmds",
)

Handler = Callable[[argparse.Namespace], int]


@dataclass
class CommandRegistry:
    """Where feature modules add subcommands; `import` has its own nested sources."""

    commands: argparse._SubParsersAction
    imports: argparse._SubParsersAction
    handlers: dict[str, Handler] = field(default_factory=dict)

    def command(self, name: str, help_text: str, handler: Handler) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = self.commands.add_parser(
            name, help=help_text, description=help_text
        )
        parser.set_defaults(handler=handler)
        return parser

    def import_source(self, name: str, help_text: str, handler: Handler) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = self.imports.add_parser(
            name, help=help_text, description=help_text
        )
        parser.set_defaults(handler=handler)
        return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="threepass",
        description=(
            "ThreePass: plan and record Li Mu's watch-it-three-times study method. "
            "Without a command, opens the desktop app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"threepass {app_version()}")
    location = parser.add_argument_group("data location (first one given wins)")
    location.add_argument("--database-url", metavar="URL", help="any SQLAlchemy database URL")
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
    gui.add_argument("--lang", metavar="LOCALE", help="UI language override, e.g. zh_CN or en")
    gui.add_argument("--theme", choices=["system", "light", "dark"], help="colour theme override")
    gui.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add ThreePass to the desktop menu (Linux, freedesktop .desktop file)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    import_parser = sub.add_parser(
        "import", help="import a source into the library", description="Import a source."
    )
    imports = import_parser.add_subparsers(dest="source", metavar="SOURCE", required=True)
    registry = CommandRegistry(commands=sub, imports=imports)
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as err:
            if err.name != module_name:
                raise
            continue  # feature not built yet
        module.register(registry)
    return parser
