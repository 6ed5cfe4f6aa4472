"""`threepass completion {bash,zsh,fish}`: scripts generated from the parser that shells load."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from desktop.cli import COMMANDS, build_parser
from desktop.cli.completion_cmds import install_path
from tests.ci_tools import required_tool
from tests.core.core_support import CliRunner, run_cli

COMMAND_NAMES = sorted({"import", *(name for name, _module, _help in COMMANDS)})


@pytest.fixture(scope="module")
def bash_script(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bash script as the real program prints it."""
    result = run_cli("completion", "bash")
    assert result.returncode == 0, result.stderr
    path = tmp_path_factory.mktemp("completion") / "threepass.bash"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def bash_complete(script: Path, *words: str) -> list[str]:
    """What bash offers for `threepass WORDS` (the last word is being completed)."""
    bash = required_tool("bash", "bash")
    line = " ".join(["threepass", *words])
    program = (
        f'source "{script}"\n'
        "complete -p threepass >/dev/null || exit 3\n"
        'COMP_WORDS=(threepass "$@"); COMP_CWORD=$#\n'
        f"COMP_LINE={line!r}; COMP_POINT=${{#COMP_LINE}}\n"
        "spec=$(complete -p threepass); function=${spec##*-F }; function=${function%% *}\n"
        '"$function" threepass "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"\n'
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        [bash, "--norc", "--noprofile", "-c", program, "bash", *words],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line]


def test_bash_completes_commands_and_the_options_of_a_lazy_command(bash_script: Path) -> None:
    assert bash_complete(bash_script, "comp") == ["companies", "company", "completion"]
    assert set(bash_complete(bash_script, "")) >= set(COMMAND_NAMES)
    assert bash_complete(bash_script, "backup", "--l") == ["--list"]
    assert bash_complete(bash_script, "import", "pa") == ["paper-reading"]
    assert bash_complete(bash_script, "--the") == ["--theme"]


def test_every_command_is_in_every_script(cli: CliRunner) -> None:
    for shell in ("bash", "zsh", "fish"):
        result = cli("completion", shell)
        assert result.returncode == 0, result.stderr
        for name in COMMAND_NAMES:
            assert name in result.stdout, (shell, name)
    assert cli("completion", "zsh").stdout.startswith("#compdef threepass")


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_parse(shell: str, cli: CliRunner, tmp_path: Path) -> None:
    program = required_tool(shell, shell)
    script = tmp_path / f"completion.{shell}"
    script.write_text(cli("completion", shell).stdout, encoding="utf-8")
    result = subprocess.run([program, "-n", str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_fish_completes_subcommands_and_options(cli: CliRunner, tmp_path: Path) -> None:
    fish = required_tool("fish", "fish")
    script = tmp_path / "threepass.fish"
    script.write_text(cli("completion", "fish").stdout, encoding="utf-8")

    def offers(line: str) -> list[str]:
        result = subprocess.run(
            [fish, "--no-config", "-c", f"source {script}; complete -C {line!r}"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return [row.split("\t")[0] for row in result.stdout.splitlines()]

    assert offers("threepass comp") == ["companies", "company", "completion"]
    assert offers("threepass company ") == ["add"]
    assert "--with-questionnaires" in offers("threepass import fastai --w")
    assert sorted(offers("threepass --theme ")) == ["dark", "light", "system"]


def test_install_writes_where_each_shell_looks(cli: CliRunner, tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "data")}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    assert install_path("bash", env) == tmp_path / "data/bash-completion/completions/threepass"
    assert install_path("zsh", env) == tmp_path / "data/zsh/site-functions/_threepass"
    assert install_path("fish", env) == tmp_path / "config/fish/completions/threepass.fish"
    assert install_path("fish", {"HOME": "/h"}) == Path(
        "/h/.config/fish/completions/threepass.fish"
    )
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        mp.delenv("BASH_COMPLETION_USER_DIR", raising=False)
        result = cli("completion", "bash", "--install")
    assert result.returncode == 0, result.stderr
    installed = install_path("bash", env)
    assert str(installed) in result.stdout
    assert bash_complete(installed, "comp") == ["companies", "company", "completion"]


def test_the_completion_command_is_declared_for_help() -> None:
    assert "completion" in build_parser().format_help()
