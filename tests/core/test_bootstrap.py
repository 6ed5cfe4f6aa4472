"""scripts/bootstrap.sh's OS step, run for real in bash against stub system tools.

Stubs of ldd, apt-cache, apt-get, id, fc-list and sudo come first on PATH and record their
calls, so nothing is installed; the PySide6 folder is a fake one whose files the stub ldd
describes. The rest of PATH is the real one minus sudo and the stubbed tools, so "no sudo"
holds on machines that have it.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BOOTSTRAP = REPO / "scripts" / "bootstrap.sh"
# mpv too: the machine has it only when a test says so (ensure_player)
STUBBED = {"ldd", "ldconfig", "apt-get", "apt-cache", "id", "fc-list", "sudo", "mpv"}
# The files qt_files lists for the fake PySide6, by base name.
MODULES = ["QtCore", "QtGui", "QtWidgets", "QtNetwork", "QtSvg", "QtTest"]
PLUGINS = ["libqoffscreen.so", "libqxcb.so"]

STUBS = {
    "ldd": """
echo "$1" >>"$STATE/ldd.calls"
out="$STATE/ldd/$(basename "$1")"
[ -f "$out" ] && cat "$out"
exit 0
""",
    "apt-get": """
echo "$*" >>"$STATE/apt-get.calls"
echo "Reading package lists... Done (apt noise)"
if [ -f "$STATE/apt-get.fails" ]; then echo "E: Unable to locate package $*"; exit 100; fi
case " $* " in *" install "*)
  touch "$STATE/font"
  for out in "$STATE"/ldd/*; do  # what apt can install is found from now on
    [ -f "$out" ] || continue
    grep -F -f "$STATE/unfixable" "$out" >"$out.new" || true
    mv "$out.new" "$out"
  done ;;
esac
""",
    "apt-cache": """
echo "$*" >>"$STATE/apt-cache.calls"
[ "$1" = policy ] || exit 0
shift
for name in "$@"; do
  if grep -qxF "$name" "$STATE/apt-known" 2>/dev/null; then
    printf '%s:\\n  Installed: (none)\\n  Candidate: 1.0-1\\n' "$name"
  fi
done
""",
    "id": 'cat "$STATE/uid"\n',
    "fc-list": '[ -f "$STATE/font" ] && echo "Noto Sans CJK SC"; exit 0\n',
    # sudo that refuses without a password (and there is no terminal to ask on).
    "sudo-refuses": 'echo "$*" >>"$STATE/sudo.calls"; exit 1\n',
    "sudo-works": """
echo "$*" >>"$STATE/sudo.calls"
while [ "${1#-}" != "$1" ]; do shift; done
exec "$@"
""",
}


def _write_script(path: Path, body: str) -> None:
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture(scope="session")
def system_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real PATH's programs in one folder, without sudo and the stubbed tools."""
    folder = tmp_path_factory.mktemp("system-bin")
    for entry in os.environ["PATH"].split(os.pathsep):
        if not entry or not os.path.isdir(entry):
            continue
        for program in os.scandir(entry):
            target = folder / program.name
            if program.name in STUBBED or target.exists() or target.is_symlink():
                continue
            if program.is_file() and os.access(program.path, os.X_OK):
                target.symlink_to(program.path)
    return folder


@dataclass
class Machine:
    """A pretend Debian machine: what ldd cannot find, what apt knows, who runs the script."""

    root: Path
    system_bin: Path
    uid: int = 0
    apt: bool = True
    sudo: str | None = None  # None: not installed; "refuses" or "works"
    font: bool = True
    apt_known: set[str] = field(default_factory=set)
    not_found: dict[str, list[str]] = field(default_factory=dict)  # file name -> sonames
    unfixable: set[str] = field(default_factory=set)  # sonames no package provides

    @property
    def state(self) -> Path:
        return self.root / "state"

    @property
    def venv(self) -> Path:
        return self.root / "venv"

    def _prepare(self) -> dict[str, str]:
        pyside = self.root / "site-packages" / "PySide6"
        platforms = pyside / "Qt" / "plugins" / "platforms"
        platforms.mkdir(parents=True, exist_ok=True)
        for module in MODULES:
            (pyside / f"{module}.abi3.so").touch()
        for plugin in PLUGINS:
            (platforms / plugin).touch()
        (self.venv / "bin").mkdir(parents=True, exist_ok=True)
        _write_script(self.venv / "bin" / "python", f'echo "{pyside}"\n')

        self.state.mkdir(exist_ok=True)
        (self.state / "uid").write_text(f"{self.uid}\n")
        (self.state / "apt-known").write_text("".join(f"{name}\n" for name in self.apt_known))
        (self.state / "unfixable").write_text("".join(f"{name}\n" for name in self.unfixable))
        if self.font:
            (self.state / "font").touch()
        for file_name, sonames in self.not_found.items():
            (self.state / "ldd").mkdir(exist_ok=True)
            lines = [f"\t{soname} => not found\n" for soname in sonames]
            (self.state / "ldd" / file_name).write_text(
                "\tlibc.so.6 => /lib/libc.so.6\n" + "".join(lines)
            )

        stubs = self.root / "stubs"
        stubs.mkdir(exist_ok=True)
        names = ["ldd", "id", "fc-list"] + (["apt-get", "apt-cache"] if self.apt else [])
        for name in names:
            _write_script(stubs / name, STUBS[name])
        if self.sudo:
            _write_script(stubs / "sudo", STUBS[f"sudo-{self.sudo}"])
        return {
            "PATH": f"{stubs}{os.pathsep}{self.system_bin}",
            "STATE": str(self.state),
            "HOME": str(self.root),
            "LC_ALL": "C.UTF-8",
            "THREEPASS_VENV": str(self.venv),
        }

    def run(self, command: str, **env: str) -> subprocess.CompletedProcess[str]:
        bash = shutil.which("bash")
        assert bash is not None
        return subprocess.run(
            [bash, "-c", f'. "{BOOTSTRAP}"; {command}'],
            env={**self._prepare(), **env},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            cwd=self.root,
            timeout=60,
        )

    def calls(self, tool: str) -> list[str]:
        path = self.state / f"{tool}.calls"
        return path.read_text().splitlines() if path.exists() else []


@pytest.fixture
def machine(tmp_path: Path, system_bin: Path) -> Machine:
    return Machine(root=tmp_path, system_bin=system_bin)


@pytest.mark.parametrize(
    ("apt_known", "expected"),
    [
        ({"libglib2.0-0t64"}, "libglib2.0-0t64"),  # Debian 13, Ubuntu 24.04
        ({"libglib2.0-0"}, "libglib2.0-0"),  # Debian 12
        ({"libglib2.0-0", "libglib2.0-0t64"}, "libglib2.0-0"),
    ],
)
def test_a_missing_glib_installs_the_package_apt_has(
    machine: Machine, apt_known: set[str], expected: str
) -> None:
    machine.apt_known = apt_known
    machine.not_found = {"QtCore.abi3.so": ["libglib-2.0.so.0", "libgthread-2.0.so.0"]}

    result = machine.run("ensure_os_libraries headless")

    assert result.returncode == 0, result.stderr
    assert machine.calls("apt-get") == [
        "update",
        f"install -y --no-install-recommends {expected}",
    ]
    assert f"Installing {expected} (log: " in result.stdout
    assert result.stdout.rstrip().endswith("Checking OS libraries… ok")


def test_nothing_missing_never_calls_apt(machine: Machine) -> None:
    result = machine.run("ensure_os_libraries app")

    assert result.returncode == 0, result.stderr
    assert result.stdout == "Checking OS libraries… ok\n"
    checked = {Path(line).name for line in machine.calls("ldd")}
    assert {"QtCore.abi3.so", "libqoffscreen.so", "libqxcb.so"} <= checked
    assert machine.calls("apt-get") == []
    assert machine.calls("apt-cache") == []


def test_a_missing_cjk_font_installs_noto_cjk(machine: Machine) -> None:
    machine.font = False
    machine.apt_known = {"fonts-noto-cjk"}

    result = machine.run("ensure_os_libraries headless")

    assert result.returncode == 0, result.stderr
    assert "missing a CJK font" in result.stdout
    assert machine.calls("apt-get")[-1] == "install -y --no-install-recommends fonts-noto-cjk"


@pytest.mark.parametrize(
    ("sudo", "env"),
    [
        (None, {}),  # no sudo installed
        ("refuses", {}),  # sudo wants a password and there is no terminal to ask on
        ("works", {"THREEPASS_NO_SUDO": "1"}),
    ],
    ids=["no-sudo", "sudo-needs-password", "THREEPASS_NO_SUDO"],
)
def test_non_root_without_sudo_prints_the_install_command(
    machine: Machine, sudo: str | None, env: dict[str, str]
) -> None:
    machine.uid = 1000
    machine.sudo = sudo
    machine.font = False
    machine.apt_known = {"libegl1", "libglib2.0-0t64", "fonts-noto-cjk"}
    machine.not_found = {"libqoffscreen.so": ["libEGL.so.1", "libglib-2.0.so.0"]}

    result = machine.run("ensure_os_libraries headless", **env)

    assert result.returncode == 1
    wanted = "fonts-noto-cjk libegl1 libglib2.0-0t64"
    if sudo is None:  # no sudo to suggest: the root command
        assert f"\n    su -c 'apt-get install {wanted}'" in result.stderr
        assert "sudo apt-get" not in result.stderr
    else:
        assert f"\n    sudo apt-get install {wanted}\n" in result.stderr
    assert machine.calls("apt-get") == []
    assert machine.calls("sudo") == (["-n true"] if sudo == "refuses" else [])


def test_non_root_with_passwordless_sudo_installs_through_it(machine: Machine) -> None:
    machine.uid = 1000
    machine.sudo = "works"
    machine.apt_known = {"libegl1"}
    machine.not_found = {"QtGui.abi3.so": ["libEGL.so.1"]}

    result = machine.run("ensure_os_libraries headless")

    assert result.returncode == 0, result.stderr
    assert machine.calls("sudo")[1:] == [
        "apt-get update",
        "env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libegl1",
    ]


def test_skip_variable_skips_the_whole_step(machine: Machine) -> None:
    machine.font = False
    machine.not_found = {"QtCore.abi3.so": ["libglib-2.0.so.0"]}

    result = machine.run("ensure_os_libraries app", THREEPASS_SKIP_OS_PACKAGES="1")

    assert result.returncode == 0, result.stderr
    assert "skipped" in result.stdout
    assert machine.calls("ldd") == []
    assert machine.calls("apt-get") == []


def test_headless_needs_no_xcb_library(machine: Machine) -> None:
    machine.apt_known = {"libxcb-cursor0"}
    machine.not_found = {"libqxcb.so": ["libxcb-cursor.so.0"]}

    headless = machine.run("ensure_os_libraries headless")
    assert headless.returncode == 0, headless.stderr
    assert headless.stdout == "Checking OS libraries… ok\n"
    assert machine.calls("apt-get") == []
    assert not any("xcb" in Path(line).name for line in machine.calls("ldd"))

    app = machine.run("ensure_os_libraries app")
    assert app.returncode == 0, app.stderr
    assert machine.calls("apt-get")[-1] == "install -y --no-install-recommends libxcb-cursor0"


def test_an_unknown_library_is_reported_by_name(machine: Machine) -> None:
    machine.apt_known = {"libegl1"}
    machine.not_found = {"QtGui.abi3.so": ["libEGL.so.1", "libqtweird-9.so.4"]}
    machine.unfixable = {"libqtweird-9.so.4"}

    result = machine.run("ensure_os_libraries headless")

    assert result.returncode == 1
    assert "libqtweird-9.so.4" in result.stderr
    # What apt does know is still installed; the check after it names what is left.
    assert machine.calls("apt-get")[-1] == "install -y --no-install-recommends libegl1"


def test_apt_output_goes_to_the_log_and_a_failure_shows_its_end(machine: Machine) -> None:
    machine.apt_known = {"libegl1"}
    machine.not_found = {"QtGui.abi3.so": ["libEGL.so.1"]}
    machine._prepare()
    (machine.state / "apt-get.fails").touch()

    result = machine.run("ensure_os_libraries headless")

    log = machine.venv / "setup.log"
    assert result.returncode == 1
    assert "apt noise" not in result.stdout
    assert "apt noise" in log.read_text()
    assert str(log) in result.stderr
    assert "E: Unable to locate package update" in result.stderr


def test_without_apt_the_missing_files_are_listed(machine: Machine) -> None:
    machine.apt = False
    machine.not_found = {"libqxcb.so": ["libxkbcommon-x11.so.0"]}

    result = machine.run("ensure_os_libraries app")

    assert result.returncode == 1
    assert "libxkbcommon-x11.so.0" in result.stderr


def test_the_real_pyside6_headless_set_loads_no_xcb_plugin(machine: Machine) -> None:
    result = machine.run("qt_files headless; echo ==; qt_files app", THREEPASS_VENV=sys.prefix)

    assert result.returncode == 0, result.stderr
    headless, app = (part.split() for part in result.stdout.split("=="))
    assert all(Path(path).exists() for path in headless + app)
    assert any(path.endswith("platforms/libqoffscreen.so") for path in headless)
    assert not any("xcb" in Path(path).name for path in headless)
    assert any(path.endswith("platforms/libqxcb.so") for path in app)


def test_the_venv_stamp_follows_the_constraints_file(machine: Machine) -> None:
    root = machine.root / "repo"
    (root / "constraints").mkdir(parents=True)
    (root / "pyproject.toml").write_text("[project]\n")
    constraints = root / "constraints" / "ci.txt"
    stamps = 'ROOT="$PWD/repo"; venv_stamp test; venv_stamp app'

    constraints.write_text("ruff==1.0\n")
    before = machine.run(stamps).stdout.splitlines()
    constraints.write_text("ruff==1.1\n")
    after = machine.run(stamps).stdout.splitlines()

    assert len(before) == 2
    assert before[0] != after[0]  # the test env reinstalls
    assert before[1] == after[1]  # the app's does not use the constraints


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_test_tools_are_pinned_as_in_the_constraints_file() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())
    constraints = {}
    for line in (REPO / "constraints" / "ci.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            constraints[_canonical(name)] = version
    for requirement in pyproject["project"]["optional-dependencies"]["test"]:
        name, _, version = requirement.partition("==")
        assert version, f"{requirement} is not pinned"
        assert constraints.get(_canonical(name)) == version, requirement


def test_every_pin_installs_on_the_oldest_python_the_project_supports() -> None:
    """Debian 12 ships Python 3.11.2: a pin that needs 3.11.5 (soupsieve 4.1.4 did) breaks
    scripts/test.sh there although pyproject says ">=3.11". The venv holds exactly the pinned
    versions, so their own Requires-Python is at hand."""
    from importlib import metadata

    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

    oldest = Version(
        tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["requires-python"]
        .removeprefix(">=")
        .strip()
    )
    oldest = Version(f"{oldest.major}.{oldest.minor}.0")  # ">=3.11" admits 3.11.0
    refused = []
    for line in (REPO / "constraints" / "ci.txt").read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        name, version = line.split("==")
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # pinned for another platform or extra: not installed here
        if dist.version != version:
            continue  # this venv was not installed from the constraints
        needs = dist.metadata["Requires-Python"]
        if needs and oldest not in SpecifierSet(needs):
            refused.append(f"{name}=={version} needs Python {needs}")
    assert refused == [], f"pins that Python {oldest} cannot install: {refused}"


# ---- ensure_player: mpv is optional ------------------------------------------------------------
def test_mpv_already_there_is_left_alone(machine: Machine) -> None:
    extra = machine.root / "extra"
    extra.mkdir()
    _write_script(extra / "mpv", "exit 0\n")

    result = machine.run(f'PATH="{extra}:$PATH"; ensure_player')

    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert machine.calls("apt-get") == []


def test_a_missing_mpv_is_installed_as_root(machine: Machine) -> None:
    result = machine.run("ensure_player")

    assert result.returncode == 0, result.stderr
    assert machine.calls("apt-get") == ["install -y --no-install-recommends mpv"]
    assert "Installing mpv, optional (log: " in result.stdout
    assert result.stdout.rstrip().endswith("done")


def test_a_failed_mpv_install_is_not_fatal(machine: Machine) -> None:
    machine.state.mkdir(parents=True, exist_ok=True)
    (machine.state / "apt-get.fails").touch()

    result = machine.run("ensure_player; echo next step")

    assert result.returncode == 0, result.stderr
    assert "failed: Watch opens videos in the browser" in result.stdout
    assert result.stdout.rstrip().endswith("next step")


def test_without_sudo_the_mpv_command_is_printed(machine: Machine) -> None:
    machine.uid = 1000

    result = machine.run("ensure_player; echo next step")

    assert result.returncode == 0, result.stderr
    assert "sudo apt-get install mpv" in result.stdout
    assert machine.calls("apt-get") == []
    assert result.stdout.rstrip().endswith("next step")
